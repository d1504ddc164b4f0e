/** action-set [action]: add key=value pairs (dotted keys nest) to the action's results. */
import { HookToolCommand } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

const KEY_RULE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const RESERVED = ['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding'];

export class ActionSetCommand extends HookToolCommand {
  private entries: { keys: string[]; value: string }[] = [];

  info(): ToolInfo {
    return {
      name: 'action-set',
      args: '<key>=<value> [<key>=<value> ...]',
      purpose: 'Set action results.',
      doc:
        'Adds values to the results returned to the user when the action completes.\n' +
        'Dots in a key build nested maps. Key parts use lowercase letters, digits and\n' +
        'hyphens, starting and ending with a letter or digit. Reserved keys: "stdout",\n' +
        '"stdout-encoding", "stderr", "stderr-encoding".',
      examples: '    action-set outfile.size=10G\n    action-set foo.bar=2',
    };
  }

  override init(args: string[]): void {
    this.entries = [];
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq < 0) throw new Error(`argument ${JSON.stringify(arg)} must be of the form key...=value`);
      const keys = arg.slice(0, eq).split('.');
      for (const key of keys) {
        if (!KEY_RULE.test(key)) {
          throw new Error(
            `key ${JSON.stringify(key)} must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods`,
          );
        }
        if (RESERVED.includes(key)) throw new Error(`cannot set reserved action key "${key}"`);
      }
      this.entries.push({ keys, value: arg.slice(eq + 1) });
    }
  }

  run(_rt: ToolRuntime): Promise<void> {
    for (const { keys, value } of this.entries) this.ctx.updateActionResults(keys, value);
    return Promise.resolve();
  }
}
