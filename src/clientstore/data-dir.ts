/**
 * Where the client store lives: `$JUJU_DATA`, else `$XDG_DATA_HOME/juju`, else
 * `~/.local/share/juju`, the same search Juju's client does.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The `juju` data directory for the given environment (not created here). */
export function jujuDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['JUJU_DATA']) return resolve(env['JUJU_DATA']);
  if (env['XDG_DATA_HOME']) return resolve(env['XDG_DATA_HOME'], 'juju');
  return join(env['HOME'] || homedir(), '.local', 'share', 'juju');
}

/** File names inside the data directory. */
export const StoreFile = {
  controllers: 'controllers.yaml',
  models: 'models.yaml',
  accounts: 'accounts.yaml',
  bootstrapConfig: 'bootstrap-config.yaml',
  clouds: 'clouds.yaml',
  credentials: 'credentials.yaml',
} as const;
export type StoreFileName = (typeof StoreFile)[keyof typeof StoreFile];

/** Relative path of a controller's cookie jar inside the data directory. */
export function cookieJarFile(controllerName: string): string {
  return join('cookies', `${controllerName}.json`);
}
