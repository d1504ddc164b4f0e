/**
 * `juju show-secret <ID>|<name>`: one secret's details as YAML (default) or
 * JSON, with `--reveal` its values, `--revisions` its revisions and
 * `-r/--revision N` a given revision's values.
 */
import { notFound } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import type { ListSecretResult } from '../../../rpc/params/secrets.js';
import { secretsDocument, secretsYaml } from './secret-view.js';
import { listSecrets } from './secrets-api.js';

const SECRET_ID_RE = /^(secret:(\/\/[^/]+\/)?)?[0-9a-v]{20}$/;

export class ShowSecretCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('yaml', {
    json: (v) => formatJson(secretsDocument(v as ListSecretResult[], this.display(true))),
    yaml: (v) => secretsYaml(secretsDocument(v as ListSecretResult[], this.display(false))),
  });
  private revealFlag!: FlagRef<boolean>;
  private revisionsFlag!: FlagRef<boolean>;
  private revisionFlag!: FlagRef<number>;
  private target = '';

  info(): CommandInfo {
    return {
      name: 'show-secret',
      args: '<ID>|<name>',
      purpose: 'Shows details for a specific secret.',
      doc: `Displays the details of a specified secret.

For controller/model admins, the actual secret content can be shown
with the --reveal option.`,
      examples: `    juju show-secret my-secret
    juju show-secret 9m4e2mr0ui3e8a215n4g
    juju show-secret secret:9m4e2mr0ui3e8a215n4g --revision 2
    juju show-secret 9m4e2mr0ui3e8a215n4g --revision 2 --reveal
    juju show-secret 9m4e2mr0ui3e8a215n4g --revisions
`,
      seeAlso: ['secrets'],
    };
  }

  private display(json: boolean): { reveal: boolean; revisions: boolean; access: boolean; json: boolean } {
    return { reveal: this.revealFlag.value, revisions: this.revisionsFlag.value, access: true, json };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.revealFlag = f.bool('reveal', false, 'Reveal secret values');
    this.revisionsFlag = f.bool('revisions', false, 'Show the secret revisions metadata');
    this.revisionFlag = f.int(['r', 'revision'], 0, '');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('missing secret URI');
    this.target = args[0] as string;
    checkNoMoreArgs(args.slice(1));
    if (this.revisionsFlag.value && (this.revealFlag.value || this.revisionFlag.value > 0))
      throw new UsageError('specify either --revisions or --reveal but not both');
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    try {
      const byId = SECRET_ID_RE.test(this.target);
      const uri = byId
        ? this.target.startsWith('secret:')
          ? this.target
          : `secret:${this.target}`
        : undefined;
      const revision = this.revisionFlag.value;
      const results = await listSecrets(
        conn,
        {
          ...(uri !== undefined ? { uri } : { label: this.target }),
          ...(revision > 0 ? { revision } : {}),
        },
        this.revealFlag.value,
      );
      if (results.length === 0) throw notFound(`secret ${JSON.stringify(this.target)} not found`);
      this.out.write(ctx, results);
    } finally {
      await conn.close();
    }
  }
}
