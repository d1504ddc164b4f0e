/** action-fail [action]: mark the running action failed, with a message. */
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

const DEFAULT_MESSAGE = 'action failed without reason given, check action for errors';

export class ActionFailCommand extends HookToolCommand {
  private message = '';

  info(): ToolInfo {
    return {
      name: 'action-fail',
      args: '["<failure message>"]',
      purpose: 'Set action fail status with message.',
      doc: 'Marks the action as failed with the given message (a generic one when none is given).',
      examples: "    action-fail 'unable to contact remote service'",
    };
  }

  override init(args: string[]): void {
    if (args.length === 0) {
      this.message = DEFAULT_MESSAGE;
      return;
    }
    this.message = args[0] as string;
    checkEmpty(args.slice(1));
  }

  run(_rt: ToolRuntime): Promise<void> {
    this.ctx.setActionMessage(this.message);
    this.ctx.setActionFailed();
    return Promise.resolve();
  }
}
