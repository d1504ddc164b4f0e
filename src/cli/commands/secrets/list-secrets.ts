/**
 * `juju secrets` (alias `list-secrets`): the model's secrets, tabular
 * (`ID  Name  Owner  Rotation  Revision  Last updated`) or keyed by id as
 * YAML/JSON; `--owner` filters by owning application or unit, `--reveal`
 * adds the values (yaml/json only).
 */
import { applicationTag, unitTag } from '../../../core/names.js';
import type { ListSecretResult } from '../../../rpc/params/secrets.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { secretsDocument, secretsTable, secretsYaml } from './secret-view.js';
import { listSecrets } from './secrets-api.js';

/** `--owner` value to an owner tag: units have a `/`, `<model>`/`model` is the model. */
export function ownerFilterTag(owner: string, modelUuid: string): string {
  if (owner === '') return '';
  if (owner === '<model>' || owner === 'model') return `model-${modelUuid}`;
  return owner.includes('/') ? unitTag(owner) : applicationTag(owner);
}

export class ListSecretsCommand extends ModelCommandBase {
  private reveal = false;
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(secretsDocument(v as ListSecretResult[], this.display(true))),
    tabular: (v) => secretsTable(v as ListSecretResult[]),
    yaml: (v) => secretsYaml(secretsDocument(v as ListSecretResult[], this.display(false))),
  });
  private ownerFlag!: FlagRef<string>;
  private revealFlag!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'secrets',
      purpose: 'Lists secrets available in the model.',
      aliases: ['list-secrets'],
      doc: `Displays the secrets available for charms to use if granted access.
Values are shown only with --reveal, and only in yaml or json format.`,
      examples: `    juju secrets
    juju secrets --format yaml
    juju secrets --owner mysql
`,
      seeAlso: ['show-secret'],
    };
  }

  private display(json: boolean): { reveal: boolean; revisions: boolean; access: boolean; json: boolean } {
    return { reveal: this.reveal, revisions: false, access: false, json };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.ownerFlag = f.string('owner', '', 'Include secrets for the specified owner');
    this.revealFlag = f.bool(
      'reveal',
      false,
      'Reveal secret values, applicable to yaml or json formats only',
    );
  }

  protected async execute(ctx: Context): Promise<void> {
    this.reveal = this.revealFlag.value;
    const { conn, target } = await this.modelApi(ctx);
    try {
      const tabular = this.out.format === 'tabular';
      if (tabular && this.reveal) ctx.err('secret values are not shown in tabular format\n');
      const owner = ownerFilterTag(this.ownerFlag.value, target.details.uuid);
      const results = await listSecrets(
        conn,
        owner !== '' ? { 'owner-tag': owner } : {},
        this.reveal && !tabular,
      );
      if (tabular && results.length === 0) return;
      this.out.write(ctx, results);
    } finally {
      await conn.close();
    }
  }
}
