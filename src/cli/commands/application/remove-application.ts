/**
 * `juju remove-application <app> ...`: removes applications with their units
 * (`Application.DestroyApplication`), after showing what goes and asking
 * when the model requires prompts.
 */
import { applicationTag, isValidApplicationName } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { DestroyApplicationResults } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { RemovalFlags, runRemoval, type RemovalOutcome } from './removal.js';

/** The name inside a tag (`unit-x-0` -> `x/0`). */
export function tagId(tag: string): string {
  const rest = tag.slice(tag.indexOf('-') + 1);
  if (tag.startsWith('unit-') || tag.startsWith('storage-')) {
    const i = rest.lastIndexOf('-');
    return `${rest.slice(0, i)}/${rest.slice(i + 1)}`;
  }
  return rest;
}

export class RemoveApplicationCommand extends ModelCommandBase {
  private readonly removal = new RemovalFlags();
  private destroyStorage: FlagRef<boolean> | undefined;
  private names: string[] = [];

  info(): CommandInfo {
    return {
      name: 'remove-application',
      args: '<application> [<application>...]',
      purpose: 'Remove applications from the model.',
      doc: `Removes the given applications: their units are removed first (each unit
runs its stop and remove hooks), then their integrations, and machines
left without units are removed too.

With --force, units whose agents do not finish are removed anyway after a
while (at once with --no-wait). --dry-run only shows what would be removed.
When the model's "mode" setting contains "requires-prompts" (the default),
the command lists what it will remove and asks for confirmation; --no-prompt
skips the question.`,
      examples: `    juju remove-application hadoop
    juju remove-application --force hadoop
    juju remove-application --force --no-wait hadoop
    juju remove-application -m test-model mariadb
`,
      seeAlso: ['add-unit', 'remove-unit', 'remove-machine'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.removal.setFlags(f, 'application');
    this.destroyStorage = f.bool('destroy-storage', false, 'Destroy storage attached to application units');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no application specified');
    for (const name of args) {
      if (!isValidApplicationName(name))
        throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
    }
    this.removal.check();
    this.names = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    await runRemoval(
      ctx,
      conn,
      this.removal,
      'application removal',
      async (dryRun): Promise<RemovalOutcome[]> => {
        const reply = await conn.call<DestroyApplicationResults>('Application', 'DestroyApplication', {
          applications: this.names.map((name) => ({
            'application-tag': applicationTag(name),
            'destroy-storage': this.destroyStorage?.value ?? false,
            force: this.removal.force,
            ...this.removal.maxWait,
            'dry-run': dryRun,
          })),
        });
        return this.names.map((name, i) => {
          const result = reply.results[i] ?? {};
          const err = errorFromResult(result);
          if (err !== null)
            return { lines: [], error: `removing application ${name} failed: ${err.message}` };
          const info = result.info ?? {};
          return {
            lines: [
              `will remove application ${name}`,
              ...(info['destroyed-units'] ?? []).map((u) => `- will remove unit ${tagId(u.tag)}`),
              ...(info['detached-storage'] ?? []).map((s) => `- will detach storage ${tagId(s.tag)}`),
              ...(info['destroyed-storage'] ?? []).map((s) => `- will remove storage ${tagId(s.tag)}`),
            ],
          };
        });
      },
    );
  }
}
