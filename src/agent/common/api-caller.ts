/**
 * How an agent (machine or unit) connects to the controller: log in with the
 * password in its agent.conf; on first start only the provisioner's initial
 * password (`oldpassword`) works, so the agent picks a new random password,
 * saves it to agent.conf (keeping the old one until the change succeeded) and
 * sets it on the controller with `Agent.SetPasswords`, as Juju's apicaller does.
 */
import { randomBytes } from 'node:crypto';
import type { ApiConnection } from '../../api/connection.js';
import { connect } from '../../api/connection.js';
import { ErrorCode, JujuError, isJujuError } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import type { AgentConf } from '../agent-conf.js';
import { readAgentConf, writeAgentConf } from '../agent-conf.js';

export interface AgentConnection {
  readonly conn: ApiConnection;
  readonly conf: AgentConf;
}

/** A new agent password: 18 random bytes, base64 (24 characters) as Juju makes them. */
export function newAgentPassword(): string {
  return randomBytes(18).toString('base64');
}

/** Connect and log in as the agent described by `confPath`, rotating an initial password. */
export async function connectAgent(
  confPath: string,
  opts: { timeoutMs?: number } = {},
): Promise<AgentConnection> {
  let conf = readAgentConf(confPath);
  const modelUuid = parseTag(conf.model).id;
  const tryLogin = async (password: string): Promise<ApiConnection> => {
    const conn = await connect({
      addresses: conf.apiaddresses,
      caCert: conf.cacert,
      modelUuid,
      timeoutMs: opts.timeoutMs ?? 10_000,
    });
    try {
      await conn.login({
        authTag: conf.tag,
        credentials: password,
        ...(conf.nonce ? { nonce: conf.nonce } : {}),
        clientVersion: JUJU_VERSION,
      });
      return conn;
    } catch (err) {
      void conn.close();
      throw err;
    }
  };
  if (conf.apipassword) {
    try {
      return { conn: await tryLogin(conf.apipassword), conf };
    } catch (err) {
      if (!isJujuError(err, ErrorCode.Unauthorized) || !conf.oldpassword) throw err;
    }
  }
  if (!conf.oldpassword)
    throw new JujuError(ErrorCode.Unauthorized, `${conf.tag}: no password in agent.conf`);
  const conn = await tryLogin(conf.oldpassword);
  const fresh = newAgentPassword();
  conf = { ...conf, apipassword: fresh };
  writeAgentConf(confPath, conf);
  await conn.call('Agent', 'SetPasswords', { changes: [{ tag: conf.tag, password: fresh }] });
  conf = { ...conf, oldpassword: fresh };
  writeAgentConf(confPath, conf);
  // Log in again so the connection (and its HTTP requests) carries the new password.
  void conn.close();
  return { conn: await tryLogin(fresh), conf };
}
