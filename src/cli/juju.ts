/** The `juju` super-command with every command loaded (tests and tools use this). */
import { COMMANDS } from './commands/index.js';
import type { SuperCommand } from './framework/supercommand.js';
import { newJuju } from './main.js';

export function buildJuju(): SuperCommand {
  const juju = newJuju();
  for (const factory of COMMANDS) juju.register(factory);
  return juju;
}
