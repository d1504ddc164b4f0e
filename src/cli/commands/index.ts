/** Every `juju` sub-command, loaded eagerly (tests and the manifest build use this). */
import type { CommandFactory } from '../framework/supercommand.js';
import { COMMAND_AREAS } from './areas.js';

export const COMMANDS: readonly CommandFactory[] = (
  await Promise.all(Object.values(COMMAND_AREAS).map((load) => load()))
).flat();
