/** Wiring: every domain service over one controller database. */
import type { Database } from '../state/database.js';
import { AccessService } from './access/service.js';
import { SqlAccessState } from './access/state-sql.js';
import { CloudService } from './cloud/service.js';
import { SqlCloudState } from './cloud/state-sql.js';
import type { Atomically } from './common/atomic.js';
import { systemClock, type Clock } from './common/clock.js';
import { ControllerService } from './controllerinfo/service.js';
import { SqlControllerState } from './controllerinfo/state-sql.js';
import { MachineService } from './machine/service.js';
import { SqlMachineState } from './machine/state-sql.js';
import { ModelService } from './model/service.js';
import { SqlModelState } from './model/state-sql.js';
import { ModelConfigService } from './modelconfig/service.js';
import { SqlModelConfigState } from './modelconfig/state-sql.js';
import { StatusService } from './status/service.js';
import { SqlStatusState } from './status/state-sql.js';
import { UserService } from './user/service.js';
import { SqlUserState } from './user/state-sql.js';

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
  return {
    controller: new ControllerService(new SqlControllerState(db), clock),
    cloud,
    user,
    access: new AccessService(new SqlAccessState(db), clock, atomically),
    model: new ModelService(new SqlModelState(db), clock, cloud, user, modelConfig, atomically),
    modelConfig,
    machine: new MachineService(new SqlMachineState(db), clock, atomically),
    status: new StatusService(new SqlStatusState(db), clock),
    clock,
    atomically,
  };
}
