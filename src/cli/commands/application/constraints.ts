/**
 * `juju constraints <app>` and `juju set-constraints <app> <k>=<v> ...`:
 * the constraints new machines of an application get
 * (`Application.GetConstraints` / `SetConstraints`).
 */
import type { Constraints } from '../../../core/constraints.js';
import {
  constraintsFromJson,
  constraintsToJson,
  formatConstraints,
  parseConstraints,
} from '../../../core/constraints.js';
import { errorMessage } from '../../../core/errors.js';
import { applicationTag, isValidApplicationName } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { ApplicationGetConstraintsResults } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';

function constraintsText(value: unknown): string {
  const text = formatConstraints(value as Constraints);
  return text === '' ? '' : `${text}\n`;
}

function applicationArg(name: string | undefined): string {
  if (name === undefined) throw new UsageError('no application name specified');
  if (!isValidApplicationName(name)) throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
  return name;
}

export class ConstraintsCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('constraints', {
    constraints: constraintsText,
    json: (v) => formatJson(constraintsToJson(v as Constraints)),
    yaml: (v) => formatYaml(constraintsToJson(v as Constraints)),
  });
  private application = '';

  info(): CommandInfo {
    return {
      name: 'constraints',
      args: '<application>',
      purpose: 'Displays machine constraints for an application.',
      doc: `Shows the constraints machines created for the application's units must meet
(on top of the model's constraints). Sizes are shown in MiB.`,
      examples: `    juju constraints mysql
    juju constraints -m mymodel apache2 --format json
`,
      seeAlso: ['set-constraints', 'model-constraints', 'set-model-constraints'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    const [name, ...rest] = args;
    this.application = applicationArg(name);
    if (rest.length > 0)
      throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const reply = await conn.call<ApplicationGetConstraintsResults>('Application', 'GetConstraints', {
      entities: [{ tag: applicationTag(this.application) }],
    });
    const entry = reply.results[0] ?? { constraints: {} };
    const err = errorFromResult(entry);
    if (err !== null) throw err;
    this.out.write(ctx, constraintsFromJson(entry.constraints ?? {}));
  }
}

export class SetConstraintsCommand extends ModelCommandBase {
  private application = '';
  private constraints: Constraints = {};

  info(): CommandInfo {
    return {
      name: 'set-constraints',
      args: '<application> <constraint>=<value> ...',
      purpose: 'Sets machine constraints for an application.',
      doc: `Replaces the application's constraints with the ones given. They apply to
machines created for its units from now on (existing machines are not
changed). An empty value (mem=) clears that key even when the model sets it.`,
      examples: `    juju set-constraints mysql mem=8G cores=4
    juju set-constraints -m mymodel apache2 mem=8G arch=amd64
`,
      seeAlso: ['constraints', 'model-constraints', 'set-model-constraints'],
    };
  }

  override init(args: string[]): void {
    const [name, ...rest] = args;
    this.application = applicationArg(name);
    try {
      this.constraints = parseConstraints(rest);
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    await conn.call('Application', 'SetConstraints', {
      application: this.application,
      constraints: constraintsToJson(this.constraints),
    });
  }
}
