/**
 * Every area of `juju` sub-commands, each imported only when needed. The
 * build writes a manifest (name, purpose, aliases, area, position) from these,
 * so running one command loads one area instead of all of them.
 */
import type { CommandFactory } from '../framework/supercommand.js';

type AreaLoader = () => Promise<readonly CommandFactory[]>;

export const COMMAND_AREAS: Readonly<Record<string, AreaLoader>> = {
  misc: async () => (await import('./misc/index.js')).MISC_COMMANDS,
  actions: async () => (await import('./actions/index.js')).ACTIONS_COMMANDS,
  application: async () => (await import('./application/index.js')).APPLICATION_COMMANDS,
  clouds: async () => (await import('./clouds/index.js')).CLOUDS_COMMANDS,
  controllers: async () => (await import('./controllers/index.js')).CONTROLLERS_COMMANDS,
  debuglog: async () => (await import('./debuglog/index.js')).DEBUGLOG_COMMANDS,
  machines: async () => (await import('./machines/index.js')).MACHINES_COMMANDS,
  models: async () => (await import('./models/index.js')).MODELS_COMMANDS,
  secrets: async () => (await import('./secrets/index.js')).SECRETS_COMMANDS,
  status: async () => (await import('./status/index.js')).STATUS_COMMANDS,
  storage: async () => (await import('./storage/index.js')).STORAGE_COMMANDS,
  users: async () => (await import('./users/index.js')).USERS_COMMANDS,
};
