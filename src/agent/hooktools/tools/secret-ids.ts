/** secret-ids [R]: ids of the secrets owned by this unit or its application. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { formatYaml } from '../format.js';

export class SecretIdsCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');

  info(): ToolInfo {
    return {
      name: 'secret-ids',
      purpose: 'Print secret IDs.',
      doc: 'Prints the ids of the secrets owned by the unit or its application.',
      examples: '    secret-ids',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const ids = Object.keys(await this.ctx.secretMetadata()).sort();
    // No secrets is Go's nil slice: JSON `null`.
    this.out.writeText(rt, {
      json: ids.length === 0 ? 'null\n' : `${JSON.stringify(ids)}\n`,
      yaml: formatYaml(ids),
      smart: ids.length === 0 ? '' : `${ids.join('\n')}\n`,
    });
  }
}
