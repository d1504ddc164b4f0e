/**
 * `juju machines` (alias `list-machines`) and `juju show-machine <id> ...`:
 * the model's machines from `Client.FullStatus`, as the status command
 * formats them (tabular Machine table, or `{"model": name, "machines": {...}}`
 * in JSON/YAML).
 */
import type { FullStatus } from '../../../rpc/params/status.js';
import { isValidMachineId } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { colorEnabled } from '../status/colors.js';
import { StatusFormatter, jsonShape, yamlShape, type FormattedStatus } from '../status/formatted.js';
import { machinesSection } from '../status/tabular.js';

/** What machines/show-machine print: the model's short name and its machines. */
interface MachinesView {
  readonly model: string;
  readonly formatted: FormattedStatus;
}

function document(
  view: MachinesView,
  shape: (fs: FormattedStatus) => Record<string, unknown>,
): Record<string, unknown> {
  return { model: view.model, machines: shape(view.formatted)['machines'] ?? {} };
}

/** Shared by both commands: flags, the status call and the formats. */
abstract class MachinesCommandBase extends ModelCommandBase {
  protected utc: FlagRef<boolean> | undefined;
  protected color: FlagRef<boolean> | undefined;
  private useColor = false;
  protected readonly out: OutputOptions;

  constructor(defaultFormat: string) {
    super();
    this.out = new OutputOptions(defaultFormat, {
      json: (v) => formatJson(document(v as MachinesView, jsonShape)),
      tabular: (v) => machinesSection((v as MachinesView).formatted.machines, this.useColor),
      yaml: (v) => formatYaml(document(v as MachinesView, yamlShape)),
    });
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.color = f.bool('color', false, 'Force use of ANSI color codes');
    this.utc = f.bool('utc', false, 'Display time as UTC in RFC3339 format');
  }

  /** The machines of the model, narrowed to `ids` when given. */
  protected async machines(ctx: Context, ids: readonly string[]): Promise<MachinesView> {
    const { conn, target } = await this.modelApi(ctx);
    const status = await conn.call<FullStatus>('Client', 'FullStatus', {
      patterns: [],
      'include-storage': false,
    });
    this.useColor = colorEnabled({
      color: this.color?.value ?? false,
      noColor: false,
      tty: ctx.isTerminal('stdout'),
      env: ctx.env,
    });
    const formatted = new StatusFormatter(status, {
      controllerName: target.controller,
      isoTime: this.utc?.value ?? false,
      showRelations: false,
      includeStorage: false,
    }).format();
    if (ids.length > 0) {
      const wanted = new Set(ids);
      formatted.machines = Object.fromEntries(
        Object.entries(formatted.machines).filter(([id]) => wanted.has(id)),
      );
    }
    return { model: formatted.model.name, formatted };
  }
}

export class MachinesCommand extends MachinesCommandBase {
  constructor() {
    super('tabular');
  }

  info(): CommandInfo {
    return {
      name: 'machines',
      purpose: 'Lists machines in a model.',
      aliases: ['list-machines'],
      doc: `Lists the model's machines with their state, address, instance id, base,
availability zone and provider message (the Machine section of "juju
status"). JSON and YAML give every detail.`,
      examples: `    juju machines
    juju machines --format json
`,
      seeAlso: ['status', 'show-machine', 'add-machine', 'remove-machine'],
    };
  }

  override init(args: string[]): void {
    checkNoMoreArgs(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const view = await this.machines(ctx, []);
    if (this.out.format === 'tabular' && Object.keys(view.formatted.machines).length === 0) {
      ctx.infof('No machines to display.');
      return;
    }
    this.out.write(ctx, view);
  }
}

export class ShowMachineCommand extends MachinesCommandBase {
  private ids: string[] = [];

  constructor() {
    super('yaml');
  }

  info(): CommandInfo {
    return {
      name: 'show-machine',
      args: '<machineID> ...',
      purpose: "Show a machine's status.",
      doc: `Shows everything known about the given machines: agent and instance status,
addresses, base, hardware, constraints and containers.`,
      examples: `    juju show-machine 0
    juju show-machine 1 2 3 --format json
`,
      seeAlso: ['add-machine', 'machines', 'status'],
    };
  }

  override init(args: string[]): void {
    for (const id of args) {
      if (!isValidMachineId(id)) throw new UsageError(`invalid machine id ${JSON.stringify(id)}`);
    }
    this.ids = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    this.out.write(ctx, await this.machines(ctx, this.ids));
  }
}
