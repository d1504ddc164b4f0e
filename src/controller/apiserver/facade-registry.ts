/**
 * Finds the handler for `Facade(version).Method` on a connection, producing Juju's
 * call-level errors when it cannot.
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import type { FacadeVersions } from '../../rpc/params/admin.js';
import type { ConnectionKind, FacadeDefinition, MethodHandler } from './types.js';

/** A resolved call target. */
export interface ResolvedMethod {
  readonly facade: FacadeDefinition;
  readonly handler: MethodHandler;
}

/** Juju's "not implemented" error for a facade, version or method that does not exist. */
export function callNotImplemented(facade: string, version: number, method?: string): JujuError {
  let message: string;
  if (method === undefined) {
    message =
      version !== 0
        ? `unknown version (${version}) of interface "${facade}"`
        : `unknown object type "${facade}"`;
  } else {
    const target = version !== 0 ? `${facade}(${version})` : facade;
    message = `no such request - method ${target}.${method} is not implemented`;
  }
  return new JujuError(ErrorCode.NotImplemented, message);
}

/** The error for a facade that exists but is not offered on this kind of connection. */
export function facadeNotSupported(facade: string, kind: ConnectionKind): JujuError {
  return new JujuError(ErrorCode.NotSupported, `facade "${facade}" not supported for ${kind} API connection`);
}

/** The error for a non-empty object id on a facade that has no objects. */
export function idNotFound(): JujuError {
  return new JujuError(ErrorCode.NotFound, 'id not found');
}

interface FacadeEntry {
  readonly kinds: Set<ConnectionKind>;
  readonly byVersion: Map<number, FacadeDefinition>;
}

/** Immutable index of facade definitions by name and version. */
export class FacadeRegistry {
  readonly #entries = new Map<string, FacadeEntry>();

  /** Throws if two definitions claim the same facade version. */
  constructor(definitions: readonly FacadeDefinition[]) {
    for (const def of definitions) {
      let entry = this.#entries.get(def.name);
      if (entry === undefined) {
        entry = { kinds: new Set(), byVersion: new Map() };
        this.#entries.set(def.name, entry);
      }
      for (const kind of def.kinds) entry.kinds.add(kind);
      for (const version of def.versions) {
        if (entry.byVersion.has(version)) {
          throw new Error(`facade ${def.name} version ${version} registered twice`);
        }
        entry.byVersion.set(version, def);
      }
    }
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /**
   * The method to run for a call, or throws the error Juju gives: unknown facade,
   * facade not offered on this connection kind, unknown version, unknown method,
   * unexpected object id.
   */
  resolve(kind: ConnectionKind, name: string, version: number, method: string, id: string): ResolvedMethod {
    const entry = this.#entries.get(name);
    if (entry === undefined) throw callNotImplemented(name, 0);
    if (!entry.kinds.has(kind)) throw facadeNotSupported(name, kind);
    const facade = entry.byVersion.get(version);
    if (facade === undefined) throw callNotImplemented(name, version);
    if (!facade.kinds.includes(kind)) throw facadeNotSupported(name, kind);
    // Own properties only: "constructor" or "toString" must not resolve to Object.prototype.
    const handler = Object.hasOwn(facade.methods, method) ? facade.methods[method] : undefined;
    if (typeof handler !== 'function') throw callNotImplemented(name, version, method);
    if (id !== '' && facade.acceptsId !== true) throw idNotFound();
    return { facade, handler };
  }

  /** The login result's `facades` list for a connection kind, sorted by name. */
  describe(kind: ConnectionKind): FacadeVersions[] {
    const list: FacadeVersions[] = [];
    for (const [name, entry] of this.#entries) {
      const versions = [...entry.byVersion]
        .filter(([, def]) => def.kinds.includes(kind))
        .map(([version]) => version)
        .sort((a, b) => a - b);
      if (versions.length > 0) list.push({ name, versions });
    }
    return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
