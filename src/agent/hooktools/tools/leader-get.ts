/** leader-get [R]: the application's leader settings, or one of them. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { sortedKeys } from '../format.js';

export class LeaderGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private key = '';

  info(): ToolInfo {
    return {
      name: 'leader-get',
      args: '[<key>]',
      purpose: 'Print application leadership settings.',
      doc: 'Prints one leadership setting by key, or all of them when the key is omitted or "-".',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length === 0) return;
    const key = args[0] as string;
    if (key !== '-' && key.includes('=')) throw new Error(`invalid key ${JSON.stringify(key)}`);
    this.key = key === '-' ? '' : key;
    checkEmpty(args.slice(1));
  }

  async run(rt: ToolRuntime): Promise<void> {
    let settings;
    try {
      settings = await this.ctx.leaderSettings();
    } catch (err) {
      throw new Error(`cannot read leadership settings: ${(err as Error).message}`);
    }
    if (this.key === '') this.out.write(rt, sortedKeys(settings));
    else this.out.write(rt, Object.hasOwn(settings, this.key) ? settings[this.key] : null);
  }
}
