/**
 * Column alignment with Go text/tabwriter semantics (minwidth 0, padding 2,
 * space padding), which `juju status` and every tabular listing use: cells are
 * tab-terminated, a column's width is set per block of consecutive lines that
 * have that cell, and the last (unterminated) cell of a line is never padded.
 */

export interface TabWriterOptions {
  readonly padding?: number;
  /** Column indexes whose cells are right-aligned (status Scale/Rev). */
  readonly alignRight?: ReadonlySet<number>;
}

export class TabWriter {
  private readonly lines: string[][] = [];
  private readonly padding: number;
  private readonly alignRight: ReadonlySet<number>;

  constructor(opts: TabWriterOptions = {}) {
    this.padding = opts.padding ?? 2;
    this.alignRight = opts.alignRight ?? new Set();
  }

  /** Add a row: every cell but the last is a terminated (aligned) cell. */
  row(...cells: readonly (string | number)[]): this {
    this.lines.push(cells.map(String));
    return this;
  }

  /** Add a blank line (ends every column block, as in Go). */
  blank(): this {
    this.lines.push(['']);
    return this;
  }

  toString(): string {
    const out: string[] = [];
    this.format(out, 0, this.lines.length, []);
    return out.join('');
  }

  private format(out: string[], line0: number, line1: number, widths: number[]): void {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= (this.lines[i] as string[]).length - 1) continue;
      this.writeLines(out, line0, i, widths);
      line0 = i;
      let width = 0;
      for (; i < line1; i++) {
        const line = this.lines[i] as string[];
        if (column >= line.length - 1) break;
        width = Math.max(width, cellWidth(line[column] as string) + this.padding);
      }
      this.format(out, line0, i, [...widths, width]);
      line0 = i;
    }
    this.writeLines(out, line0, line1, widths);
  }

  private writeLines(out: string[], line0: number, line1: number, widths: readonly number[]): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as string[];
      let text = '';
      line.forEach((cell, j) => {
        const w = widths[j];
        if (j < line.length - 1 && w !== undefined) {
          const pad = ' '.repeat(Math.max(0, w - cellWidth(cell)));
          text += this.alignRight.has(j)
            ? pad.slice(this.padding) + cell + ' '.repeat(this.padding)
            : cell + pad;
        } else {
          text += cell;
        }
      });
      out.push(`${text}\n`);
    }
  }
}

/** Display width: characters, ignoring ANSI colour sequences. */
function cellWidth(cell: string): number {
  return [...cell.replace(/\x1b\[[0-9;]*m/g, '')].length;
}
