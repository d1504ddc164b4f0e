/**
 * Runs one hook or action process inside a fresh hook context: builds the
 * context and environment, registers the context with the hook-tool server
 * under a new context id for exactly the life of the process, and logs the
 * process output to the unit log (stdout DEBUG, stderr WARNING, module
 * `unit.<unit>.<hook>`).
 */
import { newContextId } from '../hooktools/transport.js';
import type { InMemoryHookContext } from '../hooktools/in-memory-context.js';
import { buildHookContext } from './hook-context-factory.js';
import { buildHookEnv } from './hook-env.js';
import type { HookInfo } from './hook-info.js';
import { runCharmProcess, type RunOutcome } from './hook-runner.js';
import type { OperationContext } from './operation-context.js';
import { secretHookEnv } from './secret-resolver.js';
import { dataDirOfAgentDir, hookStorage } from './storage-provision.js';

/** `storage` of the event env, when the hook is a storage hook. */
function storageEnv(s: { id: string; kind: 'filesystem' | 'block'; location: string } | undefined): {
  storage?: { id: string; kind: string; location: string };
} {
  return s === undefined ? {} : { storage: s };
}

export interface CharmProcessSpec {
  /** Hook name, or '' for actions. */
  readonly hookName: string;
  readonly hook?: HookInfo;
  readonly relation?: { readonly endpoint: string; readonly id: number };
  readonly action?: { readonly name: string; readonly id: string; readonly params: Record<string, unknown> };
  readonly signal: AbortSignal;
  readonly onSpawn?: (pid: number) => void;
  readonly captureOutput?: boolean;
  /** Run this argv in the hook context instead of the charm (`juju exec`). */
  readonly command?: readonly string[];
  /** `juju-reboot --now` from the hook: kill it. */
  readonly rebootNow?: () => Promise<void>;
}

export interface CharmProcessResult {
  readonly outcome: RunOutcome;
  readonly context: InMemoryHookContext;
}

/** Builds the context, runs the process, and returns both (the context holds the changes). */
export async function runInHookContext(
  oc: OperationContext,
  spec: CharmProcessSpec,
): Promise<CharmProcessResult> {
  const remote = oc.remote();
  const name = spec.action !== undefined ? spec.action.name : spec.hookName;
  const module = `unit.${oc.unitName}.${name}`;
  // Model config (for the hook's proxy environment) comes in the same round trip as the context.
  const modelConfigCall = oc.api.modelConfig();
  modelConfigCall.catch(() => undefined);
  const context = await buildHookContext({
    api: oc.api,
    unitName: oc.unitName,
    modelUuid: oc.modelUuid,
    modelName: oc.modelName,
    charmDir: oc.paths.charmDir,
    hookName: spec.hookName,
    local: oc.state(),
    remote,
    ...(spec.hook !== undefined ? { hook: spec.hook } : {}),
    ...(spec.action !== undefined ? { action: spec.action } : {}),
    tracker: oc.tracker,
    log: (entry) => oc.log(entry.level, entry.module, entry.message),
    rebootNow: spec.rebootNow,
  });
  const modelConfig = await modelConfigCall;
  const contextId = newContextId(oc.unitName, name);
  const dispatchPath = spec.action !== undefined ? `actions/${spec.action.name}` : `hooks/${spec.hookName}`;
  const hook = spec.hook;
  const env = buildHookEnv(
    {
      unitName: oc.unitName,
      charmDir: oc.paths.charmDir,
      toolsDir: oc.paths.toolsDir,
      modelUuid: oc.modelUuid,
      modelName: oc.modelName,
      apiAddresses: oc.apiAddresses,
      machineId: remote.machineId,
      principal: remote.principal,
      availabilityZone: '',
      socketAddress: oc.server.address,
      socketNetwork: oc.server.network,
      modelConfig,
      basePath: process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    },
    {
      contextId,
      dispatchPath,
      hookName: spec.hookName,
      ...(spec.relation !== undefined && hook !== undefined
        ? {
            relation: {
              endpoint: spec.relation.endpoint,
              id: spec.relation.id,
              remoteUnit: hook.remoteUnit ?? '',
              remoteApp: hook.remoteApp ?? '',
              ...(hook.kind === 'relation-departed' ? { departingUnit: hook.departingUnit ?? '' } : {}),
            },
          }
        : {}),
      ...(spec.action !== undefined ? { action: { name: spec.action.name, id: spec.action.id } } : {}),
      ...storageEnv(hookStorage(dataDirOfAgentDir(oc.paths.agentDir), remote, hook?.storageId)),
    },
  );
  if (hook !== undefined) Object.assign(env, secretHookEnv(hook));
  oc.server.register(contextId, context);
  try {
    const outcome = await runCharmProcess({
      charmDir: oc.paths.charmDir,
      dispatchPath,
      env,
      onLine: (stream, line) => oc.log(stream === 'stdout' ? 'DEBUG' : 'WARNING', module, line),
      ...(spec.onSpawn !== undefined ? { onSpawn: spec.onSpawn } : {}),
      signal: spec.signal,
      killGraceMs: oc.killGraceMs,
      captureOutput: spec.captureOutput ?? false,
      ...(spec.command !== undefined ? { command: spec.command } : {}),
    });
    return { outcome, context };
  } finally {
    oc.server.unregister(contextId);
  }
}
