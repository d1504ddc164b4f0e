/**
 * `juju show-model [<model name>]`: details of one model
 * (`ModelManager.ModelInfo`), printed as a one-entry object keyed by the
 * model's short name.
 */
import { errorFromResult } from '../../../rpc/errors.js';
import type { ModelInfo, ModelInfoResults } from '../../../rpc/params/model-manager.js';
import { modelTag } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import type { ModelCredentialView, ModelStatusView } from './model-views.js';
import { credentialView, friendlyTime, lastConnectionText, modelStatusView } from './model-views.js';

/** `show-model` output for one model (Go field order; `?` fields omitted when empty). */
export interface ModelInfoView {
  name: string;
  'short-name': string;
  'model-uuid': string;
  'model-type': string;
  'controller-uuid': string;
  'controller-name': string;
  'is-controller': boolean;
  owner: string;
  cloud: string;
  region?: string;
  type?: string;
  life: string;
  status?: ModelStatusView;
  users?: Record<string, { 'display-name'?: string; access: string; 'last-connection': string }>;
  machines?: Record<string, { cores: number }>;
  'secret-backends'?: Record<string, { 'num-secrets': number; status: string; message?: string }>;
  sla?: string;
  'sla-owner'?: string;
  'agent-version'?: string;
  credential?: ModelCredentialView;
  'supported-features'?: { name: string; description: string; version?: string }[];
}

export function modelInfoView(info: ModelInfo, controllerName: string, now: Date): ModelInfoView {
  const owner = info['owner-tag'].replace(/^user-/, '');
  const status = modelStatusView(info.status, now);
  if (status !== undefined && info.migration) {
    status.migration = info.migration.status;
    const start = friendlyTime(info.migration.start, now);
    const end = friendlyTime(info.migration.end, now);
    if (start !== '') status['migration-start'] = start;
    if (end !== '') status['migration-end'] = end;
  }
  const users: NonNullable<ModelInfoView['users']> = {};
  for (const u of info.users ?? []) {
    users[u.user] = {
      ...(u['display-name'] ? { 'display-name': u['display-name'] } : {}),
      access: u.access,
      'last-connection': lastConnectionText(u['last-connection'], now),
    };
  }
  const machines: NonNullable<ModelInfoView['machines']> = {};
  for (const m of info.machines ?? []) machines[m.id] = { cores: m.hardware?.cores ?? 0 };
  const backends: NonNullable<ModelInfoView['secret-backends']> = {};
  for (const b of info['secret-backends'] ?? []) {
    backends[b.result.name] = {
      'num-secrets': b['num-secrets'],
      status: b.status ?? '',
      ...(b.message ? { message: b.message } : {}),
    };
  }
  const credential = credentialView(info['cloud-credential-tag'], info['cloud-credential-validity']);
  const sla = info.sla ? info.sla.level || 'unsupported' : '';
  return {
    name: `${owner}/${info.name}`,
    'short-name': info.name,
    'model-uuid': info.uuid,
    'model-type': info.type,
    'controller-uuid': info['controller-uuid'],
    'controller-name': controllerName,
    'is-controller': info['is-controller'],
    owner,
    cloud: info['cloud-tag'].replace(/^cloud-/, ''),
    ...(info['cloud-region'] ? { region: info['cloud-region'] } : {}),
    ...(info['provider-type'] ? { type: info['provider-type'] } : {}),
    life: info.life,
    ...(status !== undefined ? { status } : {}),
    ...(Object.keys(users).length > 0 ? { users } : {}),
    ...(Object.keys(machines).length > 0 ? { machines } : {}),
    ...(Object.keys(backends).length > 0 ? { 'secret-backends': backends } : {}),
    ...(sla !== '' ? { sla } : {}),
    ...(info.sla?.owner ? { 'sla-owner': info.sla.owner } : {}),
    ...(info['agent-version'] ? { 'agent-version': info['agent-version'] } : {}),
    ...(credential !== undefined ? { credential } : {}),
    ...(info['supported-features'] && info['supported-features'].length > 0
      ? { 'supported-features': info['supported-features'].map((f) => ({ ...f })) }
      : {}),
  };
}

export class ShowModelCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('yaml', { json: formatJson, yaml: formatYaml });

  info(): CommandInfo {
    return {
      name: 'show-model',
      args: '[<model name>]',
      purpose: 'Shows information about the current or specified model.',
      doc: `Shows the model's identity (name, UUID, controller), where it runs (cloud,
region, credential), its life and status, the agent version and, for users
who may see them, the model's users, machines and secret backends.

The model may be given as an argument ([<controller>:]<model>) or with -m;
without either, the current model is shown.`,
      examples: `    juju show-model
    juju show-model mymodel
    juju show-model mycontroller:bob/mymodel --format json
`,
      seeAlso: ['add-model'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length > 0) {
      // The argument names the model, as -m would.
      this.modelFlag = { value: args[0] as string, given: true };
      checkNoMoreArgs(args.slice(1));
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    const target = await this.resolvedModel(ctx);
    const conn = await this.open(ctx, target.controller);
    const result = (
      await conn.call<ModelInfoResults>('ModelManager', 'ModelInfo', {
        entities: [{ tag: modelTag(target.details.uuid) }],
      })
    ).results[0];
    const err = result ? errorFromResult(result) : null;
    if (err) throw err;
    if (!result?.result) throw new Error('model info not returned');
    const view = modelInfoView(result.result, target.controller, new Date());
    this.out.write(ctx, { [view['short-name']]: view });
  }
}
