/**
 * `juju deploy ./bundle.yaml`: the bundle is parsed and checked as a whole
 * before the first change (every local charm loads, options fit the charms,
 * integrations resolve, placements are possible on this cloud, no name
 * clashes with the model), then Juju's change list is printed and executed
 * (`Executing changes:` / `- <change>` lines, `Deploy of bundle completed.`).
 * `--dry-run` prints the changes only (`Changes to deploy bundle:`).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { stringify as yamlStringify } from 'yaml';

import type { ApiConnection } from '../../../api/connection.js';
import {
  charmBases,
  computeBundleChanges,
  formatBase,
  naturalSort,
  parseBase,
  parseUnitPlacement,
  parseBundle,
  verifyBundleCharms,
  type Base,
  type Bundle,
  type BundleChange,
  type BundleCharmInfo,
} from '../../../charm/index.js';
import { constraintsToJson, parseConstraints } from '../../../core/constraints.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import { unitTag } from '../../../core/names.js';
import { errorFromResult, type ErrorResults } from '../../../rpc/errors.js';
import type {
  AddApplicationUnitsResults,
  ApplicationDeploy,
  UnitInfoResults,
} from '../../../rpc/params/application.js';
import type { AddMachinesResults } from '../../../rpc/params/machine-manager.js';
import type { FullStatus } from '../../../rpc/params/status.js';
import type { Context } from '../../framework/context.js';
import { readLocalCharm, uploadCharm, urlRevision, type LocalCharm } from './charm-upload.js';
import { LOCAL_PROVIDER, modelFacts } from './model-facts.js';
import { parseStorageDirective } from '../storage/directive.js';

/** What `deploy` hands over for a bundle. */
export interface BundleDeployOptions {
  readonly path: string;
  readonly shownPath: string;
  /** Absolute paths of `--overlay` files, in order. */
  readonly overlays: readonly string[];
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly modelUuid: string;
  /** Opens a controller connection (to learn the provider type). */
  readonly controllerApi: () => Promise<ApiConnection>;
}

/** Every problem found, one per line, as one error. */
class Problems {
  readonly list: string[] = [];
  add(file: string, path: string, message: string): void {
    this.list.push(`${file}: ${path}: ${message}`);
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new JujuError(ErrorCode.NotValid, this.list.join('\n'));
  }
}

async function readText(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new JujuError(ErrorCode.NotFound, `cannot read bundle ${JSON.stringify(shown)}: no such file`);
  }
}

/** The local charm of each application, loaded once per path. */
async function loadCharms(
  bundle: Bundle,
  file: string,
  problems: Problems,
): Promise<Map<string, LocalCharm>> {
  const byPath = new Map<string, Promise<LocalCharm>>();
  const out = new Map<string, LocalCharm>();
  for (const name of naturalSort(Object.keys(bundle.applications))) {
    const app = bundle.applications[name];
    if (app === undefined) continue;
    const path = `applications.${name}.charm`;
    if (!app.isLocal || app.charmPath === undefined) {
      problems.add(
        file,
        path,
        `charm ${JSON.stringify(app.charm)} is not a local charm: this controller deploys local charms only (use a path such as ./${app.charm})`,
      );
      continue;
    }
    let loading = byPath.get(app.charmPath);
    if (loading === undefined) {
      loading = readLocalCharm(app.charmPath, app.charm);
      byPath.set(app.charmPath, loading);
    }
    try {
      out.set(name, await loading);
    } catch (err) {
      problems.add(file, path, errorMessage(err));
    }
  }
  return out;
}

/** Checks that need the model and the cloud: placements, bases, existing names. */
function checkAgainstModel(
  bundle: Bundle,
  charms: ReadonlyMap<string, LocalCharm>,
  file: string,
  providerType: string,
  status: FullStatus,
  force: boolean,
  problems: Problems,
): void {
  const local = providerType === LOCAL_PROVIDER;
  for (const name of naturalSort(Object.keys(bundle.applications))) {
    const app = bundle.applications[name];
    if (app === undefined) continue;
    if (Object.hasOwn(status.applications ?? {}, name))
      problems.add(
        file,
        `applications.${name}`,
        `application ${JSON.stringify(name)} already exists in the model`,
      );
    app.to.forEach((directive, i) => {
      const p = parseUnitPlacement(directive);
      if (local && p.containerType !== undefined)
        problems.add(
          file,
          `applications.${name}.to[${i}]`,
          `placement ${JSON.stringify(directive)} is not supported on the local cloud`,
        );
    });
    const charm = charms.get(name);
    if (charm === undefined || force) continue;
    const declared = charmBases(charm.charm);
    if (declared.length === 0) continue;
    if (local) {
      if (!declared.some((b) => b.name === 'ubuntu'))
        problems.add(
          file,
          `applications.${name}.charm`,
          `charm ${JSON.stringify(charm.charm.meta.name)} declares ${declared.map(formatBase).join(', ')}; local cloud machines run the host's OS (use --force to deploy anyway)`,
        );
    } else {
      const wanted = app.base ?? bundle.defaultBase;
      if (wanted !== undefined && !declared.some((b) => formatBase(b) === formatBase(wanted)))
        problems.add(
          file,
          `applications.${name}.base`,
          `base ${JSON.stringify(formatBase(wanted))} not supported by charm, the charm supported bases are: ${declared.map(formatBase).join(', ')}`,
        );
    }
  }
}

/** The next machine id the model will hand out, for change descriptions. */
function nextMachineId(status: FullStatus): number {
  let max = -1;
  for (const id of Object.keys(status.machines ?? {})) {
    const n = Number(id);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

/** Deploys (or with dry-run, describes) a local bundle. */
export async function deployBundle(
  ctx: Context,
  conn: ApiConnection,
  opts: BundleDeployOptions,
): Promise<void> {
  const file = basename(opts.shownPath);
  let text = await readText(opts.path, opts.shownPath);
  for (const overlay of opts.overlays) text += `\n---\n${await readText(overlay, overlay)}`;
  const bundle = parseBundle(text, { baseDir: dirname(opts.path), fileName: file });
  if (bundle.kind === 'kubernetes')
    throw new JujuError(
      ErrorCode.NotSupported,
      `${file}: kubernetes bundles are not supported on machine models`,
    );
  const problems = new Problems();
  for (const name of Object.keys(bundle.saas))
    problems.add(file, `saas.${name}`, 'consuming offers is not supported by this controller');
  const charms = await loadCharms(bundle, file, problems);
  problems.throwIfAny();

  const infos: Record<string, BundleCharmInfo> = {};
  for (const [name, c] of charms) infos[name] = { meta: c.charm.meta, config: c.charm.config };
  verifyBundleCharms(bundle, infos, file);

  const facts = await modelFacts(conn, { modelUuid: opts.modelUuid, controllerApi: opts.controllerApi });
  const status = await conn.call<FullStatus>('Client', 'FullStatus', { patterns: [] });
  checkAgainstModel(bundle, charms, file, facts.providerType, status, opts.force, problems);
  problems.throwIfAny();

  const appBases: Record<string, Base> = {};
  for (const [name, c] of charms) {
    const first = charmBases(c.charm)[0];
    if (first !== undefined) appBases[name] = first;
  }
  let defaultBase: Base | undefined;
  try {
    defaultBase = facts.defaultBase === '' ? undefined : parseBase(facts.defaultBase);
  } catch {
    defaultBase = undefined;
  }
  const changes = computeBundleChanges(bundle, {
    appBases,
    ...(defaultBase !== undefined ? { defaultBase } : {}),
    nextMachineId: nextMachineId(status),
  });
  if (changes.length === 0) {
    ctx.infof('No changes to apply.');
    return;
  }
  if (opts.dryRun) {
    ctx.out('Changes to deploy bundle:\n');
    for (const change of changes) ctx.out(`- ${change.description}\n`);
    return;
  }
  ctx.out('Executing changes:\n');
  const byPath = new Map<string, LocalCharm>();
  for (const [name, c] of charms) byPath.set(bundle.applications[name]?.charmPath ?? '', c);
  const runner = new ChangeRunner(conn, opts.modelUuid, byPath, opts.force);
  for (const change of changes) {
    ctx.out(`- ${change.description}\n`);
    try {
      await runner.apply(change);
    } catch (err) {
      throw new JujuError(
        err instanceof JujuError ? err.code : '',
        `cannot deploy bundle: ${change.description}: ${errorMessage(err)}`,
      );
    }
  }
  ctx.infof('Deploy of bundle completed.');
}

/** Applies changes in order, remembering what each produced for later `$id` references. */
class ChangeRunner {
  private readonly results = new Map<string, string>();
  private readonly unitMachines = new Map<string, string>();

  constructor(
    private readonly conn: ApiConnection,
    private readonly modelUuid: string,
    private readonly charmsByPath: ReadonlyMap<string, LocalCharm>,
    private readonly force: boolean,
  ) {}

  private ref(value: string): string {
    if (!value.startsWith('$')) return value;
    const [id = '', endpoint] = value.slice(1).split(':');
    const result = this.results.get(id);
    if (result === undefined) throw new JujuError('', `change ${id} has no result`);
    return endpoint === undefined ? result : `${result}:${endpoint}`;
  }

  async apply(change: BundleChange): Promise<void> {
    switch (change.method) {
      case 'addCharm':
        return this.addCharm(change.id, change.args.localPath ?? '');
      case 'deploy':
        return this.deploy(change.id, change.args);
      case 'expose':
        await this.conn.call('Application', 'Expose', { application: this.ref(change.args.application) });
        return;
      case 'addMachines':
        return this.addMachine(change.id, change.args);
      case 'addRelation':
        await this.conn.call('Application', 'AddRelation', {
          endpoints: [this.ref(change.args.endpoint1), this.ref(change.args.endpoint2)],
          'via-cidrs': [],
        });
        return;
      case 'addUnit':
        return this.addUnit(change.id, change.args);
      case 'consumeOffer':
        throw new JujuError(ErrorCode.NotSupported, 'consuming offers is not supported by this controller');
    }
  }

  private async addCharm(id: string, localPath: string): Promise<void> {
    const charm = this.charmsByPath.get(localPath);
    if (charm === undefined) throw new JujuError('', `no charm loaded from ${JSON.stringify(localPath)}`);
    this.results.set(id, await uploadCharm(this.conn, this.modelUuid, charm));
  }

  private async deploy(id: string, args: Extract<BundleChange, { method: 'deploy' }>['args']): Promise<void> {
    const url = this.ref(args.charm);
    const base = args.base === undefined ? undefined : parseBase(args.base);
    const config: Record<string, string> = args.trust ? { trust: 'true' } : {};
    const arg: ApplicationDeploy = {
      application: args.application,
      'charm-url': url,
      'charm-origin': {
        source: 'local',
        type: 'charm',
        revision: urlRevision(url),
        ...(base !== undefined ? { base: { name: base.name, channel: base.channel } } : {}),
      },
      'num-units': 0,
      ...(Object.keys(config).length > 0 ? { config } : {}),
      ...(Object.keys(args.options).length > 0
        ? { 'config-yaml': yamlStringify({ [args.application]: args.options }) }
        : {}),
      constraints: constraintsToJson(parseConstraints(args.constraints ?? '')),
      ...(Object.keys(args.endpointBindings).length > 0
        ? { 'endpoint-bindings': args.endpointBindings }
        : {}),
      ...(Object.keys(args.storage ?? {}).length > 0
        ? {
            storage: Object.fromEntries(
              Object.entries(args.storage).map(([n, d]) => [n, parseStorageDirective(d)]),
            ),
          }
        : {}),
      force: this.force,
    };
    const reply = await this.conn.call<ErrorResults>('Application', 'Deploy', { applications: [arg] });
    const err = reply.results?.[0] === undefined ? null : errorFromResult(reply.results[0]);
    if (err !== null) throw err;
    this.results.set(id, args.application);
  }

  private async addMachine(
    id: string,
    args: Extract<BundleChange, { method: 'addMachines' }>['args'],
  ): Promise<void> {
    const base = args.base === undefined ? undefined : parseBase(args.base);
    const reply = await this.conn.call<AddMachinesResults>('MachineManager', 'AddMachines', {
      params: [
        {
          jobs: ['JobHostUnits'],
          ...(base !== undefined ? { base: { name: base.name, channel: base.channel } } : {}),
          ...(args.constraints !== undefined
            ? { constraints: constraintsToJson(parseConstraints(args.constraints)) }
            : {}),
          ...(args.containerType !== undefined ? { 'container-type': args.containerType } : {}),
          ...(args.parentId !== undefined ? { 'parent-id': await this.machineOf(args.parentId) } : {}),
        },
      ],
    });
    const result = reply.machines[0];
    const err = result === undefined ? null : errorFromResult(result);
    if (err !== null) throw err;
    this.results.set(id, result?.machine ?? '');
  }

  /** The machine a `$addMachines-N` or `$addUnit-N` reference stands for. */
  private async machineOf(ref: string): Promise<string> {
    const id = ref.slice(1);
    const value = this.results.get(id);
    if (value === undefined) throw new JujuError('', `change ${id} has no result`);
    if (!id.startsWith('addUnit-')) return value;
    const known = this.unitMachines.get(value);
    if (known !== undefined) return known;
    const info = await this.conn.call<UnitInfoResults>('Application', 'UnitsInfo', {
      entities: [{ tag: unitTag(value) }],
    });
    const machine = info.results[0]?.result?.machine ?? '';
    if (machine === '') throw new JujuError('', `unit ${value} has no machine`);
    this.unitMachines.set(value, machine);
    return machine;
  }

  private async addUnit(
    id: string,
    args: Extract<BundleChange, { method: 'addUnit' }>['args'],
  ): Promise<void> {
    const application = this.ref(args.application);
    const placement = args.to === undefined ? [] : [{ scope: '#', directive: await this.machineOf(args.to) }];
    const reply = await this.conn.call<AddApplicationUnitsResults>('Application', 'AddUnits', {
      application,
      'num-units': 1,
      placement,
    });
    const unit = reply.units[0];
    if (unit === undefined) throw new JujuError('', `no unit was added to ${application}`);
    this.results.set(id, unit);
  }
}
