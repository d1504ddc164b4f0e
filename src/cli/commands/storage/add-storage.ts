/**
 * `juju add-storage <unit> <name>[=<pool>,<count>,<size>] ...`: adds
 * storage instances to a unit (`Storage.AddToUnit`); its agent attaches
 * them and runs `<name>-storage-attached`.
 */
import { JujuError, errorMessage } from '../../../core/errors.js';
import { isValidUnitName, parseTag, unitTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { AddStorageResults, StorageAddParams } from '../../../rpc/params/storage.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { parseNamedDirective } from './directive.js';

export class AddStorageCommand extends ModelCommandBase {
  private unit = '';
  private requests: StorageAddParams[] = [];

  info(): CommandInfo {
    return {
      name: 'add-storage',
      args: '<unit name> <storage directive> ...',
      purpose: 'Adds storage to a unit after it has been deployed.',
      doc: `Adds storage instances to a unit. A directive is <storage name>[=<pool>,<count>,<size>]
where any of pool, count and size may be left out, in any order (count
defaults to 1; the pool and size default to what the application was
deployed with). The charm's maximum count for the store applies.

The unit's agent attaches the new storage and runs the
<storage name>-storage-attached hook for each instance.`,
      examples: `    juju add-storage u/0 data
    juju add-storage u/0 data=2
    juju add-storage u/0 data=rootfs,1G
`,
      seeAlso: ['storage', 'show-storage'],
    };
  }

  override init(args: string[]): void {
    const [unit, ...directives] = args;
    if (unit === undefined) throw new UsageError('add-storage requires a unit and a storage directive');
    if (directives.length === 0) throw new UsageError('add-storage requires a unit and a storage directive');
    if (!isValidUnitName(unit)) throw new UsageError(`unit name ${JSON.stringify(unit)} not valid`);
    this.unit = unit;
    this.requests = directives.map((text) => {
      let parsed;
      try {
        parsed = parseNamedDirective(text, false);
      } catch (err) {
        throw new UsageError(errorMessage(err));
      }
      const [name, storage] = parsed;
      return { unit: unitTag(unit), name, storage };
    });
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    try {
      const reply = await conn.call<AddStorageResults>('Storage', 'AddToUnit', { storages: this.requests });
      const errors: string[] = [];
      this.requests.forEach((r, i) => {
        const entry = reply.results[i] ?? {};
        const err = errorFromResult(entry);
        if (err !== null) {
          errors.push(`failed to add storage ${JSON.stringify(r.name)} to ${this.unit}: ${err.message}`);
          return;
        }
        for (const tag of entry.result?.['storage-tags'] ?? [])
          ctx.infof(`added storage ${parseTag(tag, 'storage').id} to ${this.unit}`);
      });
      if (errors.length > 0) throw new JujuError('', errors.join('\n'));
    } finally {
      await conn.close();
    }
  }
}
