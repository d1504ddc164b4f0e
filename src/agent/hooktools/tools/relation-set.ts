/**
 * relation-set [B]: write the local unit's (or, for the leader, the application's)
 * relation settings; `key=` deletes; `--file` (or `-` for stdin) supplies a YAML map
 * that key=value arguments override. Buffered until the hook succeeds (§4.1, §5.2).
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, decodeSettingsFile, parseKeyValues, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { Settings } from '../context.js';

export class RelationSetCommand extends HookToolCommand {
  private relationId: FlagRef<number> | undefined;
  private file: FlagRef<string> | undefined;
  private app: FlagRef<boolean> | undefined;
  private format: FlagRef<string> | undefined;
  private settings: Settings = {};

  info(): ToolInfo {
    return {
      name: 'relation-set',
      args: 'key=value [key=value ...]',
      purpose: 'Set relation settings.',
      doc:
        "Writes settings of the local unit in a relation (default: the hook's relation).\n" +
        'Values are stored as strings; an empty value removes the key; a key may appear\n' +
        'only once. The leader can write the application bag with --app.\n' +
        '--file names a YAML map of settings ("-" reads stdin); key=value arguments\n' +
        'override entries from the file.',
    };
  }

  override setFlags(f: FlagSet): void {
    this.relationId = relationIdFlag(f, this.ctx, 'specify a relation by id');
    this.file = f.string('file', '', 'file containing key-value pairs');
    this.app = f.bool('app', false, 'write the application settings instead of the unit settings');
    this.format = f.string('format', '', 'deprecated format flag');
  }

  override init(args: string[]): void {
    if ((this.relationId?.value ?? -1) === -1) throw new Error('no relation id specified');
    this.settings = parseKeyValues(args);
  }

  async run(rt: ToolRuntime): Promise<void> {
    if (this.format?.value) rt.stderr('--format flag deprecated for command "relation-set"');
    let settings = this.settings;
    const file = this.file?.value ?? '';
    if (file !== '') {
      const data = file === '-' ? rt.readStdin() : rt.readFile(file);
      settings = { ...decodeSettingsFile(data), ...this.settings };
    }
    const id = this.relationId?.value ?? -1;
    this.ctx.relation(id);
    if (this.app?.value) {
      let leader: boolean;
      try {
        leader = await this.ctx.isLeader();
      } catch (err) {
        throw new Error(`cannot determine leadership status: ${(err as Error).message}`);
      }
      if (!leader) throw new Error('cannot write relation settings');
      await this.ctx.updateLocalRelationSettings(id, 'app', settings);
    } else {
      await this.ctx.updateLocalRelationSettings(id, 'unit', settings);
    }
  }
}
