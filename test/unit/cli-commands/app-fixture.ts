/**
 * A controller in the test process for the application and machine
 * commands: a real database and services, the real ApiServer with the
 * Application, MachineManager, Client, ModelConfig facades, Admin login and
 * the charm HTTP routes on 127.0.0.1, and a client store pointing at it with
 * an empty model `apps` selected. No provisioner or agents run, so machines
 * stay pending and units allocating: tests see what the controller records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ClientStore } from '../../../src/clientstore/index.js';
import { ApiServer } from '../../../src/controller/apiserver/api-server.js';
import type { CallContext } from '../../../src/controller/apiserver/types.js';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import { loginHandler } from '../../../src/controller/facades/admin-login.js';
import { applicationFacade } from '../../../src/controller/facades/application.js';
import { registerCharmRoutes } from '../../../src/controller/facades/charms-http.js';
import { clientFacade } from '../../../src/controller/facades/client.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { machineManagerFacade } from '../../../src/controller/facades/machine-manager.js';
import { modelConfigFacade } from '../../../src/controller/facades/model-config.js';
import { modelManagerFacade } from '../../../src/controller/facades/model-manager.js';
import { notifyWatcherFacade, WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import { runJuju, type CliResult } from '../../helpers/cli-harness.js';
import { testPki } from '../api/fixtures.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

export const REPO = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const CHARMS = join(REPO, 'charms');
export const TESTCHARMS = join(REPO, 'testcharms');

/** `juju status --format json` as parsed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- status JSON is checked key by key
export type StatusJson = Record<string, any>;

export interface AppFixture {
  readonly f: BootstrappedFixture;
  readonly deps: FacadeDeps;
  readonly model: string;
  readonly address: string;
  readonly caCert: string;
  readonly jujuData: string;
  /** Runs `juju <args>` in-process against this controller (stdin as given). */
  juju(args: string[], stdin?: string): Promise<CliResult>;
  /** `juju status --format json`, parsed; fails the test on a non-zero exit. */
  status(): Promise<StatusJson>;
  /** A facade call context for `user` on the model. */
  ctx(user?: string): CallContext;
  close(): Promise<void>;
}

export async function appFixture(modelName = 'apps'): Promise<AppFixture> {
  const f = bootstrappedFixture();
  const jujuData = mkdtempSync(join(tmpdir(), 'juju-apps-'));
  const objectStoreDir = mkdtempSync(join(tmpdir(), 'juju-objects-'));
  let server: ApiServer | undefined;
  try {
    const { services } = f;
    const model = services.model.create({ name: modelName, owner: 'admin', cloud: 'local' }).uuid;
    const hub = new ChangeHub();
    f.db.onCommit(() => hub.bump());
    const deps: FacadeDeps = {
      services,
      hub,
      watchers: new WatcherRegistry(hub),
      objectStoreDir,
      apiAddresses: () => [],
      stopInstances: () => Promise.resolve(),
      log: () => undefined,
    };
    const { ca, server: serving } = await testPki();
    server = new ApiServer({
      host: '127.0.0.1',
      port: 0,
      tls: serving,
      facades: [
        applicationFacade(deps),
        machineManagerFacade(deps),
        clientFacade(deps),
        modelConfigFacade(deps),
        modelManagerFacade(deps),
        notifyWatcherFacade(deps.watchers),
      ],
      login: loginHandler(deps),
    });
    registerCharmRoutes(server, deps);
    const { port } = await server.start();
    const address = `127.0.0.1:${port}`;

    const store = new ClientStore(jujuData);
    store.addController('ctl', {
      uuid: services.controller.uuid(),
      apiEndpoints: [address],
      caCert: ca.certPem,
      cloud: 'local',
      controllerMachineCount: 1,
      activeControllerMachineCount: 1,
    });
    store.setCurrentController('ctl');
    store.updateAccount('ctl', { user: 'admin', password: 'sekrit-admin', lastKnownAccess: 'superuser' });
    store.updateModel('ctl', `admin/${modelName}`, { uuid: model, type: 'iaas' });
    store.setCurrentModel('ctl', `admin/${modelName}`);

    const running = server;
    const juju = (args: string[], stdin = ''): Promise<CliResult> =>
      runJuju(args, { JUJU_DATA: jujuData, TZ: 'UTC', HOME: jujuData }, stdin);
    return {
      f,
      deps,
      model,
      address,
      caCert: ca.certPem,
      jujuData,
      juju,
      async status() {
        const r = await juju(['status', '--format', 'json']);
        if (r.code !== 0) throw new Error(`juju status failed (${r.code}): ${r.stderr}`);
        return JSON.parse(r.stdout) as StatusJson;
      },
      ctx: (user = 'admin') => ({
        conn: {
          id: '1',
          kind: 'model',
          modelUuid: model,
          remoteAddress: '127.0.0.1:40000',
          auth: { tag: `user-${user}`, kind: 'user' },
          signal: new AbortController().signal,
        },
        facade: 'Application',
        version: 20,
        method: '',
        id: '',
        requestId: 1,
      }),
      async close() {
        await running.stop();
        f.close();
        rmSync(jujuData, { recursive: true, force: true });
        rmSync(objectStoreDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.stop();
    f.close();
    rmSync(jujuData, { recursive: true, force: true });
    rmSync(objectStoreDir, { recursive: true, force: true });
    throw err;
  }
}
