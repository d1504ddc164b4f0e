/**
 * Builds the hook context for one hook or action: reads what every hook may
 * need from the controller up front (config, relations with the unit's own
 * bags, addresses, opened ports, charm state) in parallel, and wires the
 * calls that must reach the controller at call time (status, leader
 * settings, remote bags, network info, goal state, action log) through the
 * context backend.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig } from '../../charm/index.js';
import { ErrorCode, JujuError, isJujuError } from '../../core/errors.js';
import { applicationTag, parseTag, unitTag } from '../../core/names.js';
import type {
  ConfigValue,
  GroupedPortRanges,
  LogEntry,
  NetworkInfo,
  PortRange,
  StatusInfo,
  StorageAttachment,
} from '../hooktools/context.js';
import { attachmentLocation, dataDirOfAgentDir } from './storage-provision.js';
import {
  InMemoryHookContext,
  type HookContextBackend,
  type RelationData,
} from '../hooktools/in-memory-context.js';
import type { HookInfo } from './hook-info.js';
import type { LeadershipTracker } from './leadership-tracker.js';
import type { LocalState } from './local-state.js';
import type { RemoteSnapshot } from './remote-state.js';
import type { UniterApi } from './uniter-api.js';
import { ownedSecretRecords } from './secret-context.js';
import type { NetworkInfoResult, StatusResult } from '../../rpc/params/uniter.js';

export interface HookContextParams {
  readonly api: UniterApi;
  readonly unitName: string;
  readonly modelUuid: string;
  readonly modelName: string;
  readonly charmDir: string;
  /** '' for actions. */
  readonly hookName: string;
  readonly local: LocalState;
  readonly remote: RemoteSnapshot;
  readonly hook?: HookInfo;
  readonly action?: { readonly name: string; readonly id: string; readonly params: Record<string, unknown> };
  readonly tracker: LeadershipTracker;
  readonly log: (entry: LogEntry) => void;
  /** `juju-reboot --now`: kills the hook process (the agent then re-queues it and reboots). */
  readonly rebootNow?: (() => Promise<void>) | undefined;
}

/** Unset options without default appear as null for `config-get --all`. */
function withUnsetOptions(charmDir: string, settings: Record<string, unknown>): Record<string, ConfigValue> {
  const out: Record<string, ConfigValue> = {};
  try {
    const config = parseConfig(readFileSync(join(charmDir, 'config.yaml'), 'utf8'));
    for (const name of Object.keys(config.options)) out[name] = null;
  } catch {
    // no config.yaml (or unreadable): only what the controller sent
  }
  for (const [k, v] of Object.entries(settings)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (v === null || v === undefined) out[k] ??= null;
    else out[k] = JSON.stringify(v);
  }
  return out;
}

function statusInfo(r: StatusResult): StatusInfo {
  return { status: r.status ?? 'unknown', message: r.info ?? '', data: { ...(r.data ?? {}) } };
}

function networkInfo(r: NetworkInfoResult | undefined): NetworkInfo | undefined {
  if (r === undefined || r.error) return undefined;
  return {
    bindAddresses: (r['bind-addresses'] ?? []).map((b) => ({
      macAddress: b['mac-address'],
      interfaceName: b['interface-name'],
      addresses: b.addresses.map((a) => ({ hostname: a.hostname, value: a.value, cidr: a.cidr })),
    })),
    egressSubnets: [...(r['egress-subnets'] ?? [])],
    ingressAddresses: [...(r['ingress-addresses'] ?? [])],
  };
}

async function machinePorts(api: UniterApi, machineId: string): Promise<Record<string, GroupedPortRanges>> {
  if (machineId === '') return {};
  const byTag = await api.openedMachinePorts(machineId);
  const out: Record<string, GroupedPortRanges> = {};
  for (const [tag, groups] of Object.entries(byTag ?? {})) {
    let unit: string;
    try {
      unit = parseTag(tag, 'unit').id;
    } catch {
      continue;
    }
    const grouped: GroupedPortRanges = {};
    for (const g of groups) {
      grouped[g.endpoint] = g['port-ranges'].map((p): PortRange => ({
        from: p['from-port'],
        to: p['to-port'],
        protocol: p.protocol as PortRange['protocol'],
      }));
    }
    out[unit] = grouped;
  }
  return out;
}

const orUndefined = <T>(p: Promise<T>): Promise<T | undefined> =>
  p.then(
    (v) => v,
    () => undefined,
  );

/** Membership seen by relation-list during the hook (charm-contract §2.3). */
function hookMembers(members: readonly string[], relationId: number, hook: HookInfo | undefined): string[] {
  if (hook === undefined || hook.relationId !== relationId || !hook.remoteUnit) return [...members];
  if (hook.kind === 'relation-joined' && !members.includes(hook.remoteUnit))
    return [...members, hook.remoteUnit];
  if (hook.kind === 'relation-departed') return members.filter((m) => m !== hook.remoteUnit);
  return [...members];
}

/** `storage-list` / `storage-get` data: the unit's live attachments and the hook's storage. */
function contextStorage(
  charmDir: string,
  remote: RemoteSnapshot,
  hook: HookInfo | undefined,
): { storage: StorageAttachment[]; hookStorageId?: string } {
  const dataDir = dataDirOfAgentDir(dirname(charmDir));
  const storage = (remote.storage ?? [])
    .filter((s) => s.life === 'alive' || s.id === hook?.storageId)
    .map((s) => ({ id: s.id, kind: s.kind, location: attachmentLocation(dataDir, s) }));
  return hook?.storageId !== undefined ? { storage, hookStorageId: hook.storageId } : { storage };
}

/** Builds the context of one hook or action. */
export async function buildHookContext(p: HookContextParams): Promise<InMemoryHookContext> {
  const { api, local, remote, hook } = p;
  const rels = Object.values(local.relations)
    .filter((r) => !r.implicit)
    .sort((a, b) => a.id - b.id);
  const keys = rels.map((r) => r.key);
  const [config, unitBags, appBags, privateAddress, publicAddress, ports, charmState, secrets] =
    await Promise.all([
      api.configSettings(),
      api.readLocalSettings(keys, false),
      api.readLocalSettings(keys, true),
      orUndefined(api.privateAddress()),
      orUndefined(api.publicAddress()),
      machinePorts(api, remote.machineId).catch(() => ({})),
      api.charmState(),
      ownedSecretRecords(api),
    ]);
  const keyById = new Map(rels.map((r) => [r.id, r.key]));
  const relationKey = (id: number): string => {
    const key = keyById.get(id);
    if (key === undefined) throw new JujuError(ErrorCode.NotFound, 'relation not found');
    return key;
  };
  const relations: RelationData[] = rels.map((r, i) => {
    const broken = hook?.kind === 'relation-broken' && hook.relationId === r.id;
    const remoteRel = remote.relations[r.id];
    return {
      id: r.id,
      endpoint: r.endpoint,
      remoteApp: r.remoteApp,
      key: r.key,
      life: broken ? 'dead' : (remoteRel?.life ?? 'dying'),
      members: broken ? [] : hookMembers(Object.keys(r.members).sort(), r.id, hook),
      localUnitSettings: unitBags[i] ?? {},
      ...(appBags[i] !== undefined ? { localAppSettings: appBags[i] } : {}),
    };
  });

  const backend: HookContextBackend = {
    setUnitStatus: (s) => api.setUnitStatus({ status: s.status, info: s.message, data: { ...s.data } }),
    setApplicationStatus: (s) =>
      api.setApplicationStatus({ status: s.status, info: s.message, data: { ...s.data } }),
    setWorkloadVersion: (v) => api.setWorkloadVersion(v),
    writeLeaderSettings: async (changes) => {
      try {
        await api.mergeLeaderSettings(changes);
      } catch (err) {
        // The context adds "cannot write settings: " itself.
        if (isJujuError(err, ErrorCode.NotLeader)) throw new Error('not the leader');
        throw err;
      }
    },
    log: (entry) => p.log(entry),
    claimLeadership: () => p.tracker.checkLeader(),
    readLeaderSettings: async () => (await api.leaderSettings()).settings,
    readRemoteUnitSettings: (id, unit) => api.readRemoteSettings(relationKey(id), unitTag(unit)),
    readRemoteAppSettings: (id, app) => api.readRemoteSettings(relationKey(id), applicationTag(app)),
    networkInfo: async (binding, relationId) => {
      try {
        return networkInfo((await api.networkInfo([binding], relationId))[binding]);
      } catch {
        return undefined;
      }
    },
    unitStatus: async () => statusInfo(await api.unitStatus()),
    applicationStatus: async () => {
      const r = await api.applicationStatus();
      const units: Record<string, StatusInfo> = {};
      for (const [name, s] of Object.entries(r.units ?? {})) units[name] = statusInfo(s);
      return { application: statusInfo(r.application ?? {}), units };
    },
    goalState: () => api.goalState(),
    ...(p.rebootNow !== undefined ? { rebootNow: p.rebootNow } : {}),
    newSecretId: async () => (await api.createSecretIds(1))[0] ?? '',
    getSecretContent: (args) => api.secretContent(args),
    ...(p.action !== undefined
      ? {
          logActionMessage: (message: string) => api.logActionMessage(p.action?.id ?? '', message),
        }
      : {}),
  };

  return new InMemoryHookContext(
    {
      unitName: p.unitName,
      modelUuid: p.modelUuid,
      modelName: p.modelName,
      modelType: 'iaas',
      hookName: p.hookName,
      config: withUnsetOptions(p.charmDir, config),
      leader: p.tracker.leader,
      relations,
      ...(hook?.relationId !== undefined ? { hookRelationId: hook.relationId } : {}),
      ...(hook?.remoteUnit !== undefined ? { remoteUnit: hook.remoteUnit } : {}),
      ...(hook?.remoteApp !== undefined ? { remoteApp: hook.remoteApp } : {}),
      ...(privateAddress ? { privateAddress } : {}),
      ...(publicAddress ? { publicAddress } : {}),
      machinePorts: ports,
      charmState,
      secrets,
      ...contextStorage(p.charmDir, remote, hook),
      ...(p.action !== undefined
        ? { action: { name: p.action.name, id: p.action.id, params: p.action.params } }
        : {}),
    },
    backend,
  );
}
