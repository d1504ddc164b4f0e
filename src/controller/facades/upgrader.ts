/**
 * The `Upgrader` facade (v1) on model connections, reduced to what agents of
 * this implementation need: reporting the version they run (`SetTools`, shown
 * as the agent version in status) and the version the model wants
 * (`DesiredVersion`). Agents may only name their own entity.
 */
import { unauthorized } from '../../core/errors.js';
import type {
  AgentEntities,
  AgentErrorResults,
  EntitiesVersion,
  VersionResults,
} from '../../rpc/params/agent.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerMachineOrUnit, eachEntry } from './agent.js';
import type { FacadeDeps } from './deps.js';

/** `3.6.4-ubuntu-amd64` -> `3.6.4` (a binary version without its os and arch). */
export function versionNumber(binary: string): string {
  const parts = binary.split('-');
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : binary;
}

export function upgraderFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'Upgrader',
    versions: [1],
    kinds: ['model'],
    methods: {
      SetTools: (ctx: CallContext, p: EntitiesVersion): AgentErrorResults => {
        const caller = callerMachineOrUnit(ctx);
        return {
          results: eachEntry(p?.['agent-tools'], (e) => {
            if (e.tag !== caller.tag) throw unauthorized();
            const version = versionNumber(String(e.tools?.version ?? ''));
            if (caller.kind === 'machine')
              services.machine.setAgentVersion(caller.modelUuid, caller.id, version);
            else services.application.setUnitAgentVersion(caller.modelUuid, caller.id, version);
            return {};
          }),
        };
      },
      DesiredVersion: (ctx: CallContext, p: AgentEntities): VersionResults => {
        const caller = callerMachineOrUnit(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            if (e.tag !== caller.tag) throw unauthorized();
            return { version: services.model.get(caller.modelUuid).agentVersion };
          }),
        };
      },
    },
  };
}
