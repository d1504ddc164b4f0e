/** Commands of the "secrets" area (`secrets`, `show-secret`), registered by src/cli/commands/areas.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { ListSecretsCommand } from './list-secrets.js';
import { ShowSecretCommand } from './show-secret.js';

export const SECRETS_COMMANDS: readonly CommandFactory[] = [
  () => new ListSecretsCommand(),
  () => new ShowSecretCommand(),
];
