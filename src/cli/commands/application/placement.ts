/**
 * `--to` placement directives as Juju's client sends them: a machine id
 * (`3`, `0/lxd/1`) has scope `#`, a container type alone (`lxd`) or with a
 * machine (`lxd:3`) uses the type as scope, anything else (`zone=a`, a
 * host name) is a provider directive scoped to the model.
 */
import { isValidMachineId } from '../../../core/names.js';
import { UsageError } from '../../framework/flags.js';
import type { Placement } from '../../../rpc/params/application.js';

const CONTAINER_TYPES: readonly string[] = ['lxd', 'kvm'];

/** One directive. @throws UsageError for `:3` and similar. */
export function parsePlacement(text: string, modelUuid: string): Placement {
  if (isValidMachineId(text)) return { scope: '#', directive: text };
  if (CONTAINER_TYPES.includes(text)) return { scope: text, directive: '' };
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const scope = text.slice(0, colon);
    if (scope === '')
      throw new UsageError(`invalid placement directive ${JSON.stringify(text)}: placement scope missing`);
    return { scope, directive: text.slice(colon + 1) };
  }
  return { scope: modelUuid, directive: text };
}

/** A comma-separated `--to` list ('' = none). */
export function parsePlacements(list: string, modelUuid: string): Placement[] {
  if (list.trim() === '') return [];
  return list.split(',').map((p) => parsePlacement(p.trim(), modelUuid));
}

/** A directive as the user wrote it. */
export function placementText(p: Placement, modelUuid: string): string {
  if (p.scope === '#' || p.scope === modelUuid || p.scope === '') return p.directive;
  return p.directive === '' ? p.scope : `${p.scope}:${p.directive}`;
}

/** True for directives a model on the local cloud cannot honour (containers, provider directives). */
export function unsupportedOnLocal(p: Placement): boolean {
  return !(p.scope === '#' && /^(?:0|[1-9][0-9]*)$/.test(p.directive));
}
