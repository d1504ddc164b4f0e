/** Commands of the "controllers" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { BootstrapCommand } from './bootstrap.js';
import { ControllerConfigCommand } from './controller-config.js';
import { DestroyControllerCommand } from './destroy-controller.js';
import { KillControllerCommand } from './kill-controller.js';
import { ListControllersCommand } from './list-controllers.js';
import { ShowControllerCommand } from './show-controller.js';
import { SwitchCommand } from './switch.js';
import { WhoAmICommand } from './whoami.js';

export const CONTROLLERS_COMMANDS: readonly CommandFactory[] = [
  () => new BootstrapCommand(),
  () => new ControllerConfigCommand(),
  () => new DestroyControllerCommand(),
  () => new KillControllerCommand(),
  () => new ListControllersCommand(),
  () => new ShowControllerCommand(),
  () => new SwitchCommand(),
  () => new WhoAmICommand(),
];
