/** goal-state [R]: the units of the application and of related applications, with their status. */
import type { FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { GoalStateStatus } from '../context.js';

function entries(map: Readonly<Record<string, GoalStateStatus>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(map).sort()) {
    const s = map[name] as GoalStateStatus;
    out[name] = { status: s.status, ...(s.since !== '' ? { since: s.since } : {}) };
  }
  return out;
}

export class GoalStateCommand extends HookToolCommand {
  private readonly out = new OutputOptions('yaml', ['yaml', 'json']);

  info(): ToolInfo {
    return {
      name: 'goal-state',
      purpose: "Print the status of the charm's peers and related units.",
      doc: 'Lists the units of this application and, per endpoint, the related applications\nand units, each with its status and the time it was reached.',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
  }

  async run(rt: ToolRuntime): Promise<void> {
    const gs = await this.ctx.goalState();
    const relations: Record<string, unknown> = {};
    for (const endpoint of Object.keys(gs.relations).sort()) {
      relations[endpoint] = entries(gs.relations[endpoint] ?? {});
    }
    this.out.write(rt, { units: entries(gs.units), relations });
  }
}
