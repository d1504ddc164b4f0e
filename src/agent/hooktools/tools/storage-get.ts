/**
 * storage-get [R]: kind and location of a storage instance (`-s`, defaulting to the
 * storage hook's). ops <= 3.3 reads the `-s  (= data/0)` line of `--help`.
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { isValidStorageId } from '../../../core/names.js';
import { HookToolCommand, OutputOptions, zeroOrOneArgs } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class StorageGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private storageId: FlagRef<string> | undefined;
  private key = '';

  info(): ToolInfo {
    return {
      name: 'storage-get',
      args: '[<key>]',
      purpose: 'Print information for the storage instance with the specified ID.',
      doc:
        'Prints the kind and location of a storage instance, or one of them by key.\n' +
        "In a storage hook the instance defaults to the hook's; elsewhere give it with -s.",
      examples: '    storage-get -s data/0\n    storage-get location',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    const hookStorage = this.ctx.hookStorageId() ?? '';
    this.storageId = f.custom(
      's',
      hookStorage,
      'specify a storage instance by id',
      (text) => {
        if (!isValidStorageId(text)) throw new Error(`invalid storage ID ${JSON.stringify(text)}`);
        this.ctx.storage(text);
        return text;
      },
      hookStorage,
    );
  }

  override init(args: string[]): void {
    if ((this.storageId?.value ?? '') === '') throw new Error('no storage instance specified');
    this.key = zeroOrOneArgs(args);
  }

  run(rt: ToolRuntime): Promise<void> {
    const storage = this.ctx.storage(this.storageId?.value ?? '');
    const values: Record<string, string> = { kind: storage.kind, location: storage.location };
    if (this.key === '') this.out.write(rt, values);
    else if (Object.hasOwn(values, this.key)) this.out.write(rt, values[this.key]);
    else throw new Error(`invalid storage attribute ${JSON.stringify(this.key)}`);
    return Promise.resolve();
  }
}
