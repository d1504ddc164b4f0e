/**
 * `juju show-storage <storage-id> ...`: the details of storage instances
 * (`Storage.StorageDetails`) keyed by id, YAML or JSON.
 */
import { JujuError } from '../../../core/errors.js';
import { isValidStorageId, storageTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { StorageDetailsResults } from '../../../rpc/params/storage.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import type { FlagSet } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { formatStatusSince } from '../../../core/format/human-time.js';
import { parseTag } from '../../../core/names.js';

const tagId = (tag: string, kind: string): string => {
  try {
    return parseTag(tag, kind).id;
  } catch {
    return tag;
  }
};

export class ShowStorageCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('yaml', { json: formatJson, yaml: formatYaml });
  private ids: string[] = [];

  info(): CommandInfo {
    return {
      name: 'show-storage',
      args: '<storage ID> [...]',
      purpose: 'Shows storage instance information.',
      doc: `Shows the kind, life, status, persistence and attachments of storage
instances, keyed by storage id (such as data/0).`,
      examples: `    juju show-storage data/0
    juju show-storage data/0 logs/1 --format json
`,
      seeAlso: ['storage', 'add-storage'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('must specify storage ID(s)');
    for (const id of args)
      if (!isValidStorageId(id)) throw new UsageError(`invalid storage id ${JSON.stringify(id)}`);
    this.ids = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    try {
      const reply = await conn.call<StorageDetailsResults>('Storage', 'StorageDetails', {
        entities: this.ids.map((id) => ({ tag: storageTag(id) })),
      });
      const out: Record<string, unknown> = {};
      const errors: string[] = [];
      this.ids.forEach((id, i) => {
        const entry = reply.results[i] ?? {};
        const err = errorFromResult(entry);
        if (err !== null || entry.result === undefined) {
          errors.push(err?.message ?? `storage ${id} not found`);
          return;
        }
        const d = entry.result;
        const units: Record<string, unknown> = {};
        for (const a of Object.values(d.attachments ?? {}))
          units[tagId(a['unit-tag'], 'unit')] = {
            ...(a['machine-tag'] ? { machine: tagId(a['machine-tag'], 'machine') } : {}),
            ...(a.location ? { location: a.location } : {}),
            ...(a.life ? { life: a.life } : {}),
          };
        out[id] = {
          kind: d.kind === 1 ? 'block' : d.kind === 2 ? 'filesystem' : 'unknown',
          ...(d.life ? { life: d.life } : {}),
          status: {
            current: d.status.status,
            ...(d.status.info ? { message: d.status.info } : {}),
            ...(d.status.since ? { since: formatStatusSince(new Date(d.status.since), false) } : {}),
          },
          persistent: d.persistent,
          ...(Object.keys(units).length > 0 ? { attachments: { units } } : {}),
        };
      });
      if (Object.keys(out).length > 0) this.out.write(ctx, out);
      if (errors.length > 0) throw new JujuError('', errors.join('\n'));
    } finally {
      await conn.close();
    }
  }
}
