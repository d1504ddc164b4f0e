/** Every `juju` sub-command, registered in one place (each area lists its own). */
import type { CommandFactory } from '../framework/supercommand.js';
import { ACTIONS_COMMANDS } from './actions/index.js';
import { APPLICATION_COMMANDS } from './application/index.js';
import { CLOUDS_COMMANDS } from './clouds/index.js';
import { CONTROLLERS_COMMANDS } from './controllers/index.js';
import { DEBUGLOG_COMMANDS } from './debuglog/index.js';
import { VersionCommand } from './misc/version.js';
import { MACHINES_COMMANDS } from './machines/index.js';
import { MODELS_COMMANDS } from './models/index.js';
import { STATUS_COMMANDS } from './status/index.js';
import { USERS_COMMANDS } from './users/index.js';

export const COMMANDS: readonly CommandFactory[] = [
  () => new VersionCommand(),
  ...ACTIONS_COMMANDS,
  ...APPLICATION_COMMANDS,
  ...CLOUDS_COMMANDS,
  ...CONTROLLERS_COMMANDS,
  ...DEBUGLOG_COMMANDS,
  ...MACHINES_COMMANDS,
  ...MODELS_COMMANDS,
  ...STATUS_COMMANDS,
  ...USERS_COMMANDS,
];
