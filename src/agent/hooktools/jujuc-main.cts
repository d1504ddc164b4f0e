/**
 * The hook-tool process: `node jujuc-main.cjs <tool> [args...]`, started through the
 * per-tool wrappers installHookTools writes. Reads JUJU_CONTEXT_ID and
 * JUJU_AGENT_SOCKET_{ADDRESS,NETWORK}, runs the tool in the agent, prints its output
 * verbatim and exits with its code; transport failures print `ERROR <message>`, exit 1.
 *
 * CommonJS on purpose: Node starts a CommonJS entry several milliseconds faster than
 * an ES module, and charms run hook tools by the dozen per hook. Imported by ES
 * modules only for `entryPath`; it runs only as the main module.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS module (fast process start) */
import fs = require('node:fs');
import client = require('./jujuc-client.cjs');

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
  client
    .callHookTool(
      { network, address },
      { contextId, dir: process.cwd(), command, args, env: jujuEnv(), readStdin: () => fs.readFileSync(0) },
    )
    .then(
      (reply) => {
        if (reply.stdout !== '') process.stdout.write(reply.stdout);
        if (reply.stderr !== '') process.stderr.write(reply.stderr);
        process.exitCode = reply.code;
      },
      (err: Error) => fail(err.message),
    );
}

if (require.main === module) main();

/** Absolute path of this compiled entry (what installHookTools needs). */
export = { entryPath: __filename };
