/**
 * Juju-style strings watchers over the API: a `Watch*` method registers one
 * on the caller's connection and returns its id with the initial changes; the
 * agent then calls `StringsWatcher.Next` (with that id), which blocks until
 * new strings appear and returns them; `Stop` releases it. Watchers die with
 * their connection.
 *
 * A strings watcher here reads a set of strings (e.g. the ids of a machine's
 * pending tasks) after every state change and reports the ones it has not
 * delivered before, in the order read.
 */
import type { CallContext, ConnectionInfo, FacadeDefinition } from '../apiserver/types.js';
import type { ChangeHub } from '../events/change-hub.js';
import type { FacadeDeps } from './deps.js';
import { WatcherTable, waitForChange } from './watcher-table.js';

interface StringsWatcher {
  readonly read: () => readonly string[];
  /** Strings already delivered (pruned to what is still read). */
  delivered: Set<string>;
  seen: number;
  readonly abort: AbortController;
}

/** Strings watchers of every connection, woken by one change hub. */
export class StringsWatcherRegistry {
  private readonly table = new WatcherTable<StringsWatcher>();

  constructor(private readonly hub: ChangeHub) {}

  /** Registers a watcher over `read` for `conn`; returns its id and the initial strings (counted as delivered). */
  watch(conn: ConnectionInfo, read: () => readonly string[]): { id: string; changes: string[] } {
    const initial = [...read()];
    const id = this.table.add(conn, {
      read,
      delivered: new Set(initial),
      seen: this.hub.current(),
      abort: new AbortController(),
    });
    return { id, changes: initial };
  }

  /** Blocks until strings not delivered before are read; resolves with them. */
  async next(conn: ConnectionInfo, id: string): Promise<string[]> {
    const w = this.table.get(conn, id);
    for (;;) {
      const now = w.read();
      const fresh = now.filter((s) => !w.delivered.has(s));
      if (fresh.length > 0) {
        w.delivered = new Set(now);
        return fresh;
      }
      w.seen = await waitForChange(this.hub, w.seen, w.abort.signal);
    }
  }

  stop(conn: ConnectionInfo, id: string): void {
    this.table.stop(conn, id);
  }
}

const registries = new WeakMap<ChangeHub, StringsWatcherRegistry>();

/** The strings watcher registry of a controller (one per change hub, shared by every facade). */
export function stringsWatchers(deps: Pick<FacadeDeps, 'hub'>): StringsWatcherRegistry {
  let registry = registries.get(deps.hub);
  if (registry === undefined) {
    registry = new StringsWatcherRegistry(deps.hub);
    registries.set(deps.hub, registry);
  }
  return registry;
}

/** The `StringsWatcher` facade (v1): `Next` (`{"changes":[...]}`) and `Stop` on a watcher id. */
export function stringsWatcherFacade(deps: FacadeDeps): FacadeDefinition {
  const registry = stringsWatchers(deps);
  return {
    name: 'StringsWatcher',
    versions: [1],
    kinds: ['model'],
    acceptsId: true,
    methods: {
      Next: async (ctx: CallContext) => ({ changes: await registry.next(ctx.conn, ctx.id) }),
      Stop: (ctx: CallContext) => {
        registry.stop(ctx.conn, ctx.id);
        return {};
      },
    },
  };
}
