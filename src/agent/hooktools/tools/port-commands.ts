/**
 * open-port / close-port [B]: request a port range to be opened or closed for all
 * endpoints or for `--endpoints a,b`. Parse errors exit 2; conflicts exit 1 (§4.1).
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, checkEmpty } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { PortRange } from '../context.js';
import { parsePortRange } from '../port-ranges.js';

const PORT_FORMAT = '<port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp';

abstract class PortCommand extends HookToolCommand {
  private format: FlagRef<string> | undefined;
  private endpoints: FlagRef<string> | undefined;
  private range: PortRange | undefined;

  protected abstract apply(endpoint: string, range: PortRange): void;

  override setFlags(f: FlagSet): void {
    this.format = f.string('format', '', 'deprecated format flag');
    this.endpoints = f.string('endpoints', '', 'a comma-delimited list of application endpoints to target');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new Error('no port or range specified');
    this.range = parsePortRange((args[0] as string).toLowerCase());
    checkEmpty(args.slice(1));
  }

  run(rt: ToolRuntime): Promise<void> {
    if (this.format?.value)
      rt.stderr(`--format flag deprecated for command ${JSON.stringify(this.info().name)}`);
    const range = this.range as PortRange;
    const endpoints = this.endpoints?.value ?? '';
    if (endpoints === '') this.apply('', range);
    else for (const ep of endpoints.split(',')) this.apply(ep.trim(), range);
    return Promise.resolve();
  }
}

export class OpenPortCommand extends PortCommand {
  info(): ToolInfo {
    return {
      name: 'open-port',
      args: PORT_FORMAT,
      purpose: 'Register a request to open a port or port range.',
      doc:
        'Asks for a port, a port range or icmp to be opened (tcp when no protocol is\n' +
        'given) for all endpoints, or only for those listed with --endpoints. The\n' +
        'request takes effect when the hook completes successfully.',
      examples:
        '    open-port 80/tcp\n    open-port 1000-2000/udp\n    open-port 1000-2000/tcp --endpoints dmz,monitoring',
    };
  }

  protected apply(endpoint: string, range: PortRange): void {
    this.ctx.openPortRange(endpoint, range);
  }
}

export class ClosePortCommand extends PortCommand {
  info(): ToolInfo {
    return {
      name: 'close-port',
      args: PORT_FORMAT,
      purpose: 'Register a request to close a port or port range.',
      doc:
        'Asks for a port, a port range or icmp to be closed for all endpoints, or only\n' +
        'for those listed with --endpoints, when the hook completes successfully.',
      examples: '    close-port 80\n    close-port 9000-9999/udp\n    close-port icmp',
    };
  }

  protected apply(endpoint: string, range: PortRange): void {
    this.ctx.closePortRange(endpoint, range);
  }
}
