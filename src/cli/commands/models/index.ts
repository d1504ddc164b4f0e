/** Commands of the "models" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { AddModelCommand } from './add-model.js';
import { DestroyModelCommand } from './destroy-model.js';
import { ListModelsCommand } from './list-models.js';
import { ModelConfigCommand } from './model-config.js';
import { ModelConstraintsCommand, SetModelConstraintsCommand } from './model-constraints.js';
import { ModelDefaultsCommand } from './model-defaults.js';
import { ShowModelCommand } from './show-model.js';

export const MODELS_COMMANDS: readonly CommandFactory[] = [
  () => new AddModelCommand(),
  () => new ListModelsCommand(),
  () => new ShowModelCommand(),
  () => new DestroyModelCommand(),
  () => new ModelConfigCommand(),
  () => new ModelDefaultsCommand(),
  () => new ModelConstraintsCommand(),
  () => new SetModelConstraintsCommand(),
];
