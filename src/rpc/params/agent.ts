/**
 * Wire shapes of the facades machine agents use: `Agent` (v3), `Machiner` (v5),
 * `Deployer` (v1) and `Upgrader` (v1). Keys are Juju's JSON tags; the one
 * non-Juju method is `Deployer.Units` (marked below).
 */
import type { BulkWireError, ErrorResult } from '../errors.js';
import type { HostPort } from './admin.js';

/** `{"tag": "..."}`, Juju's `params.Entity`. */
export interface AgentEntity {
  tag: string;
}

/** `{"entities": [...]}`, Juju's `params.Entities`. */
export interface AgentEntities {
  entities?: AgentEntity[];
}

/** One entry of `Agent.GetEntities`: the caller's own entity. */
export interface AgentGetEntitiesResult {
  life: string;
  jobs: string[];
  'container-type': string;
  error?: BulkWireError;
}

/** `Agent.GetEntities` result. */
export interface AgentGetEntitiesResults {
  entities: AgentGetEntitiesResult[];
}

/** One password change (`params.EntityPassword`). */
export interface EntityPassword {
  tag: string;
  password: string;
}

/** `Agent.SetPasswords` / `Deployer.SetPasswords` params. */
export interface EntityPasswords {
  changes?: EntityPassword[];
}

/** `{"results":[{"life":"alive"}]}`, Juju's `params.LifeResults`. */
export interface LifeResult {
  life: string;
  error?: BulkWireError;
}
export interface LifeResults {
  results: LifeResult[];
}

/** One status change (`params.EntityStatusArgs`). */
export interface EntityStatusArgs {
  tag: string;
  status: string;
  info?: string;
  data?: Record<string, unknown>;
}

/** `Machiner.SetStatus` params. */
export interface SetStatus {
  entities?: EntityStatusArgs[];
}

/** A machine address as agents report it (`params.Address`). */
export interface WireAddress {
  value: string;
  type: string;
  scope: string;
  'space-name'?: string;
  cidr?: string;
}

/** `Machiner.SetMachineAddresses` params. */
export interface SetMachinesAddresses {
  'machine-addresses'?: { tag: string; addresses?: WireAddress[] }[];
}

/** `Machiner.RecordAgentStartInformation` params. */
export interface RecordAgentStartInformationArgs {
  args?: { tag: string; hostname?: string }[];
}

/** One entry of a notify-watch result: the key has no JSON tag in Juju, hence the Go name. */
export interface NotifyWatchResult {
  NotifyWatcherId: string;
  error?: BulkWireError;
}
export interface NotifyWatchResults {
  results: NotifyWatchResult[];
}

/** `Machiner.APIHostPorts` result: one list of addresses per controller. */
export interface APIHostPortsResult {
  servers: HostPort[][];
}

/** `Machiner.APIAddresses` / `Deployer.APIAddresses` result. */
export interface StringsResult {
  result: string[];
  error?: BulkWireError;
}

/** `Machiner.Jobs` result entry. */
export interface JobsResult {
  jobs: string[];
  error?: BulkWireError;
}
export interface JobsResults {
  results: JobsResult[];
}

/** One unit on the caller's machine, as `Deployer.Units` lists it. */
export interface DeployerUnit {
  /** `app/0`. */
  name: string;
  /** `unit-app-0`. */
  tag: string;
  life: string;
  /** True once an agent password was set for the unit. */
  'password-set': boolean;
}

/** `Deployer.Units` (not in Juju; no params): the units assigned to the caller's machine. */
export interface DeployerUnitsResult {
  units: DeployerUnit[];
}

/** `Upgrader.SetTools` params: the agent's running version, e.g. `3.6.4-ubuntu-amd64`. */
export interface EntitiesVersion {
  'agent-tools'?: { tag: string; tools: { version: string } }[];
}

/** `Upgrader.DesiredVersion` result entry. */
export interface VersionResult {
  version?: string;
  error?: BulkWireError;
}
export interface VersionResults {
  results: VersionResult[];
}

/** `{"results":[{}|{"error":...}]}`. */
export interface AgentErrorResults {
  results: ErrorResult[];
}
