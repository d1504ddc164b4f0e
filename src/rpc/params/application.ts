/**
 * Wire shapes of the Application facade (v19, v20), keys as Juju's JSON tags.
 * Wrappers that Juju leaves untagged keep their Go field name (`Args`).
 */
import type { BulkWireError, ErrorResult } from '../errors.js';

/** `{"tag": "..."}` (Juju's `params.Entity`). */
export interface AppEntity {
  tag: string;
}

/** `{"entities": [...]}`. */
export interface AppEntities {
  entities?: AppEntity[];
}

/** A placement directive: `{"scope":"#","directive":"3"}` is machine 3, `{"scope":"lxd","directive":"0"}` a container on 0. */
export interface Placement {
  scope: string;
  directive: string;
}

/** Machine scope of a placement (`--to 3`). */
export const MACHINE_SCOPE = '#';

/** `{"name":"ubuntu","channel":"22.04"}`. */
export interface WireBase {
  name: string;
  channel: string;
}

/** Where a charm came from, as `Application.Deploy` and `SetCharm` carry it. */
export interface CharmOriginWire {
  source: string;
  type: string;
  id?: string;
  hash?: string;
  risk?: string;
  revision?: number;
  track?: string;
  branch?: string;
  architecture?: string;
  base?: WireBase;
  'instance-key'?: string;
}

/** One application of `Application.Deploy`. */
export interface ApplicationDeploy {
  application: string;
  'charm-url': string;
  'charm-origin'?: CharmOriginWire;
  channel?: string;
  'num-units'?: number;
  /** Values as strings (`--config k=v`), plus `trust`. */
  config?: Record<string, string>;
  /** `<application>:\n  key: value`. */
  'config-yaml'?: string;
  constraints?: Record<string, unknown>;
  placement?: Placement[];
  policy?: string;
  storage?: Record<string, unknown>;
  devices?: Record<string, unknown>;
  'attach-storage'?: string[];
  'endpoint-bindings'?: Record<string, string>;
  resources?: Record<string, string>;
  force?: boolean;
}

/** `Application.Deploy` params. */
export interface ApplicationsDeploy {
  applications: ApplicationDeploy[];
}

/** `Application.AddUnits` params. */
export interface AddApplicationUnits {
  application: string;
  'num-units': number;
  placement?: Placement[];
  policy?: string;
  'attach-storage'?: string[];
}

/** `Application.AddUnits` reply. */
export interface AddApplicationUnitsResults {
  units: string[];
}

/** One unit of `Application.DestroyUnit`. */
export interface DestroyUnitParams {
  'unit-tag': string;
  'destroy-storage'?: boolean;
  force?: boolean;
  /** Nanoseconds (Go duration), as Juju sends it. */
  'max-wait'?: number;
  'dry-run'?: boolean;
}

/** `Application.DestroyUnit` params. */
export interface DestroyUnitsParams {
  units: DestroyUnitParams[];
}

/** What removing one unit does (or would do). */
export interface DestroyUnitInfo {
  'destroyed-storage'?: AppEntity[];
  'detached-storage'?: AppEntity[];
}

/** One entry of `Application.DestroyUnit`'s reply. */
export interface DestroyUnitResult extends ErrorResult {
  info?: DestroyUnitInfo;
}

/** `Application.DestroyUnit` reply. */
export interface DestroyUnitResults {
  results: DestroyUnitResult[];
}

/** One application of `Application.DestroyApplication`. */
export interface DestroyApplicationParams {
  'application-tag': string;
  'destroy-storage'?: boolean;
  force?: boolean;
  'max-wait'?: number;
  'dry-run'?: boolean;
}

/** `Application.DestroyApplication` params. */
export interface DestroyApplicationsParams {
  applications: DestroyApplicationParams[];
}

/** What removing one application does (or would do). */
export interface DestroyApplicationInfo {
  'destroyed-units'?: AppEntity[];
  'detached-storage'?: AppEntity[];
  'destroyed-storage'?: AppEntity[];
}

/** One entry of `Application.DestroyApplication`'s reply. */
export interface DestroyApplicationResult extends ErrorResult {
  info?: DestroyApplicationInfo;
}

/** `Application.DestroyApplication` reply. */
export interface DestroyApplicationResults {
  results: DestroyApplicationResult[];
}

/** One application of `Application.SetConfigs`. */
export interface ConfigSet {
  application: string;
  generation?: string;
  config?: Record<string, string>;
  'config-yaml'?: string;
}

/** `Application.SetConfigs` params (untagged wrapper: `Args`). */
export interface ConfigSetArgs {
  Args: ConfigSet[];
}

/** One application of `Application.UnsetApplicationsConfig`. */
export interface ApplicationUnset {
  application: string;
  branch?: string;
  options: string[];
}

/** `Application.UnsetApplicationsConfig` params (untagged wrapper: `Args`). */
export interface ApplicationConfigUnsetArgs {
  Args: ApplicationUnset[];
}

/** One application of `Application.CharmConfig` / `Get`. */
export interface ApplicationGet {
  application: string;
  branch?: string;
}

/** `Application.CharmConfig` params. */
export interface ApplicationGetArgs {
  args: ApplicationGet[];
}

/** One option as `juju config` shows it. */
export interface ConfigEntryWire {
  default?: unknown;
  description: string;
  /** `default`, `user` or `unset`. */
  source: string;
  type: string;
  value?: unknown;
}

/** One entry of `Application.CharmConfig`'s reply. */
export interface ConfigResult {
  config: Record<string, ConfigEntryWire>;
  error?: BulkWireError;
}

/** `Application.CharmConfig` reply. */
export interface ApplicationGetConfigResults {
  results: ConfigResult[];
}

/** `Application.Get` reply. */
export interface ApplicationGetResults {
  application: string;
  charm: string;
  config: Record<string, ConfigEntryWire>;
  'application-config'?: Record<string, ConfigEntryWire>;
  constraints: Record<string, unknown>;
  base: WireBase;
  channel: string;
  'endpoint-bindings'?: Record<string, string>;
}

/** `Application.AddRelation` params. */
export interface AddRelation {
  endpoints: string[];
  'via-cidrs'?: string[];
}

/** A charm relation endpoint on the wire. */
export interface CharmRelationWire {
  name: string;
  role: string;
  interface: string;
  optional: boolean;
  limit: number;
  scope: string;
}

/** `Application.AddRelation` reply: application name to its endpoint. */
export interface AddRelationResults {
  endpoints: Record<string, CharmRelationWire>;
}

/** `Application.DestroyRelation` params: endpoints, or a relation id. */
export interface DestroyRelation {
  endpoints?: string[];
  'relation-id'?: number;
  force?: boolean;
  'max-wait'?: number;
}

/** Where one endpoint is exposed to. */
export interface ExposedEndpointWire {
  'expose-to-spaces'?: string[];
  'expose-to-cidrs'?: string[];
}

/** `Application.Expose` params (`""` = every endpoint). */
export interface ApplicationExpose {
  application: string;
  'exposed-endpoints'?: Record<string, ExposedEndpointWire>;
}

/** `Application.Unexpose` params (no endpoints = everything). */
export interface ApplicationUnexpose {
  application: string;
  'exposed-endpoints'?: string[];
}

/** One application of `Application.ApplicationsInfo`. */
export interface ApplicationResult {
  tag: string;
  charm: string;
  base: WireBase;
  channel?: string;
  constraints: Record<string, unknown>;
  principal: boolean;
  exposed: boolean;
  remote: boolean;
  life: string;
  'endpoint-bindings'?: Record<string, string>;
  'exposed-endpoints'?: Record<string, ExposedEndpointWire>;
}

/** One entry of `Application.ApplicationsInfo`'s reply. */
export interface ApplicationInfoResult {
  result?: ApplicationResult;
  error?: BulkWireError;
}

/** `Application.ApplicationsInfo` reply. */
export interface ApplicationInfoResults {
  results: ApplicationInfoResult[];
}

/** One unit's data bag in a relation. */
export interface RelationDataWire {
  'in-scope': boolean;
  data: Record<string, unknown>;
}

/** One relation of a unit, for `show-unit`. */
export interface EndpointRelationData {
  'relation-id': number;
  endpoint: string;
  'cross-model'?: boolean;
  'related-endpoint': string;
  'application-data': Record<string, unknown>;
  'unit-relation-data': Record<string, RelationDataWire>;
}

/** One unit of `Application.UnitsInfo`. */
export interface UnitResult {
  tag: string;
  'workload-version'?: string;
  machine?: string;
  'opened-ports': string[];
  'public-address'?: string;
  charm: string;
  leader: boolean;
  life: string;
  'relation-data'?: EndpointRelationData[];
  'provider-id'?: string;
  address?: string;
}

/** One entry of `Application.UnitsInfo`'s reply. */
export interface UnitInfoResult {
  result?: UnitResult;
  error?: BulkWireError;
}

/** `Application.UnitsInfo` reply. */
export interface UnitInfoResults {
  results: UnitInfoResult[];
}

/** `Application.ResolveUnitErrors` params. */
export interface UnitsResolved {
  entities?: AppEntity[];
  all?: boolean;
  retry?: boolean;
}

/** `Application.SetCharm` params (Juju's `ApplicationSetCharmV2`). */
export interface ApplicationSetCharm {
  application: string;
  generation?: string;
  'charm-url': string;
  'charm-origin'?: CharmOriginWire;
  'config-settings'?: Record<string, string>;
  'config-settings-yaml'?: string;
  force?: boolean;
  'force-base'?: boolean;
  'force-units'?: boolean;
  'endpoint-bindings'?: Record<string, string>;
  'resource-ids'?: Record<string, string>;
  'storage-directives'?: Record<string, unknown>;
}

/** `Application.GetCharmURLOrigin` reply. */
export interface CharmURLOriginResult {
  url: string;
  'charm-origin': CharmOriginWire;
  error?: BulkWireError;
}

/** One entry of `Application.GetConstraints`'s reply. */
export interface ApplicationConstraint {
  constraints: Record<string, unknown>;
  error?: BulkWireError;
}

/** `Application.GetConstraints` reply. */
export interface ApplicationGetConstraintsResults {
  results: ApplicationConstraint[];
}

/** `Application.SetConstraints` params. */
export interface SetApplicationConstraints {
  application: string;
  constraints: Record<string, unknown>;
}

/** One application of `Application.ScaleApplications`. */
export interface ScaleApplicationParams {
  'application-tag': string;
  scale: number;
  'scale-change'?: number;
  force?: boolean;
}

/** `Application.ScaleApplications` params. */
export interface ScaleApplicationsParams {
  applications: ScaleApplicationParams[];
}
