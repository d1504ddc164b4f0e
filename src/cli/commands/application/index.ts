/** Commands of the "application" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { AddUnitCommand } from './add-unit.js';
import { ConfigCommand } from './config.js';
import { ConstraintsCommand, SetConstraintsCommand } from './constraints.js';
import { DeployCommand } from './deploy.js';
import { ExposeCommand, UnexposeCommand } from './expose.js';
import { IntegrateCommand, RemoveRelationCommand } from './integrate.js';
import { RefreshCommand } from './refresh.js';
import { RemoveApplicationCommand } from './remove-application.js';
import { RemoveUnitCommand } from './remove-unit.js';
import { ResolvedCommand, ScaleApplicationCommand } from './resolved.js';
import { ShowApplicationCommand, ShowUnitCommand } from './show.js';

export const APPLICATION_COMMANDS: readonly CommandFactory[] = [
  () => new DeployCommand(),
  () => new AddUnitCommand(),
  () => new RemoveUnitCommand(),
  () => new RemoveApplicationCommand(),
  () => new ConfigCommand(),
  () => new IntegrateCommand(),
  () => new RemoveRelationCommand(),
  () => new ExposeCommand(),
  () => new UnexposeCommand(),
  () => new ShowApplicationCommand(),
  () => new ShowUnitCommand(),
  () => new RefreshCommand(),
  () => new ScaleApplicationCommand(),
  () => new ConstraintsCommand(),
  () => new SetConstraintsCommand(),
  () => new ResolvedCommand(),
];
