/** The "type the name back" confirmation used by destroy/kill commands. */
import { JujuError } from '../../../core/errors.js';
import type { Context } from '../../framework/context.js';

export async function confirmByName(
  ctx: Context,
  kind: string,
  name: string,
  verb: string,
  abortWhat: string,
): Promise<void> {
  const answer = await ctx.readLine(`To continue, enter the name of the ${kind} to be ${verb}: `);
  if (answer === null || answer.trim() !== name) throw new JujuError('', `${abortWhat}: aborted`);
}

/** Resolves to `fallback` when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
