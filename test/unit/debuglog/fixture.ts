/**
 * An in-process controller for the debug-log tests: a real database and
 * services, the real facades and login, and a real ApiServer on
 * 127.0.0.1:0 with the log endpoints, plus a client store pointing at it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ApiServer } from '../../../src/controller/apiserver/api-server.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { loginHandler } from '../../../src/controller/facades/admin-login.js';
import { buildFacades } from '../../../src/controller/facades/index.js';
import { WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import {
  registerLogEndpoints,
  type LogEndpointOptions,
  type LogEndpoints,
} from '../../../src/controller/logs/index.js';
import { ClientStore } from '../../../src/clientstore/index.js';
import { Context } from '../../../src/cli/framework/context.js';
import { buildJuju } from '../../../src/cli/juju.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';
import { testPki } from '../api/fixtures.js';

export const ADMIN_PASSWORD = 'sekrit-admin';

export interface LogController {
  readonly f: BootstrappedFixture;
  readonly hub: ChangeHub;
  /** The running server (replaced by {@link LogController.restartServer}). */
  readonly server: ApiServer;
  readonly endpoints: LogEndpoints;
  /** Stops the API server, keeping the database. */
  stopServer(): Promise<void>;
  /** Starts a fresh API server on the same port. */
  startServer(): Promise<void>;
  readonly address: string;
  readonly caCert: string;
  readonly controllerModelUuid: string;
  /** JUJU_DATA of a client logged in as admin, current model `admin/logs`. */
  readonly jujuData: string;
  readonly modelUuid: string;
  close(): Promise<void>;
}

/** Starts the controller and a hosted model `logs`. */
export async function startLogController(opts: LogEndpointOptions = {}, port = 0): Promise<LogController> {
  const f = bootstrappedFixture({ adminPassword: ADMIN_PASSWORD });
  const hub = new ChangeHub();
  f.db.onCommit(() => hub.bump());
  const objectStoreDir = mkdtempSync(join(tmpdir(), 'juju-objects-'));
  const jujuData = mkdtempSync(join(tmpdir(), 'juju-data-'));
  const { ca, server: serving } = await testPki();
  let address = '';
  const deps: FacadeDeps = {
    services: f.services,
    hub,
    watchers: new WatcherRegistry(hub),
    objectStoreDir,
    apiAddresses: () => [address],
    stopInstances: () => Promise.resolve(),
    log: () => undefined,
  };
  const newServer = (listenPort: number): { server: ApiServer; endpoints: LogEndpoints } => {
    const server = new ApiServer({
      host: '127.0.0.1',
      port: listenPort,
      tls: serving,
      facades: buildFacades(deps),
      login: loginHandler(deps),
    });
    return { server, endpoints: registerLogEndpoints(server, deps, opts) };
  };
  let current = newServer(port);
  const started = await current.server.start();
  address = `127.0.0.1:${started.port}`;
  const modelUuid = f.services.model.create({ name: 'logs', owner: 'admin', cloud: 'local' }).uuid;
  const controllerModelUuid = f.boot.controllerModel.uuid;

  const store = new ClientStore(jujuData);
  store.addController('ctl', {
    uuid: f.boot.controller.uuid,
    apiEndpoints: [address],
    caCert: ca.certPem,
    cloud: 'local',
    controllerMachineCount: 1,
    activeControllerMachineCount: 1,
  });
  store.setCurrentController('ctl');
  store.updateAccount('ctl', { user: 'admin', password: ADMIN_PASSWORD });
  store.updateModel('ctl', 'admin/controller', { uuid: controllerModelUuid, type: 'iaas' });
  store.updateModel('ctl', 'admin/logs', { uuid: modelUuid, type: 'iaas' });
  store.setCurrentModel('ctl', 'admin/logs');

  return {
    f,
    hub,
    get server() {
      return current.server;
    },
    get endpoints() {
      return current.endpoints;
    },
    async stopServer() {
      await current.server.stop();
      current.endpoints.close();
    },
    async startServer() {
      current = newServer(started.port);
      await current.server.start();
    },
    address,
    caCert: ca.certPem,
    controllerModelUuid,
    jujuData,
    modelUuid,
    async close() {
      await current.server.stop();
      current.endpoints.close();
      f.close();
      rmSync(objectStoreDir, { recursive: true, force: true });
      rmSync(jujuData, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `juju <args>` in-process with JUJU_DATA set. `tty` makes stdout claim
 * to be a terminal; `onOutput` sees stdout as it grows.
 */
export async function runCli(
  jujuData: string,
  args: string[],
  opts: { tty?: boolean; env?: NodeJS.ProcessEnv; onOutput?: (stdout: string) => void } = {},
): Promise<CliRun> {
  const input = new PassThrough();
  input.end('');
  const out = new PassThrough();
  const err = new PassThrough();
  if (opts.tty) Object.assign(out, { isTTY: true });
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => {
    stdout += c.toString();
    opts.onOutput?.(stdout);
  });
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const ctx = new Context(
    { stdin: input, stdout: out, stderr: err },
    { PATH: process.env.PATH, JUJU_DATA: jujuData, ...opts.env },
    process.cwd(),
  );
  const code = await buildJuju().run(args, ctx);
  return { code, stdout, stderr };
}

/** Waits until `check` holds (polling), failing after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
