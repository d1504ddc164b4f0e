/**
 * The controller agent process (`jujud machine` on a controller machine):
 * opens the state database, finishes bootstrap on first start, and serves the
 * API until it is told to stop. SIGTERM/SIGINT stop it cleanly.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { agentConfPath, readAgentConf } from '../../agent/agent-conf.js';
import { errorMessage } from '../../core/errors.js';
import { jujudEntryPath } from '../../core/dist-paths.js';
import type { ControllerServices } from '../../domain/index.js';
import { createServices } from '../../domain/index.js';
import { JUJU_VERSION } from '../../core/version.js';
import { Database } from '../../state/index.js';
import { ApiServer } from '../apiserver/api-server.js';
import { handleRegister } from '../apiserver/register.js';
import type { FacadeDeps } from '../facades/deps.js';
import { buildFacades } from '../facades/index.js';
import { registerCharmRoutes } from '../facades/charms-http.js';
import { loginHandler } from '../facades/admin-login.js';
import { WatcherRegistry } from '../facades/watchers.js';
import { ChangeHub } from '../events/change-hub.js';
import { controllerLogWriter, registerLogEndpoints } from '../logs/index.js';
import { openInstanceBroker } from '../workers/instance-broker.js';
import { Provisioner } from '../workers/provisioner.js';
import { WorkerRunner } from '../workers/runner.js';
import { statusHistoryPruner } from '../workers/status-history-pruner.js';
import { completeBootstrap } from './first-start.js';
import { agentLogger } from './logger.js';

export interface ControllerAgentOptions {
  readonly dataDir: string;
  readonly machineId: string;
}

/** The controller's own machine agent is up: report it as Juju's machiner would. */
function markControllerMachineStarted(services: ControllerServices, machineId: string): void {
  const modelUuid = services.model.controllerModel().uuid;
  services.machine.setAgentVersion(modelUuid, machineId, JUJU_VERSION);
  services.machine.setAgentStatus(modelUuid, machineId, { status: 'started' });
  services.machine.setInstanceStatus(modelUuid, machineId, { status: 'running' });
}

export async function runControllerAgent(opts: ControllerAgentOptions): Promise<void> {
  const tag = `machine-${opts.machineId}`;
  let log = agentLogger(tag);
  mkdirSync(join(opts.dataDir, 'db'), { recursive: true, mode: 0o700 });
  const db = Database.open(join(opts.dataDir, 'db', 'controller.db'));
  const services = createServices(db);
  await completeBootstrap(services, opts.dataDir, tag);
  log = controllerLogWriter(services, services.model.controllerModel().uuid, { entity: tag, tee: log });
  const conf = readAgentConf(agentConfPath(opts.dataDir, tag));
  const info = services.controller.info();
  const providerType = conf.values.PROVIDER_TYPE ?? 'local';
  const controllerCloud = services.cloud.cloud(services.model.controllerModel().cloud);
  // Agents (and the host-namespace helper) run the compiled jujud next to this module.
  const jujudPath = jujudEntryPath();
  const broker = openInstanceBroker(
    { providerType, controllerUuid: info.uuid, cloudConfig: { ...controllerCloud.config } },
    jujudPath,
    (level, message) => log(level, 'juju.environs', message),
  );

  const hub = new ChangeHub();
  db.onCommit(() => hub.bump());
  const objectStoreDir = join(opts.dataDir, 'objects');
  mkdirSync(objectStoreDir, { recursive: true, mode: 0o700 });
  const deps: FacadeDeps = {
    services,
    hub,
    watchers: new WatcherRegistry(hub),
    objectStoreDir,
    apiAddresses: () => services.controller.apiAddresses(),
    stopInstances: (ids) => broker.stopInstances(ids),
    log: (level, module, message) => log(level, module, message),
  };
  const server = new ApiServer({
    host: '0.0.0.0',
    port: conf.apiport ?? 17070,
    // Serve the CA after the leaf so `juju login <host>` can learn and pin it.
    tls: {
      certPem: `${(conf.controllercert ?? '').trim()}\n${conf.cacert.trim()}\n`,
      keyPem: conf.controllerkey ?? '',
    },
    facades: buildFacades(deps),
    login: loginHandler(deps),
    register: (body) =>
      handleRegister(
        body,
        (userTagText) => {
          const key = services.user.secretKey(userTagText.replace(/^user-/, ''));
          return Promise.resolve(key ? { secretKey: new Uint8Array(key) } : null);
        },
        (userTagText, password) => {
          services.user.setPassword(userTagText.replace(/^user-/, ''), password);
          return Promise.resolve({ caCert: info.caCert, controllerUuid: info.uuid });
        },
      ),
    logger: (line) => log('DEBUG', 'juju.apiserver', line),
  });
  registerCharmRoutes(server, deps);
  registerLogEndpoints(server, deps);
  const { port } = await server.start();
  markControllerMachineStarted(services, opts.machineId);
  const workers = new WorkerRunner((level, message) => log(level, 'juju.worker', message));
  const provisioner = new Provisioner({
    services,
    hub,
    broker,
    hostTag: tag,
    providerType,
    nodePath: process.execPath,
    jujudPath,
    log: (level, message) => log(level, 'juju.worker.provisioner', message),
  });
  workers.start('provisioner', (signal) => provisioner.run(signal));
  workers.start(
    'status-history-pruner',
    statusHistoryPruner(services, (level, message) => log(level, 'juju.worker.statushistorypruner', message)),
  );
  log('INFO', 'juju.cmd.jujud', `controller ${info.name} (${info.uuid}) serving API on port ${port}`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log('INFO', 'juju.cmd.jujud', `received ${signal}, stopping`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await workers.stop(2000);
  try {
    await server.stop();
  } catch (err) {
    log('WARNING', 'juju.cmd.jujud', `stopping API server: ${errorMessage(err)}`);
  }
  await broker.close().catch(() => undefined);
  db.close();
}
