/** application-version-set [I]: record the workload version shown in `juju status`. */
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class ApplicationVersionSetCommand extends HookToolCommand {
  private version = '';

  info(): ToolInfo {
    return {
      name: 'application-version-set',
      args: '<new-version>',
      purpose: 'Specify which version of the application is deployed.',
      doc:
        'Tells Juju which version of the workload software runs (a package version,\n' +
        'a git hash, ...); it is shown for the application in "juju status".',
    };
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('no version specified');
    this.version = args[0] as string;
    checkEmpty(args.slice(1));
  }

  async run(_rt: ToolRuntime): Promise<void> {
    await this.ctx.setWorkloadVersion(this.version);
  }
}
