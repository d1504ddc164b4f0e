/** Commands of the "users" area, registered by src/cli/commands/index.ts. */
import type { CommandFactory } from '../../framework/supercommand.js';
import { AddUserCommand } from './add-user.js';
import { ChangeUserPasswordCommand } from './change-user-password.js';
import { DisableUserCommand, EnableUserCommand } from './enable-disable-user.js';
import { GrantCloudCommand, RevokeCloudCommand } from './grant-revoke-cloud.js';
import { GrantCommand, RevokeCommand } from './grant-revoke.js';
import { LoginCommand } from './login.js';
import { LogoutCommand } from './logout.js';
import { RegisterCommand } from './register.js';
import { RemoveUserCommand } from './remove-user.js';
import { ShowUserCommand } from './show-user.js';
import { UsersCommand } from './users.js';

export const USERS_COMMANDS: readonly CommandFactory[] = [
  () => new AddUserCommand(),
  () => new ChangeUserPasswordCommand(),
  () => new DisableUserCommand(),
  () => new EnableUserCommand(),
  () => new GrantCommand(),
  () => new GrantCloudCommand(),
  () => new LoginCommand(),
  () => new LogoutCommand(),
  () => new RegisterCommand(),
  () => new RemoveUserCommand(),
  () => new RevokeCommand(),
  () => new RevokeCloudCommand(),
  () => new ShowUserCommand(),
  () => new UsersCommand(),
];
