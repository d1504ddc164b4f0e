/**
 * relation-get [R]: settings of a unit or application in a relation. The local
 * unit's bag (and the local application's, for the leader) includes this hook's
 * pending relation-set writes; anything else comes from the controller (§4.1).
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { isValidApplicationName, isValidUnitName } from '../../../core/names.js';
import { HookToolCommand, OutputOptions, checkEmpty, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { sortedKeys } from '../format.js';

export class RelationGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private relationId: FlagRef<number> | undefined;
  private app: FlagRef<boolean> | undefined;
  private key = '';
  private target = '';
  private appScope = false;

  info(): ToolInfo {
    const remote = this.ctx.remoteUnitName();
    return {
      name: 'relation-get',
      args: remote !== undefined ? '[<key> [<unit id>]]' : '<key> <unit id>',
      purpose: 'Get relation settings.',
      doc:
        'Prints one setting (by key) or all settings (no key, or "-") of a unit in a\n' +
        "relation. The relation defaults to the hook's, the unit to the hook's remote\n" +
        "unit. With --app, the application bag set by that application's leader is read.\n" +
        "A unit reading its own settings sees this hook's relation-set changes." +
        (remote !== undefined ? `\nCurrent default unit id is ${JSON.stringify(remote)}.` : ''),
      examples: '    relation-get\n    relation-get username\n    relation-get -r database:7 - mongodb/5',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.relationId = relationIdFlag(f, this.ctx, 'Specify a relation by id');
    this.app = f.bool('app', false, 'Get the settings of the whole application, not of a unit');
  }

  override init(args: string[]): void {
    if ((this.relationId?.value ?? -1) === -1) throw new Error('no relation id specified');
    let rest = args;
    if (rest.length > 0) {
      this.key = rest[0] === '-' ? '' : (rest[0] as string);
      rest = rest.slice(1);
    }
    this.appScope = this.app?.value ?? false;
    if (rest.length > 0) {
      const given = rest[0] as string;
      rest = rest.slice(1);
      if (this.appScope) {
        if (isValidApplicationName(given)) this.target = given;
        else if (isValidUnitName(given)) this.target = given.slice(0, given.lastIndexOf('/'));
      } else {
        if (!isValidUnitName(given)) {
          if (isValidApplicationName(given)) {
            throw new Error(`expected unit name, got application name ${JSON.stringify(given)}`);
          }
          throw new Error(`invalid unit name ${JSON.stringify(given)}`);
        }
        this.target = given;
      }
    } else if (this.appScope) {
      const remoteApp = this.ctx.remoteAppName();
      if (remoteApp === undefined) throw new Error('no unit or application specified');
      this.target = remoteApp;
    } else {
      const remoteUnit = this.ctx.remoteUnitName();
      const remoteApp = this.ctx.remoteAppName();
      if (remoteUnit !== undefined) this.target = remoteUnit;
      else if (remoteApp !== undefined) {
        this.target = remoteApp;
        this.appScope = true;
      } else throw new Error('no unit or application specified');
    }
    checkEmpty(rest);
  }

  private async readLocal(): Promise<boolean> {
    if (this.target === this.ctx.unitName) return true;
    if (this.target === this.ctx.appName) {
      try {
        return await this.ctx.isLeader();
      } catch (err) {
        throw new Error(`cannot determine leadership status: ${(err as Error).message}`);
      }
    }
    return false;
  }

  async run(rt: ToolRuntime): Promise<void> {
    const id = this.relationId?.value ?? -1;
    this.ctx.relation(id);
    const scope = this.appScope ? 'app' : 'unit';
    const settings = (await this.readLocal())
      ? await this.ctx.localRelationSettings(id, scope)
      : await this.ctx.remoteRelationSettings(id, this.target, scope);
    if (this.key === '') this.out.write(rt, sortedKeys(settings));
    else this.out.write(rt, Object.hasOwn(settings, this.key) ? settings[this.key] : null);
  }
}
