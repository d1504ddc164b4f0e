/** unit-get [R]: the unit's private or public address (§4.1). */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class UnitGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private key = '';

  info(): ToolInfo {
    return { name: 'unit-get', args: '<setting>', purpose: 'Print public-address or private-address.' };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new Error('no setting specified');
    const key = args[0] as string;
    if (key !== 'private-address' && key !== 'public-address')
      throw new Error(`unknown setting ${JSON.stringify(key)}`);
    this.key = key;
    checkEmpty(args.slice(1));
  }

  async run(rt: ToolRuntime): Promise<void> {
    let value: string;
    if (this.key === 'private-address') {
      // Default binding's first address (its hostname if it came from one), else the machine's.
      let info;
      try {
        info = await this.ctx.networkInfo('', undefined);
      } catch {
        info = undefined;
      }
      const addr = info?.bindAddresses[0]?.addresses[0];
      value = addr ? addr.hostname || addr.value : await this.ctx.privateAddress();
    } else {
      value = await this.ctx.publicAddress();
    }
    this.out.write(rt, value);
  }
}
