/** storage-add [B]: add storage instances (`<name>[=<count>]`) when the hook succeeds. */
import { HookToolCommand } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';

export class StorageAddCommand extends HookToolCommand {
  private requests: { name: string; count: number }[] = [];

  info(): ToolInfo {
    return {
      name: 'storage-add',
      args: '<charm storage name>[=count] ...',
      purpose: 'Add storage instances.',
      doc: 'Adds instances of the named charm storage to the unit; COUNT (default 1) is a\npositive integer.',
    };
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('storage add requires a storage directive');
    const seen = new Set<string>();
    this.requests = [];
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const spec = eq < 0 ? '' : arg.slice(eq + 1);
      if (name === '') throw new Error(`expected "name=directive", got ${JSON.stringify(arg)}`);
      if (seen.has(name)) throw new Error(`storage ${JSON.stringify(name)} specified more than once`);
      seen.add(name);
      let count = 1;
      if (spec !== '') {
        if (!/^\d+$/.test(spec)) throw new Error(`only count can be specified for ${JSON.stringify(name)}`);
        count = Number(spec);
        if (count < 1)
          throw new Error(`cannot parse count: count must be greater than zero, got ${JSON.stringify(spec)}`);
      }
      this.requests.push({ name, count });
    }
  }

  run(_rt: ToolRuntime): Promise<void> {
    for (const r of this.requests) this.ctx.addUnitStorage(r.name, r.count);
    return Promise.resolve();
  }
}
