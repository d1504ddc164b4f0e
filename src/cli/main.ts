/**
 * Runs `juju` for the real process: commands are registered from the build's
 * manifest and only the area of the command being run is imported.
 */
import { jujuDataDir } from '../clientstore/data-dir.js';
import { lazyCommandsFromManifest } from './commands/manifest.js';
import { Context } from './framework/context.js';
import { SuperCommand } from './framework/supercommand.js';
import { BASIC_HELP } from './help-text.js';

/** An empty `juju` super-command. */
export function newJuju(): SuperCommand {
  return new SuperCommand({ name: 'juju', basicHelp: BASIC_HELP, dataDir: jujuDataDir });
}

async function buildLazyJuju(): Promise<SuperCommand> {
  const lazy = lazyCommandsFromManifest();
  if (lazy === null) return (await import('./juju.js')).buildJuju();
  const juju = newJuju();
  for (const entry of lazy) juju.registerLazy(entry);
  return juju;
}

export async function main(argv: readonly string[]): Promise<number> {
  const ctx = new Context(
    { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    process.env,
    process.cwd(),
  );
  return (await buildLazyJuju()).run(argv, ctx);
}
