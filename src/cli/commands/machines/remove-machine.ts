/**
 * `juju remove-machine <id> ...`: removes machines
 * (`MachineManager.DestroyMachineWithParams`). A machine hosting units is
 * only removed with `--force`, which removes its units too.
 */
import { isValidMachineId, machineTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { DestroyMachineResults } from '../../../rpc/params/machine-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { RemovalFlags, runRemoval, type RemovalOutcome } from '../application/removal.js';
import { tagId } from '../application/remove-application.js';

export class RemoveMachineCommand extends ModelCommandBase {
  private readonly removal = new RemovalFlags();
  private keepInstance: FlagRef<boolean> | undefined;
  private ids: string[] = [];

  info(): CommandInfo {
    return {
      name: 'remove-machine',
      args: '<machine number> ...',
      purpose: 'Removes one or more machines from a model.',
      doc: `Removes machines: the machine agent stops and the instance is released.
A machine that still hosts units is refused unless --force is given, which
removes those units first (without waiting for them with --no-wait).
--keep-instance leaves the cloud instance running.

--dry-run only shows what would be removed. When the model's "mode" setting
contains "requires-prompts" (the default), the command lists what it will
remove and asks for confirmation; --no-prompt skips the question.`,
      examples: `    juju remove-machine 5
    juju remove-machine 6 7 --force
    juju remove-machine 6 --force --no-wait
`,
      seeAlso: ['add-machine', 'machines'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.removal.setFlags(f, 'machine');
    this.keepInstance = f.bool('keep-instance', false, 'Do not stop the running cloud instance');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no machines specified');
    for (const id of args) {
      if (!isValidMachineId(id)) throw new UsageError(`invalid machine id ${JSON.stringify(id)}`);
    }
    this.removal.check();
    this.ids = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    await runRemoval(
      ctx,
      conn,
      this.removal,
      'machine removal',
      async (dryRun): Promise<RemovalOutcome[]> => {
        const reply = await conn.call<DestroyMachineResults>('MachineManager', 'DestroyMachineWithParams', {
          'machine-tags': this.ids.map(machineTag),
          force: this.removal.force,
          keep: this.keepInstance?.value ?? false,
          'dry-run': dryRun,
          ...this.removal.maxWait,
        });
        return this.ids.map((id, i) => {
          const result = reply.results[i] ?? {};
          const err = errorFromResult(result);
          if (err !== null) return { lines: [], error: `removing machine ${id} failed: ${err.message}` };
          const info = result.info;
          return {
            lines: [
              `will remove machine ${id}`,
              ...(info?.['destroyed-units'] ?? []).map((u) => `- will remove unit ${tagId(u.tag)}`),
              ...(info?.['destroyed-containers'] ?? []).map(
                (c) => `- will remove machine ${c.info?.['machine-id'] ?? ''}`,
              ),
              ...(info?.['detached-storage'] ?? []).map((s) => `- will detach storage ${tagId(s.tag)}`),
              ...(info?.['destroyed-storage'] ?? []).map((s) => `- will remove storage ${tagId(s.tag)}`),
            ],
          };
        });
      },
    );
  }
}
