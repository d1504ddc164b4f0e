/** Commands of the "machines" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { AddMachineCommand } from './add-machine.js';
import { MachinesCommand, ShowMachineCommand } from './list-machines.js';
import { RemoveMachineCommand } from './remove-machine.js';

export const MACHINES_COMMANDS: readonly CommandFactory[] = [
  () => new AddMachineCommand(),
  () => new RemoveMachineCommand(),
  () => new MachinesCommand(),
  () => new ShowMachineCommand(),
];
