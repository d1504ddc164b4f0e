/**
 * `juju kill-controller <name>`: removes a controller even when its API is
 * gone. It asks the API to destroy the models first (bounded by --timeout),
 * then removes every instance of the controller through the provider.
 */
import { parseDuration } from '../../../core/duration.js';
import { errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { confirmByName, withTimeout } from './prompt.js';
import { removeControllerResources } from './teardown.js';

export class KillControllerCommand extends ControllerCommandBase {
  private target = '';
  private timeout!: FlagRef<string>;
  private noPrompt!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'kill-controller',
      args: '<controller name>',
      purpose: 'Forcibly terminate all machines and other associated resources for a Juju controller.',
      doc: `Forcibly destroy the specified controller. If the API server is reachable,
kill-controller first asks it to destroy the hosted models, waiting at most
--timeout. Then every machine of the controller is removed directly through
the cloud's provider, and the controller is removed from this client.

Use this only when destroy-controller cannot do the job.`,
      examples:
        '    juju kill-controller mycontroller\n    juju kill-controller --no-prompt -t 10s mycontroller\n',
      seeAlso: ['destroy-controller', 'unregister'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.timeout = f.string(['t', 'timeout'], '5m0s', 'Timeout before direct destruction');
    this.noPrompt = f.bool('no-prompt', false, 'Do not ask for confirmation');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no controller specified');
    if (args.length > 1)
      throw new UsageError(
        `unrecognized args: ${args
          .slice(1)
          .map((a) => JSON.stringify(a))
          .join(' ')}`,
      );
    this.target = args[0] as string;
    try {
      parseDuration(this.timeout.value);
    } catch (err) {
      throw new UsageError(`invalid value "${this.timeout.value}" for option -t: ${errorMessage(err)}`);
    }
  }

  protected async execute(ctx: Context): Promise<number> {
    const store = this.store(ctx);
    store.controllerByName(this.target);
    if (!this.noPrompt.value) {
      ctx.warningf(`This command will destroy the "${this.target}" controller and all its resources`);
      await confirmByName(ctx, 'controller', this.target, 'destroyed', 'controller destruction');
    }
    const budget = Math.min(parseDuration(this.timeout.value), 60_000);
    try {
      await withTimeout(
        (async () => {
          const conn = await this.open(ctx, this.target);
          await conn.call('Controller', 'DestroyController', { 'destroy-models': true, force: true });
        })(),
        budget,
        () => {
          throw new Error('timed out');
        },
      );
    } catch (err) {
      ctx.infof(`Unable to destroy the controller through its API: ${errorMessage(err)}`);
      ctx.infof('Destroying the controller through the cloud provider');
    }
    ctx.infof(`Killing controller "${this.target}"`);
    await removeControllerResources(ctx, store, this.target);
    ctx.infof(`Controller "${this.target}" destroyed`);
    return 0;
  }
}
