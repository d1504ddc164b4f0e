/** action-get [R]: the running action's parameters, or one (dotted path) of them. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { sortedKeys } from '../format.js';

function lookup(keys: readonly string[], params: Record<string, unknown>): unknown {
  const [key, ...rest] = keys;
  if (key === undefined || !Object.hasOwn(params, key)) return null;
  const value = params[key];
  if (rest.length === 0) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return lookup(rest, value as Record<string, unknown>);
}

export class ActionGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private keys: string[] = [];

  info(): ToolInfo {
    return {
      name: 'action-get',
      args: '[<key>[.<key>.<key>...]]',
      purpose: 'Get action parameters.',
      doc: 'Prints the parameter at the given dotted key path, or all parameters, as YAML.',
      examples: '    TIMEOUT=$(action-get timeout)',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length > 0) {
      checkEmpty(args.slice(1));
      this.keys = (args[0] as string).split('.');
    }
  }

  run(rt: ToolRuntime): Promise<void> {
    const params = this.ctx.actionParams();
    const answer = this.keys.length === 0 ? params : lookup(this.keys, params);
    this.out.write(rt, sortedKeys(answer ?? null));
    return Promise.resolve();
  }
}
