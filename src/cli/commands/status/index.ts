/** Commands of the "status" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { ShowStatusLogCommand } from './show-status-log.js';
import { StatusCommand } from './status.js';

export const STATUS_COMMANDS: readonly CommandFactory[] = [
  () => new StatusCommand(),
  () => new ShowStatusLogCommand(),
];
