/** Commands of the "debuglog" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { DebugLogCommand } from './debug-log.js';

export const DEBUGLOG_COMMANDS: readonly CommandFactory[] = [() => new DebugLogCommand()];
