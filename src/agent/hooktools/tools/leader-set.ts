/** leader-set [I]: write leader settings (leader only), immediately. */
import { HookToolCommand, parseKeyValues } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { Settings } from '../context.js';

export class LeaderSetCommand extends HookToolCommand {
  private settings: Settings = {};

  info(): ToolInfo {
    return {
      name: 'leader-set',
      args: '<key>=<value> [...]',
      purpose: 'Write application leadership settings.',
      doc:
        "Writes key=value pairs to the application's single leadership settings bag\n" +
        'at once (not at the end of the hook); an empty value removes a key. Only the\n' +
        'leader may write; the other units then get leader-settings-changed.',
      examples: '    leader-set cluster-leader-address=10.0.0.123',
    };
  }

  override init(args: string[]): void {
    this.settings = parseKeyValues(args);
  }

  async run(_rt: ToolRuntime): Promise<void> {
    try {
      await this.ctx.writeLeaderSettings(this.settings);
    } catch (err) {
      throw new Error(`cannot write leadership settings: ${(err as Error).message}`);
    }
  }
}
