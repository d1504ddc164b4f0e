/** secret-remove [B]: remove a secret, or one revision of it with --revision. */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { parseSecretUri } from '../secret-uri.js';

export class SecretRemoveCommand extends HookToolCommand {
  private revision: FlagRef<number> | undefined;
  private id = '';

  info(): ToolInfo {
    return {
      name: 'secret-remove',
      args: '<ID>',
      purpose: 'Remove an existing secret.',
      doc: 'Removes the secret with the given ID, or only the revision given with --revision.',
      examples: '    secret-remove secret:9m4e2mr0ui3e8a215n4g',
    };
  }

  override setFlags(f: FlagSet): void {
    this.revision = f.int('revision', 0, 'remove the specified revision');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('missing secret URI');
    this.id = parseSecretUri(args[0] as string).id;
    checkEmpty(args.slice(1));
  }

  async run(_rt: ToolRuntime): Promise<void> {
    const revision = this.revision?.value ?? 0;
    await this.ctx.removeSecret(this.id, revision > 0 ? revision : undefined);
  }
}
