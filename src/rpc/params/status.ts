/**
 * Wire shapes of `Client.FullStatus` (Juju's `params.FullStatus` and the
 * structs inside it), keys and key order as Juju's JSON tags. Timestamps are
 * RFC 3339 strings, `null` when unset.
 */
import type { WireError } from '../errors.js';

/** `Client.FullStatus` params. */
export interface StatusParams {
  patterns?: string[];
  'include-storage'?: boolean;
}

/** A status with its message, data, time and (for agents) version. */
export interface DetailedStatus {
  status: string;
  info: string;
  data: Record<string, unknown>;
  since: string | null;
  kind: string;
  version: string;
  /** Entity life, '' while alive. */
  life: string;
  err?: WireError;
}

/** A base on the wire: `{"name":"ubuntu","channel":"22.04"}`. */
export interface WireBase {
  name: string;
  channel: string;
}

export interface MeterStatus {
  color: string;
  message: string;
}

export interface ModelStatusInfo {
  name: string;
  type: string;
  'cloud-tag': string;
  region?: string;
  version: string;
  'available-version': string;
  'model-status': DetailedStatus;
  'meter-status': MeterStatus;
  sla: string;
}

export interface NetworkInterface {
  'ip-addresses': string[];
  'mac-address': string;
  gateway?: string;
  'dns-nameservers'?: string[];
  space?: string;
  'is-up': boolean;
}

export interface LxdProfile {
  config: Record<string, string>;
  description: string;
  devices: Record<string, Record<string, string>>;
}

export interface MachineStatus {
  'agent-status': DetailedStatus;
  'instance-status': DetailedStatus;
  'modification-status': DetailedStatus;
  hostname?: string;
  'dns-name': string;
  'ip-addresses': string[];
  'instance-id': string;
  'display-name': string;
  base: WireBase;
  id: string;
  'network-interfaces'?: Record<string, NetworkInterface>;
  containers: Record<string, MachineStatus>;
  /** `arch=amd64 mem=4096M` form. */
  constraints: string;
  /** `arch=amd64 cores=2 mem=4096M` form. */
  hardware: string;
  jobs: string[];
  'has-vote': boolean;
  'wants-vote': boolean;
  'primary-controller-machine'?: boolean;
  'lxd-profiles'?: Record<string, LxdProfile>;
}

export interface UnitStatus {
  'agent-status': DetailedStatus;
  'workload-status': DetailedStatus;
  'workload-version': string;
  machine: string;
  'opened-ports': string[];
  'public-address': string;
  charm: string;
  subordinates: Record<string, UnitStatus>;
  leader?: boolean;
  'provider-id'?: string;
  address?: string;
}

export interface ApplicationStatus {
  err?: WireError;
  /** Charm URL, e.g. `ch:amd64/jammy/mysql-151` or `local:testapp-0`. */
  charm: string;
  'charm-version': string;
  'charm-profile': string;
  'charm-channel'?: string;
  base: WireBase;
  exposed: boolean;
  'exposed-endpoints'?: Record<string, { 'expose-to-spaces'?: string[]; 'expose-to-cidrs'?: string[] }>;
  life: string;
  /** Endpoint name -> related application names. */
  relations: Record<string, string[]>;
  'can-upgrade-to': string;
  'subordinate-to': string[];
  units: Record<string, UnitStatus>;
  'meter-statuses': Record<string, MeterStatus>;
  status: DetailedStatus;
  'workload-version': string;
  'endpoint-bindings': Record<string, string>;
  /** Juju's JSON tag for the k8s scale really is `int`. */
  int?: number;
  'provider-id'?: string;
  'public-address': string;
}

export interface RemoteEndpoint {
  name: string;
  role: string;
  interface: string;
  limit: number;
}

export interface RemoteApplicationStatus {
  err?: WireError;
  'offer-url': string;
  'offer-name': string;
  endpoints: RemoteEndpoint[];
  life: string;
  relations: Record<string, string[]>;
  status: DetailedStatus;
}

export interface ApplicationOfferStatus {
  err?: WireError;
  'offer-name': string;
  'application-name': string;
  charm: string;
  endpoints: Record<string, RemoteEndpoint>;
  'active-connected-count': number;
  'total-connected-count': number;
}

export interface EndpointStatus {
  application: string;
  name: string;
  role: string;
  subordinate: boolean;
}

export interface RelationStatus {
  id: number;
  key: string;
  interface: string;
  /** `global` or `container`. */
  scope: string;
  endpoints: EndpointStatus[];
  status: DetailedStatus;
}

export interface BranchStatus {
  'assigned-units': Record<string, string[]>;
  created: number;
  'created-by': string;
}

/** `Client.FullStatus` reply. */
export interface FullStatus {
  model: ModelStatusInfo;
  machines: Record<string, MachineStatus>;
  applications: Record<string, ApplicationStatus>;
  'remote-applications': Record<string, RemoteApplicationStatus>;
  offers: Record<string, ApplicationOfferStatus>;
  relations: RelationStatus[];
  'controller-timestamp': string | null;
  branches: Record<string, BranchStatus>;
  /** Only with `include-storage`, and only when the model has any. */
  storage?: unknown[];
  filesystems?: unknown[];
  volumes?: unknown[];
}
