/** `juju whoami`: the current controller, model and user. */
import { ClientStore } from '../../../clientstore/index.js';
import type { YamlMapping } from '../../../clientstore/index.js';
import { stringifyYamlV2 } from '../../../clientstore/index.js';
import type { CommandInfo } from '../../framework/command.js';
import { CommandBase } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { currentControllerName, modelNameForUser } from './current-controller.js';

interface WhoAmI {
  controller: string;
  model?: string;
  user: string;
}

export class WhoAmICommand extends CommandBase {
  private readonly output = new OutputOptions('tabular', {
    tabular: (v) => tabularOf(v as WhoAmI),
    yaml: (v) => yamlOf(v as WhoAmI),
    json: (v) => jsonOf(v as WhoAmI),
  });

  info(): CommandInfo {
    return {
      name: 'whoami',
      purpose: 'Print current login details.',
      doc: 'Shows the current controller, model and logged in user name.',
      examples: '    juju whoami',
      seeAlso: ['controllers', 'login', 'logout', 'models', 'users'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.output.setFlags(flags);
  }

  override run(ctx: Context): Promise<number | void> {
    const store = new ClientStore(undefined, { env: ctx.env });
    const controller = currentControllerName(store, ctx.env);
    if (controller === undefined) {
      ctx.err('There is no current controller.\nRun juju list-controllers to see available controllers.\n');
      return Promise.resolve();
    }
    const model = store.currentModel(controller);
    let user: string;
    try {
      user = store.accountDetails(controller).user;
    } catch {
      ctx.err(
        `You are not logged in to controller ${JSON.stringify(controller)} and model ${JSON.stringify(model ?? '')}.\nRun juju login if you want to login.\n`,
      );
      return Promise.resolve();
    }
    const result: WhoAmI = { controller, user };
    if (model !== undefined) result.model = modelNameForUser(model, user);
    this.output.write(ctx, result);
    return Promise.resolve();
  }
}

function tabularOf(w: WhoAmI): string {
  const tw = new TabWriter();
  tw.row('Controller:', w.controller);
  tw.row('Model:', w.model ?? '<no-current-model>');
  tw.row('User:', w.user);
  return tw.toString();
}

function yamlOf(w: WhoAmI): string {
  const m: YamlMapping = new Map([['controller', w.controller]]);
  if (w.model) m.set('model', w.model);
  m.set('user', w.user);
  return stringifyYamlV2(m);
}

function jsonOf(w: WhoAmI): string {
  const o: Record<string, string> = { controller: w.controller };
  if (w.model) o['model'] = w.model;
  o['user'] = w.user;
  return formatJson(o);
}
