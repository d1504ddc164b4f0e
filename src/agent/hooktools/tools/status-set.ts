/** status-set [I]: set the unit's (or, for the leader, the application's) workload status. */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

const VALID = ['maintenance', 'blocked', 'waiting', 'active'];

export class StatusSetCommand extends HookToolCommand {
  private application: FlagRef<boolean> | undefined;
  private status = '';
  private message = '';

  info(): ToolInfo {
    return {
      name: 'status-set',
      args: '<maintenance | blocked | waiting | active> [message]',
      purpose: 'Set status information.',
      doc:
        'Sets the workload status of the unit (or of its application, with\n' +
        '--application, if the unit is the leader). The message is optional. The time\n' +
        'of the status is updated even when status and message do not change.',
    };
  }

  override setFlags(f: FlagSet): void {
    this.application = f.bool(
      'application',
      false,
      'set the status of the application if the unit is the leader',
    );
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('invalid args, require <status> [message]');
    const status = args[0] as string;
    if (!VALID.includes(status)) {
      throw new Error(`invalid status ${JSON.stringify(status)}, expected one of [${VALID.join(' ')}]`);
    }
    this.status = status;
    if (args.length > 1) {
      this.message = args[1] as string;
      checkEmpty(args.slice(2));
    }
  }

  async run(_rt: ToolRuntime): Promise<void> {
    const info = { status: this.status, message: this.message, data: {} };
    if (this.application?.value) await this.ctx.setApplicationStatus(info);
    else await this.ctx.setUnitStatus(info);
  }
}
