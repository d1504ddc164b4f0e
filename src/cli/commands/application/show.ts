/**
 * `juju show-application <app> ...` and `juju show-unit <unit> ...`
 * (`Application.ApplicationsInfo` / `UnitsInfo`), YAML by default or JSON,
 * keyed by name.
 */
import { applicationTag, isValidApplicationName, isValidUnitName, unitTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type {
  ApplicationInfoResults,
  EndpointRelationData,
  UnitInfoResults,
  UnitResult,
} from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { formatSmart } from '../../output/smart.js';
import { JujuError } from '../../../core/errors.js';

const outputs = (): OutputOptions =>
  new OutputOptions('yaml', { json: formatJson, smart: formatSmart, yaml: formatYaml });

export class ShowApplicationCommand extends ModelCommandBase {
  private readonly out = outputs();
  private names: string[] = [];

  info(): CommandInfo {
    return {
      name: 'show-application',
      args: '<application name or alias>',
      purpose: 'Displays information about an application.',
      doc: `Shows an application's charm, base, channel, constraints, whether it is a
principal or subordinate, whether it is exposed, its life and the space each
endpoint is bound to.`,
      examples: `    juju show-application mysql
    juju show-application mysql wordpress --format json
`,
      seeAlso: ['status', 'show-unit'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('an application name must be supplied');
    for (const name of args) {
      if (!isValidApplicationName(name))
        throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
    }
    this.names = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const reply = await conn.call<ApplicationInfoResults>('Application', 'ApplicationsInfo', {
      entities: this.names.map((n) => ({ tag: applicationTag(n) })),
    });
    const out: Record<string, unknown> = {};
    const errors: string[] = [];
    this.names.forEach((name, i) => {
      const entry = reply.results[i] ?? {};
      const err = errorFromResult(entry);
      if (err !== null || entry.result === undefined) {
        errors.push(err?.message ?? `application ${JSON.stringify(name)} not found`);
        return;
      }
      const r = entry.result;
      const constraints = r.constraints ?? {};
      out[name] = {
        charm: r.charm,
        ...(r.base?.name ? { base: `${r.base.name}@${r.base.channel}` } : {}),
        ...(r.channel ? { channel: r.channel } : {}),
        ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
        principal: r.principal,
        exposed: r.exposed,
        remote: r.remote,
        life: r.life,
        'endpoint-bindings': r['endpoint-bindings'] ?? {},
        ...(r['exposed-endpoints'] !== undefined ? { 'exposed-endpoints': r['exposed-endpoints'] } : {}),
      };
    });
    if (errors.length > 0) throw new JujuError('', errors.join('\n'));
    this.out.write(ctx, out);
  }
}

export class ShowUnitCommand extends ModelCommandBase {
  private readonly out = outputs();
  private endpoint: FlagRef<string> | undefined;
  private relatedUnit: FlagRef<string> | undefined;
  private appOnly: FlagRef<boolean> | undefined;
  private units: string[] = [];

  info(): CommandInfo {
    return {
      name: 'show-unit',
      args: '<unit name>',
      purpose: 'Displays information about a unit.',
      doc: `Shows a unit's machine, address, opened ports, charm, leadership and life,
and for each integration with data the application data of the other side,
the unit's own data (local-unit) and the data of the related units.

--endpoint limits the relation data to one endpoint, --related-unit to one
related unit, and --app to application data.`,
      examples: `    juju show-unit mysql/0
    juju show-unit mysql/0 wordpress/1 --format json
    juju show-unit mysql/0 --endpoint db --related-unit wordpress/0
`,
      seeAlso: ['show-application', 'status'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.endpoint = f.string('endpoint', '', 'Only show relation data for the specified endpoint');
    this.relatedUnit = f.string('related-unit', '', 'Only show relation data for the specified unit');
    this.appOnly = f.bool('app', false, 'Only show application relation data');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('an unit name must be supplied');
    for (const name of args) {
      if (!isValidUnitName(name)) throw new UsageError(`invalid unit name ${name}`);
    }
    this.units = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const reply = await conn.call<UnitInfoResults>('Application', 'UnitsInfo', {
      entities: this.units.map((n) => ({ tag: unitTag(n) })),
    });
    const out: Record<string, unknown> = {};
    const errors: string[] = [];
    this.units.forEach((name, i) => {
      const entry = reply.results[i] ?? {};
      const err = errorFromResult(entry);
      if (err !== null || entry.result === undefined) {
        errors.push(err?.message ?? `unit ${JSON.stringify(name)} not found`);
        return;
      }
      out[name] = this.unitDocument(name, entry.result);
    });
    if (errors.length > 0) throw new JujuError('', errors.join('\n'));
    this.out.write(ctx, out);
  }

  private unitDocument(name: string, r: UnitResult): Record<string, unknown> {
    const relations = (r['relation-data'] ?? [])
      .map((d) => this.relationInfo(name, d))
      .filter((d) => d !== undefined);
    return {
      ...(r['workload-version'] ? { 'workload-version': r['workload-version'] } : {}),
      ...(r.machine ? { machine: r.machine } : {}),
      'opened-ports': r['opened-ports'] ?? [],
      ...(r['public-address'] ? { 'public-address': r['public-address'] } : {}),
      charm: r.charm,
      leader: r.leader,
      ...(r.life ? { life: r.life } : {}),
      ...(relations.length > 0 ? { 'relation-info': relations } : {}),
      ...(r['provider-id'] ? { 'provider-id': r['provider-id'] } : {}),
      ...(r.address ? { address: r.address } : {}),
    };
  }

  /** One relation as show-unit prints it; undefined when filtered out or without data. */
  private relationInfo(unit: string, d: EndpointRelationData): Record<string, unknown> | undefined {
    const endpoint = this.endpoint?.value ?? '';
    if (endpoint !== '' && d.endpoint !== endpoint) return undefined;
    const units = d['unit-relation-data'] ?? {};
    const appData = d['application-data'] ?? {};
    if (endpoint === '' && Object.keys(units).length === 0 && Object.keys(appData).length === 0)
      return undefined;
    const appOnly = this.appOnly?.value ?? false;
    const only = this.relatedUnit?.value ?? '';
    const local = units[unit] ?? { 'in-scope': false, data: {} };
    const related: Record<string, unknown> = {};
    for (const other of Object.keys(units).sort()) {
      if (other === unit || (only !== '' && other !== only)) continue;
      related[other] = units[other];
    }
    return {
      'relation-id': d['relation-id'],
      endpoint: d.endpoint,
      ...(d['cross-model'] === true ? { 'cross-model': true } : {}),
      'related-endpoint': d['related-endpoint'],
      'application-data': appData,
      ...(appOnly ? {} : { 'local-unit': local }),
      ...(!appOnly && Object.keys(related).length > 0 ? { 'related-units': related } : {}),
    };
  }
}
