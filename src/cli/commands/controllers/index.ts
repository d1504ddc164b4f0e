/** Commands of the "controllers" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';

export const CONTROLLERS_COMMANDS: readonly CommandFactory[] = [];
