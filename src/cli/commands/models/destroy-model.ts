/**
 * `juju destroy-model [<controller name>:]<model name>`: destroys a
 * non-controller model (`ModelManager.DestroyModels`), waits until the
 * controller reports it gone (`Controller.ModelStatus`) and forgets it in
 * the client store.
 */
import type { ApiConnection } from '../../../api/connection.js';
import { parseDuration, formatDuration } from '../../../core/duration.js';
import { ErrorCode, JujuError, errorMessage, isJujuError } from '../../../core/errors.js';
import { modelTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { ErrorResults, ModelInfoResults } from '../../../rpc/params/model-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';

/** How long to wait for the model to go when no --timeout bounds it. */
const DEFAULT_WAIT_MS = 30 * 60_000;
const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 2_000;
const DOTS_PER_LINE = 80;

/** One entry of `Controller.ModelStatus`. */
interface ModelStatusEntry {
  'hosted-machine-count'?: number;
  'application-count'?: number;
  machines?: { id: string; 'instance-id'?: string; status?: string; message?: string }[];
  applications?: { name: string }[];
  volumes?: { status?: string }[];
  filesystems?: { status?: string }[];
  error?: { message?: string; code?: string } | null;
}

interface ModelData {
  machines: number;
  applications: number;
  volumes: number;
  filesystems: number;
  errors: number;
}

function waitingLine(d: ModelData): string {
  let out = 'Waiting for model to be removed';
  if (d.errors > 0) out += `, ${d.errors} error(s)`;
  if (d.machines > 0) out += `, ${d.machines} machine(s)`;
  if (d.applications > 0) out += `, ${d.applications} application(s)`;
  if (d.volumes > 0) out += `, ${d.volumes} volume(s)`;
  if (d.filesystems > 0) out += `, ${d.filesystems} filesystems(s)`;
  return out;
}

function remainingResources(d: ModelData | null, force: boolean): string {
  let out = '';
  if (d !== null && d.machines + d.applications + d.volumes + d.filesystems > 0) {
    out = '\nThe following resources have not yet been removed:';
    if (d.machines > 0) out += `\n - ${d.machines} machine(s)`;
    if (d.applications > 0) out += `\n - ${d.applications} application(s)`;
    if (d.volumes > 0) out += `\n - ${d.volumes} volume(s)`;
    if (d.filesystems > 0) out += `\n - ${d.filesystems} filesystem(s)`;
  }
  out += '\nBecause the destroy model operation did not finish, there may be cloud resources left behind.';
  if (!force) {
    out +=
      "\nRun 'destroy-model <model-name> --timeout=0 --force' to clean up the Juju model database records\neven with potentially orphaned cloud resources.";
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class DestroyModelCommand extends ModelCommandBase {
  private noPrompt: FlagRef<boolean> | undefined;
  private timeout: FlagRef<number> | undefined;
  private destroyStorage: FlagRef<boolean> | undefined;
  private releaseStorage: FlagRef<boolean> | undefined;
  private force: FlagRef<boolean> | undefined;
  private noWait: FlagRef<boolean> | undefined;
  /** The model as the user named it, without the controller. */
  private shownName = '';

  info(): CommandInfo {
    return {
      name: 'destroy-model',
      args: '[<controller name>:]<model name>',
      purpose: 'Terminate all machines/containers and resources for a non-controller model.',
      doc: `Destroys the named model: every application, unit and machine in it is
removed and its cloud resources are released. This cannot be undone, so
you are asked to type the model's name to confirm unless --no-prompt is
given. The controller model cannot be destroyed this way; use
destroy-controller.

If the model has persistent storage, choose what happens to it with
--destroy-storage or --release-storage (release hands it back to the cloud
without destroying it).

When destruction is stuck on errors, --force carries on regardless;
--no-wait (with --force) does not wait for each step, and --timeout (with
--force) bounds each step. Resources may be left behind in the cloud when
forcing.`,
      examples: `    juju destroy-model --no-prompt mymodel
    juju destroy-model --no-prompt mymodel --destroy-storage
    juju destroy-model --no-prompt mymodel --release-storage
    juju destroy-model --no-prompt mymodel --force
    juju destroy-model --no-prompt mymodel --force --no-wait
`,
      seeAlso: ['destroy-controller'],
    };
  }

  override setFlags(f: FlagSet): void {
    // No -m: the model is the argument.
    f.bool(['B', 'no-browser-login'], false, 'Do not use web browser for authentication');
    this.noPrompt = f.bool('no-prompt', false, 'Do not ask for confirmation');
    this.timeout = f.custom(
      ['t', 'timeout'],
      -1,
      'Timeout for each step of force model destruction',
      parseDuration,
      '-1s',
    );
    this.destroyStorage = f.bool('destroy-storage', false, 'Destroy all storage instances in the model');
    this.releaseStorage = f.bool(
      'release-storage',
      false,
      'Release all storage instances from the model, and management of the controller, without destroying them',
    );
    this.force = f.bool('force', false, 'Force destroy model ignoring any errors');
    this.noWait = f.bool(
      'no-wait',
      false,
      'Rush through model destruction without waiting for each individual step to complete',
    );
  }

  override init(args: string[]): void {
    if (this.destroyStorage?.value && this.releaseStorage?.value) {
      throw new UsageError('--destroy-storage and --release-storage cannot both be specified');
    }
    const timeout = this.timeout?.value ?? -1;
    if (this.timeout?.given && timeout < 0) throw new UsageError('--timeout must be zero or greater');
    if (!this.force?.value && this.timeout?.given)
      throw new UsageError('--timeout can only be used with --force (dangerous)');
    if (args.length === 0) throw new UsageError('no model specified');
    if (args.length > 1) {
      throw new UsageError(
        `unrecognized args: ${args
          .slice(1)
          .map((a) => JSON.stringify(a))
          .join(' ')}`,
      );
    }
    const arg = args[0] as string;
    this.modelFlag = { value: arg, given: true };
    this.shownName = arg.includes(':') ? arg.slice(arg.indexOf(':') + 1) : arg;
  }

  protected async execute(ctx: Context): Promise<void> {
    const force = this.force?.value ?? false;
    if (this.noWait?.given && !force)
      throw new JujuError(ErrorCode.NotValid, '--no-wait without --force not valid');
    const store = this.store(ctx);
    const target = await this.resolvedModel(ctx);
    const uuid = target.details.uuid;
    const conn = await this.open(ctx, target.controller);

    const info = (
      await conn.call<ModelInfoResults>('ModelManager', 'ModelInfo', { entities: [{ tag: modelTag(uuid) }] })
    ).results[0];
    if (info?.result?.['is-controller']) {
      throw new JujuError(
        '',
        `${JSON.stringify(this.shownName)} is a controller; use 'juju destroy-controller' to destroy it`,
      );
    }
    const status = await this.modelStatus(conn, uuid);
    if (status === null)
      throw new JujuError('', 'model not found, it may have been destroyed during this operation');

    if (!this.noPrompt?.value) {
      ctx.warningf(
        `This command will destroy the ${JSON.stringify(this.shownName)} model and affect the following resources. It cannot be stopped.`,
      );
      ctx.err(this.details(status));
      const answer = await ctx.readLine('\nTo continue, enter the name of the model to be destroyed: ');
      const typed = (answer ?? '').trim().toLowerCase();
      if (typed !== this.shownName && typed !== target.model && typed !== target.model.split('/')[1]) {
        throw new JujuError('', 'model destruction: aborted');
      }
    }

    ctx.err('Destroying model\n');
    const timeoutMs = this.timeout?.given ? this.timeout.value : -1;
    const args = {
      'model-tag': modelTag(uuid),
      ...(this.destroyStorage?.value || this.releaseStorage?.value
        ? { 'destroy-storage': this.destroyStorage?.value ?? false }
        : {}),
      ...(force ? { force: true } : {}),
      ...(force && this.noWait?.value ? { 'max-wait': 0 } : {}),
      ...(timeoutMs >= 0 ? { timeout: Math.round(timeoutMs * 1e6) } : {}),
    };
    let err: JujuError | null;
    try {
      const result = await conn.call<ErrorResults>('ModelManager', 'DestroyModels', { models: [args] });
      err = result.results[0] ? errorFromResult(result.results[0]) : null;
    } catch (e) {
      err = isJujuError(e) ? e : new JujuError('', errorMessage(e));
    }
    if (err) {
      ctx.logf('ERROR', 'juju.cmd.juju.model', `failed to destroy model ${JSON.stringify(this.shownName)}`);
      throw new JujuError(err.code, `cannot destroy model: ${err.message}`);
    }

    await this.waitForRemoval(
      ctx,
      conn,
      uuid,
      force,
      timeoutMs >= 0 ? Math.max(timeoutMs, 1_000) : DEFAULT_WAIT_MS,
    );
    try {
      store.removeModel(target.controller, target.model);
    } catch {
      // already gone from the cache
    }
  }

  /** What will be destroyed, in Juju's wording (printed before the prompt). */
  private details(s: ModelData & { machineIds: string[]; appNames: string[] }): string {
    const plural = (n: number, word: string): string => `${word}${n > 1 ? 's' : ''}`;
    let out = '';
    if (s.machines > 0) {
      out += `\n - ${s.machines} ${plural(s.machines, 'machine')} will be destroyed`;
      out += `\n  - machine list:${s.machineIds.map((m) => ` "${m}"`).join('')}`;
    }
    out += `\n - ${s.applications} ${plural(s.applications, 'application')} will be removed`;
    if (s.appNames.length > 0) out += `\n  - application list:${s.appNames.map((a) => ` "${a}"`).join('')}`;
    const verb = this.releaseStorage?.value ? 'released' : 'destroyed';
    out += `\n - ${s.filesystems} ${plural(s.filesystems, 'filesystem')} and ${s.volumes} ${plural(s.volumes, 'volume')} will be ${verb}\n`;
    return out;
  }

  /** The model's remaining resources, or null once the controller no longer knows it. */
  private async modelStatus(
    conn: ApiConnection,
    uuid: string,
  ): Promise<(ModelData & { machineIds: string[]; appNames: string[] }) | null> {
    const result = await conn.call<{ results?: ModelStatusEntry[] }>('Controller', 'ModelStatus', {
      entities: [{ tag: modelTag(uuid) }],
    });
    const entry = result.results?.[0];
    if (entry === undefined) return null;
    const err = errorFromResult(entry);
    if (err) {
      if (err.code === ErrorCode.NotFound || err.code === ErrorCode.ModelNotFound) return null;
      throw err;
    }
    const isError = (s?: string): boolean => s === 'error';
    const errors =
      (entry.machines ?? []).filter((m) => isError(m.status)).length +
      (entry.volumes ?? []).filter((v) => isError(v.status)).length +
      (entry.filesystems ?? []).filter((f) => isError(f.status)).length;
    return {
      machines: entry['hosted-machine-count'] ?? 0,
      applications: entry['application-count'] ?? 0,
      volumes: (entry.volumes ?? []).length,
      filesystems: (entry.filesystems ?? []).length,
      errors,
      machineIds: (entry.machines ?? []).map((m) => `${m.id} (${m['instance-id'] ?? ''})`),
      appNames: (entry.applications ?? []).map((a) => a.name),
    };
  }

  /** Polls with back-off (10ms doubling to 2s), printing progress like Juju, until gone or out of time. */
  private async waitForRemoval(
    ctx: Context,
    conn: ApiConnection,
    uuid: string,
    force: boolean,
    limitMs: number,
  ): Promise<void> {
    const deadline = Date.now() + limitMs;
    let interval = FIRST_POLL_MS;
    let reported = '';
    let lineLength = 0;
    let last: ModelData | null = null;
    for (;;) {
      await sleep(interval);
      let data: ModelData | null;
      try {
        data = await this.modelStatus(conn, uuid);
      } catch (err) {
        ctx.infof(`Unable to get the model status from the API: ${errorMessage(err)}.`);
        return;
      }
      if (data === null) {
        ctx.infof('\nModel destroyed.');
        return;
      }
      last = data;
      const line = waitingLine(data);
      if (line === reported) {
        if (lineLength === DOTS_PER_LINE) {
          ctx.err('\n');
          lineLength = 0;
        }
        ctx.err('.');
        lineLength++;
      } else {
        ctx.err(`\n${line}...`);
        reported = line;
        lineLength = line.length + 3;
      }
      if (Date.now() >= deadline) {
        ctx.err(`${remainingResources(last, force)}\n`);
        throw new JujuError(ErrorCode.DeadlineExceeded, `timeout after ${formatDuration(limitMs)} timeout`);
      }
      interval = Math.min(interval * 2, MAX_POLL_MS);
    }
  }
}
