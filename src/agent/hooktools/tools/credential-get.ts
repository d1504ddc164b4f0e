/** credential-get [R]: the cloud spec with credentials, for trusted applications only. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class CredentialGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');

  info(): ToolInfo {
    return {
      name: 'credential-get',
      purpose: 'Access cloud credentials.',
      doc: "Prints the cloud specification, credential included, of the unit's model.",
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  async run(rt: ToolRuntime): Promise<void> {
    let spec;
    try {
      spec = await this.ctx.cloudSpec();
    } catch (err) {
      throw new Error(`cannot access cloud credentials: ${(err as Error).message}`);
    }
    this.out.write(rt, spec);
  }
}
