/**
 * `juju add-machine [<placement>] [-n N] [--base B] [--constraints C]`:
 * adds machines to the model (`MachineManager.AddMachines`) and prints
 * `created machine N` for each. The local cloud cannot hold containers or
 * honour provider placements; manual (ssh:) machines are not available.
 */
import { constraintsToJson, parseConstraints } from '../../../core/constraints.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { AddMachineParams, AddMachinesResults } from '../../../rpc/params/machine-manager.js';
import { SilentError, type CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { requestedBase } from '../application/deploy-args.js';

const CONTAINER_TYPES: readonly string[] = ['lxd', 'kvm'];

export class AddMachineCommand extends ModelCommandBase {
  private numMachines: FlagRef<number> | undefined;
  private base: FlagRef<string> | undefined;
  private series: FlagRef<string> | undefined;
  private constraints: FlagRef<string[]> | undefined;
  private disks: FlagRef<string[]> | undefined;
  private privateKey: FlagRef<string> | undefined;
  private publicKey: FlagRef<string> | undefined;
  private placement = '';

  info(): CommandInfo {
    return {
      name: 'add-machine',
      args: '[lxd:<machine-id>|ssh:[<user>@]<host>|<placement>] | [<private-key> <public-key>]',
      purpose: 'Provision a new machine or assign one to the model.',
      doc: `Adds machines to the model; units can then be placed on them with
"juju deploy --to" or "juju add-unit --to". -n adds several at once.

Machines of the local cloud are network namespaces running the host's
operating system: containers (lxd, lxd:<machine>) and provider placements
(zone=...) cannot be honoured there, and manual machines (ssh:user@host) are
not available on this controller.`,
      examples: `    juju add-machine
    juju add-machine -n 2
    juju add-machine --constraints mem=8G
    juju add-machine --base ubuntu@22.04
`,
      seeAlso: ['remove-machine', 'machines', 'show-machine', 'model-constraints'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.base = f.string('base', '', 'The operating system base to install on the new machine(s)');
    this.constraints = f.stringList(
      'constraints',
      "Machine constraints that overwrite those available from 'juju model-constraints' and provider's defaults",
    );
    this.disks = f.stringList('disks', 'Storage constraints for disks to attach to the machine(s)');
    this.numMachines = f.int(['n'], 1, 'The number of machines to add');
    this.privateKey = f.string('private-key', '', 'Path to the private key to use during the connection');
    this.publicKey = f.string(
      'public-key',
      '',
      'Path to the public key to add to the remote authorized keys',
    );
    this.series = f.string(
      'series',
      '',
      'The operating system series to install on the new machine(s) (deprecated, use --base)',
    );
  }

  override init(args: string[]): void {
    const [placement, ...rest] = args;
    if (rest.length > 0)
      throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
    if ((this.numMachines?.value ?? 1) < 1) throw new UsageError('--n must be greater than 0');
    this.placement = placement ?? '';
    if (this.placement.startsWith('ssh:') || this.privateKey?.given || this.publicKey?.given) {
      throw new UsageError('manual machines (ssh:[user@]host) are not supported by this controller');
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    if ((this.disks?.value ?? []).length > 0)
      throw new JujuError('', 'options not supported by this controller: --disks');
    const base = requestedBase(this.base?.value ?? '', this.series?.value ?? '');
    let constraints;
    try {
      constraints = parseConstraints(this.constraints?.value ?? []);
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    const { conn, target } = await this.modelApi(ctx);
    const one: AddMachineParams = {
      jobs: ['JobHostUnits'],
      constraints: constraintsToJson(constraints),
      ...(base !== undefined ? { base: { name: base.name, channel: base.channel } } : {}),
      ...this.placementParams(target.details.uuid),
    };
    const count = this.numMachines?.value ?? 1;
    const reply = await conn.call<AddMachinesResults>('MachineManager', 'AddMachines', {
      params: Array.from({ length: count }, () => ({ ...one })),
    });
    let failed = false;
    for (const result of reply.machines ?? []) {
      const err = errorFromResult(result);
      if (err !== null) {
        if (count === 1) throw err;
        ctx.err(`ERROR ${err.message}\n`);
        failed = true;
        continue;
      }
      ctx.infof(`created machine ${result.machine}`);
    }
    if (failed) throw new SilentError(1);
  }

  /** `lxd`, `lxd:3` (containers) or a provider directive (`zone=a`). */
  private placementParams(modelUuid: string): Partial<AddMachineParams> {
    const p = this.placement;
    if (p === '') return {};
    if (CONTAINER_TYPES.includes(p)) return { 'container-type': p };
    const colon = p.indexOf(':');
    if (colon > 0 && CONTAINER_TYPES.includes(p.slice(0, colon))) {
      return { 'container-type': p.slice(0, colon), 'parent-id': p.slice(colon + 1) };
    }
    if (colon === 0)
      throw new JujuError(ErrorCode.NotValid, `invalid placement directive ${JSON.stringify(p)}`);
    if (colon > 0) return { placement: { scope: p.slice(0, colon), directive: p.slice(colon + 1) } };
    return { placement: { scope: modelUuid, directive: p } };
  }
}
