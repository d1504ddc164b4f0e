/**
 * Domain services of the controller: business rules over the controller
 * database. Facades use {@link createServices} and the types re-exported here.
 */
export { createServices, type ControllerServices } from './services.js';
export {
  ADMIN_USER,
  BOOTSTRAP_NONCE,
  initializeController,
  type BootstrapParams,
  type BootstrapResult,
} from './bootstrap.js';
export { notAtomic, type Atomically } from './common/atomic.js';
export { ManualClock, systemClock, timestamp, type Clock } from './common/clock.js';
export { Life, type LifeValue } from './common/life.js';

export { AccessService } from './access/service.js';
export {
  ACCESS_LEVELS,
  CloudAccess,
  ControllerAccess,
  EVERYONE_EXTERNAL,
  ModelAccess,
  OfferAccess,
  cloudTarget,
  controllerTarget,
  modelTarget,
  offerTarget,
  userKey,
  type AccessTarget,
  type AccessTargetKind,
  type GrantParams,
  type RevokeParams,
  type UserAccess,
} from './access/types.js';

export { CloudService } from './cloud/service.js';
export {
  credentialId,
  type Cloud,
  type CloudCredential,
  type CloudParams,
  type CloudRegion,
  type CloudRegionParams,
  type CredentialKey,
  type CredentialParams,
} from './cloud/types.js';

export { ControllerService } from './controllerinfo/service.js';
export type { ControllerInfo, InitializeControllerParams } from './controllerinfo/types.js';

export { MachineService } from './machine/service.js';
export { agentPasswordHash, newAgentPassword } from './machine/password.js';
export {
  InstanceStatus,
  MachineAgentStatus,
  MachineJob,
  type AddMachineParams,
  type Base,
  type HardwareCharacteristics,
  type Machine,
  type MachineAddress,
  type ProvisionedParams,
  type SetStatusParams,
  type StatusInfo,
} from './machine/types.js';

export { ModelService } from './model/service.js';
export {
  CONTROLLER_MODEL_NAME,
  ModelStatusValue,
  type CreateModelParams,
  type DestroyModelParams,
  type DestroyModelResult,
  type MachineToRelease,
  type Model,
  type ModelInfo,
  type ModelMachineSummary,
  type ModelStatus,
  type ModelSummary,
} from './model/types.js';

export { ModelConfigService } from './modelconfig/service.js';
export type {
  ConstraintsValue,
  ModelConfigWithSources,
  ModelDefaultValues,
  RegionDefault,
} from './modelconfig/types.js';

export { StatusService, preferredAddress } from './status/service.js';
export type {
  ApplicationStatusData,
  FullStatusData,
  MachineStatusData,
  ModelStatusData,
  PruneHistoryParams,
  RecordStatusParams,
  RelationEndpointStatusData,
  RelationStatusData,
  StatusHistoryEntry,
  StatusHistoryParams,
  UnitStatusData,
} from './status/types.js';

export { UserService } from './user/service.js';
export type { AddUserParams, AddUserResult, ListUsersParams, User } from './user/types.js';

export { CharmService, isValidCharmName, localCharmUrl, parseCharmUrl } from './charm/service.js';
export {
  ConfigOptionType,
  JUJU_INFO,
  RelationRole,
  RelationScope,
  type AddCharmParams,
  type Charm,
  type CharmConfigOption,
  type CharmEndpoint,
  type CharmUrlParts,
  type RelationRoleValue,
  type RelationScopeValue,
} from './charm/types.js';

export { ApplicationService } from './application/service.js';
export type {
  ApplicationDeps,
  ApplicationLeadership,
  ApplicationMachines,
  ApplicationRelations,
} from './application/service.js';
export { describeConfig, effectiveConfig, validateConfigAgainstOptions } from './application/config.js';
export {
  APPLICATION_STATUS_UNSET,
  MESSAGE_WAITING_FOR_MACHINE,
  ResolvedMode,
  UnitAgentStatus,
  UnitStatusKind,
  WorkloadStatus,
  type AddUnitsParams,
  type Application,
  type CharmConfigValidator,
  type ConfigEntry,
  type DeployParams,
  type DeployResult,
  type DestroyApplicationResult,
  type DestroyUnitResult,
  type ExposeParams,
  type ExposedEndpoint,
  type RemoveUnitResult,
  type ResolvedModeValue,
  type SetCharmParams,
  type StatusParams,
  type Unit,
  type UnitPlacement,
} from './application/types.js';

export { RelationService, relationKey, sortEndpoints } from './relation/service.js';
export type { RelationApplications, RelationDeps, RelationLeadership } from './relation/service.js';
export {
  RelationStatusValue,
  type DestroyRelationResult,
  type Relation,
  type RelationEndpoint,
  type RelationSettingsVersions,
  type RelationStatus,
  type SettingsBag,
  type SettingsChanges,
} from './relation/types.js';

export { LeadershipService } from './leadership/service.js';
export {
  DEFAULT_LEASE_DURATION_MS,
  LEADERSHIP_CLAIM_DENIED,
  type LeaderSettings,
  type Lease,
} from './leadership/types.js';

export {
  MAX_CHARM_STATE_KEY_SIZE,
  MAX_CHARM_STATE_VALUE_SIZE,
  UnitStateService,
  bsonMapSize,
} from './unitstate/service.js';
export type { HookSecretsCommitter, UnitStateDeps, UnitStateRelations } from './unitstate/service.js';
export {
  formatPortRange,
  mergePortChanges,
  portRangesConflict,
  validatePortRange,
} from './unitstate/ports.js';
export type {
  CommitHookChangesParams,
  CommitHookChangesResult,
  HookSecretChanges,
  OpenedPortRange,
  PortRange,
  RelationSettingsVersion,
  RelationUnitSettingsChange,
  SetUnitStateParams,
  UnitStateData,
  UnitStateLimits,
} from './unitstate/types.js';

export { OperationService, operationStatus } from './operation/service.js';
export {
  CANCELLED_MESSAGE,
  FINAL_TASK_STATUSES,
  TaskStatus,
  type EnqueueParams,
  type EnqueueResult,
  type EnqueueTaskParams,
  type EnqueueTaskResult,
  type FinishTaskParams,
  type Operation,
  type OperationList,
  type OperationQuery,
  type Task,
  type TaskLogEntry,
  type TaskStatusValue,
} from './operation/types.js';

export { LogService } from './logs/service.js';
export { logLevelName, parseLogLevel } from './logs/levels.js';
export {
  LogLevel,
  type LogQuery,
  type LogRecord,
  type LogRecordParams,
  type LogUsage,
} from './logs/types.js';

export { StorageService, parseStorageId, DEFAULT_STORAGE_SIZE_MIB } from './storage/service.js';
export { LOCAL_CLOUD, poolsFor, plannedLocation, charmStorageSpecs } from './storage/pools.js';
export {
  StorageStatus,
  type CharmStorageSpec,
  type StorageAttachment,
  type StorageDirective,
  type StorageInstance,
  type StorageKind,
  type StoragePool,
  type UnitStorageAttachment,
} from './storage/types.js';
