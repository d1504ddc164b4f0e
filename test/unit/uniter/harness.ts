/**
 * An in-process controller for unit-agent tests: a real controller database
 * and services, the real API server with every facade and the charm HTTP
 * routes on 127.0.0.1, a model with an admin connection, and helpers to
 * deploy a charm directory, give its units a machine address and password,
 * and start real unit agents (`startUnitAgent`) on a temp machine data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentConfPath, writeAgentConf } from '../../../src/agent/agent-conf.js';
import { FileMachineLock } from '../../../src/agent/common/machine-lock.js';
import { startUnitAgent } from '../../../src/agent/uniter/index.js';
import type { UnitAgentHandle, UnitAgentOptions } from '../../../src/agent/uniter/api.js';
import { connect, type ApiConnection } from '../../../src/api/connection.js';
import { readLocalCharm, uploadCharm } from '../../../src/cli/commands/application/charm-upload.js';
import { ApiServer } from '../../../src/controller/apiserver/api-server.js';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import { loginHandler } from '../../../src/controller/facades/admin-login.js';
import { registerCharmRoutes } from '../../../src/controller/facades/charms-http.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { buildFacades } from '../../../src/controller/facades/index.js';
import { WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import { unitTag } from '../../../src/core/names.js';
import { initializeController } from '../../../src/domain/bootstrap.js';
import { createServices, type ControllerServices } from '../../../src/domain/services.js';
import { Database } from '../../../src/state/database.js';
import { testPki } from '../api/fixtures.js';
import { bootstrapParams } from '../domain/fixture.js';

export const REPO = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const ADMIN_PASSWORD = 'sekrit-admin';

/** Fast timings for tests. */
export const TEST_TUNING: NonNullable<UnitAgentOptions['tuning']> = {
  retryMinMs: 300,
  retryMaxMs: 2000,
  reconnectMinMs: 100,
  reconnectMaxMs: 1000,
  killGraceMs: 500,
};

export interface RunningUnit {
  readonly name: string;
  readonly handle: UnitAgentHandle;
  /** `<data dir>/agents/unit-x`. */
  readonly agentDir: string;
  readonly logs: string[];
}

export class Harness {
  readonly root: string;
  readonly dataDir: string;
  readonly services: ControllerServices;
  readonly modelUuid: string;
  admin!: ApiConnection;
  private server!: ApiServer;
  private address = '';
  private caCert = '';
  private readonly db: Database;
  private readonly units: RunningUnit[] = [];
  /** Agents started with {@link spawnUnit}, oldest first. */
  readonly children: ChildProcess[] = [];
  private readonly lock: FileMachineLock;

  private constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'uniter-test-'));
    this.dataDir = join(this.root, 'machine', 'var', 'lib', 'juju');
    mkdirSync(this.dataDir, { recursive: true });
    this.db = Database.open(join(this.root, 'controller.db'));
    this.services = createServices(this.db);
    initializeController(this.services, bootstrapParams({ adminPassword: ADMIN_PASSWORD }));
    this.modelUuid = this.services.model.create({ name: 'work', owner: 'admin', cloud: 'local' }).uuid;
    this.lock = new FileMachineLock({
      dataDir: this.dataDir,
      logDir: join(this.root, 'machine', 'var', 'log', 'juju'),
    });
  }

  static async start(): Promise<Harness> {
    const h = new Harness();
    try {
      await h.listen();
    } catch (err) {
      await h.close();
      throw err;
    }
    return h;
  }

  private async listen(): Promise<void> {
    const { ca, server: serving } = await testPki();
    const hub = new ChangeHub();
    this.db.onCommit(() => hub.bump());
    const objectStoreDir = join(this.root, 'objects');
    mkdirSync(objectStoreDir, { recursive: true });
    const deps: FacadeDeps = {
      services: this.services,
      hub,
      watchers: new WatcherRegistry(hub),
      objectStoreDir,
      apiAddresses: () => [this.address],
      stopInstances: () => Promise.resolve(),
      log: () => undefined,
    };
    this.server = new ApiServer({
      host: '127.0.0.1',
      port: 0,
      tls: serving,
      facades: buildFacades(deps),
      login: loginHandler(deps),
    });
    registerCharmRoutes(this.server, deps);
    const { port } = await this.server.start();
    this.address = `127.0.0.1:${port}`;
    this.caCert = ca.certPem;
    this.admin = await connect({ addresses: [this.address], caCert: this.caCert, modelUuid: this.modelUuid });
    await this.admin.login({ authTag: 'user-admin', credentials: ADMIN_PASSWORD });
  }

  /** Uploads a charm directory (relative to the repo or absolute); resolves to its URL. */
  async upload(charmDir: string): Promise<string> {
    const full = charmDir.startsWith('/') ? charmDir : join(REPO, charmDir);
    return uploadCharm(this.admin, this.modelUuid, await readLocalCharm(full, charmDir));
  }

  /** Deploys `app` from a charm directory with `units` units all on machine 0. */
  async deploy(
    app: string,
    charmDir: string,
    units = 1,
    config: Record<string, string> = {},
  ): Promise<string> {
    const url = await this.upload(charmDir);
    if (this.services.machine.list(this.modelUuid).length === 0) {
      this.services.machine.add(this.modelUuid, {});
      this.services.machine.setAddresses(this.modelUuid, '0', [
        { value: '127.0.0.1', type: 'ipv4', scope: 'local-cloud' },
      ]);
    }
    const res = await this.admin.call<{ results: { error?: { message: string } }[] }>(
      'Application',
      'Deploy',
      {
        applications: [
          {
            application: app,
            'charm-url': url,
            'charm-origin': { source: 'local', type: 'charm' },
            'num-units': units,
            config,
            placement: Array.from({ length: units }, () => ({ scope: '#', directive: '0' })),
          },
        ],
      },
    );
    const err = res.results[0]?.error;
    if (err) throw new Error(err.message);
    return url;
  }

  /** Writes the unit's agent.conf with a password set on the controller, and starts its agent. */
  startUnit(name: string, tuning: UnitAgentOptions['tuning'] = TEST_TUNING): RunningUnit {
    const confPath = this.writeUnitConf(name);
    const logs: string[] = [];
    const handle = startUnitAgent({
      unitName: name,
      dataDir: this.dataDir,
      agentConfPath: confPath,
      machineLock: this.lock,
      log: (level, module, message) => logs.push(`${level} ${module} ${message}`),
      tuning: tuning ?? TEST_TUNING,
    });
    const unit: RunningUnit = { name, handle, agentDir: join(this.dataDir, 'agents', unitTag(name)), logs };
    this.units.push(unit);
    return unit;
  }

  /**
   * Runs the unit's agent in a child process (see agent-child.ts), so a test
   * can kill it with SIGKILL. Its log lines go to `<root>/<unit>.agent.log`.
   */
  spawnUnit(name: string, tuning: UnitAgentOptions['tuning'] = TEST_TUNING): ChildProcess {
    const confPath = this.writeUnitConf(name);
    const child = spawn(
      process.execPath,
      [
        join(REPO, 'dist', 'test', 'unit', 'uniter', 'agent-child.js'),
        JSON.stringify({
          unitName: name,
          dataDir: this.dataDir,
          confPath,
          logFile: this.childLogPath(name),
          tuning,
        }),
      ],
      { stdio: 'ignore' },
    );
    this.children.push(child);
    return child;
  }

  /** Where a child agent of `spawnUnit` logs. */
  childLogPath(name: string): string {
    return join(this.root, `${unitTag(name)}.agent.log`);
  }

  /** The unit's agent.conf (written once; the password stays valid across restarts). */
  writeUnitConf(name: string): string {
    const tag = unitTag(name);
    const path = agentConfPath(this.dataDir, tag);
    let exists = true;
    try {
      readFileSync(path);
    } catch {
      exists = false;
    }
    if (!exists) {
      const password = `pw-${tag}-0123456789abcdef`;
      this.services.application.setUnitPassword(this.modelUuid, name, password);
      writeAgentConf(path, {
        tag,
        datadir: this.dataDir,
        logdir: join(this.root, 'machine', 'var', 'log', 'juju'),
        upgradedToVersion: '3.6.4',
        cacert: this.caCert,
        controller: `controller-${this.services.controller.uuid()}`,
        model: `model-${this.modelUuid}`,
        apiaddresses: [this.address],
        apipassword: password,
        values: {},
      });
    }
    return path;
  }

  /** Lines of the unit's hooks.log (`$CHARM_DIR/../hooks.log`). */
  hooksLog(unit: string): string[] {
    try {
      return readFileSync(join(this.dataDir, 'agents', unitTag(unit), 'hooks.log'), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
    } catch {
      return [];
    }
  }

  /** Hook names (first field) of hooks.log. */
  hooks(unit: string): string[] {
    return this.hooksLog(unit).map((l) => l.split(' ').slice(0, 3).join(' '));
  }

  async close(): Promise<void> {
    await Promise.all(this.units.map((u) => u.handle.stop().catch(() => undefined)));
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolveExit) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolveExit();
            c.once('exit', () => resolveExit());
            c.kill('SIGKILL');
          }),
      ),
    );
    await this.admin?.close().catch(() => undefined);
    await this.server?.stop().catch(() => undefined);
    this.db.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Polls `fn` until it returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
