/**
 * `juju destroy-controller <name>`: destroys the controller's hosted models
 * through its API (only with --destroy-all-models when there are any), then
 * removes the controller machines through the provider and forgets the
 * controller locally.
 */
import type { ApiConnection } from '../../../api/connection.js';
import { ErrorCode, JujuError, isJujuError, errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { confirmByName, withTimeout } from './prompt.js';
import { removeControllerResources } from './teardown.js';

interface UserModels {
  'user-models': { model: { name: string; uuid: string; 'owner-tag': string } }[];
}
interface ModelStatusResults {
  results: {
    'model-tag'?: string;
    'hosted-machine-count'?: number;
    'application-count'?: number;
    error?: unknown;
  }[];
}

const API_TIMEOUT_MS = 30_000;

export class DestroyControllerCommand extends ControllerCommandBase {
  private target = '';
  private destroyAll!: FlagRef<boolean>;
  private destroyStorage!: FlagRef<boolean>;
  private releaseStorage!: FlagRef<boolean>;
  private force!: FlagRef<boolean>;
  private noPrompt!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'destroy-controller',
      args: '<controller name>',
      purpose: 'Destroys a controller.',
      doc: `All workload models running on the controller will first need to be
destroyed, either in advance, or by specifying --destroy-all-models.

The controller's machines are then removed through its cloud, and the
controller is removed from this client. This command asks you to type the
controller's name back unless --no-prompt is given.

If the controller cannot be reached, use "juju kill-controller".`,
      examples: `    juju destroy-controller --destroy-all-models mycontroller
    juju destroy-controller --destroy-all-models --no-prompt mycontroller
`,
      seeAlso: ['kill-controller', 'unregister'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.destroyAll = f.bool('destroy-all-models', false, 'Destroy all models in the controller');
    this.destroyStorage = f.bool(
      'destroy-storage',
      false,
      'Destroy all storage instances managed by the controller',
    );
    this.releaseStorage = f.bool(
      'release-storage',
      false,
      'Release all storage instances from management of the controller, without destroying them',
    );
    this.force = f.bool('force', false, 'Force destroy models ignoring any errors');
    f.bool(
      'no-wait',
      false,
      'Rush through model destruction without waiting for each individual step to complete',
    );
    f.string('model-timeout', '', 'Timeout for each step of force model destruction');
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
  }

  protected async execute(ctx: Context): Promise<number> {
    if (this.destroyStorage.value && this.releaseStorage.value) {
      throw new JujuError(
        ErrorCode.NotValid,
        '--destroy-storage and --release-storage cannot both be specified',
      );
    }
    const store = this.store(ctx);
    store.controllerByName(this.target);
    let conn: ApiConnection;
    try {
      conn = await this.open(ctx, this.target);
    } catch (err) {
      throw new JujuError(
        '',
        `cannot connect to controller "${this.target}": ${errorMessage(err)}\n\nUse "juju kill-controller ${this.target}" to remove it without its API.`,
      );
    }
    const models = await this.hostedModels(conn);
    if (!this.noPrompt.value) {
      ctx.warningf(`This command will destroy the "${this.target}" controller and all its resources`);
      if (models.length > 0) {
        ctx.err(` - ${models.length} model${models.length === 1 ? '' : 's'} will be destroyed\n`);
        ctx.err(`  - model list: ${models.map((m) => `"${m.name} (${m.owner})"`).join(', ')}\n`);
      }
      await confirmByName(ctx, 'controller', this.target, 'destroyed', 'controller destruction');
    }
    ctx.infof('Destroying controller');
    try {
      await withTimeout(
        conn.call('Controller', 'DestroyController', {
          'destroy-models': this.destroyAll.value,
          ...(this.destroyStorage.value ? { 'destroy-storage': true } : {}),
          ...(this.releaseStorage.value ? { 'destroy-storage': false } : {}),
          force: this.force.value,
        }),
        API_TIMEOUT_MS,
        () => {
          throw new JujuError(
            ErrorCode.DeadlineExceeded,
            'timed out waiting for the controller to destroy its models',
          );
        },
      );
    } catch (err) {
      if (isJujuError(err, ErrorCode.ControllerHasHostedModels)) {
        const live = await this.hostedModels(conn);
        const lines = live.map(
          (m) =>
            `\t${m.owner}/${m.name} (${plural(m.machines, 'machine')}, ${plural(m.applications, 'application')})`,
        );
        throw new JujuError(
          err.code,
          `cannot destroy controller "${this.target}"\n\nThe controller has live models. If you want\nto destroy all models in the controller,\nrun this command again with the --destroy-all-models\noption.\n\nModels:\n${lines.join('\n')}`,
        );
      }
      if (!this.force.value) throw err;
      ctx.warningf(`destroying models: ${errorMessage(err)} (continuing because of --force)`);
    }
    void conn.close();
    if (models.length > 0) ctx.infof('Waiting for model resources to be reclaimed');
    ctx.infof('All models reclaimed, cleaning up controller machines');
    await removeControllerResources(ctx, store, this.target);
    return 0;
  }

  private async hostedModels(
    conn: ApiConnection,
  ): Promise<{ name: string; owner: string; machines: number; applications: number }[]> {
    const all = await conn.call<UserModels>('Controller', 'AllModels');
    const hosted = all['user-models'].filter(
      (m) => m.model.name !== 'controller' || m.model['owner-tag'] !== 'user-admin',
    );
    if (hosted.length === 0) return [];
    const status = await conn.call<ModelStatusResults>('Controller', 'ModelStatus', {
      entities: hosted.map((m) => ({ tag: `model-${m.model.uuid}` })),
    });
    return hosted.map((m, i) => ({
      name: m.model.name,
      owner: m.model['owner-tag'].replace(/^user-/, ''),
      machines: status.results[i]?.['hosted-machine-count'] ?? 0,
      applications: status.results[i]?.['application-count'] ?? 0,
    }));
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
