/**
 * What every API watcher kind shares: watchers live in a table per
 * connection (ids unique per controller), die with their connection, are
 * found or refused with Juju's errors, and wait for state changes the same way.
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import type { ConnectionInfo } from '../apiserver/types.js';
import type { ChangeHub } from '../events/change-hub.js';

/** A registered watcher: stopping it aborts its signal. */
export interface TableWatcher {
  readonly abort: AbortController;
}

const stopped = (): JujuError => new JujuError(ErrorCode.Stopped, 'watcher has been stopped');

/** Watchers by connection and id. */
export class WatcherTable<W extends TableWatcher> {
  private readonly byConnection = new Map<string, Map<string, W>>();
  private nextId = 1;

  /** Adds `w` for `conn` (stopped with the connection); returns its id. */
  add(conn: ConnectionInfo, w: W): string {
    let watchers = this.byConnection.get(conn.id);
    if (!watchers) {
      const created = new Map<string, W>();
      watchers = created;
      this.byConnection.set(conn.id, created);
      conn.signal.addEventListener(
        'abort',
        () => {
          for (const x of created.values()) x.abort.abort();
          this.byConnection.delete(conn.id);
        },
        { once: true },
      );
    }
    const id = String(this.nextId++);
    watchers.set(id, w);
    return id;
  }

  /** @throws `not found` unknown id; `stopped` when stopped. */
  get(conn: ConnectionInfo, id: string): W {
    const w = this.byConnection.get(conn.id)?.get(id);
    if (!w) throw new JujuError(ErrorCode.NotFound, 'unknown watcher id');
    if (w.abort.signal.aborted) throw stopped();
    return w;
  }

  /** @throws `not found` unknown id. */
  stop(conn: ConnectionInfo, id: string): void {
    const w = this.byConnection.get(conn.id)?.get(id);
    if (!w) throw new JujuError(ErrorCode.NotFound, 'unknown watcher id');
    w.abort.abort();
    this.byConnection.get(conn.id)?.delete(id);
  }
}

/**
 * Waits for a commit beyond `seen`, then lets the rest of this event-loop
 * turn's commits land, so a burst of writes (ten agents committing hooks)
 * costs a watcher one read instead of one per commit. Returns the hub's
 * position to remember as seen.
 * @throws `stopped` when `signal` aborts.
 */
export async function waitForChange(hub: ChangeHub, seen: number, signal: AbortSignal): Promise<number> {
  try {
    await hub.waitBeyond(seen, signal);
    await new Promise<void>((resolve) => setImmediate(resolve));
  } catch {
    throw stopped();
  }
  if (signal.aborted) throw stopped();
  return hub.current();
}
