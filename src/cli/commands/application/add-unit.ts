/**
 * `juju add-unit <application> [-n N] [--to <placement>,...]`: adds units,
 * each on the given machine or a new one (`Application.AddUnits`).
 */
import { isValidApplicationName } from '../../../core/names.js';
import type { AddApplicationUnitsResults } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { parsePlacements } from './placement.js';

export class AddUnitCommand extends ModelCommandBase {
  private numUnits: FlagRef<number> | undefined;
  private to: FlagRef<string> | undefined;
  private attachStorage: FlagRef<string[]> | undefined;
  private application = '';

  info(): CommandInfo {
    return {
      name: 'add-unit',
      args: '<application name>',
      purpose: 'Adds units to a deployed application.',
      doc: `Adds one or more units to an application. Each unit goes to a new machine
unless --to names existing machines (comma separated, one per unit; units
beyond the list get new machines).

Machines of the local cloud cannot hold containers, so placements such as
"lxd" or "lxd:0" are refused there.`,
      examples: `    juju add-unit mysql -n 5
    juju add-unit mysql --to 23
    juju add-unit mysql -n 2 --to 3,4
`,
      seeAlso: ['remove-unit', 'deploy', 'add-machine'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.numUnits = f.int(['n', 'num-units'], 1, 'Number of units to add');
    this.to = f.string('to', '', 'The machine and/or container to deploy the unit in (bypasses constraints)');
    this.attachStorage = f.stringList(
      'attach-storage',
      'Existing storage to attach to the deployed unit (not available on k8s models)',
    );
  }

  override init(args: string[]): void {
    const [name, ...rest] = args;
    if (name === undefined) throw new UsageError('no application specified');
    if (rest.length > 0)
      throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
    if (!isValidApplicationName(name))
      throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
    if ((this.numUnits?.value ?? 1) < 1) throw new UsageError('--num-units must be a positive integer');
    if ((this.attachStorage?.value ?? []).length > 0)
      throw new UsageError('--attach-storage is not supported by this controller');
    this.application = name;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn, target } = await this.modelApi(ctx);
    const placement = parsePlacements(this.to?.value ?? '', target.details.uuid);
    await conn.call<AddApplicationUnitsResults>('Application', 'AddUnits', {
      application: this.application,
      'num-units': this.numUnits?.value ?? 1,
      placement,
    });
  }
}
