/**
 * The hook-tool process: `node jujuc-main.js <tool> [args...]`, started through the
 * per-tool wrappers installHookTools writes. Reads JUJU_CONTEXT_ID and
 * JUJU_AGENT_SOCKET_{ADDRESS,NETWORK}, runs the tool in the agent, prints its output
 * verbatim and exits with its code; transport failures print `ERROR <message>`, exit 1.
 * Kept to node:net and node:fs so it starts fast.
 */
import { readFileSync } from 'node:fs';
import { callHookTool } from './jujuc-client.js';

function fail(message: string): void {
  process.stderr.write(`ERROR ${message}\n`);
  process.exitCode = 1;
}

function jujuEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('JUJU_') && v !== undefined) env[k] = v;
  return env;
}

function main(): void {
  const [, , command = '', ...args] = process.argv;
  const contextId = process.env['JUJU_CONTEXT_ID'] ?? '';
  if (contextId === '') return fail('JUJU_CONTEXT_ID not set');
  const address = process.env['JUJU_AGENT_SOCKET_ADDRESS'] ?? '';
  if (address === '') return fail('JUJU_AGENT_SOCKET_ADDRESS not set');
  const network = process.env['JUJU_AGENT_SOCKET_NETWORK'] ?? 'unix';
  callHookTool(
    { network, address },
    { contextId, dir: process.cwd(), command, args, env: jujuEnv(), readStdin: () => readFileSync(0) },
  ).then(
    (reply) => {
      if (reply.stdout !== '') process.stdout.write(reply.stdout);
      if (reply.stderr !== '') process.stderr.write(reply.stderr);
      process.exitCode = reply.code;
    },
    (err: Error) => fail(err.message),
  );
}

main();
