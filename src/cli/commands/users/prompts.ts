/**
 * Reading answers and secrets for the user commands. Prompts go to stderr.
 * On a terminal, secrets are read with echo off; otherwise (pipes, tests) a
 * line is read from stdin as is, so scripts can feed answers.
 */
import type { Readable } from 'node:stream';
import { JujuError } from '../../../core/errors.js';
import type { Context } from '../../framework/context.js';

interface RawTerminal extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Reads one line after `prompt`; fails with `EOF` at end of input. */
export async function readAnswer(ctx: Context, prompt: string): Promise<string> {
  const stdin = ctx.streams.stdin as RawTerminal;
  const terminal = stdin.isTTY === true;
  // A terminal never ends: let it flow only while an answer is awaited, or
  // the process would wait on it after the command finishes.
  if (terminal) stdin.resume();
  try {
    const line = await ctx.readLine(prompt);
    if (line === null) throw new JujuError('', 'EOF');
    return line;
  } finally {
    if (terminal) stdin.pause();
  }
}

/**
 * Reads a secret after `prompt`, then ends the prompt line (as Juju does, since
 * the typed text is not echoed). With an empty prompt nothing is written.
 */
export async function readSecret(ctx: Context, prompt: string): Promise<string> {
  const stdin = ctx.streams.stdin as RawTerminal;
  let value: string;
  if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') {
    ctx.err(prompt);
    value = await readHidden(stdin);
  } else {
    value = await readAnswer(ctx, prompt);
  }
  if (prompt !== '') ctx.err('\n');
  return value;
}

/** Reads a line from a raw-mode terminal without echoing it. */
function readHidden(stdin: RawTerminal): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (err: Error | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new JujuError('', 'interrupted'));
        if (ch === '\u0004') return text === '' ? finish(new JujuError('', 'EOF')) : finish(null);
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Asks for a new password twice; Juju's wording differs per command, so the texts are parameters. */
export async function readNewPassword(
  ctx: Context,
  prompts: { first: string; again: string },
  errors: { empty: string; mismatch: string },
): Promise<string> {
  const password = await readSecret(ctx, prompts.first);
  if (password === '') throw new JujuError('not valid', errors.empty);
  const again = await readSecret(ctx, prompts.again);
  if (password !== again) throw new JujuError('', errors.mismatch);
  return password;
}
