/** Wiring: every domain service over one controller database. */
import { parseSize } from '../core/size.js';
import type { Database } from '../state/database.js';
import { AccessService } from './access/service.js';
import { SqlAccessState } from './access/state-sql.js';
import { ApplicationService } from './application/service.js';
import { SqlApplicationState } from './application/state-sql.js';
import { CharmService } from './charm/service.js';
import { SqlCharmState } from './charm/state-sql.js';
import { CloudService } from './cloud/service.js';
import { SqlCloudState } from './cloud/state-sql.js';
import type { Atomically } from './common/atomic.js';
import { systemClock, type Clock } from './common/clock.js';
import { ControllerService } from './controllerinfo/service.js';
import { SqlControllerState } from './controllerinfo/state-sql.js';
import { LeadershipService } from './leadership/service.js';
import { SqlLeadershipState } from './leadership/state-sql.js';
import { LogService } from './logs/service.js';
import { SqlLogState } from './logs/state-sql.js';
import { MachineService } from './machine/service.js';
import { SqlMachineState } from './machine/state-sql.js';
import { ModelService } from './model/service.js';
import { SqlModelState } from './model/state-sql.js';
import { ModelConfigService } from './modelconfig/service.js';
import { SqlModelConfigState } from './modelconfig/state-sql.js';
import { OperationService } from './operation/service.js';
import { SqlOperationState } from './operation/state-sql.js';
import { RelationService } from './relation/service.js';
import { SecretService } from './secret/service.js';
import { SqlSecretState } from './secret/state-sql.js';
import { SqlRelationState } from './relation/state-sql.js';
import { StatusService } from './status/service.js';
import { StorageService } from './storage/service.js';
import { SqlStorageState } from './storage/state-sql.js';
import { SqlStatusState } from './status/state-sql.js';
import { UnitStateService } from './unitstate/service.js';
import { SqlUnitStateState } from './unitstate/state-sql.js';
import type { UnitStateLimits } from './unitstate/types.js';
import { UserService } from './user/service.js';
import { SqlUserState } from './user/state-sql.js';

/** Controller config defaults used before bootstrap recorded any config. */
const DEFAULT_LIMITS: UnitStateLimits = { maxCharmStateSize: 2_097_152, maxAgentStateSize: 524_288 };
const DEFAULT_MODEL_LOGS_SIZE = '20M';

/** All controller services, sharing one database and one clock. */
export interface ControllerServices {
  readonly controller: ControllerService;
  readonly cloud: CloudService;
  readonly user: UserService;
  readonly access: AccessService;
  readonly model: ModelService;
  readonly modelConfig: ModelConfigService;
  readonly machine: MachineService;
  readonly status: StatusService;
  readonly charm: CharmService;
  readonly application: ApplicationService;
  readonly relation: RelationService;
  readonly leadership: LeadershipService;
  readonly unitState: UnitStateService;
  readonly secret: SecretService;
  readonly operation: OperationService;
  readonly logs: LogService;
  readonly storage: StorageService;
  readonly clock: Clock;
  /**
   * Runs `fn` so that every service call inside it commits or rolls back as
   * one unit. `fn` must be synchronous and free of outside side effects
   * (it may be retried).
   */
  atomically<T>(fn: () => T): T;
}

/** Builds every service over `db`. */
export function createServices(db: Database, clock: Clock = systemClock): ControllerServices {
  // One transaction around a service's read-check-write; state calls inside join it.
  const atomically: Atomically = <T>(fn: () => T): T => db.txn(() => fn());
  const cloud = new CloudService(new SqlCloudState(db), clock);
  const user = new UserService(new SqlUserState(db), clock, atomically);
  const modelConfig = new ModelConfigService(new SqlModelConfigState(db), atomically);
  const controller = new ControllerService(new SqlControllerState(db), clock);
  const machine = new MachineService(new SqlMachineState(db), clock, atomically);
  const leadership = new LeadershipService(new SqlLeadershipState(db), clock, atomically);
  // Applications and relations call each other (deploy creates peer relations,
  // removing a relation may remove a dying application): the relation service
  // is handed to the application service lazily.
  const relationRef: { current?: RelationService } = {};
  // Storage and applications call each other too (units get storage; storage reads charms).
  const storageRef: { current?: StorageService } = {};
  const application = new ApplicationService(new SqlApplicationState(db), clock, atomically, {
    machines: machine,
    relations: () => {
      if (relationRef.current === undefined) throw new Error('relation service not wired');
      return relationRef.current;
    },
    leadership,
    modelConstraints: (uuid) => modelConfig.constraints(uuid),
    storage: () => {
      if (storageRef.current === undefined) throw new Error('storage service not wired');
      return storageRef.current;
    },
  });
  const relation = new RelationService(new SqlRelationState(db), clock, atomically, {
    applications: application,
    leadership,
  });
  relationRef.current = relation;
  const model = new ModelService(new SqlModelState(db), clock, cloud, user, modelConfig, atomically);
  const storage = new StorageService(new SqlStorageState(db), clock, atomically, {
    cloudType: (uuid) => {
      try {
        return cloud.cloud(model.get(uuid).cloud).type;
      } catch {
        return '';
      }
    },
    charm: (uuid, app) => application.charm(uuid, app),
    unit: (uuid, name) => {
      try {
        const u = application.unit(uuid, name);
        return { application: u.application, life: u.life };
      } catch {
        return undefined;
      }
    },
  });
  storageRef.current = storage;
  const controllerConfig = (): Record<string, unknown> =>
    controller.isInitialized() ? controller.config() : {};
  const secret = new SecretService(new SqlSecretState(db), clock, atomically, {
    isLeader: (modelUuid, app, unit) => leadership.isLeader(modelUuid, app, unit),
  });
  const unitState = new UnitStateService(new SqlUnitStateState(db), atomically, {
    relations: relation,
    secrets: secret,
    storage,
    limits: () => {
      const config = controllerConfig();
      const charm = config['max-charm-state-size'];
      const agent = config['max-agent-state-size'];
      return {
        maxCharmStateSize: typeof charm === 'number' ? charm : DEFAULT_LIMITS.maxCharmStateSize,
        maxAgentStateSize: typeof agent === 'number' ? agent : DEFAULT_LIMITS.maxAgentStateSize,
      };
    },
  });
  const logs = new LogService(new SqlLogState(db), clock, atomically, {
    maxBytesPerModel: () => {
      const size = controllerConfig()['model-logs-size'];
      return parseSize(typeof size === 'string' ? size : DEFAULT_MODEL_LOGS_SIZE) * 1024 * 1024;
    },
  });
  return {
    controller,
    cloud,
    user,
    access: new AccessService(new SqlAccessState(db), clock, atomically),
    model,
    modelConfig,
    machine,
    status: new StatusService(new SqlStatusState(db), clock),
    charm: new CharmService(new SqlCharmState(db), clock),
    application,
    relation,
    leadership,
    unitState,
    secret,
    operation: new OperationService(new SqlOperationState(db), clock, atomically),
    logs,
    storage,
    clock,
    atomically,
  };
}
