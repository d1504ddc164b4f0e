/**
 * status-get [R]: the unit's workload status (or the application's with all its
 * units, leader only). Smart output without --include-data is the bare status word.
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { StatusInfo } from '../context.js';
import { sortedKeys } from '../format.js';

function details(info: StatusInfo, includeData: boolean): Record<string, unknown> {
  if (!includeData) return { status: info.status };
  return { message: info.message, status: info.status, 'status-data': sortedKeys({ ...info.data }) };
}

export class StatusGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private includeData: FlagRef<boolean> | undefined;
  private application: FlagRef<boolean> | undefined;

  info(): ToolInfo {
    return {
      name: 'status-get',
      args: '[--include-data] [--application]',
      purpose: 'Print status information.',
      doc:
        'Prints the workload status of the unit; with --include-data also its message\n' +
        'and data. With --application (leader only) prints the application status and\n' +
        'the status of each of its units.',
      examples: '    status-get\n    status-get --include-data\n    status-get --application',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.includeData = f.bool('include-data', false, 'print all status data');
    this.application = f.bool(
      'application',
      false,
      'print the status of the application and all its units (leader only)',
    );
  }

  override init(args: string[]): void {
    checkEmpty(args);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const includeData = this.includeData?.value ?? false;
    const smartPlain = !includeData && this.out.format === 'smart';
    if (this.application?.value) {
      let appStatus;
      try {
        appStatus = await this.ctx.applicationStatus();
      } catch (err) {
        throw new Error(`finding application status: ${(err as Error).message}`);
      }
      if (smartPlain) {
        this.out.write(rt, appStatus.application.status);
        return;
      }
      const units: Record<string, unknown> = {};
      for (const name of Object.keys(appStatus.units).sort()) {
        units[name] = details(appStatus.units[name] as StatusInfo, includeData);
      }
      const app = { ...details(appStatus.application, includeData), units };
      this.out.write(rt, { 'application-status': sortedKeys(app) });
      return;
    }
    let unitStatus;
    try {
      unitStatus = await this.ctx.unitStatus();
    } catch (err) {
      throw new Error(`finding workload status: ${(err as Error).message}`);
    }
    if (smartPlain) this.out.write(rt, unitStatus.status);
    else this.out.write(rt, details(unitStatus, includeData));
  }
}
