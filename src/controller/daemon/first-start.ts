/**
 * The controller agent's first start: initialise state from the bootstrap
 * parameters, issue the API server certificate for the machine's addresses,
 * write agent.conf, and only then delete the parameters. Each step is
 * idempotent, so an agent killed half-way finishes the job when restarted.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConf } from '../../agent/agent-conf.js';
import { agentConfPath, writeAgentConf } from '../../agent/agent-conf.js';
import type { BootstrapParams } from '../../core/bootstrap-params.js';
import { constraintsToJson, parseConstraints } from '../../core/constraints.js';
import { controllerTag, modelTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import type { ControllerServices } from '../../domain/index.js';
import { BOOTSTRAP_NONCE, initializeController } from '../../domain/bootstrap.js';
import { issueServerCert } from '../../pki/certificates.js';

import { bootstrapParamsPath } from './bootstrap-params-file.js';

export { BOOTSTRAP_PARAMS_FILE, bootstrapParamsPath } from './bootstrap-params-file.js';

export async function completeBootstrap(
  services: ControllerServices,
  dataDir: string,
  machineTag: string,
): Promise<void> {
  const file = bootstrapParamsPath(dataDir);
  if (!existsSync(file)) return;
  const p = JSON.parse(readFileSync(file, 'utf8')) as BootstrapParams;
  const apiPort = Number(p.controllerConfig['api-port'] ?? 17070);
  if (!services.controller.isInitialized()) {
    initializeController(services, {
      controllerUuid: p.controllerUuid,
      controllerName: p.controllerName,
      caCert: p.caCert,
      controllerConfig: { ...p.controllerConfig, 'api-port': apiPort },
      apiAddresses: p.machine.addresses.map((a) => `${a}:${apiPort}`),
      cloud: {
        name: p.cloud.name,
        type: p.cloud.type,
        authTypes: p.cloud.authTypes,
        ...(p.cloud.endpoint ? { endpoint: p.cloud.endpoint } : {}),
        regions: p.cloud.regions,
        ...(p.cloud.config ? { config: p.cloud.config } : {}),
      },
      cloudRegion: p.cloudRegion,
      ...(p.credential ? { credential: p.credential } : {}),
      adminPassword: p.adminPassword,
      controllerModelUuid: p.controllerModelUuid,
      modelConfig: p.modelConfig,
      modelDefaults: p.modelDefaults,
      constraints: constraintsRecord(p.constraints),
      machine: {
        instanceId: p.machine.instanceId,
        base: p.machine.base,
        hostname: p.machine.hostname,
        addresses: p.machine.addresses.map((value) => ({ value, type: 'ipv4', scope: 'local-cloud' })),
        nonce: BOOTSTRAP_NONCE,
        constraints: constraintsRecord(p.bootstrapConstraints),
      },
    });
  }
  const cert = await issueServerCert(
    { certPem: p.caCert, keyPem: p.caKey },
    { ipAddresses: [...p.machine.addresses, '127.0.0.1'], dnsNames: [p.machine.hostname] },
  );
  const conf: AgentConf = {
    tag: machineTag,
    datadir: dataDir,
    logdir: join(dataDir, '..', '..', 'log', 'juju'),
    nonce: BOOTSTRAP_NONCE,
    jobs: ['JobManageModel', 'JobHostUnits'],
    upgradedToVersion: JUJU_VERSION,
    cacert: p.caCert,
    controller: controllerTag(p.controllerUuid),
    model: modelTag(p.controllerModelUuid),
    apiaddresses: p.machine.addresses.map((a) => `${a}:${apiPort}`),
    values: { AGENT_SERVICE_NAME: `jujud-${machineTag}`, PROVIDER_TYPE: p.cloud.type },
    controllercert: cert.certPem,
    controllerkey: cert.keyPem,
    caprivatekey: p.caKey,
    apiport: apiPort,
  };
  writeAgentConf(agentConfPath(dataDir, machineTag), conf);
  rmSync(file, { force: true });
}

function constraintsRecord(text: string): Record<string, unknown> {
  return text.trim() === '' ? {} : { ...constraintsToJson(parseConstraints(text)) };
}
