/** secret-add [B]: create a secret (owned by the application unless --owner unit); prints its URI. */
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { SecretOwnerKind } from '../context.js';
import { formatSecretUri } from '../secret-uri.js';
import { SecretUpsertCommand } from './secret-upsert.js';

export class SecretAddCommand extends SecretUpsertCommand {
  info(): ToolInfo {
    return {
      name: 'secret-add',
      args: '[key[#base64|#file]=value...]',
      purpose: 'Add a new secret.',
      doc:
        'Creates a secret from key=value pairs. A key ending in #base64 takes a value\n' +
        'that is already base64; a key ending in #file takes the value from a file.\n' +
        'The application owns the secret (only the leader may manage it) unless\n' +
        '--owner unit is given.',
      examples:
        '    secret-add token=34ae35facd4\n    secret-add --owner unit key#file=/path/to/file\n    secret-add --expire 24h --label db-password data#base64=s3cret==',
    };
  }

  override init(args: string[], rt: ToolRuntime): void {
    if (args.length < 1 && (this.file?.value ?? '') === '')
      throw new Error('missing secret value or filename');
    this.initUpsert(args, rt);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const args = this.upsertArgs();
    if (Object.keys(args.content ?? {}).length === 0) throw new Error('empty secret value not valid');
    const owner: SecretOwnerKind = this.owner?.value === 'unit' ? 'unit' : 'application';
    const id = await this.ctx.createSecret(owner, args);
    rt.stdout(`${formatSecretUri({ id, sourceUuid: this.ctx.modelUuid })}\n`);
  }
}
