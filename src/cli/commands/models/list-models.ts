/**
 * `juju models` (alias `list-models`): the models a user can access on a
 * controller (`ModelManager.ListModelSummaries`), refreshing `models.yaml`.
 */
import type { ModelType } from '../../../clientstore/index.js';
import { JujuError } from '../../../core/errors.js';
import { isValidUser, userTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { ModelSummary as WireSummary, ModelSummaryResults } from '../../../rpc/params/model-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import type { ModelCredentialView, ModelStatusView } from './model-views.js';
import { credentialView, lastConnectionText, modelStatusView, userModelName } from './model-views.js';

/** One model as `juju models` prints it (Go field order; `?` fields omitted when empty). */
export interface ModelSummaryView {
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
  credential?: ModelCredentialView;
  type?: string;
  life: string;
  status?: ModelStatusView;
  access: string;
  'last-connection': string;
  sla?: string;
  'agent-version'?: string;
}

/** What the formatters receive. */
export interface ModelSummarySet {
  models: ModelSummaryView[];
  'current-model'?: string;
}

interface TabularContext {
  controller: string;
  user: string;
  currentQualified: string | undefined;
  listUuid: boolean;
  counts: Map<string, Record<string, number>>;
}

const NO_MODELS = `
There are no models available. You can add models with
"juju add-model", or you can ask an administrator or owner
of a model to grant access to that model with "juju grant".
`;

export function summaryView(
  s: WireSummary,
  controllerName: string,
  now: Date,
  exact: boolean,
): ModelSummaryView {
  const owner = s['owner-tag'].replace(/^user-/, '');
  const credential = credentialView(s['cloud-credential-tag'], undefined);
  const status = modelStatusView(s.status, now, exact);
  return {
    name: `${owner}/${s.name}`,
    'short-name': s.name,
    'model-uuid': s.uuid,
    'model-type': s.type,
    'controller-uuid': s['controller-uuid'],
    'controller-name': controllerName,
    'is-controller': s['is-controller'],
    owner,
    cloud: s['cloud-tag'].replace(/^cloud-/, ''),
    ...(s['cloud-region'] ? { region: s['cloud-region'] } : {}),
    ...(credential !== undefined ? { credential } : {}),
    ...(s['provider-type'] ? { type: s['provider-type'] } : {}),
    life: s.life,
    ...(status !== undefined ? { status } : {}),
    access: s['user-access'],
    'last-connection': lastConnectionText(s['last-connection'], now, exact),
    ...(s.sla?.level ? { sla: s.sla.level } : {}),
    ...(s['agent-version'] ? { 'agent-version': s['agent-version'] } : {}),
  };
}

/** `Controller: x`, blank, then one row per model with the counts the controller reported. */
export function formatModelsTabular(set: ModelSummarySet, t: TabularContext): string {
  const hasCount = (entity: string): boolean => [...t.counts.values()].some((c) => entity in c);
  const withMachines = hasCount('machines');
  const withCores = hasCount('cores');
  const withUnits = hasCount('units');
  const offset = t.listUuid ? 1 : 0;
  const right = new Set<number>();
  const header = ['Model', ...(t.listUuid ? ['UUID'] : []), 'Cloud/Region', 'Type', 'Status'];
  if (withMachines) {
    header.push('Machines');
    right.add(4 + offset);
  }
  if (withCores) {
    header.push('Cores');
    right.add(5 + offset);
  }
  if (withUnits) {
    header.push('Units');
    right.add(5 + offset);
  }
  header.push('Access', 'Last connection');
  const tw = new TabWriter({ alignRight: right });
  tw.row(`Controller: ${t.controller}`);
  tw.blank();
  tw.row(...header);
  for (const m of set.models) {
    let name = userModelName(m.name, t.user);
    if (m.name === t.currentQualified) name += '*';
    const counts = t.counts.get(m['model-uuid']) ?? {};
    const row: (string | number)[] = [name];
    if (t.listUuid) row.push(m['model-uuid']);
    row.push(
      [m.cloud, m.region ?? ''].filter((p) => p !== '').join('/'),
      m.type ?? '',
      m.status?.current || '-',
    );
    if (withMachines) row.push(counts['machines'] ?? 0);
    if (withCores) row.push(counts['cores'] ?? '-');
    if (withUnits) row.push(counts['units'] ?? '-');
    row.push(m.access || '-', m['last-connection']);
    tw.row(...row);
  }
  return tw.toString();
}

export class ListModelsCommand extends ControllerCommandBase {
  private user: FlagRef<string> | undefined;
  private all: FlagRef<boolean> | undefined;
  private listUuid: FlagRef<boolean> | undefined;
  private exactTime: FlagRef<boolean> | undefined;
  private tabular: TabularContext | undefined;
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(v),
    tabular: (v) => formatModelsTabular(v as ModelSummarySet, this.tabular as TabularContext),
    yaml: (v) => formatYaml(v),
  });

  info(): CommandInfo {
    return {
      name: 'models',
      purpose: 'Lists models a user can access on a controller.',
      doc: `Lists the models you created and the models others shared with you on the
current controller (or the one given with -c). The current model is
marked with an asterisk; your own models are shown without the owner.

Controller administrators may list another user's models with --user, or
every model on the controller with --all.`,
      examples: `    juju models
    juju models --user bob
    juju models --all --format yaml
`,
      seeAlso: ['add-model'],
      aliases: ['list-models'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.user = f.string('user', '', 'The user to list models for (administrative users only)');
    this.all = f.bool(
      'all',
      false,
      'Lists all models, regardless of user accessibility (administrative users only)',
    );
    this.listUuid = f.bool('uuid', false, 'Display UUID for models');
    this.exactTime = f.bool('exact-time', false, 'Use full timestamps');
    this.out.setFlags(f);
  }

  protected async execute(ctx: Context): Promise<void> {
    const store = this.store(ctx);
    const controller = this.controllerName(ctx);
    const account = store.accountDetails(controller);
    const user = this.user?.value || account.user;
    if (!isValidUser(user)) throw new JujuError('', `user ${JSON.stringify(user)} not valid`);
    const conn = await this.controllerApi(ctx);
    const result = await conn.call<ModelSummaryResults>('ModelManager', 'ListModelSummaries', {
      'user-tag': userTag(user),
      all: this.all?.value ?? false,
    });
    const now = new Date();
    const exact = this.exactTime?.value ?? false;
    const models: ModelSummaryView[] = [];
    const counts = new Map<string, Record<string, number>>();
    for (const r of result.results ?? []) {
      const err = errorFromResult(r);
      if (err || !r.result) {
        if (err) ctx.infof(err.message);
        continue;
      }
      models.push(summaryView(r.result, controller, now, exact));
      counts.set(r.result.uuid, Object.fromEntries((r.result.counts ?? []).map((c) => [c.entity, c.count])));
    }
    if (models.length > 0) {
      const cached: Record<string, { uuid: string; type: ModelType }> = {};
      for (const m of models) cached[m.name] = { uuid: m['model-uuid'], type: m['model-type'] as ModelType };
      store.setModels(controller, cached);
    }
    models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const currentQualified = store.currentModel(controller);
    const set: ModelSummarySet = {
      models,
      ...(currentQualified !== undefined ? { 'current-model': userModelName(currentQualified, user) } : {}),
    };
    this.tabular = { controller, user, currentQualified, listUuid: this.listUuid?.value ?? false, counts };
    this.out.write(ctx, set);
    if (models.length === 0 && this.out.format === 'tabular') ctx.err(`${NO_MODELS}\n`);
  }
}
