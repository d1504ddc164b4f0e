/** juju-reboot [B; --now immediate]: reboot the machine after the hook, or now (not in actions). */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class JujuRebootCommand extends HookToolCommand {
  private now: FlagRef<boolean> | undefined;

  info(): ToolInfo {
    return {
      name: 'juju-reboot',
      purpose: 'Reboot the host machine.',
      doc:
        'Reboots the machine once the hook completes successfully. With --now the hook\n' +
        'is stopped at once and run again from the start after the reboot. Not\n' +
        'available in actions.',
      examples: '    juju-reboot --now\n    juju-reboot',
    };
  }

  override setFlags(f: FlagSet): void {
    this.now = f.bool('now', false, 'reboot immediately, killing the invoking process');
  }

  async run(_rt: ToolRuntime): Promise<void> {
    if (this.ctx.action() !== undefined)
      throw new Error('juju-reboot is not supported when running an action.');
    await this.ctx.requestReboot(this.now?.value ? 'now' : 'after-hook');
  }
}
