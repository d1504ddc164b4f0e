/** Commands of the "storage" area, registered by src/cli/commands/areas.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { AddStorageCommand } from './add-storage.js';
import { StorageCommand } from './list-storage.js';
import { ShowStorageCommand } from './show-storage.js';

export const STORAGE_COMMANDS: readonly CommandFactory[] = [
  () => new StorageCommand(),
  () => new ShowStorageCommand(),
  () => new AddStorageCommand(),
];
