/**
 * `juju show-action <application> <action>`: one action's description and
 * its arguments (type, description, default) from the application's charm.
 */
import { isValidApplicationName } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { ActionApi } from './action-api.js';
import { goStruct, marshalGoYaml, type GoValue } from './go-output.js';

export class ShowActionCommand extends ModelCommandBase {
  private application = '';
  private action = '';

  info(): CommandInfo {
    return {
      name: 'show-action',
      args: '<application> <action>',
      purpose: 'Shows detailed information about an action.',
      doc: `Shows an action of the application's charm: its description, then each
argument with its type, description and default.`,
      examples: `    juju show-action postgresql backup
`,
      seeAlso: ['actions', 'run'],
    };
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no application specified');
    if (args.length === 1) throw new UsageError('no action specified');
    const app = args[0] as string;
    if (!isValidApplicationName(app)) throw new UsageError(`invalid application name ${JSON.stringify(app)}`);
    this.application = app;
    this.action = args[1] as string;
    checkNoMoreArgs(args.slice(2));
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const actions = await new ActionApi(conn).applicationCharmActions(this.application);
    const spec = Object.hasOwn(actions, this.action) ? actions[this.action] : undefined;
    if (spec === undefined) {
      ctx.infof(`unknown action ${JSON.stringify(this.action)}\n`);
      throw new SilentError(1);
    }
    ctx.out(`${spec.description}\n\nArguments\n`);
    const args: Record<string, GoValue> = {};
    const properties = spec.params['properties'];
    if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
      for (const [name, raw] of Object.entries(properties as Record<string, unknown>)) {
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
        const info = raw as Record<string, unknown>;
        args[name] = goStruct([
          ['type', (info['type'] ?? null) as GoValue],
          ['description', (info['description'] ?? null) as GoValue],
          ['default', info['default'] as GoValue],
        ]);
      }
    }
    ctx.out(`${marshalGoYaml(args)}\n`);
  }
}
