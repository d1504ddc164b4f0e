/** Commands of the "clouds" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { AddCloudCommand } from './add-cloud.js';
import { AddCredentialCommand } from './add-credential.js';
import { AutoloadCredentialsCommand } from './autoload-credentials.js';
import { DefaultCredentialCommand } from './default-credential.js';
import { DefaultRegionCommand } from './default-region.js';
import { ListCloudsCommand } from './list-clouds.js';
import { ListCredentialsCommand } from './list-credentials.js';
import { RegionsCommand } from './regions.js';
import { RemoveCloudCommand } from './remove-cloud.js';
import { RemoveCredentialCommand } from './remove-credential.js';
import { ShowCloudCommand } from './show-cloud.js';
import { ShowCredentialCommand } from './show-credential.js';
import { UpdateCloudCommand } from './update-cloud.js';
import { UpdateCredentialCommand } from './update-credential.js';

export const CLOUDS_COMMANDS: readonly CommandFactory[] = [
  () => new ListCloudsCommand(),
  () => new ShowCloudCommand(),
  () => new RegionsCommand(),
  () => new AddCloudCommand(),
  () => new UpdateCloudCommand(),
  () => new RemoveCloudCommand(),
  () => new ListCredentialsCommand(),
  () => new ShowCredentialCommand(),
  () => new AddCredentialCommand(),
  () => new UpdateCredentialCommand(),
  () => new RemoveCredentialCommand(),
  () => new DefaultCredentialCommand(),
  () => new DefaultRegionCommand(),
  () => new AutoloadCredentialsCommand(),
];
