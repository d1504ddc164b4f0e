/**
 * `juju bootstrap [<cloud>[/<region>] [<controller name>]]`: creates a
 * controller. The client makes the controller's identity (UUIDs, CA, admin
 * password), asks the cloud's provider for machine 0 with a `jujud` agent that
 * initialises state from the bootstrap parameters, waits until the API answers,
 * and records the controller in the client store. A failure removes whatever
 * was created unless --keep-broken.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '../../../api/connection.js';
import type { ClientStore, ListedCloud } from '../../../clientstore/index.js';
import type { BootstrapParams } from '../../../core/bootstrap-params.js';
import { controllerConfigSchema } from '../../../core/config/controller-config.js';
import { modelConfigSchema, validateModelConfig } from '../../../core/config/model-config.js';
import { parseConstraints, formatConstraints } from '../../../core/constraints.js';
import { parseDuration } from '../../../core/duration.js';
import { ErrorCode, JujuError, alreadyExists, errorMessage, notFound } from '../../../core/errors.js';
import { isValidControllerName } from '../../../core/names.js';
import { JUJU_VERSION } from '../../../core/version.js';
import { jujudEntryPath } from '../../../core/dist-paths.js';
import { createCA } from '../../../pki/certificates.js';
import { getProvider } from '../../../providers/registry.js';
import type { AgentCommand, Environ, Instance } from '../../../providers/types.js';
import { CommandBase } from '../../framework/command.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ClientStore as Store } from '../../../clientstore/index.js';
import { parseConfigValues } from '../common/config-args.js';
import { hostArch } from '../misc/version.js';
import { createModel } from '../models/create-model.js';

const JUJUD = jujudEntryPath();
const DEFAULT_API_WAIT_MS = 120_000;

export class BootstrapCommand extends CommandBase {
  private cloudArg = '';
  private nameArg = '';
  private config!: FlagRef<string[]>;
  private modelDefault!: FlagRef<string[]>;
  private constraints!: FlagRef<string[]>;
  private bootstrapConstraints!: FlagRef<string[]>;
  private credential!: FlagRef<string>;
  private noSwitch!: FlagRef<boolean>;
  private addModel!: FlagRef<string>;
  private keepBroken!: FlagRef<boolean>;
  private listClouds!: FlagRef<boolean>;
  private listRegions!: FlagRef<string>;

  info(): CommandInfo {
    return {
      name: 'bootstrap',
      args: '[<cloud name>[/region] [<controller name>]]',
      purpose: 'Initializes a cloud environment.',
      doc: `Used without arguments, bootstrap lists the clouds to choose from.

Bootstrap creates a controller on a cloud: it starts the controller machine,
runs the controller agent on it and creates the "controller" model, which
holds the controller's own machines. The new controller becomes the current
one unless --no-switch is given.

The "local" cloud, always available, makes each machine a Linux network
namespace on this host with its own address; it needs root.

The controller name defaults to <cloud>-<region>. It may contain only
lowercase letters, digits and hyphens.

--config sets controller configuration and the controller model's
configuration (key=value, or a YAML file; repeatable). --model-default sets
defaults inherited by every model of the controller. --constraints apply to
workload machines, --bootstrap-constraints to the controller machine.

If bootstrap fails, whatever it created is removed, unless --keep-broken is
given (then use "juju kill-controller" to clean up).`,
      examples: `    juju bootstrap local
    juju bootstrap local mycontroller --add-model default
    juju bootstrap local/localhost dev --config api-port=17071 --model-default update-status-hook-interval=10m
`,
      seeAlso: [
        'add-credential',
        'add-model',
        'controller-config',
        'model-config',
        'set-constraints',
        'show-cloud',
      ],
    };
  }

  override setFlags(f: FlagSet): void {
    this.config = f.stringList(
      'config',
      'Specify a controller configuration file, or one or more configuration\n    options\n    (--config config.yaml [--config key=value ...])',
    );
    this.modelDefault = f.stringList(
      ['model-default', 'model-defaults'],
      'Specify a configuration file, or one or more configuration\n    options to be set for all models, unless otherwise specified\n    (--model-default config.yaml [--model-default key=value ...])',
    );
    this.constraints = f.stringList('constraints', 'Set model constraints');
    this.bootstrapConstraints = f.stringList(
      'bootstrap-constraints',
      'Specify bootstrap machine constraints',
    );
    this.credential = f.string('credential', '', 'Credentials to use when bootstrapping');
    this.noSwitch = f.bool('no-switch', false, 'Do not switch to the newly created controller');
    this.addModel = f.string('add-model', '', 'Name of an initial model to create on the new controller');
    this.keepBroken = f.bool(
      'keep-broken',
      false,
      'Do not destroy the provisioned controller instance if bootstrap fails',
    );
    this.listClouds = f.bool(
      'clouds',
      false,
      'Print the available clouds which can be used to bootstrap a Juju environment',
    );
    this.listRegions = f.string('regions', '', 'Print the available regions for the specified cloud');
    // Accepted for compatibility; the local cloud has no use for them.
    f.string('bootstrap-base', '', 'Specify the base of the bootstrap machine');
    f.string(
      'bootstrap-series',
      '',
      'Specify the series of the bootstrap machine (deprecated use bootstrap-base)',
    );
    f.string('bootstrap-image', '', 'Specify the image of the bootstrap machine');
    f.string('to', '', 'Placement directive indicating an instance to bootstrap');
    f.string('agent-version', '', 'Version of agent binaries to use for Juju agents');
    f.bool('auto-upgrade', false, 'After bootstrap, upgrade to the latest patch release');
    f.bool('build-agent', false, 'Build local version of agent binary before bootstrapping');
    f.string('metadata-source', '', 'Local path to use as agent and/or image metadata source');
    f.bool('force', false, 'Allow the bypassing of checks such as supported base');
    f.stringList('storage-pool', 'Specify options for an initial storage pool');
    f.string('controller-charm-path', '', 'Path to a locally built controller charm');
    f.string(
      'controller-charm-channel',
      '3.6/stable',
      'The Charmhub channel to download the controller charm from',
    );
  }

  override init(args: string[]): void {
    if (args.length > 2)
      throw new UsageError(
        `unrecognized args: ${args
          .slice(2)
          .map((a) => JSON.stringify(a))
          .join(' ')}`,
      );
    this.cloudArg = args[0] ?? '';
    this.nameArg = args[1] ?? '';
  }

  async run(ctx: Context): Promise<number | void> {
    const store = new Store(undefined, { env: ctx.env });
    if (this.listClouds.value) return this.printClouds(ctx, store);
    if (this.listRegions.value) return this.printRegions(ctx, store, this.listRegions.value);
    if (this.cloudArg === '') {
      throw new UsageError(
        'cloud name required: use "juju bootstrap --clouds" to list the clouds, then "juju bootstrap <cloud>"',
      );
    }
    const [cloudName, regionArg] = splitCloudRegion(this.cloudArg);
    const cloud = lookupCloud(store, cloudName);
    const region = pickRegion(cloud, cloudName, regionArg);
    const name = (this.nameArg || (region ? `${cloudName}-${region}` : cloudName)).toLowerCase();
    if (!isValidControllerName(name)) {
      throw new JujuError(
        ErrorCode.NotValid,
        `controller name "${name}" is not valid: use lowercase letters, digits and hyphens`,
      );
    }
    if (name in store.allControllers()) throw alreadyExists(`controller "${name}" already exists`);
    const provider = getProvider(cloud.type, ctx.env);
    await provider.checkHost();
    const plan = this.prepare(ctx, store, name, cloudName, cloud, region);
    return this.launch(
      ctx,
      store,
      plan,
      provider.open({ controllerUuid: plan.controllerUuid, cloudConfig: cloud.config ?? {} }),
    );
  }

  /** Validate everything the user gave before anything is created. */
  private prepare(
    ctx: Context,
    store: ClientStore,
    name: string,
    cloudName: string,
    cloud: ListedCloud,
    region: string,
  ): Plan {
    const given = parseConfigValues(this.config.value, ctx);
    const controllerConfig: Record<string, unknown> = {};
    const modelConfig: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(given)) {
      if (controllerConfigSchema.field(key)) controllerConfig[key] = controllerConfigSchema.coerce(key, raw);
      else if (modelConfigSchema.field(key)) modelConfig[key] = modelConfigSchema.coerce(key, raw);
      else if (
        key === 'bootstrap-timeout' ||
        key === 'bootstrap-retry-delay' ||
        key === 'bootstrap-addresses-delay'
      )
        modelConfig[key] = raw;
      else modelConfig[key] = raw;
    }
    validateModelConfig({ ...modelConfigSchema.defaults(), ...modelConfig });
    const modelDefaults: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(parseConfigValues(this.modelDefault.value, ctx))) {
      modelDefaults[key] = modelConfigSchema.field(key) ? modelConfigSchema.coerce(key, raw) : raw;
    }
    validateModelConfig({ ...modelConfigSchema.defaults(), ...modelDefaults });
    const constraints = formatConstraints(parseConstraints(this.constraints.value));
    const bootstrapConstraints = formatConstraints(parseConstraints(this.bootstrapConstraints.value));
    const credential = this.pickCredential(store, cloudName, cloud);
    if (this.addModel.value !== '' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(this.addModel.value)) {
      throw new JujuError(
        ErrorCode.NotValid,
        `"${this.addModel.value}" is not a valid name: model names may only contain lowercase letters, digits and hyphens`,
      );
    }
    const timeoutText = given['bootstrap-timeout'];
    const apiWaitMs =
      timeoutText === undefined
        ? DEFAULT_API_WAIT_MS
        : parseBootstrapTimeout(typeof timeoutText === 'string' ? timeoutText : JSON.stringify(timeoutText));
    return {
      name,
      cloudName,
      cloud,
      region,
      controllerUuid: randomUUID(),
      controllerModelUuid: randomUUID(),
      adminPassword: randomBytes(18).toString('base64url'),
      controllerConfig,
      modelConfig,
      modelDefaults,
      constraints,
      bootstrapConstraints,
      credential,
      apiWaitMs,
    };
  }

  private pickCredential(store: ClientStore, cloudName: string, cloud: ListedCloud): Plan['credential'] {
    const creds = store.credentialsForCloud(cloudName);
    const wanted = this.credential.value || creds.defaultCredential;
    if (!wanted) {
      if (cloud.authTypes.includes('empty')) return undefined;
      const names = Object.keys(creds.credentials);
      if (names.length === 1)
        return {
          name: names[0] as string,
          ...(creds.credentials[names[0] as string] as {
            authType: string;
            attributes: Record<string, string>;
          }),
        };
      throw new JujuError(
        ErrorCode.NotFound,
        `detecting credentials for "${cloudName}" cloud provider: credentials not found\nSee juju add-credential ${cloudName} --help for instructions`,
      );
    }
    const found = creds.credentials[wanted];
    if (!found) throw notFound(`credential "${wanted}" not found`);
    return { name: wanted, authType: found.authType, attributes: found.attributes };
  }

  private async launch(ctx: Context, store: ClientStore, plan: Plan, environ: Environ): Promise<number> {
    const where = plan.region ? `${plan.cloudName}/${plan.region}` : plan.cloudName;
    ctx.infof(`Creating Juju controller "${plan.name}" on ${where}`);
    let created = false;
    try {
      const ca = await createCA(plan.name);
      ctx.infof(`Launching controller instance(s) on ${where}...`);
      const instance = await environ.startInstance({
        machineId: '0',
        modelUuid: plan.controllerModelUuid,
        agent: (inst) => this.agentFor(inst, plan, ca, ctx.env),
      });
      created = true;
      ctx.infof(` - ${instance.id} (arch=${hostArch()})`);
      ctx.infof('Installing Juju agent on bootstrap instance');
      ctx.infof('Waiting for address');
      const port = Number(plan.controllerConfig['api-port'] ?? 17070);
      const endpoints = instance.addresses.map((a) => `${a}:${port}`);
      ctx.infof('Bootstrap agent now started');
      ctx.infof(`Contacting Juju controller at ${instance.addresses[0] ?? '?'} to verify accessibility...`);
      await waitForApi(endpoints, ca.certPem, plan.adminPassword, plan.apiWaitMs, instance);
      this.record(store, plan, endpoints, ca.certPem);
      if (this.addModel.value) {
        await createModel({
          store,
          controller: plan.name,
          name: this.addModel.value,
          switchTo: !this.noSwitch.value,
        });
        ctx.infof(`\nBootstrap complete, controller "${plan.name}" is now available`);
        ctx.infof('Controller machines are in the "controller" model');
        ctx.infof(`\nInitial model "${this.addModel.value}" added`);
      } else {
        ctx.infof(`\nBootstrap complete, controller "${plan.name}" is now available`);
        ctx.infof('Controller machines are in the "controller" model');
        ctx.infof(
          '\nNow you can run\n\tjuju add-model <model-name>\nto create a new model to deploy workloads.',
        );
      }
      return 0;
    } catch (err) {
      if (this.keepBroken.value) {
        ctx.err(`ERROR failed to bootstrap model: ${errorMessage(err)}\n`);
        ctx.infof(
          'The bootstrap machine was left running (--keep-broken). Remove it and everything bootstrap created with:',
        );
        ctx.infof(
          `    juju kill-controller ${plan.name}   (if it was recorded), or remove the machine by hand`,
        );
        return 1;
      }
      if (created) ctx.infof('Cleaning up failed bootstrap');
      await environ.destroy().catch(() => undefined);
      try {
        if (plan.name in store.allControllers()) store.removeController(plan.name);
      } catch {
        // nothing was recorded
      }
      throw new JujuError(isJujuErrorCode(err), `failed to bootstrap model: ${errorMessage(err)}`);
    }
  }

  /** Writes the bootstrap parameters into the new machine and says how to start its agent. */
  private agentFor(
    inst: Instance,
    plan: Plan,
    ca: { certPem: string; keyPem: string },
    env: NodeJS.ProcessEnv,
  ): AgentCommand {
    const dataDir = join(inst.dataRoot, 'var', 'lib', 'juju');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const params: BootstrapParams = {
      controllerUuid: plan.controllerUuid,
      controllerName: plan.name,
      controllerModelUuid: plan.controllerModelUuid,
      caCert: ca.certPem,
      caKey: ca.keyPem,
      adminPassword: plan.adminPassword,
      controllerConfig: plan.controllerConfig,
      modelConfig: plan.modelConfig,
      modelDefaults: plan.modelDefaults,
      constraints: plan.constraints,
      bootstrapConstraints: plan.bootstrapConstraints,
      cloud: {
        name: plan.cloudName,
        type: plan.cloud.type,
        authTypes: plan.cloud.authTypes,
        ...(plan.cloud.endpoint ? { endpoint: plan.cloud.endpoint } : {}),
        regions: plan.cloud.regions.map((r) => ({
          name: r.name,
          ...(r.endpoint ? { endpoint: r.endpoint } : {}),
        })),
        ...(plan.cloud.config ? { config: plan.cloud.config } : {}),
      },
      cloudRegion: plan.region,
      ...(plan.credential ? { credential: plan.credential } : {}),
      machine: { instanceId: inst.id, hostname: inst.hostname, addresses: inst.addresses, base: inst.base },
    };
    const file = join(dataDir, 'bootstrap-params');
    writeFileSync(file, JSON.stringify(params), { mode: 0o600 });
    chmodSync(file, 0o600);
    // The controller manages machines with the same provider settings as this client.
    const agentEnv = Object.fromEntries(
      Object.entries(env).filter(
        (e): e is [string, string] => e[0].startsWith('JUJU_LOCAL_') && e[1] !== undefined,
      ),
    );
    return {
      argv: [process.execPath, JUJUD, 'machine', '--data-dir', dataDir, '--machine-id', '0'],
      env: agentEnv,
      restartOnFailure: true,
    };
  }

  /** Everything the client keeps about the new controller, written under one lock. */
  private record(store: ClientStore, plan: Plan, endpoints: string[], caCert: string): void {
    store.transaction((s) => {
      s.addController(plan.name, {
        uuid: plan.controllerUuid,
        apiEndpoints: endpoints,
        caCert,
        cloud: plan.cloudName,
        ...(plan.region ? { region: plan.region } : {}),
        type: plan.cloud.type,
        agentVersion: JUJU_VERSION,
        controllerMachineCount: 1,
        activeControllerMachineCount: 1,
        machineCount: 1,
      });
      s.updateAccount(plan.name, {
        user: 'admin',
        password: plan.adminPassword,
        lastKnownAccess: 'superuser',
      });
      s.updateModel(plan.name, 'admin/controller', { uuid: plan.controllerModelUuid, type: 'iaas' });
      s.updateBootstrapConfig(plan.name, {
        controllerConfig: {
          ...plan.controllerConfig,
          'controller-uuid': plan.controllerUuid,
          'controller-name': plan.name,
        },
        modelConfig: { ...plan.modelConfig, name: 'controller', type: plan.cloud.type },
        controllerModelUuid: plan.controllerModelUuid,
        ...(plan.credential ? { credential: plan.credential.name } : {}),
        cloud: plan.cloudName,
        type: plan.cloud.type,
        ...(plan.region ? { region: plan.region } : {}),
      });
      if (!this.noSwitch.value) s.setCurrentController(plan.name);
    });
  }

  private printClouds(ctx: Context, store: ClientStore): number {
    ctx.out('You can bootstrap on these clouds. See --regions <cloud> for all regions.\n');
    const clouds = store.allClouds();
    const width = Math.max(5, ...Object.keys(clouds).map((n) => n.length));
    ctx.out(`${'Cloud'.padEnd(width)}  Credentials  Default Region\n`);
    for (const [n, c] of Object.entries(clouds)) {
      const creds = store.credentialsForCloud(n);
      ctx.out(
        `${n.padEnd(width)}  ${Object.keys(creds.credentials).join(', ').padEnd(11)}  ${creds.defaultRegion ?? c.regions[0]?.name ?? ''}\n`,
      );
    }
    return 0;
  }

  private printRegions(ctx: Context, store: ClientStore, cloudName: string): number {
    const cloud = lookupCloud(store, cloudName);
    ctx.out(`Showing regions for ${cloudName}:\n`);
    for (const r of cloud.regions) ctx.out(`${r.name}\n`);
    return 0;
  }
}

interface Plan {
  name: string;
  cloudName: string;
  cloud: ListedCloud;
  region: string;
  controllerUuid: string;
  controllerModelUuid: string;
  adminPassword: string;
  controllerConfig: Record<string, unknown>;
  modelConfig: Record<string, unknown>;
  modelDefaults: Record<string, unknown>;
  constraints: string;
  bootstrapConstraints: string;
  credential: { name: string; authType: string; attributes: Record<string, string> } | undefined;
  apiWaitMs: number;
}

function splitCloudRegion(arg: string): [string, string | undefined] {
  const slash = arg.indexOf('/');
  return slash < 0 ? [arg, undefined] : [arg.slice(0, slash), arg.slice(slash + 1)];
}

function lookupCloud(store: ClientStore, name: string): ListedCloud {
  const cloud = store.allClouds()[name];
  if (!cloud) throw notFound(`unknown cloud "${name}", please try "juju update-public-clouds"`);
  return cloud;
}

function pickRegion(cloud: ListedCloud, cloudName: string, region: string | undefined): string {
  if (region === undefined) return cloud.regions[0]?.name ?? '';
  if (!cloud.regions.some((r) => r.name === region)) {
    throw notFound(`region "${region}" for cloud "${cloudName}" not valid`);
  }
  return region;
}

function parseBootstrapTimeout(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
}

function isJujuErrorCode(err: unknown): string {
  return err instanceof JujuError ? err.code : '';
}

/** Poll the new controller until an admin login succeeds. */
async function waitForApi(
  endpoints: string[],
  caCert: string,
  password: string,
  timeoutMs: number,
  inst: Instance,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const conn = await connect({ addresses: endpoints, caCert, timeoutMs: 2000 });
      try {
        await conn.login({ authTag: 'user-admin', credentials: password, clientVersion: JUJU_VERSION });
        return;
      } finally {
        void conn.close();
      }
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new JujuError(
    ErrorCode.DeadlineExceeded,
    `waited for ${Math.round(timeoutMs / 1000)}s without being able to connect: ${errorMessage(last)} (agent log: ${join(inst.dataRoot, 'agent.log')})`,
  );
}
