/** relation-list [R]: remote units of a relation, or its remote application (§4.1). */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { stringList } from '../format.js';

export class RelationListCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private relationId: FlagRef<number> | undefined;
  private app: FlagRef<boolean> | undefined;

  info(): ToolInfo {
    return {
      name: 'relation-list',
      purpose: 'List relation units.',
      doc: this.ctx.hookRelationId() === undefined ? '-r must be specified when not in a relation hook' : '',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.relationId = relationIdFlag(f, this.ctx, 'Specify a relation by id');
    this.app = f.bool('app', false, 'List the remote application instead of its units');
  }

  override init(args: string[]): void {
    if ((this.relationId?.value ?? -1) === -1) throw new Error('no relation id specified');
    checkEmpty(args);
  }

  run(rt: ToolRuntime): Promise<void> {
    const id = this.relationId?.value ?? -1;
    const relation = this.ctx.relation(id);
    if (this.app?.value) this.out.write(rt, relation.remoteApp);
    else this.out.write(rt, stringList(this.ctx.relationUnits(id)));
    return Promise.resolve();
  }
}
