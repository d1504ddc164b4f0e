/** secret-set [B]: new content (a new revision) and/or metadata for a secret this unit manages. */
import { parseSecretUri } from '../secret-uri.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { SecretUpsertCommand } from './secret-upsert.js';

export class SecretSetCommand extends SecretUpsertCommand {
  private id = '';

  info(): ToolInfo {
    return {
      name: 'secret-set',
      args: '<ID> [key[#base64]=value...]',
      purpose: 'Update an existing secret.',
      doc:
        'Gives a secret new content (key=value pairs, as for secret-add) and/or new\n' +
        'metadata; with no content only the metadata changes. --owner is accepted and\n' +
        'ignored.',
      examples:
        '    secret-set secret:9m4e2mr0ui3e8a215n4g token=34ae35facd4\n    secret-set secret:9m4e2mr0ui3e8a215n4g --rotate monthly',
    };
  }

  override init(args: string[], rt: ToolRuntime): void {
    if (args.length < 1) throw new Error('missing secret URI');
    this.id = parseSecretUri(args[0] as string).id;
    this.initUpsert(args.slice(1), rt);
  }

  async run(_rt: ToolRuntime): Promise<void> {
    await this.ctx.updateSecret(this.id, this.upsertArgs());
  }
}
