/**
 * juju-log [I]: write a message to the unit's log (module `unit.<unit>.juju-log`),
 * prefixed with `<endpoint>:<id>: ` inside relation hooks.
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, fakeRelationId } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { LogLevel } from '../context.js';

/** loggo.ParseLevel: case-insensitive, WARN accepted for WARNING. */
function parseLevel(text: string): LogLevel | undefined {
  const upper = text.trim().toUpperCase();
  if (upper === 'WARN') return 'WARNING';
  const levels: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];
  return levels.find((l) => l === upper);
}

export class JujuLogCommand extends HookToolCommand {
  private debug: FlagRef<boolean> | undefined;
  private level: FlagRef<string> | undefined;
  private format: FlagRef<string> | undefined;
  private message = '';

  info(): ToolInfo {
    return { name: 'juju-log', args: '<message>', purpose: 'Write a message to the juju log.' };
  }

  override setFlags(f: FlagSet): void {
    this.debug = f.bool('debug', false, 'log at debug level');
    this.level = f.string(['l', 'log-level'], 'INFO', 'Send log message at the given level');
    this.format = f.string('format', '', 'deprecated format flag');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new Error('no message specified');
    this.message = args.join(' ');
  }

  async run(rt: ToolRuntime): Promise<void> {
    if (this.format?.value) rt.stderr('--format flag deprecated for command "juju-log"');
    const module = `unit.${this.ctx.unitName}.juju-log`;
    let level: LogLevel = 'INFO';
    const requested = this.level?.value ?? '';
    if (this.debug?.value) level = 'DEBUG';
    else if (requested !== '') {
      const parsed = parseLevel(requested);
      if (parsed === undefined) {
        await this.ctx.log(
          'WARNING',
          module,
          `Specified log level of ${JSON.stringify(requested)} is not valid`,
        );
      } else level = parsed;
    }
    let prefix = '';
    const hookId = this.ctx.hookRelationId();
    if (hookId !== undefined) {
      try {
        prefix = `${fakeRelationId(this.ctx.relation(hookId))}: `;
      } catch {
        // Relation gone: no prefix.
      }
    }
    await this.ctx.log(level, module, `${prefix}${this.message}`);
  }
}
