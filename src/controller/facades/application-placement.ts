/**
 * Facts about the model's cloud that deploy, add-unit and add-machine need,
 * and Juju placement directives turned into what the domain understands.
 * Machines of the `local` cloud are network namespaces on the controller's
 * host: they run the host's OS and cannot hold containers or honour
 * provider directives (zones, hostnames).
 */
import { notSupported, notValid } from '../../core/errors.js';
import type { Base, UnitPlacement } from '../../domain/index.js';
import { hostBase } from '../../providers/local/host-os.js';
import type { Placement } from '../../rpc/params/application.js';
import type { FacadeDeps } from './deps.js';

/** The cloud type whose machines run the controller host's OS. */
export const LOCAL_CLOUD_TYPE = 'local';

/** Container types Juju knows (`lxd:0`, `kvm:1`). */
const CONTAINER_TYPES: readonly string[] = ['lxd', 'kvm', 'lxc'];

/** Machine scope of a placement (`{"scope":"#","directive":"3"}`). */
const MACHINE_SCOPE = '#';

/** The model's type (`iaas`/`caas`) and its cloud's provider type (`local`, ...). */
export interface ModelCloud {
  readonly modelType: string;
  readonly cloudType: string;
}

/** Where the model runs. */
export function modelCloud(deps: FacadeDeps, modelUuid: string): ModelCloud {
  const model = deps.services.model.get(modelUuid);
  let cloudType = '';
  try {
    cloudType = deps.services.cloud.cloud(model.cloud).type;
  } catch {
    // A model whose cloud record vanished still answers; it just gets no local-cloud rules.
  }
  return { modelType: model.type, cloudType };
}

/** The base every machine of the local cloud runs: the host's. */
export function localMachineBase(): Base {
  const host = hostBase();
  return { os: host.os, channel: host.channel };
}

/** A placement as the user typed it: `3`, `lxd:0`, `lxd`, `zone=a`. */
export function placementText(p: Placement, modelUuid: string): string {
  const scope = p.scope ?? '';
  const directive = p.directive ?? '';
  if (scope === MACHINE_SCOPE || scope === '' || scope === modelUuid) return directive;
  return directive === '' ? scope : `${scope}:${directive}`;
}

/** `placement "lxd:0" is not supported on the local cloud`. */
export function unsupportedPlacement(text: string, cloudType: string): Error {
  return notSupported(
    `placement ${JSON.stringify(text)} is not supported on the ${cloudType || 'this'} cloud`,
  );
}

const MACHINE_ID_RE = /^(?:0|[1-9][0-9]*)$/;

/**
 * Unit placements for Juju placement directives: machine ids only. Container
 * and provider directives are refused with a message naming the directive.
 * @throws `not supported` `placement "lxd:0" is not supported on the local cloud`;
 *   `not valid` `invalid machine id "x"`.
 */
export function unitPlacements(
  placements: readonly (Placement | null | undefined)[] | undefined,
  cloud: ModelCloud,
  modelUuid: string,
): UnitPlacement[] {
  const out: UnitPlacement[] = [];
  for (const p of placements ?? []) {
    if (p === null || p === undefined) {
      out.push({});
      continue;
    }
    const text = placementText(p, modelUuid);
    if (p.scope === MACHINE_SCOPE) {
      if (!MACHINE_ID_RE.test(p.directive)) {
        if (p.directive.includes('/')) throw unsupportedPlacement(text, cloud.cloudType);
        throw notValid(`invalid machine id ${JSON.stringify(p.directive)}`);
      }
      out.push({ machine: p.directive });
      continue;
    }
    throw unsupportedPlacement(text, cloud.cloudType);
  }
  return out;
}

/** True when a scope names a container type (`lxd`, `kvm`). */
export function isContainerScope(scope: string): boolean {
  return CONTAINER_TYPES.includes(scope);
}
