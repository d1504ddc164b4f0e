/** relation-ids [R]: ids (`ep:N`) of the live relations on an endpoint (§4.1). */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty, fakeRelationId } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import { stringList } from '../format.js';

export class RelationIdsCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private endpoint = '';

  private hookEndpoint(): string | undefined {
    const id = this.ctx.hookRelationId();
    if (id === undefined) return undefined;
    try {
      return this.ctx.relation(id).endpoint;
    } catch {
      return undefined;
    }
  }

  info(): ToolInfo {
    const current = this.hookEndpoint();
    return {
      name: 'relation-ids',
      args: current !== undefined ? '[<name>]' : '<name>',
      purpose: 'List all relation IDs for the given endpoint.',
      doc:
        (current !== undefined ? `Current default endpoint name is ${JSON.stringify(current)}.\n` : '') +
        'Prints the ids of the relations on an endpoint (in a relation hook the endpoint\n' +
        "defaults to the hook's own). Broken relations are left out.",
      examples: '    relation-ids database',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    if (args.length > 0) {
      this.endpoint = args[0] as string;
      checkEmpty(args.slice(1));
      return;
    }
    const current = this.hookEndpoint();
    if (current === undefined) throw new Error('no endpoint name specified');
    this.endpoint = current;
  }

  run(rt: ToolRuntime): Promise<void> {
    const ids: string[] = [];
    for (const id of this.ctx.relationIds()) {
      const r = this.ctx.relation(id);
      if (r.endpoint === this.endpoint && r.life !== 'dead') ids.push(fakeRelationId(r));
    }
    // Sorted as strings, as Juju does (db:10 before db:2).
    ids.sort();
    this.out.write(rt, stringList(ids));
    return Promise.resolve();
  }
}
