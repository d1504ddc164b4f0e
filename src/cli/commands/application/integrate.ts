/**
 * `juju integrate <a>[:<endpoint>] <b>[:<endpoint>]` (alias `relate`) and
 * `juju remove-relation <a>[:<ep>] <b>[:<ep>] | <relation-id>`
 * (`Application.AddRelation` / `DestroyRelation`).
 */
import { isJujuError } from '../../../core/errors.js';
import { JujuError } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';

export class IntegrateCommand extends ModelCommandBase {
  private via: FlagRef<string> | undefined;
  private endpoints: string[] = [];

  info(): CommandInfo {
    return {
      name: 'integrate',
      args: '<application>[:<relation name>] <application>[:<relation name>]',
      purpose: 'Integrate two applications.',
      aliases: ['relate'],
      doc: `Integrates two applications: their units learn about each other through
the endpoints' relation hooks. When an application has several endpoints
that could match, name the one to use after a colon (mysql:db). The
endpoints must use the same interface, one providing and one requiring it.`,
      examples: `    juju integrate wordpress mysql
    juju integrate wordpress:db mysql:server
`,
      seeAlso: ['remove-relation', 'status'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.via = f.string(
      'via',
      '',
      'For cross model integrations, specify the egress subnets for outbound traffic',
    );
  }

  override init(args: string[]): void {
    if (args.length !== 2) throw new UsageError('an integration must involve two applications');
    for (const spec of args) {
      const app = spec.split(':')[0] ?? '';
      if (app.includes('.') || app.includes('/'))
        throw new UsageError(
          `cross-model integrations (${JSON.stringify(spec)}) are not supported by this controller`,
        );
    }
    this.endpoints = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const via = (this.via?.value ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    try {
      await conn.call('Application', 'AddRelation', { endpoints: this.endpoints, 'via-cidrs': via });
    } catch (err) {
      if (isJujuError(err, 'already exists')) {
        const split = err.message.split(': ').join('\n');
        throw new JujuError(
          err.code,
          `${split}\nUse 'juju status --relations' to view the current relations.`,
        );
      }
      throw err;
    }
  }
}

export class RemoveRelationCommand extends ModelCommandBase {
  private force: FlagRef<boolean> | undefined;
  private endpoints: string[] = [];
  private relationId: number | undefined;

  info(): CommandInfo {
    return {
      name: 'remove-relation',
      args: '<application1>[:<relation name1>] <application2>[:<relation name2>] | <relation-id>',
      purpose: 'Removes an existing relation between two applications.',
      doc: `Removes an integration, given by its two endpoints or by its id (shown by
"juju status --relations" in JSON/YAML, or as JUJU_RELATION_ID in hooks).
The units run their relation-departed and relation-broken hooks first.`,
      examples: `    juju remove-relation mysql wordpress
    juju remove-relation 4
    juju remove-relation 4 --force
`,
      seeAlso: ['integrate', 'remove-application'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.force = f.bool('force', false, 'Force remove a relation');
  }

  override init(args: string[]): void {
    if (args.length === 1 && /^(?:0|[1-9][0-9]*)$/.test(args[0] ?? '')) {
      this.relationId = Number(args[0]);
      return;
    }
    if (args.length !== 2) throw new UsageError('a relation must involve two applications');
    this.endpoints = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const force = this.force?.value ?? false;
    if (this.relationId !== undefined) {
      await conn.call('Application', 'DestroyRelation', { 'relation-id': this.relationId, force });
      return;
    }
    await conn.call('Application', 'DestroyRelation', { endpoints: this.endpoints, force });
  }
}
