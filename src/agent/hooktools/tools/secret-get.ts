/**
 * secret-get [R; tracking bookkeeping immediate]: a secret's content by id and/or
 * label; `--peek` reads the latest revision once, `--refresh` also tracks it.
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { sortedKeys } from '../format.js';
import { parseSecretUri } from '../secret-uri.js';

export class SecretGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('yaml', ['yaml', 'json']);
  private label: FlagRef<string> | undefined;
  private peek: FlagRef<boolean> | undefined;
  private refresh: FlagRef<boolean> | undefined;
  private id: string | undefined;
  private key = '';

  info(): ToolInfo {
    return {
      name: 'secret-get',
      args: '<ID> [key[#base64]]',
      purpose: 'Get the content of a secret.',
      doc:
        'Prints the content of a secret, or of one key (key#base64 prints it encoded).\n' +
        'The first read tracks the latest revision and later reads return that same\n' +
        'revision; --peek reads the latest revision this once, --refresh reads it and\n' +
        'tracks it from now on. The secret is named by its ID, its label, or both.',
      examples:
        '    secret-get secret:9m4e2mr0ui3e8a215n4g\n    secret-get secret:9m4e2mr0ui3e8a215n4g token\n    secret-get --label db-password --refresh',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.label = f.string('label', '', 'a label used to identify the secret in hooks');
    this.peek = f.bool('peek', false, 'get the latest revision just this time');
    this.refresh = f.bool('refresh', false, 'get the latest revision and keep getting it from now on');
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
    if (this.id === undefined && (this.label?.value ?? '') === '')
      throw new Error('require either a secret URI or label');
    if (this.peek?.value && this.refresh?.value)
      throw new Error('specify one of --peek or --refresh but not both');
    if (rest.length > 0) {
      this.key = rest[0] as string;
      rest = rest.slice(1);
    }
    checkEmpty(rest);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const label = this.label?.value ?? '';
    const content = await this.ctx.getSecret({
      ...(this.id !== undefined ? { id: this.id } : {}),
      ...(label !== '' ? { label } : {}),
      refresh: this.refresh?.value ?? false,
      peek: this.peek?.value ?? false,
    });
    const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');
    if (this.key === '') {
      this.out.write(
        rt,
        sortedKeys(Object.fromEntries(Object.entries(content).map(([k, v]) => [k, decode(v)]))),
      );
      return;
    }
    const raw = this.key.endsWith('#base64');
    const key = raw ? this.key.slice(0, -'#base64'.length) : this.key;
    const value = content[key];
    if (value === undefined) throw new Error(`secret key value ${JSON.stringify(key)} not found`);
    this.out.write(rt, raw ? value : decode(value));
  }
}
