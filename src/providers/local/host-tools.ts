/**
 * The host programs the local cloud needs, found once, and the host check
 * behind `Provider.checkHost`.
 */

import { notSupported } from '../../core/errors.js';
import { defaultSearchDirs, findExecutable } from './command.js';

/** Absolute paths of the programs the local cloud runs. */
export interface HostTools {
  /** iproute2 `ip`: namespaces, veths, bridge, addresses. */
  readonly ip: string;
  /** util-linux `unshare`: gives each agent its own hostname (UTS namespace). */
  readonly unshare: string;
  /** A POSIX shell, used only for a fixed two-line start wrapper. */
  readonly sh: string;
}

const ROOT_MESSAGE =
  'the "local" cloud needs root: it creates network namespaces and a bridge on this machine ' +
  '(run juju as root, or use another cloud)';

/** What the host check looks at; tests inject these. */
export interface HostCheckInputs {
  /** Effective user id; defaults to process.getuid(). */
  readonly uid?: number;
  /** Directories to look for programs in; defaults to $PATH plus the usual system directories. */
  readonly searchDirs?: readonly string[];
}

/**
 * Finds ip, unshare and sh. Throws a `not supported` JujuError naming the
 * package to install when one is missing.
 */
export function findHostTools(searchDirs: readonly string[] = defaultSearchDirs()): HostTools {
  const ip = findExecutable('ip', searchDirs);
  if (!ip) {
    throw notSupported(
      'the "local" cloud needs the "ip" command from iproute2 on this machine (install the iproute2 package)',
    );
  }
  const unshare = findExecutable('unshare', searchDirs);
  if (!unshare) {
    throw notSupported(
      'the "local" cloud needs the "unshare" command from util-linux on this machine (install the util-linux package)',
    );
  }
  const sh = findExecutable('sh', searchDirs);
  if (!sh) throw notSupported('the "local" cloud needs a POSIX shell at /bin/sh on this machine');
  return { ip, unshare, sh };
}

/**
 * Fails with a clear `not supported` JujuError when this host cannot run the
 * local cloud: not root, not Linux, or iproute2/util-linux missing.
 */
export function checkLocalHost(inputs: HostCheckInputs = {}): HostTools {
  if (process.platform !== 'linux') {
    throw notSupported(
      `the "local" cloud needs Linux network namespaces; this host runs ${process.platform}`,
    );
  }
  const uid = inputs.uid ?? process.getuid?.() ?? -1;
  if (uid !== 0) throw notSupported(ROOT_MESSAGE);
  return findHostTools(inputs.searchDirs ?? defaultSearchDirs());
}
