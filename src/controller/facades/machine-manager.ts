/**
 * The MachineManager facade (v9, v10) on model connections: `juju
 * add-machine` and `juju remove-machine`. Machines of the local cloud run
 * the host's OS and cannot hold containers; a machine with units is only
 * removed with `--force` (which removes its units first).
 */
import { constraintsFromJson, constraintsToJson, mergeConstraints } from '../../core/constraints.js';
import { ErrorCode, JujuError, notValid } from '../../core/errors.js';
import { parseTag, unitTag } from '../../core/names.js';
import { Life, MachineJob, type Base } from '../../domain/index.js';
import { errorResult } from '../../rpc/errors.js';
import type {
  AddMachineParams,
  AddMachines,
  AddMachinesResult,
  AddMachinesResults,
  DestroyMachineResult,
  DestroyMachineResults,
  DestroyMachinesParams,
} from '../../rpc/params/machine-manager.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { wireBaseToDomain } from './application-deploy.js';
import {
  LOCAL_CLOUD_TYPE,
  isContainerScope,
  localMachineBase,
  modelCloud,
  placementText,
  unsupportedPlacement,
  type ModelCloud,
} from './application-placement.js';
import { maxWaitMs, scheduleForcedRemoval } from './application-removal.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';
import { storedConstraints } from './model-constraints.js';

/** Jobs a user may ask for. */
const USER_JOBS: ReadonlySet<string> = new Set([MachineJob.HostUnits]);

/** Units sorted by application then number. */
function byUnitOrder(a: string, b: string): number {
  const [appA = '', numA = '0'] = a.split('/');
  const [appB = '', numB = '0'] = b.split('/');
  if (appA !== appB) return appA < appB ? -1 : 1;
  return Number(numA) - Number(numB);
}

/** The facade. */
export function machineManagerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  const addMachine = (uuid: string, cloud: ModelCloud, p: AddMachineParams): AddMachinesResult => {
    try {
      const containerType = p['container-type'] ?? '';
      if (containerType !== '') {
        const parent = p['parent-id'] ?? p.placement?.directive ?? '';
        throw unsupportedPlacement(
          parent === '' ? containerType : `${containerType}:${parent}`,
          cloud.cloudType,
        );
      }
      if (
        p.placement !== null &&
        p.placement !== undefined &&
        (p.placement.directive !== '' || p.placement.scope !== '')
      ) {
        const text = placementText(p.placement, uuid);
        if (isContainerScope(p.placement.scope) || cloud.cloudType === LOCAL_CLOUD_TYPE)
          throw unsupportedPlacement(text, cloud.cloudType);
      }
      const jobs = p.jobs === undefined || p.jobs.length === 0 ? [MachineJob.HostUnits] : p.jobs;
      for (const job of jobs)
        if (!USER_JOBS.has(job)) throw notValid(`invalid machine job ${JSON.stringify(job)}`);
      const requested = wireBaseToDomain(p.base);
      const base: Base | undefined = cloud.cloudType === LOCAL_CLOUD_TYPE ? localMachineBase() : requested;
      const constraints = constraintsToJson(
        mergeConstraints(
          storedConstraints(services.modelConfig.constraints(uuid)),
          constraintsFromJson(p.constraints ?? {}),
        ),
      );
      const machine = services.machine.add(uuid, {
        ...(base !== undefined ? { base } : {}),
        jobs,
        constraints,
        ...(p['instance-id'] ? { instanceId: p['instance-id'], nonce: p.nonce ?? '' } : {}),
      });
      return { machine: machine.id };
    } catch (err) {
      return { machine: '', ...errorResult(err) };
    }
  };

  const destroyMachine = (uuid: string, tag: string, p: DestroyMachinesParams): DestroyMachineResult => {
    try {
      let id: string;
      try {
        id = parseTag(tag, 'machine').id;
      } catch {
        throw notValid(`${JSON.stringify(tag)} is not a valid machine tag`);
      }
      const machine = services.machine.get(uuid, id);
      if (machine.jobs.includes(MachineJob.ManageModel)) services.machine.destroy(uuid, id);
      const onMachine = services.application.unitsOnMachine(uuid, id);
      const principals = onMachine
        .filter((u) => u.principal === null)
        .map((u) => u.name)
        .sort(byUnitOrder);
      const force = p.force === true;
      if (!force && principals.length > 0) {
        const first = principals[0] ?? '';
        throw new JujuError(
          ErrorCode.MachineHasAssignedUnits,
          `machine ${id} has unit ${JSON.stringify(first)} assigned`,
        );
      }
      const units = onMachine
        .filter((u) => u.life === Life.Alive)
        .map((u) => u.name)
        .sort(byUnitOrder);
      const info = {
        'machine-id': id,
        ...(units.length > 0 ? { 'destroyed-units': units.map((u) => ({ tag: unitTag(u) })) } : {}),
      };
      if (p['dry-run'] === true) return { info };
      if (force && principals.length > 0) {
        services.atomically(() => {
          for (const unit of principals) services.application.destroyUnit(uuid, unit);
        });
        scheduleForcedRemoval(deps, uuid, principals, maxWaitMs(p['max-wait']));
      }
      services.machine.destroy(uuid, id);
      return { info };
    } catch (err) {
      return errorResult(err);
    }
  };

  return {
    name: 'MachineManager',
    versions: [9, 10],
    kinds: ['model'],
    methods: {
      AddMachines: (ctx: CallContext, p: AddMachines): AddMachinesResults => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        const cloud = modelCloud(deps, uuid);
        return { machines: (p?.params ?? []).map((m) => addMachine(uuid, cloud, m ?? {})) };
      },

      DestroyMachineWithParams: (ctx: CallContext, p: DestroyMachinesParams): DestroyMachineResults => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        return { results: (p?.['machine-tags'] ?? []).map((tag) => destroyMachine(uuid, tag, p)) };
      },
    },
  };
}
