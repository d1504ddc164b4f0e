/**
 * The `Agent` facade (v3) on model connections, for machine and unit agents:
 * what their own entity is (`GetEntities`) and changing agent passwords
 * (`SetPasswords`). An agent may only touch its own entity, except that a
 * machine agent sets the initial passwords of the units it deploys.
 * Also the small helpers the other agent facades share.
 */
import { unauthorized } from '../../core/errors.js';
import { machineTag, parseTag, unitTag } from '../../core/names.js';
import { errorResult } from '../../rpc/errors.js';
import type {
  AgentEntities,
  AgentErrorResults,
  AgentGetEntitiesResults,
  EntityPasswords,
} from '../../rpc/params/agent.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerAgent } from './auth.js';
import type { FacadeDeps } from './deps.js';

/** The logged-in agent: its kind, entity id (machine id or unit name), tag and model. */
export interface CallerAgent {
  readonly kind: 'machine' | 'unit';
  readonly id: string;
  readonly tag: string;
  readonly modelUuid: string;
}

/** The calling machine or unit agent; users and anonymous callers are refused. */
export function callerMachineOrUnit(ctx: CallContext): CallerAgent {
  const kind = ctx.conn.auth?.kind;
  if (kind !== 'machine' && kind !== 'unit') throw unauthorized();
  const { id, modelUuid } = callerAgent(ctx, kind);
  return { kind, id, modelUuid, tag: kind === 'machine' ? machineTag(id) : unitTag(id) };
}

/** The calling machine agent; everyone else is refused. */
export function callerMachine(ctx: CallContext): CallerAgent {
  const { id, modelUuid } = callerAgent(ctx, 'machine');
  return { kind: 'machine', id, modelUuid, tag: machineTag(id) };
}

/** A tag of the wanted kind, or `permission denied` (as Juju answers for tags an agent may not see). */
export function entityOf(tag: string, kind: 'machine' | 'unit'): string {
  try {
    return parseTag(tag, kind).id;
  } catch {
    throw unauthorized();
  }
}

/** Entries of a bulk call, each answered on its own: a failure becomes that entry's error. */
export function eachEntry<T, R extends object>(
  items: readonly T[] | undefined,
  fn: (item: T) => R,
): (R | ReturnType<typeof errorResult>)[] {
  return (items ?? []).map((item) => {
    try {
      return fn(item);
    } catch (err) {
      return errorResult(err);
    }
  });
}

/**
 * Whether `caller` may set the password of `tag`: its own, or (for a machine
 * agent) that of a unit assigned to its machine.
 */
function setPasswordOf(deps: FacadeDeps, caller: CallerAgent, tag: string, password: string): void {
  const { services } = deps;
  if (tag === caller.tag) {
    if (caller.kind === 'machine') services.machine.setPassword(caller.modelUuid, caller.id, password);
    else services.application.setUnitPassword(caller.modelUuid, caller.id, password);
    return;
  }
  if (caller.kind !== 'machine') throw unauthorized();
  const unitName = entityOf(tag, 'unit');
  const unit = unitOnMachine(deps, caller, unitName);
  services.application.setUnitPassword(caller.modelUuid, unit, password);
}

/**
 * The unit `name` if it is assigned to the caller's machine; `permission
 * denied` otherwise (also when it does not exist, so agents learn nothing
 * about other machines).
 */
export function unitOnMachine(deps: FacadeDeps, caller: CallerAgent, name: string): string {
  let machineId: string | null = null;
  try {
    machineId = deps.services.application.unit(caller.modelUuid, name).machineId;
  } catch {
    throw unauthorized();
  }
  if (machineId !== caller.id) throw unauthorized();
  return name;
}

export function agentFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'Agent',
    versions: [3],
    kinds: ['model'],
    methods: {
      GetEntities: (ctx: CallContext, p: AgentEntities): AgentGetEntitiesResults => {
        const caller = callerMachineOrUnit(ctx);
        return {
          entities: (p?.entities ?? []).map((e) => {
            try {
              if (e.tag !== caller.tag) throw unauthorized();
              if (caller.kind === 'machine') {
                const m = services.machine.get(caller.modelUuid, caller.id);
                return { life: m.life, jobs: [...m.jobs], 'container-type': '' };
              }
              const u = services.application.unit(caller.modelUuid, caller.id);
              return { life: u.life, jobs: [], 'container-type': '' };
            } catch (err) {
              return { life: '', jobs: [], 'container-type': '', ...errorResult(err) };
            }
          }),
        };
      },
      SetPasswords: (ctx: CallContext, p: EntityPasswords): AgentErrorResults => {
        const caller = callerMachineOrUnit(ctx);
        return {
          results: eachEntry(p?.changes, (change) => {
            setPasswordOf(deps, caller, String(change.tag ?? ''), String(change.password ?? ''));
            return {};
          }),
        };
      },
    },
  };
}
