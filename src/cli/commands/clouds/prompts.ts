/**
 * Juju's interactive questions (its "pollster"): prompts on stdout, one line
 * read per answer, a blank line after each answer, and the question asked
 * again until the answer is valid.
 */
import { JujuError } from '../../../core/errors.js';
import type { Context } from '../../framework/context.js';

/** Checks an answer: undefined when it is fine, else the message to show. */
export type Verify = (answer: string) => string | undefined;

async function readAnswer(ctx: Context): Promise<string> {
  const line = await ctx.readLine('');
  if (line === null) {
    ctx.out('\n');
    throw new JujuError('', 'EOF: no more input to answer the question');
  }
  ctx.out('\n');
  return line.trim();
}

/** Ask until `verify` accepts; `Enter <what>: `. An empty answer is refused unless `optional`. */
export async function enter(ctx: Context, what: string, verify?: Verify, optional = false): Promise<string> {
  for (;;) {
    ctx.out(`Enter ${what}${optional ? ' (optional)' : ''}: `);
    const answer = await readAnswer(ctx);
    if (answer === '' && !optional) continue;
    if (answer === '' && optional) return '';
    const problem = verify?.(answer);
    if (problem === undefined) return answer;
    ctx.out(`${problem}\n`);
  }
}

/** Ask with a full prompt of the caller's own wording. */
export async function ask(ctx: Context, prompt: string, verify?: Verify, def = ''): Promise<string> {
  for (;;) {
    ctx.out(prompt);
    const answer = (await readAnswer(ctx)) || def;
    if (answer === '' && def === '') continue;
    const problem = verify?.(answer);
    if (problem === undefined) return answer;
    ctx.out(`${problem}\n`);
  }
}

export interface Choice {
  readonly singular: string;
  readonly plural: string;
  readonly options: readonly string[];
  /** Taken when the answer is empty. */
  readonly default?: string;
}

/** List the options, then `Select <singular> [<default>]: ` until a listed option is chosen. */
export async function select(ctx: Context, choice: Choice, verify?: Verify): Promise<string> {
  const title = choice.plural.replace(/\b\w/g, (c) => c.toUpperCase());
  ctx.out(`${title}\n${choice.options.map((o) => `  ${o}\n`).join('')}\n`);
  for (;;) {
    ctx.out(`Select ${choice.singular}${choice.default ? ` [${choice.default}]` : ''}: `);
    const answer = await readAnswer(ctx);
    if (answer === '' && choice.default !== undefined) return choice.default;
    if (answer === '') continue;
    const problem = verify ? verify(answer) : undefined;
    const listed = choice.options.find((o) => o.toLowerCase() === answer.toLowerCase());
    if (verify && problem === undefined) return listed ?? answer;
    if (!verify && listed !== undefined) return listed;
    ctx.out(`${problem ?? `Invalid ${choice.singular}: ${JSON.stringify(answer)}`}\n`);
  }
}
