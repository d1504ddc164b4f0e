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
  StatusHistoryEntry,
  StatusHistoryParams,
  UnitStatusData,
} from './status/types.js';

export { UserService } from './user/service.js';
export type { AddUserParams, AddUserResult, ListUsersParams, User } from './user/types.js';
