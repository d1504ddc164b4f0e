/**
 * One-off reboot notifications for unit agents (Juju's reboot monitor): a
 * flag file per unit in the machine's transient directory, which a reboot
 * clears. The first unit agent start after a (re)boot finds no flag, creates
 * it and learns that the machine rebooted; later starts find it and do not.
 * On the local cloud a machine "reboots" when its agent deletes the directory.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * `<root>/var/run/juju/reboot-monitor` for the agent data dir
 * `<root>/var/lib/juju`; `<data dir>/run/reboot-monitor` for any other data dir.
 */
export function rebootMonitorDir(dataDir: string): string {
  const dir = resolve(dataDir);
  if (dir.endsWith(`${sep}var${sep}lib${sep}juju`))
    return resolve(dir, '..', '..', 'run', 'juju', 'reboot-monitor');
  return join(dir, 'run', 'reboot-monitor');
}

/**
 * Whether the machine rebooted since `tag` (e.g. `unit-app-0`) last asked;
 * true at most once per boot. @throws when the flag cannot be created.
 */
export function rebootDetected(dataDir: string, tag: string): boolean {
  const dir = rebootMonitorDir(dataDir);
  const flag = join(dir, tag);
  try {
    if (statSync(flag).isDirectory())
      throw new Error(`expected reboot monitor flag ${JSON.stringify(flag)} to be a file`);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  closeSync(openSync(flag, 'a', 0o644));
  return true;
}

/** Forgets `tag` (its unit was removed from the machine). */
export function purgeRebootFlag(dataDir: string, tag: string): void {
  rmSync(join(rebootMonitorDir(dataDir), tag), { force: true });
}
