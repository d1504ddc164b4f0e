/**
 * `juju storage` (alias `list-storage`): the model's storage instances,
 * tabular (`Unit  Storage ID  Type  Pool  Mountpoint  Size  Status
 * Message`) or the `storage` / `filesystems` / `volumes` document as YAML
 * or JSON.
 */
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { fetchStorage, jsonStorageView, storageTable, yamlStorageView, type StorageListing } from './view.js';

export class StorageCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(jsonStorageView((v as StorageListing).view)),
    tabular: (v) => storageTable((v as StorageListing).rows),
    yaml: (v) => formatYaml(yamlStorageView((v as StorageListing).view)),
  });
  private filesystem: FlagRef<boolean> | undefined;
  private volume: FlagRef<boolean> | undefined;

  info(): CommandInfo {
    return {
      name: 'storage',
      args: '[<filesystem|volume> ...]',
      purpose: 'Lists storage details.',
      aliases: ['list-storage'],
      doc: `Lists the storage instances of the model: which unit each is attached to,
its kind, pool, where it is mounted, its size and status.

On the local cloud filesystem storage is a directory on the host under the
machine's data root, and the mount point shown is that directory.`,
      examples: `    juju storage
    juju storage --format yaml
`,
      seeAlso: ['show-storage', 'add-storage'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.filesystem = f.bool('filesystem', false, 'List filesystem storage (deprecated)');
    this.volume = f.bool('volume', false, 'List volume storage (deprecated)');
  }

  override init(args: string[]): void {
    if (args.length > 0 && !(this.filesystem?.value ?? false) && !(this.volume?.value ?? false))
      throw new UsageError(`specifying IDs only supported with --filesystem and --volume options`);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    try {
      const listing = await fetchStorage(conn, false);
      if (this.out.format === 'tabular' && listing.rows.length === 0) {
        ctx.infof('No storage to display.');
        return;
      }
      this.out.write(ctx, listing);
    } finally {
      await conn.close();
    }
  }
}
