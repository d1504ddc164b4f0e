/**
 * `juju resolved <unit> ...` (alias `resolve`) and `juju scale-application`:
 * marking units in error to retry (or, with `--no-retry`, skip) the failed
 * hook (`Application.ResolveUnitErrors`), and setting a Kubernetes
 * application's scale (`Application.ScaleApplications`).
 */
import { applicationTag, isValidApplicationName, isValidUnitName, unitTag } from '../../../core/names.js';
import { errorFromResult, type ErrorResults } from '../../../rpc/errors.js';
import { JujuError } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';

export class ResolvedCommand extends ModelCommandBase {
  private noRetry: FlagRef<boolean> | undefined;
  private all: FlagRef<boolean> | undefined;
  private units: string[] = [];

  info(): CommandInfo {
    return {
      name: 'resolved',
      args: '[<unit> ...]',
      purpose: 'Marks unit errors resolved and re-executes failed hooks.',
      aliases: ['resolve'],
      doc: `Clears the error of units whose hook failed: the failed hook runs again,
unless --no-retry is given, in which case it is skipped and the unit carries
on with what comes next. --all resolves every unit in error.`,
      examples: `    juju resolved mysql/0
    juju resolved mysql/0 wordpress/1 --no-retry
    juju resolved --all
`,
      seeAlso: ['status', 'debug-log'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.noRetry = f.bool('no-retry', false, 'Do not re-execute failed hooks on the unit');
    this.all = f.bool('all', false, 'Marks all units in error as resolved');
  }

  override init(args: string[]): void {
    if (this.all?.value) {
      if (args.length > 0) throw new UsageError('specifying unit names(s) with --all not supported');
      return;
    }
    if (args.length === 0) throw new UsageError('no unit specified');
    for (const name of args) {
      if (!isValidUnitName(name)) throw new UsageError(`invalid unit name ${JSON.stringify(name)}`);
    }
    this.units = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const reply = await conn.call<ErrorResults>('Application', 'ResolveUnitErrors', {
      entities: this.units.map((u) => ({ tag: unitTag(u) })),
      all: this.all?.value ?? false,
      retry: !(this.noRetry?.value ?? false),
    });
    const errors = (reply.results ?? []).map(errorFromResult).filter((e) => e !== null);
    if (errors.length > 0) throw new JujuError('', errors.map((e) => e.message).join('\n'));
  }
}

export class ScaleApplicationCommand extends ModelCommandBase {
  private application = '';
  private scale = 0;

  info(): CommandInfo {
    return {
      name: 'scale-application',
      args: '<application> <scale>',
      purpose: 'Set the desired number of k8s application units.',
      doc: `Sets how many units a Kubernetes application should have. Machine models
use add-unit and remove-unit instead.`,
      examples: `    juju scale-application mariadb 2
`,
      seeAlso: ['add-unit', 'remove-unit'],
    };
  }

  override init(args: string[]): void {
    const [name, scale, ...rest] = args;
    if (name === undefined) throw new UsageError('no application specified');
    if (!isValidApplicationName(name))
      throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
    if (scale === undefined) throw new UsageError('no scale specified');
    if (!/^[0-9]+$/.test(scale))
      throw new UsageError(`invalid scale ${JSON.stringify(scale)}: must be a non-negative integer`);
    if (rest.length > 0)
      throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
    this.application = name;
    this.scale = Number(scale);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const reply = await conn.call<ErrorResults>('Application', 'ScaleApplications', {
      applications: [{ 'application-tag': applicationTag(this.application), scale: this.scale }],
    });
    const err = reply.results?.[0] === undefined ? null : errorFromResult(reply.results[0]);
    if (err !== null) throw err;
  }
}
