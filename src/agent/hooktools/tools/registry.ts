/**
 * Every machine hook tool of Juju 3.6 by name, how its effect reaches the controller
 * (§4.1/§5.2), and `runHookTool`, the one entry point the transport calls.
 */
import type { HookToolCommand, ToolIO, ToolResult } from '../command.js';
import { runCommand } from '../command.js';
import type { HookContext, ToolEffect } from '../context.js';
import { ActionFailCommand } from './action-fail.js';
import { ActionGetCommand } from './action-get.js';
import { ActionLogCommand } from './action-log.js';
import { ActionSetCommand } from './action-set.js';
import { ApplicationVersionSetCommand } from './application-version-set.js';
import { ConfigGetCommand } from './config-get.js';
import { CredentialGetCommand } from './credential-get.js';
import { GoalStateCommand } from './goal-state.js';
import { IsLeaderCommand } from './is-leader.js';
import { JujuLogCommand } from './juju-log.js';
import { JujuRebootCommand } from './juju-reboot.js';
import { LeaderGetCommand } from './leader-get.js';
import { LeaderSetCommand } from './leader-set.js';
import { NetworkGetCommand } from './network-get.js';
import { OpenedPortsCommand } from './opened-ports.js';
import { ClosePortCommand, OpenPortCommand } from './port-commands.js';
import { RelationGetCommand } from './relation-get.js';
import { RelationIdsCommand } from './relation-ids.js';
import { RelationListCommand } from './relation-list.js';
import { RelationModelGetCommand } from './relation-model-get.js';
import { RelationSetCommand } from './relation-set.js';
import { ResourceGetCommand } from './resource-get.js';
import { SecretAddCommand } from './secret-add.js';
import { SecretGetCommand } from './secret-get.js';
import { SecretGrantCommand } from './secret-grant.js';
import { SecretIdsCommand } from './secret-ids.js';
import { SecretInfoGetCommand } from './secret-info-get.js';
import { SecretRemoveCommand } from './secret-remove.js';
import { SecretRevokeCommand } from './secret-revoke.js';
import { SecretSetCommand } from './secret-set.js';
import { StateDeleteCommand } from './state-delete.js';
import { StateGetCommand } from './state-get.js';
import { StateSetCommand } from './state-set.js';
import { StatusGetCommand } from './status-get.js';
import { StatusSetCommand } from './status-set.js';
import { StorageAddCommand } from './storage-add.js';
import { StorageGetCommand } from './storage-get.js';
import { StorageListCommand } from './storage-list.js';
import { UnitGetCommand } from './unit-get.js';

type Factory = new (ctx: HookContext) => HookToolCommand;

interface ToolEntry {
  readonly create: Factory;
  readonly effect: ToolEffect;
}

const TOOLS: Readonly<Record<string, ToolEntry>> = {
  'action-fail': { create: ActionFailCommand, effect: 'action' },
  'action-get': { create: ActionGetCommand, effect: 'read' },
  'action-log': { create: ActionLogCommand, effect: 'immediate' },
  'action-set': { create: ActionSetCommand, effect: 'action' },
  'application-version-set': { create: ApplicationVersionSetCommand, effect: 'immediate' },
  'close-port': { create: ClosePortCommand, effect: 'buffered' },
  'config-get': { create: ConfigGetCommand, effect: 'read' },
  'credential-get': { create: CredentialGetCommand, effect: 'read' },
  'goal-state': { create: GoalStateCommand, effect: 'read' },
  'is-leader': { create: IsLeaderCommand, effect: 'read' },
  'juju-log': { create: JujuLogCommand, effect: 'immediate' },
  'juju-reboot': { create: JujuRebootCommand, effect: 'buffered' },
  'leader-get': { create: LeaderGetCommand, effect: 'read' },
  'leader-set': { create: LeaderSetCommand, effect: 'immediate' },
  'network-get': { create: NetworkGetCommand, effect: 'read' },
  'open-port': { create: OpenPortCommand, effect: 'buffered' },
  'opened-ports': { create: OpenedPortsCommand, effect: 'read' },
  'relation-get': { create: RelationGetCommand, effect: 'read' },
  'relation-ids': { create: RelationIdsCommand, effect: 'read' },
  'relation-list': { create: RelationListCommand, effect: 'read' },
  'relation-model-get': { create: RelationModelGetCommand, effect: 'read' },
  'relation-set': { create: RelationSetCommand, effect: 'buffered' },
  'resource-get': { create: ResourceGetCommand, effect: 'immediate' },
  'secret-add': { create: SecretAddCommand, effect: 'buffered' },
  'secret-get': { create: SecretGetCommand, effect: 'read' },
  'secret-grant': { create: SecretGrantCommand, effect: 'buffered' },
  'secret-ids': { create: SecretIdsCommand, effect: 'read' },
  'secret-info-get': { create: SecretInfoGetCommand, effect: 'read' },
  'secret-remove': { create: SecretRemoveCommand, effect: 'buffered' },
  'secret-revoke': { create: SecretRevokeCommand, effect: 'buffered' },
  'secret-set': { create: SecretSetCommand, effect: 'buffered' },
  'state-delete': { create: StateDeleteCommand, effect: 'buffered' },
  'state-get': { create: StateGetCommand, effect: 'read' },
  'state-set': { create: StateSetCommand, effect: 'buffered' },
  'status-get': { create: StatusGetCommand, effect: 'read' },
  'status-set': { create: StatusSetCommand, effect: 'immediate' },
  'storage-add': { create: StorageAddCommand, effect: 'buffered' },
  'storage-get': { create: StorageGetCommand, effect: 'read' },
  'storage-list': { create: StorageListCommand, effect: 'read' },
  'unit-get': { create: UnitGetCommand, effect: 'read' },
};

/** Names of all hook tools, sorted (the per-tool entries installHookTools writes). */
export const HOOK_TOOL_NAMES: readonly string[] = Object.keys(TOOLS).sort();

/**
 * How each tool's effect reaches the controller: `read`, `buffered` (committed only
 * when the hook exits 0), `immediate` (at call time, never rolled back), `action`
 * (action results, delivered at action end whatever the exit code). secret-get's
 * tracking/label bookkeeping and resource downloads happen at call time too.
 */
export const HOOK_TOOL_EFFECTS: Readonly<Record<string, ToolEffect>> = Object.fromEntries(
  Object.entries(TOOLS).map(([name, entry]) => [name, entry.effect]),
);

/** A hook tool as a function: run with argv[1:] against a context. */
export type HookTool = (ctx: HookContext, args: readonly string[], io: ToolIO) => Promise<ToolResult>;

/** Every hook tool by name, as `run(ctx, args, io)` functions. */
export const HOOK_TOOLS: Readonly<Record<string, HookTool>> = Object.fromEntries(
  Object.entries(TOOLS).map(([name, entry]) => [
    name,
    (ctx: HookContext, args: readonly string[], io: ToolIO) => runCommand(new entry.create(ctx), args, io),
  ]),
);

/** True when `name` is a hook tool. */
export function isHookTool(name: string): boolean {
  return Object.hasOwn(TOOLS, name);
}

/**
 * Run hook tool `name` with `args` (argv[1:]) against `ctx`. Never throws for tool
 * errors: they come back as `ERROR ...` on stderr with exit code 1 or 2.
 * @throws Error `unknown command: <name>` for a name that is not a hook tool.
 */
export function runHookTool(
  name: string,
  ctx: HookContext,
  args: readonly string[],
  io: ToolIO,
): Promise<ToolResult> {
  const entry = Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
  if (!entry) throw new Error(`unknown command: ${name}`);
  return runCommand(new entry.create(ctx), args, io);
}
