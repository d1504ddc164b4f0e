/**
 * An agent logger that also ships INFO and above to the controller's model
 * log (`/logsink`), so `juju debug-log` shows agent and charm (`juju-log`)
 * lines. Credentials are re-read from agent.conf at each connection, because
 * agents rotate their password on first login.
 */
import { parseTag } from '../../core/names.js';
import { readAgentConf } from '../agent-conf.js';
import type { AgentLogger } from './agent-log.js';
import { createLogSender } from './log-sender.js';

export interface ShippedLogger {
  readonly log: AgentLogger;
  close(): Promise<void>;
}

export function shippedLogger(local: AgentLogger, confPath: string): ShippedLogger {
  let sender;
  try {
    const conf = readAgentConf(confPath);
    sender = createLogSender({
      addresses: conf.apiaddresses,
      caCert: conf.cacert,
      modelUuid: parseTag(conf.model).id,
      tag: conf.tag,
      password: () => {
        const now = readAgentConf(confPath);
        return now.apipassword ?? now.oldpassword ?? '';
      },
      ...(conf.nonce && conf.tag.startsWith('machine-') ? { nonce: conf.nonce } : {}),
      onError: (message) => local('DEBUG', 'juju.logsender', message),
    });
  } catch (err) {
    local('WARNING', 'juju.logsender', `not shipping logs to the controller: ${String(err)}`);
    return { log: local, close: () => Promise.resolve() };
  }
  const shipping = sender;
  return {
    log: (level, module, message) => {
      local(level, module, message);
      if (level !== 'DEBUG') shipping.log(level, module, '', message);
    },
    close: () => shipping.close(),
  };
}
