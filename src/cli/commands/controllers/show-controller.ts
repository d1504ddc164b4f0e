/** `juju show-controller [<name>...]`: what this client knows of controllers, refreshed from them when reachable. */
import { X509Certificate } from 'node:crypto';
import type { ApiConnection } from '../../../api/connection.js';
import type {
  ClientStore,
  ControllerDetails,
  ModelDetailsInput,
  ModelType,
  YamlMapping,
} from '../../../clientstore/index.js';
import { flow, goMap, stringifyYamlV2 } from '../../../clientstore/index.js';
import { JujuError, errorMessage, isJujuError } from '../../../core/errors.js';
import { userTag } from '../../../core/names.js';
import type { ListModelsResult } from '../../../rpc/params/model-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { ApiCommandBase } from './api-command.js';
import { currentControllerName, modelNameForUser } from './current-controller.js';

interface ShownDetails {
  uuid: string;
  apiEndpoints: string[];
  cloud: string;
  region?: string;
  agentVersion?: string;
  agentGitCommit?: string;
  caFingerprint?: string;
  caCert: string;
}

interface ShownController {
  details: ShownDetails;
  /** Model name (as the user sees it) → UUID. */
  models: Record<string, { uuid: string }>;
  currentModel?: string;
  account?: { user: string; access?: string; password?: string };
  errors: string[];
}

export class ShowControllerCommand extends ApiCommandBase {
  private readonly output = new OutputOptions('yaml', {
    yaml: (v) => yamlOf(v as Record<string, ShownController>),
    json: (v) => jsonOf(v as Record<string, ShownController>),
  });
  private showPassword: FlagRef<boolean> | undefined;
  private names: string[] = [];

  info(): CommandInfo {
    return {
      name: 'show-controller',
      args: '[<controller name> ...]',
      purpose: 'Shows detailed information of a controller.',
      doc: `Shows the details of one or more controllers (the current one by default): its
endpoints, cloud, version and CA certificate, its models, and the account
this client uses on it. When the controller can be reached, its version and
models are fetched from it first.`,
      examples: `    juju show-controller
    juju show-controller aws google`,
      seeAlso: ['controllers'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.showPassword = flags.bool('show-password', false, 'Show password for logged in user');
    this.output.setFlags(flags);
  }

  override init(args: string[]): void {
    this.names = [...args];
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const store = this.store(ctx);
    let names = this.names;
    if (names.length === 0) {
      const current = currentControllerName(store, ctx.env);
      if (current === undefined) throw new JujuError('', 'there is no active controller');
      names = [current];
    }
    const shown: Record<string, ShownController> = {};
    for (const name of names) {
      const details = store.controllerByName(name);
      shown[name] = await this.showOne(ctx, store, name, details);
    }
    this.output.write(ctx, shown);
  }

  private async showOne(
    ctx: Context,
    store: ClientStore,
    name: string,
    stored: ControllerDetails,
  ): Promise<ShownController> {
    const errors: string[] = [];
    let details = stored;
    let gitCommit: string | undefined;
    let conn: ApiConnection | undefined;
    try {
      conn = await this.open(ctx, name);
    } catch (err) {
      errors.push(errorMessage(err));
    }
    if (conn) {
      try {
        const ver = await conn.call<{ version?: string; 'git-commit'?: string }>(
          'Controller',
          'ControllerVersion',
        );
        if (ver.version) details = { ...details, agentVersion: ver.version };
        if (ver['git-commit']) gitCommit = ver['git-commit'];
      } catch (err) {
        if (!isNotThere(err)) errors.push(errorMessage(err));
      }
      try {
        const user = store.accountDetails(name).user;
        const result = await conn.call<ListModelsResult>('ModelManager', 'ListModels', {
          tag: userTag(user),
        });
        const models: Record<string, ModelDetailsInput> = {};
        for (const um of result['user-models'] ?? []) {
          const owner = um.model['owner-tag'].replace(/^user-/, '');
          models[`${owner}/${um.model.name}`] = { uuid: um.model.uuid, type: um.model.type as ModelType };
        }
        store.setModels(name, models);
      } catch (err) {
        if (!isNotThere(err)) errors.push(errorMessage(err));
      }
      if (errors.length === 0 && details !== stored) {
        try {
          store.updateController(name, details);
        } catch (err) {
          errors.push(errorMessage(err));
        }
      }
    }

    let account: ShownController['account'];
    let user: string | undefined;
    try {
      const a = store.accountDetails(name);
      user = a.user;
      account = { user: a.user };
      if (a.lastKnownAccess) account.access = a.lastKnownAccess;
      if (this.showPassword?.value && a.password) account.password = a.password;
    } catch (err) {
      if (!isJujuError(err, 'not found')) errors.push(errorMessage(err));
    }
    const models: Record<string, { uuid: string }> = {};
    for (const [qualified, m] of Object.entries(store.allModels(name))) {
      models[modelNameForUser(qualified, user)] = { uuid: m.uuid };
    }
    const shownDetails: ShownDetails = {
      uuid: details.uuid,
      apiEndpoints: [...details.apiEndpoints],
      cloud: details.cloud,
      caCert: details.caCert,
    };
    if (details.region) shownDetails.region = details.region;
    if (details.agentVersion) shownDetails.agentVersion = details.agentVersion;
    if (gitCommit) shownDetails.agentGitCommit = gitCommit;
    const fingerprint = caFingerprint(details.caCert);
    if (fingerprint) shownDetails.caFingerprint = fingerprint;
    const out: ShownController = { details: shownDetails, models, errors };
    const current = store.currentModel(name);
    if (current !== undefined) out.currentModel = current;
    if (account) out.account = account;
    return out;
  }
}

/** A call the controller does not offer (yet): fall back to what the client knows. */
function isNotThere(err: unknown): boolean {
  return isJujuError(err, 'not implemented') || isJujuError(err, 'not supported');
}

/** SHA-256 fingerprint of the CA certificate, `AB:CD:...`; undefined when it does not parse. */
function caFingerprint(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

function detailsYaml(d: ShownDetails): YamlMapping {
  const m: YamlMapping = new Map();
  m.set('controller-uuid', d.uuid);
  m.set('api-endpoints', flow([...d.apiEndpoints]));
  m.set('cloud', d.cloud);
  if (d.region) m.set('region', d.region);
  if (d.agentVersion) m.set('agent-version', d.agentVersion);
  if (d.agentGitCommit) m.set('agent-git-commit', d.agentGitCommit);
  if (d.caFingerprint) m.set('ca-fingerprint', d.caFingerprint);
  m.set('ca-cert', d.caCert);
  return m;
}

function controllerYaml(c: ShownController): YamlMapping {
  const m: YamlMapping = new Map();
  m.set('details', detailsYaml(c.details));
  if (Object.keys(c.models).length > 0) {
    m.set(
      'models',
      goMap(c.models, (v) => new Map([['model-uuid', v.uuid]])),
    );
  }
  if (c.currentModel) m.set('current-model', c.currentModel);
  if (c.account) {
    const a: YamlMapping = new Map([['user', c.account.user]]);
    if (c.account.access) a.set('access', c.account.access);
    if (c.account.password) a.set('password', c.account.password);
    m.set('account', a);
  }
  if (c.errors.length > 0) m.set('errors', [...c.errors]);
  return m;
}

function yamlOf(all: Record<string, ShownController>): string {
  return stringifyYamlV2(goMap(all, controllerYaml));
}

function controllerJson(c: ShownController): Record<string, unknown> {
  const d = c.details;
  const details: Record<string, unknown> = {
    uuid: d.uuid,
    'api-endpoints': [...d.apiEndpoints],
    cloud: d.cloud,
  };
  if (d.region) details['region'] = d.region;
  if (d.agentVersion) details['agent-version'] = d.agentVersion;
  if (d.agentGitCommit) details['agent-git-commit'] = d.agentGitCommit;
  if (d.caFingerprint) details['ca-fingerprint'] = d.caFingerprint;
  details['ca-cert'] = d.caCert;
  const o: Record<string, unknown> = { details };
  if (Object.keys(c.models).length > 0) {
    const models: Record<string, unknown> = {};
    for (const name of Object.keys(c.models).sort()) models[name] = { uuid: c.models[name]?.uuid };
    o['models'] = models;
  }
  if (c.currentModel) o['current-model'] = c.currentModel;
  if (c.account) {
    const a: Record<string, unknown> = { user: c.account.user };
    if (c.account.access) a['access'] = c.account.access;
    if (c.account.password) a['password'] = c.account.password;
    o['account'] = a;
  }
  if (c.errors.length > 0) o['errors'] = [...c.errors];
  return o;
}

function jsonOf(all: Record<string, ShownController>): string {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(all).sort()) out[name] = controllerJson(all[name] as ShownController);
  return formatJson(out);
}
