/**
 * The contract every `juju` sub-command implements (after juju/cmd): `info` for
 * help, `setFlags` to declare options, `init` to check positional arguments
 * (a throw there is bad usage: exit 2) and `run` (a throw there is a failure:
 * exit 1, printed as `ERROR <message>`).
 */
import type { FlagSet } from './flags.js';
import type { Context } from './context.js';
import { UsageError } from './flags.js';

export interface CommandInfo {
  readonly name: string;
  /** Positional argument synopsis, e.g. `<model name> [cloud|region|(cloud/region)]`. */
  readonly args?: string;
  /** One-line summary (shown by `juju help commands`). */
  readonly purpose: string;
  /** The "Details:" paragraph(s). */
  readonly doc?: string;
  readonly examples?: string;
  readonly seeAlso?: readonly string[];
  readonly aliases?: readonly string[];
  /** Stop flag parsing at the first positional argument (ssh, scp). */
  readonly noIntersperse?: boolean;
}

export interface Command {
  info(): CommandInfo;
  setFlags(flags: FlagSet): void;
  /** Validate positional args; throw UsageError (or any Error) for bad usage. */
  init(args: string[]): void;
  /** Do the work; return an exit code (default 0) or throw to fail with exit 1. */
  run(ctx: Context): Promise<number | void>;
}

/** Base class with no flags and no positional arguments; commands override what they need. */
export abstract class CommandBase implements Command {
  abstract info(): CommandInfo;
  setFlags(_flags: FlagSet): void {}
  init(args: string[]): void {
    checkNoMoreArgs(args);
  }
  abstract run(ctx: Context): Promise<number | void>;
}

/** Juju's message for surplus positional arguments. */
export function checkNoMoreArgs(args: readonly string[]): void {
  if (args.length > 0)
    throw new UsageError(`unrecognized args: ${args.map((a) => JSON.stringify(a)).join(' ')}`);
}

/** An error already reported to the user: exit with `code` and print nothing more. */
export class SilentError extends Error {
  constructor(readonly code = 1) {
    super('silent');
    this.name = 'SilentError';
  }
}
