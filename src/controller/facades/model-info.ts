/**
 * Encoding models for the ModelManager facade: `params.ModelInfo` (what
 * show-model and add-model read) and `params.ModelSummary` (what `juju models`
 * reads), each as seen by one caller.
 */
import { cloudCredentialTag, cloudTag, modelTag, userTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import { modelTarget } from '../../domain/access/types.js';
import type { HardwareCharacteristics, Machine } from '../../domain/machine/types.js';
import { MachineJob } from '../../domain/machine/types.js';
import type { Model, ModelSummary as DomainModelSummary } from '../../domain/model/types.js';
import type {
  EntityStatus,
  MachineHardware,
  ModelEntityCount,
  ModelInfo,
  ModelMachineInfo,
  ModelSummary,
  SecretBackendResult,
} from '../../rpc/params/model-manager.js';
import type { FacadeDeps } from './deps.js';

/** 3.6 controllers report every model's SLA as `unsupported`. */
export const SLA_UNSUPPORTED = 'unsupported';

/** The built-in backend every IAAS model stores secrets in. */
const INTERNAL_SECRET_BACKEND = 'internal';

function entityStatus(model: Model): EntityStatus {
  return { status: model.status.current, info: model.status.message, since: model.status.since || null };
}

/** The model's provider type (`local`, `lxd`, ...), '' if its cloud is gone. */
function providerType(deps: FacadeDeps, model: Model): string {
  try {
    return deps.services.cloud.cloud(model.cloud).type;
  } catch {
    return '';
  }
}

function credentialTagOf(model: Model): string | undefined {
  const c = model.credential;
  return c === null ? undefined : cloudCredentialTag(c.cloud, c.owner, c.name);
}

/** Hardware in the wire's key names; undefined when nothing is known. */
export function wireHardware(hw: HardwareCharacteristics): MachineHardware | undefined {
  const out: MachineHardware = {};
  if (hw.arch !== undefined) out.arch = hw.arch;
  if (hw.mem !== undefined) out.mem = hw.mem;
  if (hw.rootDisk !== undefined) out['root-disk'] = hw.rootDisk;
  if (hw.cpuCores !== undefined) out.cores = hw.cpuCores;
  if (hw.cpuPower !== undefined) out['cpu-power'] = hw.cpuPower;
  if (hw.availabilityZone !== undefined) out['availability-zone'] = hw.availabilityZone;
  if (hw.virtType !== undefined) out['virt-type'] = hw.virtType;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Controller machines vote in the controller's replica set. */
function isControllerMachine(m: Machine): boolean {
  return m.jobs.includes(MachineJob.ManageModel);
}

function machineInfo(m: Machine): ModelMachineInfo {
  const hardware = wireHardware(m.hardware);
  const voting = isControllerMachine(m);
  return {
    id: m.id,
    ...(hardware !== undefined ? { hardware } : {}),
    ...(m.instanceId !== null ? { 'instance-id': m.instanceId } : {}),
    status: m.agentStatus.status,
    ...(m.agentStatus.info !== '' ? { message: m.agentStatus.info } : {}),
    ...(voting ? { 'has-vote': true, 'wants-vote': true } : {}),
  };
}

function internalBackend(): SecretBackendResult {
  return {
    result: { name: INTERNAL_SECRET_BACKEND, 'backend-type': 'controller', config: {} },
    'num-secrets': 0,
    status: 'active',
    id: '',
  };
}

/**
 * `params.ModelInfo` of a model for `caller`: admins (model admins and
 * controller superusers) see every user, others only themselves; machines
 * and secret backends need write access. Read access is checked by callers.
 */
export function modelInfoFor(deps: FacadeDeps, uuid: string, caller: string): ModelInfo {
  const { services } = deps;
  const info = services.model.info(uuid);
  const target = modelTarget(uuid);
  const isAdmin = services.access.hasAccess(caller, target, 'admin');
  const canWrite = isAdmin || services.access.hasAccess(caller, target, 'write');
  const users = info.users
    .filter((u) => isAdmin || u.user.toLowerCase() === caller.toLowerCase())
    .map((u) => ({
      'model-tag': modelTag(uuid),
      user: u.user,
      'display-name': u.displayName,
      'last-connection': u.lastConnection,
      access: u.access,
    }));
  const credentialTag = credentialTagOf(info);
  let credentialValid: boolean | undefined;
  if (info.credential !== null) {
    try {
      credentialValid = !services.cloud.credential(info.credential).invalid;
    } catch {
      credentialValid = undefined;
    }
  }
  const provider = providerType(deps, info);
  return {
    name: info.name,
    type: info.type,
    uuid: info.uuid,
    'controller-uuid': services.controller.uuid(),
    'is-controller': info.isControllerModel,
    ...(provider !== '' ? { 'provider-type': provider } : {}),
    'cloud-tag': cloudTag(info.cloud),
    ...(info.cloudRegion !== '' ? { 'cloud-region': info.cloudRegion } : {}),
    ...(credentialTag !== undefined ? { 'cloud-credential-tag': credentialTag } : {}),
    ...(credentialValid !== undefined ? { 'cloud-credential-validity': credentialValid } : {}),
    'owner-tag': userTag(info.owner),
    life: info.life,
    status: entityStatus(info),
    users,
    machines: canWrite ? services.machine.list(uuid).map(machineInfo) : [],
    'secret-backends': canWrite ? [internalBackend()] : [],
    sla: { level: SLA_UNSUPPORTED, owner: '' },
    'agent-version': info.agentVersion || null,
    'supported-features': [
      { name: 'juju', description: 'the version of Juju used by the model', version: JUJU_VERSION },
    ],
  };
}

/** Machine, core and unit counts, each only when non-zero (as Juju sends them). */
function entityCounts(machines: readonly Machine[]): ModelEntityCount[] {
  const counts: ModelEntityCount[] = [];
  if (machines.length > 0) counts.push({ entity: 'machines', count: machines.length });
  const cores = machines.reduce((n, m) => n + (m.hardware.cpuCores ?? 0), 0);
  if (cores > 0) counts.push({ entity: 'cores', count: cores });
  return counts;
}

/** `params.ModelSummary` of a listed model for the user it was listed for. */
export function modelSummaryFor(deps: FacadeDeps, m: DomainModelSummary, user: string): ModelSummary {
  const { services } = deps;
  const credentialTag = credentialTagOf(m);
  const provider = providerType(deps, m);
  const access = m.userAccess ?? services.access.effectiveAccess(user, modelTarget(m.uuid)) ?? '';
  return {
    name: m.name,
    uuid: m.uuid,
    type: m.type,
    'controller-uuid': services.controller.uuid(),
    'is-controller': m.isControllerModel,
    ...(provider !== '' ? { 'provider-type': provider } : {}),
    'cloud-tag': cloudTag(m.cloud),
    ...(m.cloudRegion !== '' ? { 'cloud-region': m.cloudRegion } : {}),
    ...(credentialTag !== undefined ? { 'cloud-credential-tag': credentialTag } : {}),
    'owner-tag': userTag(m.owner),
    life: m.life,
    status: entityStatus(m),
    'user-access': access,
    'last-connection': m.userLastConnection,
    counts: entityCounts(services.machine.list(m.uuid)),
    sla: { level: SLA_UNSUPPORTED, owner: '' },
    'agent-version': m.agentVersion || null,
  };
}
