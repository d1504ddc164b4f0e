/** Commands of the "clouds" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { ListCloudsCommand } from './list-clouds.js';

export const CLOUDS_COMMANDS: readonly CommandFactory[] = [() => new ListCloudsCommand()];
