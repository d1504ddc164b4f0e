/**
 * Juju-style watchers over the API: a `Watch*` method registers a watcher on
 * the caller's connection and returns its id; the agent then calls `Next` on
 * the watcher facade (with that id), which blocks until the watched thing
 * changes; `Stop` releases it. Watchers die with their connection.
 *
 * A notify watcher here is a fingerprint function: `Next` returns once a state
 * change produces a different fingerprint from the one last delivered.
 */
import type { ConnectionInfo, CallContext, FacadeDefinition } from '../apiserver/types.js';
import type { ChangeHub } from '../events/change-hub.js';
import { WatcherTable, waitForChange } from './watcher-table.js';

interface NotifyWatcher {
  readonly fingerprint: () => string;
  last: string;
  seen: number;
  readonly abort: AbortController;
}

export class WatcherRegistry {
  private readonly table = new WatcherTable<NotifyWatcher>();

  constructor(private readonly hub: ChangeHub) {}

  /** Register a notify watcher for `conn`; its initial state counts as delivered (as in Juju). */
  watch(conn: ConnectionInfo, fingerprint: () => string): string {
    return this.table.add(conn, {
      fingerprint,
      last: fingerprint(),
      seen: this.hub.current(),
      abort: new AbortController(),
    });
  }

  /** Blocks until the watcher's fingerprint changes. */
  async next(conn: ConnectionInfo, id: string): Promise<void> {
    const w = this.table.get(conn, id);
    for (;;) {
      w.seen = await waitForChange(this.hub, w.seen, w.abort.signal);
      const now = w.fingerprint();
      if (now !== w.last) {
        w.last = now;
        return;
      }
    }
  }

  stop(conn: ConnectionInfo, id: string): void {
    this.table.stop(conn, id);
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
