/**
 * The ordered list of changes that deploys a bundle into an empty model, following
 * Juju's bundle-changes rules: per application (natural name order) upload the
 * charm once per variant, deploy it and expose it; then the bundle's machines;
 * offers consumed; relations; then units with their placements (which may add
 * machines and containers). Changes are finally ordered so every change comes after
 * the ones it requires, keeping creation order otherwise. Each change has an id
 * (`deploy-1`), the ids it requires, Juju's one-line description and arguments in
 * which `$<id>` stands for the result of an earlier change.
 */
import { notValid } from '../core/errors.js';
import { formatBase } from './base.js';
import type { Base } from './base.js';
import { parseUnitPlacement } from './bundle.js';
import type { Bundle, BundleApplication } from './bundle.js';
import { naturalSort } from './natural-sort.js';
import { parseCharmURL } from './url.js';

interface ChangeCommon {
  /** `<method>-<n>`, n counting every change created. */
  id: string;
  /** Ids of changes that must be applied first (sorted). */
  requires: string[];
  /** One line, as `juju deploy` prints after `- `. */
  description: string;
}

/** Upload (or resolve) a charm. */
export interface AddCharmChange extends ChangeCommon {
  method: 'addCharm';
  args: {
    charm: string;
    /** Absolute path of a local charm. */
    localPath?: string;
    base?: string;
    channel?: string;
    revision?: number;
    architecture?: string;
  };
}

/** Deploy an application (IAAS: with no units; units are separate changes). */
export interface DeployChange extends ChangeCommon {
  method: 'deploy';
  args: {
    /** `$addCharm-N`. */
    charm: string;
    application: string;
    base?: string;
    channel?: string;
    /** Units to create with the application (k8s bundles only; 0 otherwise). */
    numUnits: number;
    options: Record<string, unknown>;
    constraints?: string;
    storage: Record<string, string>;
    endpointBindings: Record<string, string>;
    resources: Record<string, number | string>;
    trust: boolean;
  };
}

/** Expose an application to all CIDRs. */
export interface ExposeChange extends ChangeCommon {
  method: 'expose';
  args: { application: string };
}

/** Add a machine, or a container on one. */
export interface AddMachineChange extends ChangeCommon {
  method: 'addMachines';
  args: {
    base?: string;
    constraints?: string;
    containerType?: string;
    /** `$addMachines-N` or `$addUnit-N` whose machine hosts the container. */
    parentId?: string;
  };
  /** The machine id this is expected to get (`0`, `0/lxd/0`), for descriptions. */
  machineId: string;
  /** The bundle's id for this machine, for machines listed under `machines`. */
  bundleMachineId?: string;
}

/** Consume a cross-model offer (`saas`). */
export interface ConsumeOfferChange extends ChangeCommon {
  method: 'consumeOffer';
  args: { url: string; applicationName: string };
}

/** Relate two applications. */
export interface AddRelationChange extends ChangeCommon {
  method: 'addRelation';
  /** `$deploy-N[:endpoint]` on both sides. */
  args: { endpoint1: string; endpoint2: string };
}

/** Add one unit. */
export interface AddUnitChange extends ChangeCommon {
  method: 'addUnit';
  args: {
    /** `$deploy-N`. */
    application: string;
    /** `$addMachines-N` or `$addUnit-N`; absent means a new machine. */
    to?: string;
  };
  /** Expected unit name (`mysql/0`). */
  unitName: string;
}

/** One step of a bundle deployment. */
export type BundleChange =
  | AddCharmChange
  | DeployChange
  | ExposeChange
  | AddMachineChange
  | ConsumeOfferChange
  | AddRelationChange
  | AddUnitChange;

/** Options for {@link computeBundleChanges}. */
export interface BundleChangeOptions {
  /** Base for applications and machines when neither they nor the bundle name one (model `default-base`). */
  defaultBase?: Base;
  /** Per-application fallback base (e.g. the first base of a local charm), used before `defaultBase`. */
  appBases?: Readonly<Record<string, Base>>;
  /** Architecture charms are uploaded for when the application's constraints name none. */
  architecture?: string;
  /** Id the model will give its next machine (default 0). */
  nextMachineId?: number;
}

/** Working state of one unit while placements are resolved. */
interface UnitState {
  change: AddUnitChange;
  baseMachine: string;
  placementDescription: string;
  directive: string;
}

interface Placement {
  target?: string;
  requires: string[];
  baseMachine: string;
  placementDescription: string;
  directive: string;
}

/**
 * Compute the changes that deploy `bundle` into an empty model.
 * @throws JujuError `not valid` for placements that form a cycle.
 */
export function computeBundleChanges(bundle: Bundle, options: BundleChangeOptions = {}): BundleChange[] {
  const builder = new ChangeBuilder(bundle, options);
  return builder.build();
}

class ChangeBuilder {
  private readonly changes: BundleChange[] = [];
  private nextMachine: number;
  private readonly containerCounts = new Map<string, number>();
  private readonly deployIds = new Map<string, string>();
  private readonly machineChanges = new Map<string, AddMachineChange>();
  private readonly units = new Map<string, UnitState>();
  private readonly appUnits = new Map<string, UnitState[]>();
  private readonly consumedUnits = new Map<string, number>();

  constructor(
    private readonly bundle: Bundle,
    private readonly options: BundleChangeOptions,
  ) {
    this.nextMachine = options.nextMachineId ?? 0;
  }

  build(): BundleChange[] {
    const appNames = naturalSort(Object.keys(this.bundle.applications));
    this.addApplications(appNames);
    if (this.bundle.kind !== 'kubernetes') this.addMachines();
    this.addOffers();
    this.addRelations();
    if (this.bundle.kind !== 'kubernetes') {
      this.addUnits(appNames);
      this.placeUnits(appNames);
    }
    for (const state of this.units.values()) state.change.description = unitDescription(state);
    return sortChanges(this.changes);
  }

  private add<T extends BundleChange>(change: Omit<T, 'id'>): T {
    const full = { ...change, id: `${change.method}-${this.changes.length}` } as T;
    this.changes.push(full);
    return full;
  }

  private appBase(app: BundleApplication): Base | undefined {
    return (
      app.base ?? this.bundle.defaultBase ?? this.options.appBases?.[app.name] ?? this.options.defaultBase
    );
  }

  private addApplications(names: string[]): void {
    const charmIds = new Map<string, string>();
    for (const name of names) {
      const app = this.bundle.applications[name] as BundleApplication;
      const base = this.appBase(app);
      const baseText = base === undefined ? undefined : formatBase(base);
      const arch = archFromConstraints(app.constraints) ?? this.options.architecture;
      const key = [app.charm, arch ?? '', baseText ?? '', app.channel ?? 'stable', app.revision ?? -1].join(
        '|',
      );
      let charmId = charmIds.get(key);
      if (charmId === undefined) {
        const args: AddCharmChange['args'] = { charm: app.charm };
        if (app.charmPath !== undefined) args.localPath = app.charmPath;
        if (baseText !== undefined) args.base = baseText;
        if (app.channel !== undefined) args.channel = app.channel;
        if (app.revision !== undefined) args.revision = app.revision;
        if (arch !== undefined) args.architecture = arch;
        const change = this.add<AddCharmChange>({
          method: 'addCharm',
          requires: [],
          description: addCharmDescription(app, args),
          args,
        });
        charmId = change.id;
        charmIds.set(key, charmId);
      }
      const args: DeployChange['args'] = {
        charm: `$${charmId}`,
        application: name,
        numUnits: this.bundle.kind === 'kubernetes' ? app.numUnits : 0,
        options: { ...app.options },
        storage: { ...app.storage },
        endpointBindings: { ...app.bindings },
        resources: { ...app.resources },
        trust: app.trust,
      };
      if (baseText !== undefined) args.base = baseText;
      if (app.channel !== undefined) args.channel = app.channel;
      if (app.constraints !== undefined) args.constraints = app.constraints;
      const deploy = this.add<DeployChange>({
        method: 'deploy',
        requires: [charmId],
        description: deployDescription(app, args),
        args,
      });
      this.deployIds.set(name, deploy.id);
      if (app.expose) {
        this.add<ExposeChange>({
          method: 'expose',
          requires: [deploy.id],
          description: `expose all endpoints of ${name} and allow access from CIDRs 0.0.0.0/0 and ::/0`,
          args: { application: `$${deploy.id}` },
        });
      }
    }
  }

  private addMachines(): void {
    for (const id of naturalSort(Object.keys(this.bundle.machines))) {
      const machine = this.bundle.machines[id];
      if (machine === undefined) continue;
      const machineId = String(this.nextMachine++);
      const args: AddMachineChange['args'] = {};
      const base = machine.base ?? this.bundle.defaultBase ?? this.options.defaultBase;
      if (base !== undefined) args.base = formatBase(base);
      if (machine.constraints !== undefined) args.constraints = machine.constraints;
      const shown =
        id === machineId ? `new machine ${machineId}` : `new machine ${machineId} (bundle machine ${id})`;
      const change = this.add<AddMachineChange>({
        method: 'addMachines',
        requires: [],
        description: `add ${shown}`,
        args,
        machineId,
        bundleMachineId: id,
      });
      this.machineChanges.set(id, change);
    }
  }

  private addOffers(): void {
    for (const [name, saas] of Object.entries(this.bundle.saas)) {
      const change = this.add<ConsumeOfferChange>({
        method: 'consumeOffer',
        requires: [],
        description: `consume offer ${name} at ${saas.url}`,
        args: { url: saas.url, applicationName: name },
      });
      this.deployIds.set(name, change.id);
    }
  }

  private addRelations(): void {
    for (const [a, b] of this.bundle.relations) {
      const requires: string[] = [];
      const placeholder = (ep: string): string => {
        const [app = '', endpoint] = ep.split(':');
        const id = this.deployIds.get(app) as string;
        requires.push(id);
        return endpoint === undefined ? `$${id}` : `$${id}:${endpoint}`;
      };
      const endpoint1 = placeholder(a);
      const endpoint2 = placeholder(b);
      this.add<AddRelationChange>({
        method: 'addRelation',
        requires: [...new Set(requires)],
        description: `add relation ${a} - ${b}`,
        args: { endpoint1, endpoint2 },
      });
    }
  }

  private addUnits(names: string[]): void {
    for (const name of names) {
      const app = this.bundle.applications[name] as BundleApplication;
      const deployId = this.deployIds.get(name) as string;
      const list: UnitState[] = [];
      for (let i = 0; i < app.numUnits; i++) {
        const unitName = `${name}/${i}`;
        const change = this.add<AddUnitChange>({
          method: 'addUnit',
          requires: [deployId],
          description: '',
          args: { application: `$${deployId}` },
          unitName,
        });
        const state: UnitState = { change, baseMachine: '', placementDescription: '', directive: '' };
        this.units.set(unitName, state);
        list.push(state);
      }
      this.appUnits.set(name, list);
    }
  }

  /** Place applications whose placement targets are already placed, pass after pass. */
  private placeUnits(names: string[]): void {
    const done = new Set<string>();
    let todo = [...names].sort();
    while (todo.length > 0) {
      const remaining: string[] = [];
      for (const name of todo) {
        const app = this.bundle.applications[name] as BundleApplication;
        const deps = app.to
          .map((p) => parseUnitPlacement(p).application)
          .filter((a): a is string => a !== undefined && a !== name);
        if (deps.some((d) => !done.has(d))) {
          remaining.push(name);
          continue;
        }
        this.placeApplication(app);
        done.add(name);
      }
      if (remaining.length === todo.length) {
        throw notValid(`cycle in placement directives for: ${remaining.join(', ')}`);
      }
      todo = remaining;
    }
  }

  private placeApplication(app: BundleApplication): void {
    let last = app.to[app.to.length - 1] ?? '';
    if (last !== '') {
      // Only "new" or a whole application make sense to repeat for the remaining units.
      const p = parseUnitPlacement(last);
      const repeatable = p.machine === 'new' || (p.application !== undefined && p.unit === undefined);
      if (!repeatable) last = '';
    }
    let previous: string | undefined;
    (this.appUnits.get(app.name) ?? []).forEach((state, i) => {
      const directive = app.to[i] ?? last;
      const placement = this.placementFor(app, directive);
      state.baseMachine = placement.baseMachine;
      state.placementDescription = placement.placementDescription;
      state.directive = placement.directive;
      if (placement.target !== undefined) state.change.args.to = placement.target;
      state.change.requires.push(...placement.requires);
      if (previous !== undefined) state.change.requires.push(previous);
      state.change.requires = [...new Set(state.change.requires)];
      previous = state.change.id;
    });
  }

  private placementFor(app: BundleApplication, directive: string): Placement {
    if (directive === '') return this.unplaced();
    const p = parseUnitPlacement(directive);
    if (p.machine === 'new') return this.newMachine(app, p.containerType);
    if (p.machine !== undefined) {
      const change = this.machineChanges.get(p.machine) as AddMachineChange;
      const result: Placement = {
        target: `$${change.id}`,
        requires: [change.id],
        baseMachine: change.machineId,
        placementDescription: `new machine ${change.machineId}`,
        directive: '',
      };
      return p.containerType === undefined ? result : this.addContainer(result, app, p.containerType);
    }
    const target = p.application as string;
    let other: UnitState | undefined;
    if (p.unit !== undefined) {
      other = this.units.get(`${target}/${p.unit}`);
      if (other === undefined) return this.newMachine(app, p.containerType);
    } else {
      // Each unit goes next to the next unit of the target application not yet used.
      const key = `${app.name}/${target}`;
      const used = this.consumedUnits.get(key) ?? 0;
      other = this.appUnits.get(target)?.[used];
      if (other === undefined) return this.unplaced();
      this.consumedUnits.set(key, used + 1);
    }
    let result: Placement = {
      target: `$${other.change.id}`,
      requires: [other.change.id],
      baseMachine: other.baseMachine,
      placementDescription: other.placementDescription,
      directive: '',
    };
    if (p.containerType !== undefined) result = this.addContainer(result, app, p.containerType);
    result.directive = directive;
    return result;
  }

  private unplaced(): Placement {
    const machine = String(this.nextMachine++);
    return { requires: [], baseMachine: machine, placementDescription: '', directive: '' };
  }

  private nextContainer(machine: string, type: string): string {
    const key = `${machine}/${type}`;
    const n = this.containerCounts.get(key) ?? 0;
    this.containerCounts.set(key, n + 1);
    return `${machine}/${type}/${n}`;
  }

  private machineArgs(
    app: BundleApplication,
    containerType?: string,
    parentId?: string,
  ): AddMachineChange['args'] {
    const args: AddMachineChange['args'] = {};
    const base = this.appBase(app);
    if (base !== undefined) args.base = formatBase(base);
    if (app.constraints !== undefined) args.constraints = app.constraints;
    if (containerType !== undefined) args.containerType = containerType;
    if (parentId !== undefined) args.parentId = parentId;
    return args;
  }

  private newMachine(app: BundleApplication, containerType?: string): Placement {
    const machineId = String(this.nextMachine++);
    const containerId =
      containerType === undefined ? undefined : this.nextContainer(machineId, containerType);
    const description =
      containerId === undefined
        ? `add new machine ${machineId}`
        : `add ${containerType} container ${containerId} on new machine ${machineId}`;
    const change = this.add<AddMachineChange>({
      method: 'addMachines',
      requires: [],
      description,
      args: this.machineArgs(app, containerType),
      machineId: containerId ?? machineId,
    });
    return {
      target: `$${change.id}`,
      requires: [change.id],
      baseMachine: machineId,
      placementDescription: containerId ?? `new machine ${machineId}`,
      directive: '',
    };
  }

  private addContainer(on: Placement, app: BundleApplication, containerType: string): Placement {
    const containerId = this.nextContainer(on.baseMachine, containerType);
    const change = this.add<AddMachineChange>({
      method: 'addMachines',
      requires: [...on.requires],
      description: `add ${containerType} container ${containerId} on new machine ${on.baseMachine}`,
      args: this.machineArgs(app, containerType, on.target),
      machineId: containerId,
    });
    return {
      target: `$${change.id}`,
      requires: [change.id],
      baseMachine: on.baseMachine,
      placementDescription: containerId,
      directive: '',
    };
  }
}

function archFromConstraints(constraints: string | undefined): string | undefined {
  const m = constraints === undefined ? null : /(?:^|\s)arch=(\S+)/.exec(constraints);
  return m?.[1];
}

/** Name and store location as Juju shows them: a store name gives `mysql from charm-hub`, a path stays a path. */
function charmDisplay(app: BundleApplication): { name: string; location: string } {
  if (app.isLocal) return { name: app.charm, location: '' };
  try {
    return { name: parseCharmURL(app.charm).name, location: ' from charm-hub' };
  } catch {
    return { name: app.charm, location: '' };
  }
}

function addCharmDescription(app: BundleApplication, args: AddCharmChange['args']): string {
  const { name, location } = charmDisplay(app);
  const base = args.base === undefined ? '' : ` for base ${args.base}`;
  let channel = '';
  if (args.revision !== undefined) channel = ` with revision ${args.revision}`;
  else if (args.channel !== undefined) channel = ` from channel ${args.channel}`;
  const arch = args.architecture === undefined ? '' : ` with architecture=${args.architecture}`;
  return `upload charm ${name}${location}${base}${channel}${arch}`;
}

function deployDescription(app: BundleApplication, args: DeployChange['args']): string {
  const { name, location } = charmDisplay(app);
  const units = args.numUnits > 0 ? ` with ${args.numUnits} unit${args.numUnits > 1 ? 's' : ''}` : '';
  const base = args.base === undefined ? '' : ` on ${args.base}`;
  const channel = args.channel === undefined ? '' : ` with ${args.channel}`;
  const using = !app.isLocal && location !== '' && name !== app.name ? ` using ${name}` : '';
  return `deploy application ${app.name}${location}${units}${base}${channel}${using}`;
}

function unitDescription(state: UnitState): string {
  let where =
    state.placementDescription !== '' ? state.placementDescription : `new machine ${state.baseMachine}`;
  if (state.directive !== '') where += ` to satisfy [${state.directive}]`;
  return `add unit ${state.change.unitName} to ${where}`;
}

/**
 * Order changes so each follows what it requires: repeated passes in creation order,
 * taking every change whose requirements are all already taken.
 */
function sortChanges(changes: BundleChange[]): BundleChange[] {
  for (const c of changes) c.requires.sort();
  const waiting = new Map<string, number>(changes.map((c) => [c.id, c.requires.length]));
  const followers = new Map<string, string[]>();
  for (const c of changes) for (const r of c.requires) followers.set(r, [...(followers.get(r) ?? []), c.id]);
  const sorted: BundleChange[] = [];
  while (waiting.size > 0) {
    const before = waiting.size;
    for (const c of changes) {
      if (waiting.get(c.id) !== 0) continue;
      sorted.push(c);
      waiting.delete(c.id);
      for (const f of followers.get(c.id) ?? []) waiting.set(f, (waiting.get(f) ?? 1) - 1);
    }
    if (waiting.size === before) throw notValid('cannot order bundle changes: dependency cycle');
  }
  return sorted;
}
