/** Commands of the "models" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';

export const MODELS_COMMANDS: readonly CommandFactory[] = [];
