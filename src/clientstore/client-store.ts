/**
 * The client store: the YAML files in the `juju` data directory that remember
 * controllers, models, accounts, bootstrap config, personal clouds and
 * credentials.
 *
 * Every method is synchronous (the CLI does one short job per process, and
 * synchronous file access keeps a read-modify-write trivially free of
 * interleaving inside the process). Across processes, every change runs under
 * the store lock and each file is replaced atomically, so concurrent `juju`
 * commands never lose each other's updates. Reads take no lock: a reader always
 * sees a whole file, old or new.
 *
 * Lookups of a named thing throw a not-found JujuError worded as Juju's;
 * `current...()` getters return undefined when nothing is selected.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alreadyExists, JujuError, ErrorCode, notFound, notValid } from '../core/errors.js';
import { readTextIfExists, removeIfExists, sweepDeadTempFiles, writeFileAtomic } from './atomic-file.js';
import type { AtomicWriteHooks } from './atomic-file.js';
import { acquireStoreLock, DEFAULT_LOCK_TIMEOUT_MS, isProcessAlive } from './store-lock.js';
import { cookieJarFile, jujuDataDir, StoreFile } from './data-dir.js';
import type { StoreFileName } from './data-dir.js';
import { formatControllersFile, parseControllersFile } from './controllers-file.js';
import type { ControllersFile } from './controllers-file.js';
import { formatModelsFile, parseModelsFile } from './models-file.js';
import type { ModelsFile } from './models-file.js';
import { formatAccountsFile, parseAccountsFile } from './accounts-file.js';
import { formatBootstrapConfigFile, parseBootstrapConfigFile } from './bootstrap-config-file.js';
import { formatCloudsFile, parseCloudsFile } from './clouds-file.js';
import { formatCredentialsFile, parseCredentialsFile } from './credentials-file.js';
import type { CredentialsFile } from './credentials-file.js';
import { builtinClouds, cloudAlreadyExistsError } from './builtin-clouds.js';
import {
  validateCloudName,
  validateControllerName,
  validateCredentialName,
  validateQualifiedModelName,
  validateUserName,
} from './names.js';
import type {
  AccountDetails,
  BootstrapConfig,
  CloudCredentials,
  CloudDefinition,
  ControllerDetails,
  ControllerModels,
  Credential,
  ListedCloud,
  ModelDetails,
  ModelDetailsInput,
} from './types.js';

export interface ClientStoreOptions {
  /** How long to wait for another process's lock before failing (default 5 s). */
  lockTimeoutMs?: number;
  /** Environment used to find the data directory when no dir is given. */
  env?: NodeJS.ProcessEnv;
  /** Test hooks for the atomic writer. */
  writeHooks?: AtomicWriteHooks;
}

/** A controller's details, or a function computing them from the stored ones. */
export type ControllerUpdate = ControllerDetails | ((current: ControllerDetails) => ControllerDetails);

/**
 * Changes made while the lock is held. Files are parsed from and written to
 * this overlay, then committed together when the outermost change finishes,
 * so a transaction that throws writes nothing.
 */
class PendingChanges {
  /** Relative path → new text, or null to delete. Insertion order = commit order. */
  private readonly staged = new Map<string, string | null>();

  constructor(private readonly dir: string) {}

  read(rel: string): string | undefined {
    if (this.staged.has(rel)) return this.staged.get(rel) ?? undefined;
    return readTextIfExists(join(this.dir, rel));
  }

  write(rel: string, text: string): void {
    // Re-inserting moves the file to the end: the last file changed is committed last.
    this.staged.delete(rel);
    this.staged.set(rel, text);
  }

  remove(rel: string): void {
    this.staged.delete(rel);
    this.staged.set(rel, null);
  }

  commit(hooks: AtomicWriteHooks): void {
    for (const [rel, text] of this.staged) {
      const path = join(this.dir, rel);
      if (text === null) {
        removeIfExists(path);
        continue;
      }
      if (readTextIfExists(path) === text) continue;
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileAtomic(path, text, 0o600, hooks);
    }
  }
}

export class ClientStore {
  /** Absolute path of the data directory. */
  readonly dir: string;
  private readonly lockTimeoutMs: number;
  private readonly writeHooks: AtomicWriteHooks;
  private pending: PendingChanges | undefined;

  /** A store over `dir`, or over the data directory the environment selects. */
  constructor(dir?: string, options: ClientStoreOptions = {}) {
    this.dir = dir ?? jujuDataDir(options.env ?? process.env);
    this.lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    this.writeHooks = options.writeHooks ?? {};
  }

  /** Absolute path of a file in the data directory (e.g. a {@link StoreFile} name). */
  path(file: string): string {
    return join(this.dir, file);
  }

  /** Absolute path of a controller's cookie jar (`cookies/<name>.json`). */
  cookieJarPath(controllerName: string): string {
    return join(this.dir, cookieJarFile(controllerName));
  }

  /**
   * Run `fn` with the store lock held, so several changes (e.g. bootstrap
   * writing controllers, models, accounts and bootstrap config) land together
   * and no other process interleaves. Store methods called inside see the
   * changes made so far; if `fn` throws, nothing is written. `fn` must be
   * synchronous.
   */
  transaction<T>(fn: (store: this) => T, operation = 'update client store'): T {
    return this.change(operation, () => {
      const result = fn(this);
      if (isThenable(result)) {
        throw new JujuError(ErrorCode.BadRequest, 'client store transaction callback must be synchronous');
      }
      return result;
    });
  }

  // ---- controllers -------------------------------------------------------

  /** All controllers by name. */
  allControllers(): Record<string, ControllerDetails> {
    return this.controllersFile().controllers;
  }

  /** One controller; throws `controller <name> not found`. */
  controllerByName(name: string): ControllerDetails {
    const controllers = this.controllersFile().controllers;
    const details = Object.hasOwn(controllers, name) ? controllers[name] : undefined;
    if (!details) throw notFound(`controller ${name} not found`);
    return details;
  }

  /** Add a new controller; its name and its UUID must both be new. */
  addController(name: string, details: ControllerDetails): void {
    validateControllerName(name);
    validateControllerDetails(details);
    this.change(`add controller ${name}`, (p) => {
      const file = parseControllersFile(p.read(StoreFile.controllers));
      if (Object.hasOwn(file.controllers, name))
        throw alreadyExists(`controller with name ${name} already exists`);
      for (const [other, d] of Object.entries(file.controllers)) {
        if (d.uuid === details.uuid)
          throw alreadyExists(`controller with UUID ${details.uuid} (${other}) already exists`);
      }
      file.controllers[name] = details;
      p.write(StoreFile.controllers, formatControllersFile(file));
    });
  }

  /**
   * Replace an existing controller's details. Pass a function to change them
   * based on the stored ones within the same lock (no lost updates).
   */
  updateController(name: string, update: ControllerUpdate): void {
    validateControllerName(name);
    this.change(`update controller ${name}`, (p) => {
      const file = parseControllersFile(p.read(StoreFile.controllers));
      const current = Object.hasOwn(file.controllers, name) ? file.controllers[name] : undefined;
      if (!current) throw notFound(`controller ${name} not found`);
      const details = typeof update === 'function' ? update(current) : update;
      validateControllerDetails(details);
      for (const [other, d] of Object.entries(file.controllers)) {
        if (other !== name && d.uuid === details.uuid) {
          throw alreadyExists(`controller ${other} with UUID ${d.uuid} already exists`);
        }
      }
      file.controllers[name] = details;
      p.write(StoreFile.controllers, formatControllersFile(file));
    });
  }

  /**
   * Forget a controller (and any other name for the same controller UUID)
   * everywhere: controllers, models, accounts, bootstrap config and its cookie
   * jar. Unknown names are ignored.
   */
  removeController(name: string): void {
    this.change(`remove controller ${name}`, (p) => {
      const controllers = parseControllersFile(p.read(StoreFile.controllers));
      const target = Object.hasOwn(controllers.controllers, name) ? controllers.controllers[name] : undefined;
      if (!target) return;
      const names = Object.keys(controllers.controllers).filter(
        (n) => controllers.controllers[n]?.uuid === target.uuid,
      );
      for (const n of names) {
        delete controllers.controllers[n];
        if (controllers.currentController === n) delete controllers.currentController;
      }
      const dropFrom = <T>(
        file: StoreFileName,
        parse: (t: string | undefined) => Record<string, T>,
        format: (f: Record<string, T>) => string,
      ) => {
        const data = parse(p.read(file));
        const present = names.filter((n) => Object.hasOwn(data, n));
        if (present.length === 0) return;
        for (const n of present) delete data[n];
        p.write(file, format(data));
      };
      dropFrom(StoreFile.models, parseModelsFile, formatModelsFile);
      dropFrom(StoreFile.accounts, parseAccountsFile, formatAccountsFile);
      dropFrom(StoreFile.bootstrapConfig, parseBootstrapConfigFile, formatBootstrapConfigFile);
      for (const n of names) p.remove(cookieJarFile(n));
      // Controllers last, so a crash part-way never leaves entries that point
      // to a controller that is already gone.
      p.write(StoreFile.controllers, formatControllersFile(controllers));
    });
  }

  /** The selected controller, if any. */
  currentController(): string | undefined {
    return this.controllersFile().currentController;
  }

  /** Select a controller; throws `controller <name> not found` for unknown names. */
  setCurrentController(name: string): void {
    this.change(`set current controller ${name}`, (p) => {
      const file = parseControllersFile(p.read(StoreFile.controllers));
      if (!Object.hasOwn(file.controllers, name)) throw notFound(`controller ${name} not found`);
      if (file.currentController === name) return;
      file.currentController = name;
      p.write(StoreFile.controllers, formatControllersFile(file));
    });
  }

  // ---- models ------------------------------------------------------------

  /** The models cached for a controller, by owner-qualified name ({} if none). */
  allModels(controllerName: string): Record<string, ModelDetails> {
    return this.controllerModels(controllerName)?.models ?? {};
  }

  /** One cached model; throws `model <ctrl>:<owner/name> not found`. */
  modelByName(controllerName: string, qualifiedName: string): ModelDetails {
    validateQualifiedModelName(qualifiedName);
    const models = this.allModels(controllerName);
    const details = Object.hasOwn(models, qualifiedName) ? models[qualifiedName] : undefined;
    if (!details) throw notFound(`model ${controllerName}:${qualifiedName} not found`);
    return details;
  }

  /** Add or replace a cached model. A model's type can never change. */
  updateModel(controllerName: string, qualifiedName: string, input: ModelDetailsInput): void {
    validateControllerName(controllerName);
    validateQualifiedModelName(qualifiedName);
    const details = normaliseModel(input);
    this.changeModels(
      `update model ${qualifiedName} on controller ${controllerName}`,
      controllerName,
      (entry) => {
        const old = Object.hasOwn(entry.models, qualifiedName) ? entry.models[qualifiedName] : undefined;
        if (old && old.type !== details.type) {
          throw notValid(
            `model type was ${JSON.stringify(old.type)}, cannot change to ${JSON.stringify(details.type)}`,
          );
        }
        entry.models[qualifiedName] = details;
      },
    );
  }

  /** Drop a cached model (and deselect it); throws if it is not cached. */
  removeModel(controllerName: string, qualifiedName: string): void {
    validateQualifiedModelName(qualifiedName);
    this.changeModels(
      `remove model ${qualifiedName} on controller ${controllerName}`,
      controllerName,
      (entry) => {
        if (!Object.hasOwn(entry.models, qualifiedName))
          throw notFound(`model ${controllerName}:${qualifiedName} not found`);
        delete entry.models[qualifiedName];
        if (entry.currentModel === qualifiedName) delete entry.currentModel;
        if (entry.previousModel === qualifiedName) delete entry.previousModel;
      },
    );
  }

  /**
   * Replace the cached model list of a controller with what the controller
   * reported. The current model is kept even if it disappeared, so the CLI can
   * tell the user it was removed.
   */
  setModels(controllerName: string, models: Record<string, ModelDetailsInput>): void {
    validateControllerName(controllerName);
    const next: Record<string, ModelDetails> = {};
    for (const [name, input] of Object.entries(models)) {
      validateQualifiedModelName(name);
      next[name] = normaliseModel(input);
    }
    this.changeModels(`set models on controller ${controllerName}`, controllerName, (entry) => {
      entry.models = next;
    });
  }

  /** The selected model of a controller (owner-qualified), if any. */
  currentModel(controllerName: string): string | undefined {
    return this.controllerModels(controllerName)?.currentModel;
  }

  /** The model selected before the current one, if any. */
  previousModel(controllerName: string): string | undefined {
    return this.controllerModels(controllerName)?.previousModel;
  }

  /** Select a cached model, or deselect with null. */
  setCurrentModel(controllerName: string, qualifiedName: string | null): void {
    if (qualifiedName !== null) validateQualifiedModelName(qualifiedName);
    this.changeModels(`set current model on controller ${controllerName}`, controllerName, (entry) => {
      if (qualifiedName === null) {
        delete entry.currentModel;
        return;
      }
      if (!Object.hasOwn(entry.models, qualifiedName))
        throw notFound(`model ${controllerName}:${qualifiedName} not found`);
      if (entry.currentModel === qualifiedName) return;
      if (entry.currentModel !== undefined) entry.previousModel = entry.currentModel;
      entry.currentModel = qualifiedName;
    });
  }

  // ---- accounts ----------------------------------------------------------

  /** The account on a controller; throws `account details for controller <name> not found`. */
  accountDetails(controllerName: string): AccountDetails {
    const accounts = parseAccountsFile(this.read(StoreFile.accounts));
    const account = Object.hasOwn(accounts, controllerName) ? accounts[controllerName] : undefined;
    if (!account) throw notFound(`account details for controller ${controllerName} not found`);
    return account;
  }

  /** Store (replace) the account for a controller. */
  updateAccount(controllerName: string, details: AccountDetails): void {
    validateControllerName(controllerName);
    validateUserName(details.user);
    this.change(`update account for controller ${controllerName}`, (p) => {
      const accounts = parseAccountsFile(p.read(StoreFile.accounts));
      accounts[controllerName] = details;
      p.write(StoreFile.accounts, formatAccountsFile(accounts));
    });
  }

  /** Forget the account for a controller; throws if there is none. */
  removeAccount(controllerName: string): void {
    this.change(`remove account for controller ${controllerName}`, (p) => {
      const accounts = parseAccountsFile(p.read(StoreFile.accounts));
      if (!Object.hasOwn(accounts, controllerName))
        throw notFound(`account details for controller ${controllerName} not found`);
      delete accounts[controllerName];
      p.write(StoreFile.accounts, formatAccountsFile(accounts));
    });
  }

  // ---- bootstrap config --------------------------------------------------

  /** The bootstrap config of a controller; throws `bootstrap config for controller <name> not found`. */
  bootstrapConfig(controllerName: string): BootstrapConfig {
    const configs = parseBootstrapConfigFile(this.read(StoreFile.bootstrapConfig));
    const cfg = Object.hasOwn(configs, controllerName) ? configs[controllerName] : undefined;
    if (!cfg) throw notFound(`bootstrap config for controller ${controllerName} not found`);
    return cfg;
  }

  /** Store (replace) the bootstrap config of a controller. */
  updateBootstrapConfig(controllerName: string, cfg: BootstrapConfig): void {
    validateControllerName(controllerName);
    if (cfg.cloud === '') throw notValid('empty cloud name not valid');
    if (cfg.type === '') throw notValid('empty cloud type not valid');
    this.change(`update bootstrap config for controller ${controllerName}`, (p) => {
      const configs = parseBootstrapConfigFile(p.read(StoreFile.bootstrapConfig));
      configs[controllerName] = cfg;
      p.write(StoreFile.bootstrapConfig, formatBootstrapConfigFile(configs));
    });
  }

  // ---- clouds ------------------------------------------------------------

  /** The user's own cloud definitions (`clouds.yaml`). */
  personalClouds(): Record<string, CloudDefinition> {
    return parseCloudsFile(this.read(StoreFile.clouds));
  }

  /** Add or replace a personal cloud. Built-in cloud names are refused. */
  updatePersonalCloud(name: string, definition: CloudDefinition): void {
    validateCloudName(name);
    if (Object.hasOwn(builtinClouds(), name)) throw cloudAlreadyExistsError(name);
    if (definition.type === '') throw notValid(`cloud ${JSON.stringify(name)} has no type`);
    this.change(`update cloud ${name}`, (p) => {
      const clouds = parseCloudsFile(p.read(StoreFile.clouds));
      clouds[name] = definition;
      p.write(StoreFile.clouds, formatCloudsFile(clouds));
    });
  }

  /** Remove a personal cloud; throws `personal cloud <name> not found`. */
  removePersonalCloud(name: string): void {
    this.change(`remove cloud ${name}`, (p) => {
      const clouds = parseCloudsFile(p.read(StoreFile.clouds));
      if (!Object.hasOwn(clouds, name)) throw notFound(`personal cloud ${name} not found`);
      delete clouds[name];
      p.write(StoreFile.clouds, formatCloudsFile(clouds));
    });
  }

  /**
   * Every cloud this client can use: the built-in ones first, then personal
   * clouds by name. A personal entry named like a built-in cloud is ignored.
   */
  allClouds(): Record<string, ListedCloud> {
    const out: Record<string, ListedCloud> = {};
    for (const [name, def] of Object.entries(builtinClouds())) out[name] = { ...def, source: 'built-in' };
    const personal = this.personalClouds();
    for (const name of Object.keys(personal).sort()) {
      const def = personal[name];
      if (def && !Object.hasOwn(out, name)) out[name] = { ...def, source: 'local' };
    }
    return out;
  }

  /** One cloud from {@link allClouds}; throws `cloud <name> not found`. */
  cloudByName(name: string): ListedCloud {
    const clouds = this.allClouds();
    const cloud = Object.hasOwn(clouds, name) ? clouds[name] : undefined;
    if (!cloud) throw notFound(`cloud ${name} not found`);
    return cloud;
  }

  // ---- credentials -------------------------------------------------------

  /** All credentials by cloud. */
  allCredentials(): Record<string, CloudCredentials> {
    return parseCredentialsFile(this.read(StoreFile.credentials));
  }

  /** The credentials of one cloud (empty when there are none). */
  credentialsForCloud(cloud: string): CloudCredentials {
    const all = this.allCredentials();
    return (Object.hasOwn(all, cloud) ? all[cloud] : undefined) ?? { credentials: {} };
  }

  /** Add or replace a named credential for a cloud. */
  updateCredential(cloud: string, name: string, credential: Credential): void {
    validateCloudName(cloud);
    validateCredentialName(name);
    if (credential.authType === '') throw notValid(`credential ${JSON.stringify(name)} has no auth-type`);
    this.changeCredentials(`update credential ${name} for cloud ${cloud}`, cloud, (entry) => {
      entry.credentials[name] = { authType: credential.authType, attributes: { ...credential.attributes } };
    });
  }

  /** Remove a named credential (clearing it as the default); throws if it does not exist. */
  removeCredential(cloud: string, name: string): void {
    this.changeCredentials(`remove credential ${name} for cloud ${cloud}`, cloud, (entry) => {
      if (!Object.hasOwn(entry.credentials, name)) throw credentialNotFound(cloud, name);
      delete entry.credentials[name];
      if (entry.defaultCredential === name) delete entry.defaultCredential;
    });
  }

  /** Make a credential the cloud's default, or clear the default with null. */
  setDefaultCredential(cloud: string, name: string | null): void {
    this.changeCredentials(`set default credential for cloud ${cloud}`, cloud, (entry) => {
      if (name === null) {
        delete entry.defaultCredential;
        return;
      }
      if (!Object.hasOwn(entry.credentials, name)) throw credentialNotFound(cloud, name);
      entry.defaultCredential = name;
    });
  }

  /** Set the cloud's default region, or clear it with null. */
  setDefaultRegion(cloud: string, region: string | null): void {
    validateCloudName(cloud);
    this.changeCredentials(`set default region for cloud ${cloud}`, cloud, (entry) => {
      if (region === null || region === '') delete entry.defaultRegion;
      else entry.defaultRegion = region;
    });
  }

  // ---- internals ---------------------------------------------------------

  /** A file's text as this store currently sees it (pending changes included). */
  private read(file: string): string | undefined {
    return this.pending ? this.pending.read(file) : readTextIfExists(join(this.dir, file));
  }

  private controllersFile(): ControllersFile {
    return parseControllersFile(this.read(StoreFile.controllers));
  }

  private controllerModels(controllerName: string): ControllerModels | undefined {
    const all = parseModelsFile(this.read(StoreFile.models));
    return Object.hasOwn(all, controllerName) ? all[controllerName] : undefined;
  }

  /**
   * Run a change under the lock. Nested calls (inside a transaction) share the
   * outer lock and pending changes; the outermost call commits them.
   */
  private change<T>(operation: string, fn: (pending: PendingChanges) => T): T {
    if (this.pending) return fn(this.pending);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lock = acquireStoreLock(this.dir, operation, this.lockTimeoutMs);
    const pending = new PendingChanges(this.dir);
    this.pending = pending;
    try {
      sweepDeadTempFiles(this.dir, isProcessAlive);
      const result = fn(pending);
      this.pending = undefined;
      pending.commit(this.writeHooks);
      return result;
    } finally {
      this.pending = undefined;
      lock.release();
    }
  }

  private changeModels(
    operation: string,
    controllerName: string,
    edit: (entry: ControllerModels) => void,
  ): void {
    this.change(operation, (p) => {
      const all: ModelsFile = parseModelsFile(p.read(StoreFile.models));
      const entry: ControllerModels = (Object.hasOwn(all, controllerName)
        ? all[controllerName]
        : undefined) ?? { models: {} };
      edit(entry);
      all[controllerName] = entry;
      p.write(StoreFile.models, formatModelsFile(all));
    });
  }

  private changeCredentials(operation: string, cloud: string, edit: (entry: CloudCredentials) => void): void {
    this.change(operation, (p) => {
      const all: CredentialsFile = parseCredentialsFile(p.read(StoreFile.credentials));
      const entry: CloudCredentials = (Object.hasOwn(all, cloud) ? all[cloud] : undefined) ?? {
        credentials: {},
      };
      edit(entry);
      // A cloud with nothing left in it disappears from the file.
      if (
        Object.keys(entry.credentials).length === 0 &&
        entry.defaultCredential === undefined &&
        entry.defaultRegion === undefined
      ) {
        delete all[cloud];
      } else {
        all[cloud] = entry;
      }
      p.write(StoreFile.credentials, formatCredentialsFile(all));
    });
  }
}

function validateControllerDetails(details: ControllerDetails): void {
  if (!details.uuid) throw notValid('missing uuid, controller details not valid');
  if (!details.caCert) throw notValid('missing ca-cert, controller details not valid');
}

function normaliseModel(input: ModelDetailsInput): ModelDetails {
  if (!input.uuid) throw notValid('missing uuid, model details not valid');
  if (input.type !== 'iaas' && input.type !== 'caas')
    throw notValid(`model type ${JSON.stringify(input.type)} not valid`);
  return { uuid: input.uuid, type: input.type, branch: input.branch || 'master' };
}

function credentialNotFound(cloud: string, name: string): JujuError {
  return notFound(`credential ${JSON.stringify(name)} for cloud ${JSON.stringify(cloud)} not found`);
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
