/** action-log [I]: send a progress message to the user running the action. */
import { HookToolCommand } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class ActionLogCommand extends HookToolCommand {
  private message = '';

  info(): ToolInfo {
    return {
      name: 'action-log',
      args: '<message>',
      purpose: 'Record a progress message for the current action.',
    };
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new Error('no message specified');
    this.message = args.join(' ');
  }

  async run(_rt: ToolRuntime): Promise<void> {
    await this.ctx.logActionMessage(this.message);
  }
}
