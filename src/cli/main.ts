/** Builds the `juju` super-command and runs it against the real process. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from './commands/index.js';
import { Context } from './framework/context.js';
import { SuperCommand } from './framework/supercommand.js';
import { BASIC_HELP } from './help-text.js';

export function jujuDataDir(env: NodeJS.ProcessEnv): string {
  if (env.JUJU_DATA) return env.JUJU_DATA;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'juju');
  return join(env.HOME ?? homedir(), '.local', 'share', 'juju');
}

export function buildJuju(): SuperCommand {
  const juju = new SuperCommand({ name: 'juju', basicHelp: BASIC_HELP, dataDir: jujuDataDir });
  for (const factory of COMMANDS) juju.register(factory);
  return juju;
}

export async function main(argv: readonly string[]): Promise<number> {
  const ctx = new Context(
    { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    process.env,
    process.cwd(),
  );
  return buildJuju().run(argv, ctx);
}
