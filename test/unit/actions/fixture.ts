/**
 * A controller in the test process for the action commands: a real database
 * and services, the real ApiServer with the Action facade and Admin login on
 * 127.0.0.1, a client store pointing at it, and a model `acts` with the
 * `pinger` example charm deployed as two units (pinger/0 leader). A fake
 * agent plays the uniter's part by finishing tasks through the services.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCharmDir } from '../../../src/charm/index.js';
import { ClientStore } from '../../../src/clientstore/index.js';
import { ApiServer } from '../../../src/controller/apiserver/api-server.js';
import type { CallContext, FacadeDefinition } from '../../../src/controller/apiserver/types.js';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import { actionFacade } from '../../../src/controller/facades/action.js';
import { loginHandler } from '../../../src/controller/facades/admin-login.js';
import { charmRecord } from '../../../src/controller/facades/application-charm-store.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { notifyWatcherFacade, WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import type { FinishTaskParams, Task } from '../../../src/domain/index.js';
import { runJuju, type CliResult } from '../../helpers/cli-harness.js';
import { testPki } from '../api/fixtures.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

const REPO = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const PINGER_DIR = join(REPO, 'charms', 'pinger');

/** What the fake agent does with a task it takes. */
export interface AgentReply extends FinishTaskParams {
  /** `action-log` messages sent before finishing. */
  readonly logs?: readonly string[];
  /** Wait this long (ms) after beginning before finishing. */
  readonly delayMs?: number;
}

export interface ActionsFixture {
  readonly f: BootstrappedFixture;
  readonly deps: FacadeDeps;
  readonly facade: FacadeDefinition;
  readonly model: string;
  readonly address: string;
  readonly jujuData: string;
  /** Runs `juju <args>` in-process against this controller. */
  juju(args: string[]): Promise<CliResult>;
  /** A facade call context for `user` on the model. */
  ctx(user?: string): CallContext;
  /**
   * Starts a fake agent: every pending task is begun, logged and finished
   * with `reply(task)`; `undefined` leaves the task pending. Returns a stop function.
   */
  agent(reply: (task: Task) => AgentReply | undefined): () => void;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function actionsFixture(): Promise<ActionsFixture> {
  const f = bootstrappedFixture();
  const jujuData = mkdtempSync(join(tmpdir(), 'juju-actions-'));
  let server: ApiServer | undefined;
  try {
    const { services } = f;
    const model = services.model.create({ name: 'acts', owner: 'admin', cloud: 'local' }).uuid;
    const lib = await loadCharmDir(PINGER_DIR);
    const charm = services.charm.add(model, {
      ...charmRecord(lib),
      sha256: 'a'.repeat(64),
      archiveKey: `${'a'.repeat(64)}.charm`,
    });
    services.application.deploy(model, { name: 'pinger', charmUrl: charm.url, numUnits: 2 });
    services.leadership.claim(model, 'pinger', 'pinger/0', 365 * 24 * 3600 * 1000);
    services.machine.add(model);

    const hub = new ChangeHub();
    f.db.onCommit(() => hub.bump());
    const deps: FacadeDeps = {
      services,
      hub,
      watchers: new WatcherRegistry(hub),
      objectStoreDir: f.dir,
      apiAddresses: () => [],
      stopInstances: () => Promise.resolve(),
      log: () => undefined,
    };
    const facade = actionFacade(deps);
    const { ca, server: serving } = await testPki();
    server = new ApiServer({
      host: '127.0.0.1',
      port: 0,
      tls: serving,
      facades: [facade, notifyWatcherFacade(deps.watchers)],
      login: loginHandler(deps),
    });
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
    store.updateModel('ctl', 'admin/acts', { uuid: model, type: 'iaas' });
    store.setCurrentModel('ctl', 'admin/acts');

    const agents = new Set<{ stopped: boolean }>();
    const running = server;
    return {
      f,
      deps,
      facade,
      model,
      address,
      jujuData,
      juju: (args) => runJuju(args, { JUJU_DATA: jujuData, TZ: 'UTC' }),
      ctx: (user = 'admin') => ({
        conn: {
          id: '1',
          kind: 'model',
          modelUuid: model,
          remoteAddress: '127.0.0.1:40000',
          auth: { tag: `user-${user}`, kind: 'user' },
          signal: new AbortController().signal,
        },
        facade: 'Action',
        version: 7,
        method: '',
        id: '',
        requestId: 1,
      }),
      agent(reply) {
        const state = { stopped: false };
        agents.add(state);
        void (async () => {
          while (!state.stopped) {
            const receivers = [
              ...services.application.units(model, 'pinger').map((u) => u.name),
              ...services.machine.list(model).map((m) => m.id),
            ];
            for (const receiver of receivers) {
              for (const task of services.operation.pendingTasks(model, receiver)) {
                const answer = reply(task);
                if (answer === undefined) continue;
                services.operation.begin(model, task.id);
                for (const line of answer.logs ?? []) services.operation.log(model, task.id, line);
                if (answer.delayMs !== undefined) await sleep(answer.delayMs);
                if (state.stopped) return;
                services.operation.finish(model, task.id, answer);
              }
            }
            await sleep(10);
          }
        })();
        return () => {
          state.stopped = true;
          agents.delete(state);
        };
      },
      async close() {
        for (const a of agents) a.stopped = true;
        await running.stop();
        rmSync(jujuData, { recursive: true, force: true });
        f.close();
      },
    };
  } catch (err) {
    await server?.stop();
    rmSync(jujuData, { recursive: true, force: true });
    f.close();
    throw err;
  }
}
