/** config-get [R]: the application's config, or one key (§4.1). */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { sortedKeys } from '../format.js';

export class ConfigGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private all: FlagRef<boolean> | undefined;
  private key = '';

  info(): ToolInfo {
    return {
      name: 'config-get',
      args: '[<key>]',
      purpose: 'Print application configuration.',
      doc:
        'Without arguments, prints every option that is set or has a default.\n' +
        'With --all, unset options without a default are included as null.\n' +
        'With a key, prints that option only (null or nothing when unknown).\n' +
        '<key> and --all cannot be combined.',
      examples: '    INTERVAL=$(config-get interval)\n\n    config-get --all',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.all = f.bool(['a', 'all'], false, 'print all keys');
  }

  override init(args: string[]): void {
    if (args.length === 0) return;
    this.key = args[0] as string;
    if (this.key !== '' && this.all?.value) {
      throw new Error(`cannot use argument --all together with key ${JSON.stringify(this.key)}`);
    }
    checkEmpty(args.slice(1));
  }

  async run(rt: ToolRuntime): Promise<void> {
    const settings = await this.ctx.configSettings();
    if (this.key === '') {
      const shown = this.all?.value
        ? settings
        : Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== null));
      this.out.write(rt, sortedKeys(shown));
      return;
    }
    this.out.write(rt, settings[this.key] ?? null);
  }
}
