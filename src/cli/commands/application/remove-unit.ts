/**
 * `juju remove-unit <unit> ...`: removes units (`Application.DestroyUnit`),
 * after showing what goes and asking when the model requires prompts.
 */
import { isValidUnitName, unitTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { DestroyUnitResults } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { RemovalFlags, runRemoval, type RemovalOutcome } from './removal.js';
import { tagId } from './remove-application.js';

export class RemoveUnitCommand extends ModelCommandBase {
  private readonly removal = new RemovalFlags();
  private destroyStorage: FlagRef<boolean> | undefined;
  private numUnits: FlagRef<number> | undefined;
  private units: string[] = [];

  info(): CommandInfo {
    return {
      name: 'remove-unit',
      args: '<unit> [...] | <application>',
      purpose: 'Remove application units from the model.',
      doc: `Removes the given units. Each unit runs its stop and remove hooks; a unit
whose agent never started is removed at once. A machine left without units
is removed too.

With --force, units whose agents do not finish are removed anyway after a
while (at once with --no-wait). --dry-run only shows what would be removed.
When the model's "mode" setting contains "requires-prompts" (the default),
the command lists what it will remove and asks for confirmation; --no-prompt
skips the question.

Subordinate units cannot be removed on their own: remove the integration
with their principal instead.

--num-units (scaling down by a number of units) applies to Kubernetes models
only.`,
      examples: `    juju remove-unit wordpress/2 wordpress/3 wordpress/4
    juju remove-unit wordpress/2 --destroy-storage
    juju remove-unit wordpress/2 --force
    juju remove-unit wordpress/2 --force --no-wait
`,
      seeAlso: ['remove-application', 'scale-application'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.removal.setFlags(f, 'units');
    this.destroyStorage = f.bool('destroy-storage', false, 'Destroy storage attached to the unit');
    this.numUnits = f.int('num-units', 0, 'Number of units to remove (k8s models only)');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no units specified');
    if (this.numUnits?.given) throw new UsageError('--num-units is only supported on kubernetes models');
    for (const name of args) {
      if (!isValidUnitName(name)) throw new UsageError(`invalid unit name ${JSON.stringify(name)}`);
    }
    this.removal.check();
    this.units = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    await runRemoval(ctx, conn, this.removal, 'unit removal', async (dryRun): Promise<RemovalOutcome[]> => {
      const reply = await conn.call<DestroyUnitResults>('Application', 'DestroyUnit', {
        units: this.units.map((name) => ({
          'unit-tag': unitTag(name),
          'destroy-storage': this.destroyStorage?.value ?? false,
          force: this.removal.force,
          ...this.removal.maxWait,
          'dry-run': dryRun,
        })),
      });
      return this.units.map((name, i) => {
        const result = reply.results[i] ?? {};
        const err = errorFromResult(result);
        if (err !== null) return { lines: [], error: `removing unit ${name} failed: ${err.message}` };
        const info = result.info ?? {};
        return {
          lines: [
            `will remove unit ${name}`,
            ...(info['detached-storage'] ?? []).map((s) => `- will detach storage ${tagId(s.tag)}`),
            ...(info['destroyed-storage'] ?? []).map((s) => `- will remove storage ${tagId(s.tag)}`),
          ],
        };
      });
    });
  }
}
