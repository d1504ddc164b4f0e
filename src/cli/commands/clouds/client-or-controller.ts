/**
 * The base of the clouds/credentials family: commands that act on this
 * client's copy (`--client`), a controller's copy (`-c/--controller`), or
 * both. Without either option a read-only command reads the client copy; a
 * changing command asks which copy to change when it can prompt, and acts on
 * the client copy when no controller is selected.
 */
import type { ApiConnection } from '../../../api/connection.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { currentControllerName } from '../controllers/current-controller.js';

/** Which copies a run acts on. */
export interface Targets {
  readonly client: boolean;
  /** The controller to act on, if any. */
  readonly controller?: string;
}

export const PIPED_PROMPT_ERROR =
  'The command is piped and Juju cannot prompt to clarify whether the --client or a --controller is to be used.\n' +
  'Please clarify by re-running the command with the desired option(s).';

export abstract class ClientOrControllerCommand extends ControllerCommandBase {
  protected clientFlag: FlagRef<boolean> | undefined;

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.clientFlag = flags.bool('client', false, 'Client operation');
  }

  /** The controller named by `-c`, checked to exist. */
  protected flaggedController(ctx: Context): string | undefined {
    const name = this.controllerFlag?.value ?? '';
    if (name === '') return undefined;
    return this.controllerName(ctx);
  }

  /**
   * Decide the copies to act on. `action` completes Juju's questions, e.g.
   * "add cloud to" → "Do you want to add cloud to:".
   */
  protected async targets(ctx: Context, action: string, readOnly: boolean): Promise<Targets> {
    const client = this.clientFlag?.value ?? false;
    const flagged = this.flaggedController(ctx);
    if (client || flagged !== undefined)
      return { client, ...(flagged !== undefined ? { controller: flagged } : {}) };
    if (readOnly) return { client: true };

    const current = currentControllerName(this.store(ctx), ctx.env);
    ctx.infof('This operation can be applied to both a copy on this client and to the one on a controller.');
    const interactive = ctx.isTerminal('stdin');
    if (current === undefined) {
      const all = Object.keys(this.store(ctx).allControllers());
      if (all.length === 0) {
        ctx.infof(
          'No current controller was detected and there are no registered controllers on this client: either bootstrap one or register one.',
        );
        return { client: true };
      }
      ctx.infof(
        'No current controller was detected but there are other controllers registered: use -c or --controller to specify a controller if needed.',
      );
      if (!interactive) return { client: true };
      const yes = await askYesNo(ctx, `Do you ONLY want to ${action} this client`, true);
      if (!yes) ctx.infof('Neither client nor controller specified - nothing to do.');
      return { client: yes };
    }
    if (!interactive) throw new Error(PIPED_PROMPT_ERROR);
    ctx.out(`Do you want to ${action}:\n`);
    ctx.out('    1. client only (--client)\n');
    ctx.out(`    2. controller ${JSON.stringify(current)} only (--controller ${current})\n`);
    ctx.out(`    3. both (--client --controller ${current})\n`);
    ctx.out('Enter your choice, or type Q|q to quit: ');
    for (;;) {
      const line = await ctx.readLine('');
      const choice = (line ?? 'q').trim().toLowerCase();
      if (choice === '1') return { client: true };
      if (choice === '2') return { client: false, controller: current };
      if (choice === '3') return { client: true, controller: current };
      if (choice === 'q') {
        ctx.infof('Neither client nor controller specified - nothing to do.');
        return { client: false };
      }
      ctx.infof('Invalid choice, enter a number between 1 and 3 or quit Q|q');
    }
  }

  /** A logged-in connection to `controller`. */
  protected connectTo(ctx: Context, controller: string): Promise<ApiConnection> {
    return this.open(ctx, controller);
  }
}

/** Juju's yes/no question: `<question>? (Y/n): `; an empty answer takes the default. */
export async function askYesNo(ctx: Context, question: string, def: boolean): Promise<boolean> {
  for (;;) {
    ctx.out(`${question}? (${def ? 'Y/n' : 'y/N'}): `);
    const line = await ctx.readLine('');
    if (line === null) {
      ctx.out('\n');
      return def;
    }
    const answer = line.trim().toLowerCase();
    if (answer === '') return def;
    if (answer === 'y' || answer === 'yes') return true;
    if (answer === 'n' || answer === 'no') return false;
    ctx.out(`Invalid entry: ${JSON.stringify(line.trim())}, please choose y or n.\n`);
  }
}
