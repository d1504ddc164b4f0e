/**
 * Enqueueing an operation for the Action facade: each requested task's
 * receiver is resolved (`app/leader` to the leader unit, tags to unit names
 * or machine ids), its action looked up (the predefined `juju-exec`, or the
 * unit charm's actions) and its parameters checked and defaulted with the
 * charm library, as Juju does before inserting a task. A task that fails any
 * of this gets an error entry instead; the rest run.
 */
import type { ActionSpec, CharmActions } from '../../charm/index.js';
import { validateActionParams } from '../../charm/index.js';
import { ErrorCode, JujuError, notSupported, notValid } from '../../core/errors.js';
import {
  isValidMachineId,
  isValidUnitName,
  machineTag,
  operationTag,
  parseTag,
  unitTag,
} from '../../core/names.js';
import type { Charm, ControllerServices } from '../../domain/index.js';
import { errorResult } from '../../rpc/errors.js';
import type { ActionResultWire, ActionWire, EnqueuedActionsWire } from '../../rpc/params/action.js';
import { JUJU_EXEC_ACTION } from '../../rpc/params/action.js';
import { actionResultWire } from './action-wire.js';

/** The predefined `juju-exec` action: a shell command and its timeout in nanoseconds. */
export const JUJU_EXEC_SPEC: ActionSpec = {
  name: JUJU_EXEC_ACTION,
  description: 'predefined juju-exec action',
  parallel: true,
  executionGroup: '',
  params: {
    type: 'object',
    title: JUJU_EXEC_ACTION,
    description: 'predefined juju-exec action params',
    required: ['command', 'timeout'],
    properties: {
      command: { type: 'string', description: 'command to be ran under juju-exec' },
      timeout: { type: 'number', description: 'timeout for command execution' },
      'workload-context': { type: 'boolean', description: 'run the command in the workload context' },
    },
  },
};

const PREDEFINED: Readonly<Record<string, ActionSpec>> = { [JUJU_EXEC_ACTION]: JUJU_EXEC_SPEC };

/** One task ready for the operation service. */
interface PreparedTask {
  readonly receiver: string;
  readonly name: string;
  readonly parameters: Record<string, unknown>;
  readonly parallel: boolean;
  readonly executionGroup: string;
}

const plainError = (message: string): JujuError => new JujuError('', message);

/** `true` when a command mentions the predefined action's binary, which Juju refuses to nest. */
export function hasJujuExecAction(commands: string): boolean {
  return commands.includes(JUJU_EXEC_ACTION) || commands.includes('juju-run');
}

/** The charm's actions as stored with the charm (the parsed `actions.yaml`). */
export function charmActions(charm: Pick<Charm, 'actions'>): CharmActions {
  const actions = charm.actions;
  return actions !== null && typeof actions === 'object' && !Array.isArray(actions)
    ? (actions as CharmActions)
    : {};
}

/** Resolves receivers and checks actions for one model. */
export class TaskPreparer {
  private leaders: Record<string, string> | undefined;

  constructor(
    private readonly services: ControllerServices,
    private readonly modelUuid: string,
  ) {}

  /**
   * The leader unit of `application`.
   * @throws `could not determine leader for "app"` when it has none.
   */
  leaderOf(application: string): string {
    this.leaders ??= this.services.leadership.leaders(this.modelUuid);
    const leader = this.leaders[application];
    if (leader === undefined)
      throw plainError(`could not determine leader for ${JSON.stringify(application)}`);
    return leader;
  }

  /** A receiver as sent (`unit-app-0`, `machine-0`, `app/leader`, or a bare unit name) to a unit or machine. */
  resolveReceiver(receiver: string): { kind: 'unit' | 'machine'; id: string } {
    if (receiver.endsWith('leader')) {
      return { kind: 'unit', id: this.leaderOf(receiver.split('/')[0] ?? '') };
    }
    if (isValidUnitName(receiver)) return { kind: 'unit', id: receiver };
    const tag = parseTag(receiver);
    if (tag.kind !== 'unit' && tag.kind !== 'machine') {
      throw notValid(`invalid action receiver ${JSON.stringify(receiver)}`);
    }
    return { kind: tag.kind, id: tag.id };
  }

  /** Checks one requested task; throws its error. */
  prepare(action: ActionWire): PreparedTask {
    const receiver = this.resolveReceiver(typeof action.receiver === 'string' ? action.receiver : '');
    const name = typeof action.name === 'string' ? action.name : '';
    if (name === '') throw plainError('no action name given');
    const spec =
      receiver.kind === 'unit' ? this.unitSpec(receiver.id, name) : this.machineSpec(receiver.id, name);
    const given = action.parameters;
    const parameters = validateActionParams(
      spec,
      given !== null && typeof given === 'object' && !Array.isArray(given) ? given : {},
    );
    return {
      receiver: receiver.id,
      name,
      parameters,
      parallel: typeof action.parallel === 'boolean' ? action.parallel : spec.parallel,
      executionGroup:
        typeof action['execution-group'] === 'string' ? action['execution-group'] : spec.executionGroup,
    };
  }

  private unitSpec(unitName: string, name: string): ActionSpec {
    const unit = this.services.application.unit(this.modelUuid, unitName);
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const charm =
      unit.charmUrl !== null
        ? this.services.charm.get(this.modelUuid, unit.charmUrl)
        : this.services.application.charm(this.modelUuid, unit.application);
    const spec = charmActions(charm)[name];
    if (spec === undefined) {
      throw plainError(`action ${JSON.stringify(name)} not defined on unit ${JSON.stringify(unitName)}`);
    }
    return spec;
  }

  private machineSpec(machineId: string, name: string): ActionSpec {
    this.services.machine.get(this.modelUuid, machineId);
    const predefined = PREDEFINED[name];
    if (predefined === undefined) {
      throw plainError(
        `cannot add action ${JSON.stringify(name)} to a machine; only predefined actions allowed`,
      );
    }
    return predefined;
  }
}

/** Juju's operation summary: `<action> run on <receivers as given>` (`multiple actions` when they differ). */
export function operationSummary(actions: readonly ActionWire[]): string {
  let name = '';
  for (const a of actions) {
    if (name === '') name = a.name;
    else if (name !== a.name) name = 'multiple actions';
  }
  const receivers = actions.map((a) => a.receiver).filter((r) => typeof r === 'string' && r !== '');
  return `${name} run on ${receivers.join(',')}`;
}

/**
 * Enqueues one operation for `actions`: a task per action that checks out,
 * an error entry (in the same position) per action that does not.
 */
export function enqueueOperation(
  services: ControllerServices,
  modelUuid: string,
  actions: readonly ActionWire[],
): EnqueuedActionsWire {
  if (actions.length === 0) throw new JujuError(ErrorCode.NotValid, 'no actions specified');
  const preparer = new TaskPreparer(services, modelUuid);
  const prepared = actions.map((a): PreparedTask | Error => {
    try {
      return preparer.prepare(a);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  });
  // Tasks refused here still go to the operation service with an empty
  // receiver, which it rejects: the operation then records that enqueueing
  // failed (status `error` when nothing could run), as Juju's does.
  const result = services.operation.enqueue(modelUuid, {
    summary: operationSummary(actions),
    tasks: prepared.map((p, i) =>
      p instanceof Error
        ? { receiver: '', name: actions[i]?.name ?? '' }
        : {
            receiver: p.receiver,
            name: p.name,
            parameters: p.parameters,
            parallel: p.parallel,
            executionGroup: p.executionGroup,
          },
    ),
  });
  const entries = prepared.map((p, i): ActionResultWire => {
    if (p instanceof Error) return errorResult(p);
    const enqueued = result.tasks[i];
    if (enqueued === undefined) return errorResult(new Error('task was not enqueued'));
    return 'task' in enqueued ? actionResultWire(enqueued.task) : errorResult(enqueued.error);
  });
  return { operation: operationTag(result.operation.id), actions: entries };
}

/**
 * The receivers `juju exec` targets: the given units (`app/leader` resolved)
 * and every unit of the given applications, sorted and unique, as unit tags;
 * then the machines as machine tags.
 * @throws `invalid unit name`, `invalid machine id`, `application "x" not found`,
 *   or the leader error.
 */
export function execReceivers(
  services: ControllerServices,
  modelUuid: string,
  units: readonly string[],
  applications: readonly string[],
  machines: readonly string[],
): string[] {
  const preparer = new TaskPreparer(services, modelUuid);
  const unitNames = new Set<string>();
  for (const unit of units)
    unitNames.add(unit.endsWith('leader') ? preparer.leaderOf(unit.split('/')[0] ?? '') : unit);
  for (const app of applications) {
    for (const u of services.application.units(modelUuid, app)) unitNames.add(u.name);
  }
  const receivers: string[] = [];
  for (const name of [...unitNames].sort()) {
    if (!isValidUnitName(name)) throw plainError(`invalid unit name ${JSON.stringify(name)}`);
    receivers.push(unitTag(name));
  }
  for (const id of machines) {
    if (!isValidMachineId(id)) throw plainError(`invalid machine id ${JSON.stringify(id)}`);
    receivers.push(machineTag(id));
  }
  return receivers;
}

/**
 * The `juju-exec` actions for `receivers`.
 * @throws `not supported` when the command itself runs `juju-exec`.
 */
export function execActions(
  receivers: readonly string[],
  commands: string,
  timeoutNs: number,
  parallel: boolean | undefined,
  executionGroup: string | undefined,
): ActionWire[] {
  if (hasJujuExecAction(commands)) {
    throw notSupported(`cannot use ${JSON.stringify(commands)} as an action command`);
  }
  return receivers.map((receiver) => ({
    tag: '',
    receiver,
    name: JUJU_EXEC_ACTION,
    parameters: { command: commands, timeout: timeoutNs },
    ...(parallel !== undefined ? { parallel } : {}),
    ...(executionGroup !== undefined ? { 'execution-group': executionGroup } : {}),
  }));
}
