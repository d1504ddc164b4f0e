/** storage-list [R]: ids of the storage instances attached to the unit. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, zeroOrOneArgs } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { stringList } from '../format.js';

export class StorageListCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private name = '';

  info(): ToolInfo {
    return {
      name: 'storage-list',
      args: '[<storage-name>]',
      purpose: 'List storage attached to the unit.',
      doc: 'Prints the ids of the storage instances attached to the unit, optionally only\nthose of one storage name; pass them to storage-get -s.',
      examples: '    storage-list pgdata',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    this.name = zeroOrOneArgs(args);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const ids = (await this.ctx.storageIds()).filter(
      (id) => this.name === '' || id.slice(0, id.lastIndexOf('/')) === this.name,
    );
    this.out.write(rt, stringList(ids));
  }
}
