/**
 * What remove-application, remove-unit and remove-machine share: the
 * `--force --no-wait --dry-run --no-prompt` flags, the dry run shown (and
 * confirmed with `Continue [y/N]? `) when the model's `mode` has
 * `requires-prompts`, and Juju's result lines (`will remove unit x/0`).
 */
import type { ApiConnection } from '../../../api/connection.js';
import { JujuError } from '../../../core/errors.js';
import { SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { modelFacts } from './model-facts.js';

/** One entity's outcome: the lines to print, or why it failed. */
export interface RemovalOutcome {
  readonly lines: readonly string[];
  readonly error?: string;
}

/** The flags every removal command takes. */
export class RemovalFlags {
  private forceRef: FlagRef<boolean> | undefined;
  private noWaitRef: FlagRef<boolean> | undefined;
  private dryRunRef: FlagRef<boolean> | undefined;
  private noPromptRef: FlagRef<boolean> | undefined;

  setFlags(f: FlagSet, entity: string): void {
    this.dryRunRef = f.bool('dry-run', false, `Print what this command would remove without removing`);
    this.forceRef = f.bool('force', false, `Completely remove ${entity} and all its dependencies`);
    this.noPromptRef = f.bool(
      'no-prompt',
      false,
      'Do not ask for confirmation. Overrides `mode` model config setting',
    );
    this.noWaitRef = f.bool(
      'no-wait',
      false,
      'Rush through removal without waiting for each individual step to complete',
    );
  }

  /** Juju refuses `--no-wait` without `--force`. */
  check(): void {
    if (this.noWait && !this.force) throw new UsageError('--no-wait without --force not valid');
  }

  get force(): boolean {
    return this.forceRef?.value ?? false;
  }
  get noWait(): boolean {
    return this.noWaitRef?.value ?? false;
  }
  get dryRun(): boolean {
    return this.dryRunRef?.value ?? false;
  }
  get noPrompt(): boolean {
    return this.noPromptRef?.value ?? false;
  }

  /** `max-wait` in nanoseconds: 0 with `--no-wait`, else the controller's default. */
  get maxWait(): { 'max-wait'?: number } {
    return this.noWait ? { 'max-wait': 0 } : {};
  }
}

function print(ctx: Context, outcomes: readonly RemovalOutcome[]): boolean {
  let failed = false;
  for (const o of outcomes) {
    if (o.error !== undefined) {
      ctx.err(`ERROR ${o.error}\n`);
      failed = true;
      continue;
    }
    for (const line of o.lines) ctx.out(`${line}\n`);
  }
  return failed;
}

/**
 * Runs a removal: a dry run only with `--dry-run`; a dry run then a
 * `Continue [y/N]? ` question when the model requires prompts (unless
 * `--no-prompt`); then the removal, printing what was removed.
 * @throws `<what>: aborted` when the answer is not yes.
 */
export async function runRemoval(
  ctx: Context,
  conn: ApiConnection,
  flags: RemovalFlags,
  what: string,
  call: (dryRun: boolean) => Promise<RemovalOutcome[]>,
): Promise<void> {
  if (flags.dryRun) {
    if (print(ctx, await call(true))) throw new SilentError(1);
    return;
  }
  if (!flags.noPrompt && (await modelFacts(conn)).requiresPrompts) {
    const preview = await call(true);
    if (preview.some((o) => o.error !== undefined)) {
      print(ctx, preview);
      throw new SilentError(1);
    }
    ctx.warningf('This command will perform the following actions:');
    print(ctx, preview);
    const answer = await ctx.readLine('\nContinue [y/N]? ');
    const yes = answer !== null && ['y', 'yes'].includes(answer.trim().toLowerCase());
    if (!yes) throw new JujuError('', `${what}: aborted`);
  }
  if (print(ctx, await call(false))) throw new SilentError(1);
}
