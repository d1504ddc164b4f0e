/** Commands of the "status" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { StatusCommand } from './status.js';

export const STATUS_COMMANDS: readonly CommandFactory[] = [() => new StatusCommand()];
