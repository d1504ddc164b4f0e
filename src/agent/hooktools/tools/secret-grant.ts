/** secret-grant [B]: let the remote application of a relation (or one of its units) read a secret. */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { isValidUnitName } from '../../../core/names.js';
import { HookToolCommand, checkEmpty, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { parseSecretUri } from '../secret-uri.js';

export class SecretGrantCommand extends HookToolCommand {
  private unit: FlagRef<string> | undefined;
  private relationId: FlagRef<number> | undefined;
  private id = '';

  info(): ToolInfo {
    return {
      name: 'secret-grant',
      args: '<ID>',
      purpose: 'Grant access to a secret.',
      doc:
        'Lets the application on the other side of a relation read a secret; with\n' +
        '--unit only that unit. The grant lasts as long as the relation.',
      examples:
        '    secret-grant secret:9m4e2mr0ui3e8a215n4g -r 0 --unit mediawiki/6\n    secret-grant secret:9m4e2mr0ui3e8a215n4g --relation db:2',
    };
  }

  override setFlags(f: FlagSet): void {
    this.unit = f.string('unit', '', 'the unit to grant access');
    this.relationId = relationIdFlag(f, this.ctx, 'the relation with which to associate the grant');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('missing secret URI');
    this.id = parseSecretUri(args[0] as string).id;
    const relationId = this.relationId?.value ?? -1;
    if (relationId === -1) throw new Error('no relation id specified');
    const app = this.ctx.relation(relationId).remoteApp;
    const unit = this.unit?.value ?? '';
    if (unit !== '') {
      if (!isValidUnitName(unit)) throw new Error(`unit ${JSON.stringify(unit)} not valid`);
      if (unit.slice(0, unit.lastIndexOf('/')) !== app) {
        throw new Error(
          `cannot specify unit ${JSON.stringify(unit)} in relation to application ${JSON.stringify(app)}`,
        );
      }
    }
    checkEmpty(args.slice(1));
  }

  async run(_rt: ToolRuntime): Promise<void> {
    const unit = this.unit?.value ?? '';
    await this.ctx.grantSecret(this.id, {
      relationId: this.relationId?.value ?? -1,
      ...(unit !== '' ? { unit } : {}),
    });
  }
}
