/**
 * state-get [R]: the unit's server-side charm state (this hook's state-set/delete
 * included), or one key. A missing key prints like an empty string unless --strict.
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { sortedKeys } from '../format.js';

export class StateGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private strict: FlagRef<boolean> | undefined;
  private key = '';

  info(): ToolInfo {
    return {
      name: 'state-get',
      args: '[<key>]',
      purpose: 'Print server-side-state value.',
      doc: 'Prints the value of one key of the unit\'s server-side state, or every key and\nvalue when no key (or "-") is given.',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.strict = f.bool('strict', false, 'Return an error if the requested key does not exist');
  }

  override init(args: string[]): void {
    if (args.length === 0) return;
    this.key = args[0] === '-' ? '' : (args[0] as string);
    checkEmpty(args.slice(1));
  }

  async run(rt: ToolRuntime): Promise<void> {
    if (this.key === '') {
      const state = await this.ctx.charmState();
      // An empty state is Go's nil map: `null` in JSON, `{}` in YAML.
      if (state === null) this.out.writeText(rt, { json: 'null\n', yaml: '{}\n', smart: '{}\n' });
      else this.out.write(rt, sortedKeys(state));
      return;
    }
    const value = await this.ctx.charmStateValue(this.key);
    if (value === undefined && this.strict?.value) throw new Error(`${JSON.stringify(this.key)} not found`);
    this.out.write(rt, value ?? '');
  }
}
