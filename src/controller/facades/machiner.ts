/**
 * The `Machiner` facade (v5) on model connections, for machine agents: the
 * machine's life, status, addresses, hostname, the controller's addresses,
 * a watcher over the machine, and setting it dead once it hosts no units.
 * Every entity must be the caller's own machine.
 */
import { ErrorCode, JujuError, unauthorized } from '../../core/errors.js';
import { Life } from '../../domain/common/life.js';
import { MachineJob, type MachineAddress } from '../../domain/machine/types.js';
import type {
  APIHostPortsResult,
  AgentEntities,
  AgentErrorResults,
  JobsResults,
  LifeResults,
  NotifyWatchResults,
  RecordAgentStartInformationArgs,
  SetMachinesAddresses,
  SetStatus,
  StringsResult,
} from '../../rpc/params/agent.js';
import type { HostPort } from '../../rpc/params/admin.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { type CallerAgent, callerMachine, eachEntry } from './agent.js';
import type { FacadeDeps } from './deps.js';

/** The machine id of `tag` when it is the caller's own machine; `permission denied` otherwise. */
function ownMachine(caller: CallerAgent, tag: unknown): string {
  if (tag !== caller.tag) throw unauthorized();
  return caller.id;
}

/** `host:port` -> the wire's HostPort. */
export function hostPortOf(address: string): HostPort {
  const i = address.lastIndexOf(':');
  return {
    value: address.slice(0, i),
    type: 'ipv4',
    scope: 'local-cloud',
    port: Number(address.slice(i + 1)),
  };
}

export function machinerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'Machiner',
    versions: [5],
    kinds: ['model'],
    methods: {
      Life: (ctx: CallContext, p: AgentEntities): LifeResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => ({
            life: services.machine.get(caller.modelUuid, ownMachine(caller, e.tag)).life,
          })) as LifeResults['results'],
        };
      },
      Jobs: (ctx: CallContext, p: AgentEntities): JobsResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => ({
            jobs: [...services.machine.get(caller.modelUuid, ownMachine(caller, e.tag)).jobs],
          })) as JobsResults['results'],
        };
      },
      SetStatus: (ctx: CallContext, p: SetStatus): AgentErrorResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            const id = ownMachine(caller, e.tag);
            services.machine.setAgentStatus(caller.modelUuid, id, {
              status: String(e.status ?? ''),
              info: typeof e.info === 'string' ? e.info : '',
              data: e.data && typeof e.data === 'object' ? e.data : {},
            });
            return {};
          }),
        };
      },
      SetMachineAddresses: (ctx: CallContext, p: SetMachinesAddresses): AgentErrorResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.['machine-addresses'], (e) => {
            const id = ownMachine(caller, e.tag);
            const addresses: MachineAddress[] = (e.addresses ?? []).map((a) => ({
              value: String(a.value),
              type: typeof a.type === 'string' && a.type !== '' ? a.type : 'ipv4',
              scope: typeof a.scope === 'string' ? a.scope : '',
              ...(typeof a['space-name'] === 'string' && a['space-name'] !== ''
                ? { spaceName: a['space-name'] }
                : {}),
            }));
            services.machine.setAddresses(caller.modelUuid, id, addresses);
            return {};
          }),
        };
      },
      RecordAgentStartInformation: (
        ctx: CallContext,
        p: RecordAgentStartInformationArgs,
      ): AgentErrorResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.args, (e) => {
            const id = ownMachine(caller, e.tag);
            if (typeof e.hostname === 'string' && e.hostname !== '')
              services.machine.setHostname(caller.modelUuid, id, e.hostname);
            return {};
          }),
        };
      },
      EnsureDead: (ctx: CallContext, p: AgentEntities): AgentErrorResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            const id = ownMachine(caller, e.tag);
            services.atomically(() => {
              const m = services.machine.get(caller.modelUuid, id);
              if (m.life === Life.Dead) return;
              const units = services.application.unitsOnMachine(caller.modelUuid, id);
              const first = units[0];
              if (first !== undefined) {
                throw new JujuError(
                  ErrorCode.MachineHasAssignedUnits,
                  `machine ${id} has unit ${JSON.stringify(first.name)} assigned`,
                );
              }
              if (m.jobs.includes(MachineJob.ManageModel)) {
                throw new JujuError(ErrorCode.NotValid, `machine ${id} is still a controller member`);
              }
              services.machine.ensureDead(caller.modelUuid, id);
            });
            return {};
          }),
        };
      },
      Watch: (ctx: CallContext, p: AgentEntities): NotifyWatchResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            const id = ownMachine(caller, e.tag);
            services.machine.get(caller.modelUuid, id);
            const fingerprint = (): string => {
              try {
                const m = services.machine.get(caller.modelUuid, id);
                return `${m.life}|${m.agentStatus.status}|${m.agentStatus.info}`;
              } catch {
                return 'removed';
              }
            };
            return { NotifyWatcherId: deps.watchers.watch(ctx.conn, fingerprint) };
          }) as NotifyWatchResults['results'],
        };
      },
      APIHostPorts: (ctx: CallContext): APIHostPortsResult => {
        callerMachine(ctx);
        return { servers: [deps.apiAddresses().map(hostPortOf)] };
      },
      APIAddresses: (ctx: CallContext): StringsResult => {
        callerMachine(ctx);
        return { result: deps.apiAddresses() };
      },
    },
  };
}
