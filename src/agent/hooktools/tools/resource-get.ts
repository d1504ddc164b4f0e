/** resource-get [I: download]: fetch a resource if needed; print its path (no newline). */
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class ResourceGetCommand extends HookToolCommand {
  private name = '';

  info(): ToolInfo {
    return {
      name: 'resource-get',
      args: '<resource name>',
      purpose: 'Get the path to the locally cached resource file.',
      doc:
        'Prints the local path of the named resource, downloading the revision of the\n' +
        "unit's application from the controller first when the local copy is missing\n" +
        'or out of date.',
      examples: '    resource-get software',
    };
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('missing required resource name');
    checkEmpty(args.slice(1));
    this.name = args[0] as string;
  }

  async run(rt: ToolRuntime): Promise<void> {
    let path: string;
    try {
      path = await this.ctx.downloadResource(this.name);
    } catch (err) {
      throw new Error(`could not download resource: ${(err as Error).message}`);
    }
    rt.stdout(path);
  }
}
