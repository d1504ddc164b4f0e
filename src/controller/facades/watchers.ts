/**
 * Juju-style watchers over the API: a `Watch*` method registers a watcher on
 * the caller's connection and returns its id; the agent then calls `Next` on
 * the watcher facade (with that id), which blocks until the watched thing
 * changes; `Stop` releases it. Watchers die with their connection.
 *
 * A notify watcher here is a fingerprint function: `Next` returns once a state
 * change produces a different fingerprint from the one last delivered.
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import type { ConnectionInfo, CallContext, FacadeDefinition } from '../apiserver/types.js';
import type { ChangeHub } from '../events/change-hub.js';

interface NotifyWatcher {
  readonly fingerprint: () => string;
  last: string;
  seen: number;
  readonly abort: AbortController;
}

export class WatcherRegistry {
  private readonly byConnection = new Map<string, Map<string, NotifyWatcher>>();
  private nextId = 1;

  constructor(private readonly hub: ChangeHub) {}

  /** Register a notify watcher for `conn`; its initial state counts as delivered (as in Juju). */
  watch(conn: ConnectionInfo, fingerprint: () => string): string {
    let watchers = this.byConnection.get(conn.id);
    if (!watchers) {
      const created = new Map<string, NotifyWatcher>();
      watchers = created;
      this.byConnection.set(conn.id, created);
      conn.signal.addEventListener(
        'abort',
        () => {
          for (const w of created.values()) w.abort.abort();
          this.byConnection.delete(conn.id);
        },
        { once: true },
      );
    }
    const id = String(this.nextId++);
    watchers.set(id, { fingerprint, last: fingerprint(), seen: this.hub.current(), abort: new AbortController() });
    return id;
  }

  private get(conn: ConnectionInfo, id: string): NotifyWatcher {
    const w = this.byConnection.get(conn.id)?.get(id);
    if (!w) throw new JujuError(ErrorCode.NotFound, 'unknown watcher id');
    if (w.abort.signal.aborted) throw new JujuError(ErrorCode.Stopped, 'watcher has been stopped');
    return w;
  }

  /** Blocks until the watcher's fingerprint changes. */
  async next(conn: ConnectionInfo, id: string): Promise<void> {
    const w = this.get(conn, id);
    for (;;) {
      try {
        await this.hub.waitBeyond(w.seen, w.abort.signal);
        // Let the commits of this event-loop turn land first: a burst of
        // writes (ten agents committing hooks) then costs each watcher one
        // fingerprint instead of one per commit.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } catch {
        throw new JujuError(ErrorCode.Stopped, 'watcher has been stopped');
      }
      if (w.abort.signal.aborted) throw new JujuError(ErrorCode.Stopped, 'watcher has been stopped');
      w.seen = this.hub.current();
      const now = w.fingerprint();
      if (now !== w.last) {
        w.last = now;
        return;
      }
    }
  }

  stop(conn: ConnectionInfo, id: string): void {
    const w = this.byConnection.get(conn.id)?.get(id);
    if (!w) throw new JujuError(ErrorCode.NotFound, 'unknown watcher id');
    w.abort.abort();
    this.byConnection.get(conn.id)?.delete(id);
  }
}

/** The `NotifyWatcher` facade (v1): `Next` and `Stop` on a watcher id, on both connection kinds. */
export function notifyWatcherFacade(registry: WatcherRegistry): FacadeDefinition {
  return {
    name: 'NotifyWatcher',
    versions: [1],
    kinds: ['controller', 'model'],
    acceptsId: true,
    methods: {
      Next: async (ctx: CallContext) => {
        await registry.next(ctx.conn, ctx.id);
        return {};
      },
      Stop: (ctx: CallContext) => {
        registry.stop(ctx.conn, ctx.id);
        return {};
      },
    },
  };
}
