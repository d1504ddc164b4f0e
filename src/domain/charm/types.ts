/**
 * Types of the charm domain: charms stored in a model. The parsed charm
 * files are kept as opaque JSON; the domain only reasons about the name,
 * subordinate flag, relation endpoints and config option types/defaults.
 */

/** Relation roles of a charm endpoint. */
export const RelationRole = {
  Provider: 'provider',
  Requirer: 'requirer',
  Peer: 'peer',
} as const;
export type RelationRoleValue = (typeof RelationRole)[keyof typeof RelationRole];

/** Relation scopes. */
export const RelationScope = {
  Global: 'global',
  Container: 'container',
} as const;
export type RelationScopeValue = (typeof RelationScope)[keyof typeof RelationScope];

/** The endpoint every charm provides implicitly. */
export const JUJU_INFO = 'juju-info';

/** A relation endpoint declared by a charm (provides/requires/peers). */
export interface CharmEndpoint {
  readonly name: string;
  readonly role: RelationRoleValue;
  readonly interface: string;
  readonly scope: RelationScopeValue;
  /** 0 means no limit. */
  readonly limit: number;
  readonly optional: boolean;
}

/** Option types of `config.yaml`. */
export const ConfigOptionType = {
  String: 'string',
  Int: 'int',
  Float: 'float',
  Boolean: 'boolean',
  Secret: 'secret',
} as const;

/** One `config.yaml` option. */
export interface CharmConfigOption {
  /** `string`, `int`, `float`, `boolean` or `secret`. */
  readonly type: string;
  /** Absent when the option has no default. */
  readonly default?: unknown;
  readonly description: string;
}

/** A charm as stored in a model. */
export interface Charm {
  readonly modelUuid: string;
  /** `local:<name>-<revision>` (or `ch:...` for store charms). */
  readonly url: string;
  readonly name: string;
  readonly revision: number;
  /** `local` or `charm-hub`. */
  readonly source: string;
  /** Hex SHA-256 of the archive. */
  readonly sha256: string;
  /** Where the archive lives in the controller's object store. */
  readonly archiveKey: string;
  readonly subordinate: boolean;
  /** Declared endpoints (without the implicit juju-info). */
  readonly endpoints: readonly CharmEndpoint[];
  /** Names of `extra-bindings`. */
  readonly extraBindings: readonly string[];
  readonly configOptions: Readonly<Record<string, CharmConfigOption>>;
  /** Parsed metadata.yaml (opaque). */
  readonly metadata: unknown;
  /** Parsed config.yaml (opaque). */
  readonly config: unknown;
  /** Parsed actions.yaml (opaque). */
  readonly actions: unknown;
  /** Contents of the charm's `version` file, '' when absent. */
  readonly version: string;
  readonly createdAt: string;
}

/** Parameters of {@link CharmService.add}. */
export interface AddCharmParams {
  /** Defaults to `local:<name>-<revision>`. */
  readonly url?: string;
  readonly name: string;
  /** Defaults to the next local revision for the name. */
  readonly revision?: number;
  readonly sha256: string;
  readonly archiveKey: string;
  readonly subordinate?: boolean;
  readonly endpoints?: readonly CharmEndpoint[];
  readonly extraBindings?: readonly string[];
  readonly configOptions?: Readonly<Record<string, CharmConfigOption>>;
  readonly metadata?: unknown;
  readonly config?: unknown;
  readonly actions?: unknown;
  readonly version?: string;
}

/** The parts of a charm URL. */
export interface CharmUrlParts {
  /** `local` or `ch`. */
  readonly schema: string;
  readonly name: string;
  readonly revision: number;
}

/** Arguments to insert a charm (state). */
export interface InsertCharmArgs {
  readonly modelUuid: string;
  readonly url: string;
  readonly name: string;
  readonly revision: number;
  readonly source: string;
  readonly sha256: string;
  readonly archiveKey: string;
  readonly subordinate: boolean;
  readonly endpoints: readonly CharmEndpoint[];
  readonly extraBindings: readonly string[];
  readonly configOptions: Readonly<Record<string, CharmConfigOption>>;
  readonly metadata: unknown;
  readonly config: unknown;
  readonly actions: unknown;
  readonly version: string;
  readonly createdAt: string;
}
