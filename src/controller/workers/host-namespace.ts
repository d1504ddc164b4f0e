/**
 * Where the host is, seen from a controller that runs inside one of its own
 * machines. On the `local` cloud the controller agent lives in its machine's
 * network namespace and in a private mount namespace (`ip netns exec` makes
 * one, a slave of the host's). From there it can neither reach the bridge
 * nor create namespaces the host can see, so provider work has to run in the
 * host's namespaces. This module finds a process that is in them (its
 * `/run/netns` mount is the shared master of ours) so `nsenter` can join it.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Propagation fields of the `/run/netns` mount in a mountinfo text: `shared:N`, `master:N`. */
export function netnsMountPropagation(mountinfo: string): { shared?: string; master?: string } | undefined {
  for (const line of mountinfo.split('\n')) {
    const [before] = line.split(' - ');
    const fields = (before ?? '').split(' ');
    if (fields[4] !== '/run/netns') continue;
    const result: { shared?: string; master?: string } = {};
    for (const opt of fields.slice(6)) {
      if (opt.startsWith('shared:')) result.shared = opt.slice('shared:'.length);
      else if (opt.startsWith('master:')) result.master = opt.slice('master:'.length);
    }
    return result;
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function link(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The PID of a process in the host's mount and network namespaces, or null
 * when this process already runs in the host's mount namespace (nothing to
 * join). Throws when we are in a machine but no host process can be found.
 */
export function findHostNamespacePid(): number | null {
  const own = netnsMountPropagation(readText('/proc/self/mountinfo') ?? '');
  // No namespace mount at all, or the shared original: we are on the host.
  if (own === undefined || own.master === undefined) return null;
  const ownMnt = link('/proc/self/ns/mnt');
  const ownNet = link('/proc/self/ns/net');
  const pids = readdirSync('/proc')
    .filter((name) => /^[0-9]+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid)
    .sort((a, b) => a - b);
  for (const pid of pids) {
    const mnt = link(`/proc/${pid}/ns/mnt`);
    const net = link(`/proc/${pid}/ns/net`);
    if (mnt === undefined || net === undefined || mnt === ownMnt || net === ownNet) continue;
    const theirs = netnsMountPropagation(readText(`/proc/${pid}/mountinfo`) ?? '');
    if (theirs?.shared === own.master && theirs.master === undefined) return pid;
  }
  throw new Error('cannot find a process in the host namespaces to run provider operations from');
}
