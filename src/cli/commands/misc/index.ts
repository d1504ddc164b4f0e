/** Commands of the "misc" area, registered by src/cli/commands/areas.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { VersionCommand } from './version.js';

export const MISC_COMMANDS: readonly CommandFactory[] = [() => new VersionCommand()];
