/**
 * What the client store holds. Field names are the camelCase of the YAML keys
 * Juju writes (`api-endpoints` → `apiEndpoints`); optional fields are the ones
 * Juju omits when empty.
 */

/** A controller known to this client (`controllers.yaml`). */
export interface ControllerDetails {
  uuid: string;
  /** `host:port` addresses, most recently working first. */
  apiEndpoints: string[];
  /** Cached DNS answers: hostname → IP addresses. */
  dnsCache?: Record<string, string[]>;
  publicHostname?: string;
  /** The controller's CA certificate, PEM. */
  caCert: string;
  cloud: string;
  region?: string;
  /** Cloud type, e.g. `lxd`, `local`. */
  type?: string;
  agentVersion?: string;
  controllerMachineCount: number;
  activeControllerMachineCount: number;
  machineCount?: number;
  /** Connection proxy, written as `{config, type}`. */
  proxyConfig?: { type: string; config: Record<string, unknown> };
}

export type ModelType = 'iaas' | 'caas';

/** A model cached for a controller (`models.yaml`), keyed by owner-qualified name. */
export interface ModelDetails {
  uuid: string;
  type: ModelType;
  /** The active branch; Juju writes `master` when there is none. */
  branch: string;
}

/** Input to ClientStore.updateModel; branch defaults to `master`. */
export interface ModelDetailsInput {
  uuid: string;
  type: ModelType;
  branch?: string;
}

/** The models cached for one controller. */
export interface ControllerModels {
  models: Record<string, ModelDetails>;
  currentModel?: string;
  previousModel?: string;
}

/** The login of this client on a controller (`accounts.yaml`). */
export interface AccountDetails {
  user: string;
  password?: string;
  /** `login`, `superuser`, ... as last seen from the controller. */
  lastKnownAccess?: string;
  type?: string;
  accessToken?: string;
}

/** What bootstrap used, kept to allow re-creating it (`bootstrap-config.yaml`). */
export interface BootstrapConfig {
  controllerConfig: Record<string, unknown>;
  /** The controller model's config (`name`, `type`, ...). */
  modelConfig: Record<string, unknown>;
  controllerModelUuid: string;
  /** Credential name; absent when the credential was detected. */
  credential?: string;
  cloud: string;
  /** Cloud type. */
  type: string;
  region?: string;
  endpoint?: string;
  identityEndpoint?: string;
  storageEndpoint?: string;
  caCertificates?: string[];
  skipTlsVerify?: boolean;
}

/** One region of a cloud. */
export interface CloudRegion {
  name: string;
  endpoint?: string;
  identityEndpoint?: string;
  storageEndpoint?: string;
}

/** A cloud definition as in `clouds.yaml` (the name is the map key). */
export interface CloudDefinition {
  type: string;
  description?: string;
  authTypes: string[];
  endpoint?: string;
  identityEndpoint?: string;
  storageEndpoint?: string;
  /** In file order; the first is the cloud's default region. */
  regions: CloudRegion[];
  config?: Record<string, unknown>;
  regionConfig?: Record<string, Record<string, unknown>>;
  caCertificates?: string[];
  skipTlsVerify?: boolean;
}

/** Where a cloud listed by the client comes from (the `Source` column of `juju clouds`). */
export type CloudSource = 'built-in' | 'local';

export interface ListedCloud extends CloudDefinition {
  source: CloudSource;
}

/** One named credential. */
export interface Credential {
  /** `userpass`, `access-key`, `certificate`, `empty`, ... */
  authType: string;
  attributes: Record<string, string>;
}

/** All credentials of one cloud (`credentials.yaml`). */
export interface CloudCredentials {
  defaultCredential?: string;
  defaultRegion?: string;
  credentials: Record<string, Credential>;
}
