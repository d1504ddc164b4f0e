/** Commands of the "controllers" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { BootstrapCommand } from './bootstrap.js';

export const CONTROLLERS_COMMANDS: readonly CommandFactory[] = [
  () => new BootstrapCommand(),
];
