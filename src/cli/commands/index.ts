/** Every `juju` sub-command, registered in one place. */
import type { CommandFactory } from '../framework/supercommand.js';
import { VersionCommand } from './misc/version.js';

export const COMMANDS: readonly CommandFactory[] = [() => new VersionCommand()];
