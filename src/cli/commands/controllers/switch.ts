/** `juju switch [<target>]`: show or change the current controller and model. */
import type { ClientStore } from '../../../clientstore/index.js';
import { qualifyModelName } from '../../../clientstore/index.js';
import { JujuError, errorMessage, isJujuError } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { refreshModels } from '../../modelcmd/refresh-models.js';
import { ApiCommandBase } from './api-command.js';
import { currentControllerName } from './current-controller.js';

const MISSING_MODEL_NAME =
  'juju: no model name was passed. See "juju switch --help".\n\nDid you mean:\n\tjuju switch <model name>';

export class SwitchCommand extends ApiCommandBase {
  private modelFlag: FlagRef<string> | undefined;
  private controllerFlag: FlagRef<string> | undefined;
  private target = '';

  info(): CommandInfo {
    return {
      name: 'switch',
      args: '[<controller>|<model>|<controller>:|:<model>|<controller>:<model>]',
      purpose: 'Selects or identifies the current controller and model.',
      doc: `Without an argument, prints the current controller and its current model.

With one argument without a colon, juju looks for a controller of that name
and switches to it; if there is none, it switches to the model of that name on
the current controller.

A colon removes the doubt:
- mycontroller: switches to mycontroller (and its current model),
- :mymodel switches to mymodel on the current controller,
- mycontroller:mymodel switches to mymodel on mycontroller.

"-" as the argument (or as the value of -m) switches back to the previous model
of the current controller.

"juju models" marks the current model of a controller with an asterisk.`,
      examples: `    juju switch
    juju switch mymodel
    juju switch mycontroller
    juju switch mycontroller:mymodel
    juju switch mycontroller:
    juju switch :mymodel
    juju switch -m mymodel
    juju switch -m mycontroller:mymodel
    juju switch -c mycontroller
    juju switch -`,
      seeAlso: ['controllers', 'models', 'show-controller'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.modelFlag = flags.string(
      ['m', 'model'],
      '',
      'Model to operate in. Accepts [<controller name>:]<model name>',
    );
    this.controllerFlag = flags.string(['c', 'controller'], '', 'Controller to operate in');
  }

  override init(args: string[]): void {
    const model = this.modelFlag?.value ?? '';
    const controller = this.controllerFlag?.value ?? '';
    if (model !== '' && controller !== '')
      throw new UsageError('cannot specify both a --model and --controller');
    if (model !== '' || controller !== '') {
      checkNoMoreArgs(args);
      // `-m m` means `:m` and `-c c` means `c:`, unless -m already names a controller.
      this.target = controller !== '' ? `${controller}:` : model.includes(':') ? model : `:${model}`;
      if (model === '-') this.target = '-';
    } else {
      this.target = args[0] ?? '';
      checkNoMoreArgs(args.slice(1));
    }
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const store = this.store(ctx);
    const current = currentControllerName(store, ctx.env);
    if (this.target === '') {
      const name = currentName(store, current, true);
      if (name === '') throw new JujuError('', MISSING_MODEL_NAME);
      ctx.out(`${name}\n`);
      return;
    }
    const source = currentName(store, current, false);
    const envController = ctx.env['JUJU_CONTROLLER'] ?? '';
    if (envController !== '') {
      throw new JujuError(
        '',
        `cannot switch when JUJU_CONTROLLER is overriding the controller (set to ${JSON.stringify(envController)})`,
      );
    }
    const envModel = ctx.env['JUJU_MODEL'] ?? '';
    if (envModel !== '') {
      throw new JujuError(
        '',
        `cannot switch when JUJU_MODEL is overriding the model (set to ${JSON.stringify(envModel)})`,
      );
    }
    const target = this.resolvePrevious(store, current);
    const destination = await this.switchTo(ctx, store, current, target);
    if (destination === source) ctx.infof(`${source} (no change)`);
    else ctx.infof(`${source} -> ${destination}`);
  }

  /** `-` and `:-` mean the current controller's previous model. */
  private resolvePrevious(store: ClientStore, current: string | undefined): string {
    if (this.target !== '-' && this.target !== ':-') return this.target;
    if (current === undefined) throw new JujuError('not found', 'no current controller');
    const previous = store.previousModel(current);
    if (previous === undefined)
      throw new JujuError('not found', `no previous model for controller ${current}`);
    return `:${previous}`;
  }

  private async switchTo(
    ctx: Context,
    store: ClientStore,
    current: string | undefined,
    target: string,
  ): Promise<string> {
    const colon = target.indexOf(':');
    if (colon < 0) {
      if (hasController(store, target)) return this.switchToController(store, target);
      if (current === undefined) throw unknownTarget(target);
      return this.switchToModel(ctx, store, current, target, target);
    }
    let controller = target.slice(0, colon);
    const model = target.slice(colon + 1);
    if (controller === '') {
      if (current === undefined) throw unknownTarget(target);
      controller = current;
    }
    if (model === '') return this.switchToController(store, controller);
    return this.switchToModel(ctx, store, controller, model, target);
  }

  private switchToController(store: ClientStore, controller: string): string {
    store.controllerByName(controller);
    const name = currentName(store, controller, false);
    store.setCurrentController(controller);
    return name;
  }

  private async switchToModel(
    ctx: Context,
    store: ClientStore,
    controller: string,
    model: string,
    target: string,
  ): Promise<string> {
    store.controllerByName(controller);
    let qualified = model;
    if (!model.includes('/')) {
      let user: string;
      try {
        user = store.accountDetails(controller).user;
      } catch (err) {
        throw new JujuError(
          'not found',
          `getting account details for qualifying model name: ${errorMessage(err)}`,
        );
      }
      qualified = qualifyModelName(model, user);
    }
    if (!Object.hasOwn(store.allModels(controller), qualified)) {
      // The model may exist on the controller without being cached yet.
      try {
        await refreshModels(store, controller, (c) => this.open(ctx, c));
      } catch (err) {
        throw new JujuError(
          isJujuError(err) ? err.code : '',
          `refreshing models cache: ${errorMessage(err)}`,
        );
      }
      if (!Object.hasOwn(store.allModels(controller), qualified)) throw unknownTarget(target);
    }
    store.transaction((s) => {
      s.setCurrentController(controller);
      s.setCurrentModel(controller, qualified);
    });
    return `${controller}:${qualified}`;
  }
}

function hasController(store: ClientStore, name: string): boolean {
  return Object.hasOwn(store.allControllers(), name);
}

function unknownTarget(target: string): JujuError {
  return new JujuError('not found', `${JSON.stringify(target)} is not the name of a model or controller`);
}

/**
 * `ctrl:owner/model` for the controller's current model, else the controller
 * name (`ctrl (controller)` when not machine-readable); '' without a controller.
 */
function currentName(store: ClientStore, controller: string | undefined, machineReadable: boolean): string {
  if (controller === undefined) return '';
  const model = store.currentModel(controller);
  if (model !== undefined) return `${controller}:${model}`;
  return machineReadable ? controller : `${controller} (controller)`;
}
