/** Every `juju` sub-command, registered in one place (each area lists its own). */
import type { CommandFactory } from '../framework/supercommand.js';
import { CLOUDS_COMMANDS } from './clouds/index.js';
import { CONTROLLERS_COMMANDS } from './controllers/index.js';
import { VersionCommand } from './misc/version.js';
import { MODELS_COMMANDS } from './models/index.js';
import { STATUS_COMMANDS } from './status/index.js';
import { USERS_COMMANDS } from './users/index.js';

export const COMMANDS: readonly CommandFactory[] = [
  () => new VersionCommand(),
  ...CLOUDS_COMMANDS,
  ...CONTROLLERS_COMMANDS,
  ...MODELS_COMMANDS,
  ...STATUS_COMMANDS,
  ...USERS_COMMANDS,
];
