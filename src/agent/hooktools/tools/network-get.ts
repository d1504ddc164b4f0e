/**
 * network-get [R]: network config of a binding: the whole structure, or the values
 * of --bind-address/--ingress-address/--egress-subnets (one value, or a map of
 * several). YAML output also carries the legacy keys macaddress/interfacename/address.
 */
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { HookToolCommand, OutputOptions, checkEmpty, relationIdFlag } from '../command.js';
import type { ToolInfo, ToolRuntime } from '../command.js';
import type { NetworkInfo } from '../context.js';
import { stringList } from '../format.js';

function displayJson(ni: NetworkInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (ni.bindAddresses.length > 0) {
    out['bind-addresses'] = ni.bindAddresses.map((b) => ({
      'mac-address': b.macAddress,
      'interface-name': b.interfaceName,
      addresses: b.addresses.map((a) => ({ hostname: a.hostname, value: a.value, cidr: a.cidr })),
    }));
  }
  if (ni.egressSubnets.length > 0) out['egress-subnets'] = [...ni.egressSubnets];
  if (ni.ingressAddresses.length > 0) out['ingress-addresses'] = [...ni.ingressAddresses];
  return out;
}

function displayYaml(ni: NetworkInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (ni.bindAddresses.length > 0) {
    out['bind-addresses'] = ni.bindAddresses.map((b) => ({
      'mac-address': b.macAddress,
      'interface-name': b.interfaceName,
      addresses: b.addresses.map((a) => ({
        hostname: a.hostname,
        value: a.value,
        cidr: a.cidr,
        address: a.value,
      })),
      macaddress: b.macAddress,
      interfacename: b.interfaceName,
    }));
  }
  if (ni.egressSubnets.length > 0) out['egress-subnets'] = [...ni.egressSubnets];
  if (ni.ingressAddresses.length > 0) out['ingress-addresses'] = [...ni.ingressAddresses];
  return out;
}

export class NetworkGetCommand extends HookToolCommand {
  private readonly out = new OutputOptions('smart');
  private relationId: FlagRef<number> | undefined;
  private primary: FlagRef<boolean> | undefined;
  private bind: FlagRef<boolean> | undefined;
  private ingress: FlagRef<boolean> | undefined;
  private egress: FlagRef<boolean> | undefined;
  private binding = '';
  private keys: string[] = [];

  info(): ToolInfo {
    return {
      name: 'network-get',
      args: '<binding-name> [--ingress-address] [--bind-address] [--egress-subnets]',
      purpose: 'Get network config.',
      doc:
        'Prints the network configuration of a binding (endpoint or extra-binding):\n' +
        'its interfaces and addresses, ingress addresses and egress subnets. With one\n' +
        'of the value flags only that value is printed; with several, a map of them.',
    };
  }

  override setFlags(f: FlagSet): void {
    this.out.setFlags(f);
    this.primary = f.bool('primary-address', false, '(deprecated) get the primary address for the binding');
    this.bind = f.bool('bind-address', false, 'get the address the unit should listen on for the binding');
    this.ingress = f.bool('ingress-address', false, 'get the ingress address for the binding');
    this.egress = f.bool('egress-subnets', false, 'get the egress subnets for the binding');
    this.relationId = relationIdFlag(f, this.ctx, 'specify a relation by id');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new Error('no arguments specified');
    this.binding = args[0] as string;
    if (this.binding === '') throw new Error('no binding name specified');
    if (this.bind?.value) this.keys.push('bind-address');
    if (this.ingress?.value) this.keys.push('ingress-address');
    if (this.egress?.value) this.keys.push('egress-subnets');
    checkEmpty(args.slice(1));
  }

  async run(rt: ToolRuntime): Promise<void> {
    const relationId = this.relationId?.value ?? -1;
    const ni = await this.ctx.networkInfo(this.binding, relationId >= 0 ? relationId : undefined);
    const noConfig = (): Error =>
      new Error(`no network config found for binding ${JSON.stringify(this.binding)}`);
    if (!ni || ni.bindAddresses.length === 0) throw noConfig();
    if (!this.primary?.value && this.keys.length === 0) {
      this.out.write(rt, displayJson(ni), { yaml: displayYaml(ni), smart: displayYaml(ni) });
      return;
    }
    const firstAddress = (): string => {
      const addr = ni.bindAddresses[0]?.addresses[0];
      if (!addr)
        throw new Error(`no addresses attached to space for binding ${JSON.stringify(this.binding)}`);
      return addr.value;
    };
    if (this.primary?.value) {
      if (this.keys.length > 0) throw new Error('--primary-address must be the only flag specified');
      this.out.write(rt, firstAddress());
      return;
    }
    const values: Record<string, unknown> = {};
    if (this.bind?.value) values['bind-address'] = firstAddress();
    if (this.egress?.value) values['egress-subnets'] = stringList(ni.egressSubnets);
    if (this.ingress?.value) values['ingress-address'] = ni.ingressAddresses[0] ?? firstAddress();
    if (this.keys.length === 1) {
      this.out.write(rt, values[this.keys[0] as string]);
      return;
    }
    const sorted = Object.fromEntries(
      Object.keys(values)
        .sort()
        .map((k) => [k, values[k] instanceof Array ? [...(values[k] as string[])] : values[k]]),
    );
    this.out.write(rt, sorted);
  }
}
