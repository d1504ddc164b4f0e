/** Commands of the "actions" area (run, exec, tasks and operations), registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { CancelTaskCommand } from './cancel-task.js';
import { ExecCommand } from './exec.js';
import { ListActionsCommand } from './list-actions.js';
import { ListOperationsCommand } from './operations.js';
import { RunCommand } from './run.js';
import { ShowActionCommand } from './show-action.js';
import { ShowOperationCommand } from './show-operation.js';
import { ShowTaskCommand } from './show-task.js';

export const ACTIONS_COMMANDS: readonly CommandFactory[] = [
  () => new RunCommand(),
  () => new ExecCommand(),
  () => new ListActionsCommand(),
  () => new ShowActionCommand(),
  () => new ListOperationsCommand(),
  () => new ShowOperationCommand(),
  () => new ShowTaskCommand(),
  () => new CancelTaskCommand(),
];
