/** secret-info-get [R]: metadata of a secret owned by this unit or its application. */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { SecretMetadata } from '../context.js';
import { parseSecretUri } from '../secret-uri.js';

/** The display struct, in Juju's field order (empty optional fields left out). */
function display(md: SecretMetadata): Record<string, unknown> {
  return {
    revision: md.latestRevision,
    label: md.label,
    owner: md.owner,
    ...(md.description !== '' ? { description: md.description } : {}),
    ...(md.rotatePolicy !== '' ? { rotation: md.rotatePolicy } : {}),
    ...(md.latestExpireTime !== undefined ? { expiry: md.latestExpireTime } : {}),
    ...(md.nextRotateTime !== undefined ? { rotates: md.nextRotateTime } : {}),
    ...(md.access.length > 0
      ? { access: md.access.map((a) => ({ target: a.target, scope: a.scope, role: a.role })) }
      : {}),
  };
}

export class SecretInfoGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('yaml', ['yaml', 'json']);
  private label: FlagRef<string> | undefined;
  private id: string | undefined;

  info(): ToolInfo {
    return {
      name: 'secret-info-get',
      args: '<ID>',
      purpose: "Get a secret's metadata info.",
      doc: 'Prints the metadata of a secret named by its ID or by its label.',
      examples: '    secret-info-get secret:9m4e2mr0ui3e8a215n4g\n    secret-info-get --label db-password',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.label = f.string('label', '', 'a label used to identify the secret');
  }

  override init(args: string[]): void {
    let rest = args;
    if (rest.length > 0) {
      const given = rest[0] as string;
      try {
        this.id = parseSecretUri(given).id;
      } catch {
        throw new Error(`secret URI ${JSON.stringify(given)} not valid`);
      }
      rest = rest.slice(1);
    }
    const label = this.label?.value ?? '';
    if (this.id === undefined && label === '') throw new Error('require either a secret URI or label');
    if (this.id !== undefined && label !== '')
      throw new Error('specify either a secret URI or label but not both');
    checkEmpty(rest);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const all = await this.ctx.secretMetadata();
    let want: string;
    if (this.id !== undefined) {
      want = this.id;
      const md = all[want];
      if (md) {
        this.out.write(rt, { [want]: display(md) });
        return;
      }
    } else {
      want = this.label?.value ?? '';
      const found = Object.entries(all).find(([, md]) => md.label === want);
      if (found) {
        this.out.write(rt, { [found[0]]: display(found[1]) });
        return;
      }
    }
    throw new Error(`secret ${JSON.stringify(want)} not found`);
  }
}
