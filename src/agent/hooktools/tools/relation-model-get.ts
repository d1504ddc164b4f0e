/** relation-model-get [R]: the UUID of the model on the other end of a relation (§4.1). */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class RelationModelGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private relationId: FlagRef<number> | undefined;

  info(): ToolInfo {
    return {
      name: 'relation-model-get',
      purpose: 'Get details about the model hosting a related application.',
      doc:
        this.ctx.hookRelationId() === undefined
          ? '-r must be specified when not in a relation hook\n\nPrints the UUID of the model that hosts the other side of a relation.'
          : '',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.relationId = relationIdFlag(f, this.ctx, 'Specify a relation by id');
  }

  override init(args: string[]): void {
    if ((this.relationId?.value ?? -1) === -1) throw new Error('no relation id specified');
    checkEmpty(args);
  }

  run(rt: ToolRuntime): Promise<void> {
    const relation = this.ctx.relation(this.relationId?.value ?? -1);
    this.out.write(rt, { uuid: relation.remoteModelUuid });
    return Promise.resolve();
  }
}
