/** opened-ports [R]: the unit's port ranges, including this hook's pending changes. */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { PortRange } from '../context.js';
import { stringList } from '../format.js';
import { comparePortRanges, formatPortRange, samePortRange, uniquePortRanges } from '../port-ranges.js';

export class OpenedPortsCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private endpoints: FlagRef<boolean> | undefined;

  info(): ToolInfo {
    return {
      name: 'opened-ports',
      purpose: 'List all ports or port ranges opened by the unit.',
      doc:
        'Each entry reads <port>/<protocol>, <from>-<to>/<protocol> or icmp. With\n' +
        '--endpoints, the endpoints each range applies to follow in parentheses, "*"\n' +
        'meaning all endpoints.',
      examples: '    opened-ports',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.endpoints = f.bool('endpoints', false, 'show the application endpoints each port range applies to');
  }

  run(rt: ToolRuntime): Promise<void> {
    const grouped = this.ctx.openedPortRanges();
    if (!this.endpoints?.value) {
      this.out.write(rt, stringList(uniquePortRanges(grouped).map(formatPortRange)));
      return Promise.resolve();
    }
    const byRange: { range: PortRange; endpoints: Set<string> }[] = [];
    for (const [endpoint, ranges] of Object.entries(grouped)) {
      for (const range of ranges) {
        let entry = byRange.find((e) => samePortRange(e.range, range));
        if (!entry) {
          entry = { range, endpoints: new Set() };
          byRange.push(entry);
        }
        entry.endpoints.add(endpoint);
      }
    }
    byRange.sort((a, b) => comparePortRanges(a.range, b.range));
    const lines = byRange.map(({ range, endpoints }) => {
      const shown = endpoints.has('') ? '*' : [...endpoints].sort().join(', ');
      return `${formatPortRange(range)} (${shown})`;
    });
    this.out.write(rt, stringList(lines));
    return Promise.resolve();
  }
}
