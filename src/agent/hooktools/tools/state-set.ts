/** state-set [B]: set server-side charm state keys (`--file` YAML map, `-` = stdin). */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, decodeSettingsFile, parseKeyValues } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { Settings } from '../context.js';

export class StateSetCommand extends HookToolCommand {
  private file: FlagRef<string> | undefined;
  private values: Settings = {};

  info(): ToolInfo {
    return {
      name: 'state-set',
      args: 'key=value [key=value ...]',
      purpose: 'Set server-side-state values.',
      doc:
        "Sets keys of the unit's server-side state when the hook completes. --file\n" +
        'names a YAML map of string values ("-" reads stdin); key=value arguments\n' +
        'override file entries. Keys may be at most 256 bytes, values 65536 bytes.',
    };
  }

  override setFlags(f: FlagSet): void {
    this.file = f.string('file', '', 'file containing key-value pairs');
  }

  override init(args: string[]): void {
    this.values = parseKeyValues(args);
  }

  async run(rt: ToolRuntime): Promise<void> {
    let values = this.values;
    const file = this.file?.value ?? '';
    if (file !== '') {
      const data = file === '-' ? rt.readStdin() : rt.readFile(file);
      values = { ...decodeSettingsFile(data), ...this.values };
    }
    for (const [key, value] of Object.entries(values)) await this.ctx.setCharmStateValue(key, value);
  }
}
