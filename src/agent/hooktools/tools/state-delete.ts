/** state-delete [B]: delete one key of the server-side charm state. */
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class StateDeleteCommand extends HookToolCommand {
  private key = '';

  info(): ToolInfo {
    return { name: 'state-delete', args: '<key>', purpose: 'Delete server-side-state key value pair.' };
  }

  override init(args: string[]): void {
    if (args.length === 0) return;
    this.key = args[0] as string;
    checkEmpty(args.slice(1));
  }

  async run(_rt: ToolRuntime): Promise<void> {
    if (this.key !== '') await this.ctx.deleteCharmStateValue(this.key);
  }
}
