/** is-leader [R]: whether the unit is the application leader for at least 30 s. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class IsLeaderCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');

  info(): ToolInfo {
    return {
      name: 'is-leader',
      purpose: 'Print application leadership status.',
      doc:
        'Prints True when the unit is guaranteed to be the application leader for at\n' +
        'least the next 30 seconds, else False (also assume False if the call fails).',
      examples: '    LEADER=$(is-leader)',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  async run(rt: ToolRuntime): Promise<void> {
    let leader: boolean;
    try {
      leader = await this.ctx.isLeader();
    } catch (err) {
      throw new Error(`leadership status unknown: ${(err as Error).message}`);
    }
    this.out.write(rt, leader);
  }
}
