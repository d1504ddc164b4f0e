/** Commands of the "users" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';

export const USERS_COMMANDS: readonly CommandFactory[] = [];
