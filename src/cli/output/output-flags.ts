/**
 * `--format` and `-o/--output` for commands that print results, with the set of
 * formats each command allows. Formatters turn the command's result value into
 * text; yaml and json are shared, tabular/smart/plain are per command.
 */
import { writeFileSync } from 'node:fs';
import type { Context } from '../framework/context.js';
import type { FlagRef, FlagSet } from '../framework/flags.js';
import { formatJson, formatYaml } from './formats.js';

export type Formatter = (value: unknown) => string;

export const yamlFormatter: Formatter = formatYaml;
export const jsonFormatter: Formatter = formatJson;

export class OutputOptions {
  private formatRef: FlagRef<string> | undefined;
  private outputRef: FlagRef<string> | undefined;

  constructor(
    private readonly defaultFormat: string,
    private readonly formatters: Readonly<Record<string, Formatter>>,
  ) {}

  setFlags(flags: FlagSet): void {
    const names = Object.keys(this.formatters).sort();
    this.formatRef = flags.custom(
      'format',
      this.defaultFormat,
      `Specify output format (${names.join('|')})`,
      (text) => {
        if (!(text in this.formatters)) throw new Error(`unknown format ${JSON.stringify(text)}`);
        return text;
      },
      this.defaultFormat,
    );
    this.outputRef = flags.string(['o', 'output'], '', 'Specify an output file');
  }

  get format(): string {
    return this.formatRef?.value ?? this.defaultFormat;
  }

  /** Whether the user picked the format explicitly. */
  get formatGiven(): boolean {
    return this.formatRef?.given ?? false;
  }

  /** Render `value` in the chosen format to stdout or the `-o` file. */
  write(ctx: Context, value: unknown): void {
    const formatter = this.formatters[this.format] as Formatter;
    const text = formatter(value);
    const file = this.outputRef?.value ?? '';
    if (file !== '') writeFileSync(ctx.path(file), text, { mode: 0o644 });
    else ctx.out(text);
  }
}
