/**
 * `juju model-constraints` and `juju set-model-constraints <k>=<v> ...`:
 * the constraints new machines of a model get unless overridden
 * (`ModelConfig.GetModelConstraints` / `SetModelConstraints`).
 */
import type { Constraints } from '../../../core/constraints.js';
import {
  constraintsFromJson,
  constraintsToJson,
  formatConstraints,
  parseConstraints,
} from '../../../core/constraints.js';
import { errorMessage } from '../../../core/errors.js';
import type { GetConstraintsResults } from '../../../rpc/params/model-config.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';

/** `arch=amd64 mem=4096M`, or nothing at all when no constraint is set. */
function constraintsText(value: unknown): string {
  const text = formatConstraints(value as Constraints);
  return text === '' ? '' : `${text}\n`;
}

export class ModelConstraintsCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('constraints', {
    constraints: constraintsText,
    json: (v) => formatJson(constraintsToJson(v as Constraints)),
    yaml: (v) => formatYaml(constraintsToJson(v as Constraints)),
  });

  info(): CommandInfo {
    return {
      name: 'model-constraints',
      purpose: 'Displays machine constraints for a model.',
      doc: `Shows the constraints every new machine of the model must meet, unless an
application or the machine itself asks for something else. Sizes are
shown in MiB (mem=4096M); JSON and YAML give the numbers alone.`,
      examples: `    juju model-constraints
    juju model-constraints -m mymodel --format json
`,
      seeAlso: ['models', 'constraints', 'set-constraints', 'set-model-constraints'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    checkNoMoreArgs(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const result = await conn.call<GetConstraintsResults>('ModelConfig', 'GetModelConstraints');
    this.out.write(ctx, constraintsFromJson(result.constraints ?? {}));
  }
}

export class SetModelConstraintsCommand extends ModelCommandBase {
  private constraints: Constraints = {};

  info(): CommandInfo {
    return {
      name: 'set-model-constraints',
      args: '<constraint>=<value> ...',
      purpose: 'Sets machine constraints on a model.',
      doc: `Replaces the model's constraints with the ones given (give none to clear
them). They apply to machines created from now on; application and machine
constraints take precedence key by key. An empty value (mem=) clears that
key for machines that would otherwise inherit it.`,
      examples: `    juju set-model-constraints cores=8 mem=16G
    juju set-model-constraints -m mymodel arch=arm64 spaces=public,^internal
`,
      seeAlso: ['models', 'model-constraints', 'constraints', 'set-constraints'],
    };
  }

  override init(args: string[]): void {
    try {
      this.constraints = parseConstraints(args);
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    await conn.call('ModelConfig', 'SetModelConstraints', {
      application: '',
      constraints: constraintsToJson(this.constraints),
    });
  }
}
