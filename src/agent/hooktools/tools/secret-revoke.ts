/** secret-revoke [B]: withdraw read access to a secret from an application or unit. */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { isValidApplicationName, isValidUnitName } from '../../../core/names.js';
import { HookToolCommand, checkEmpty, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { parseSecretUri } from '../secret-uri.js';

export class SecretRevokeCommand extends HookToolCommand {
  private app: FlagRef<string> | undefined;
  private unit: FlagRef<string> | undefined;
  private relationId: FlagRef<number> | undefined;
  private id = '';
  private application = '';

  info(): ToolInfo {
    return {
      name: 'secret-revoke',
      args: '<ID>',
      purpose: 'Revoke access to a secret.',
      doc:
        'Withdraws access to a secret from an application (all its units) or one unit.\n' +
        'In a relation hook the related application loses access unless --unit is given.',
      examples:
        '    secret-revoke secret:9m4e2mr0ui3e8a215n4g --relation 1\n    secret-revoke secret:9m4e2mr0ui3e8a215n4g --app mediawiki\n    secret-revoke secret:9m4e2mr0ui3e8a215n4g --unit mediawiki/6',
    };
  }

  override setFlags(f: FlagSet): void {
    this.app = f.string(['app', 'application'], '', 'the application to revoke access');
    this.unit = f.string('unit', '', 'the unit to revoke access');
    this.relationId = relationIdFlag(f, this.ctx, 'the relation for which to revoke the grant');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('missing secret URI');
    this.id = parseSecretUri(args[0] as string).id;
    let app = this.app?.value ?? '';
    const unit = this.unit?.value ?? '';
    if (app !== '' && !isValidApplicationName(app))
      throw new Error(`application ${JSON.stringify(app)} not valid`);
    if (unit !== '' && !isValidUnitName(unit)) throw new Error(`unit ${JSON.stringify(unit)} not valid`);
    if (app !== '' && unit !== '') throw new Error('specify only one of application or unit');
    const relationId = this.relationId?.value ?? -1;
    if (relationId >= 0) {
      const relation = this.ctx.relation(relationId);
      if (app !== '') throw new Error('do not specify both relation and app');
      app = relation.remoteApp;
    }
    if (app === '' && unit === '') throw new Error('missing relation or application or unit');
    this.application = app;
    checkEmpty(args.slice(1));
  }

  async run(_rt: ToolRuntime): Promise<void> {
    const unit = this.unit?.value ?? '';
    await this.ctx.revokeSecret(this.id, {
      ...(this.application !== '' ? { application: this.application } : {}),
      ...(unit !== '' ? { unit } : {}),
    });
  }
}
