/**
 * `juju expose <app>` and `juju unexpose <app>`: open an application's
 * ports to the world (or to given spaces/CIDRs, per endpoint) and close them
 * again (`Application.Expose` / `Unexpose`).
 */
import { isValidApplicationName } from '../../../core/names.js';
import type { ExposedEndpointWire } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function oneApplication(args: string[]): string {
  const [name, ...rest] = args;
  if (name === undefined) throw new UsageError('no application name specified');
  if (rest.length > 0)
    throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
  if (!isValidApplicationName(name)) throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
  return name;
}

export class ExposeCommand extends ModelCommandBase {
  private endpoints: FlagRef<string> | undefined;
  private spaces: FlagRef<string> | undefined;
  private cidrs: FlagRef<string> | undefined;
  private application = '';

  info(): CommandInfo {
    return {
      name: 'expose',
      args: '<application name>',
      purpose: 'Makes an application publicly available over the network.',
      doc: `Opens the ports the application's units opened to the outside: to everyone
(0.0.0.0/0 and ::/0) by default, or only to the spaces given with
--to-spaces and/or the CIDRs given with --to-cidrs. --endpoints limits this
to some endpoints; run the command again to add more.`,
      examples: `    juju expose apache2
    juju expose apache2 --endpoints logs --to-cidrs 10.0.0.0/24
`,
      seeAlso: ['unexpose'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.endpoints = f.string(
      'endpoints',
      '',
      'Expose only the ports that charms have opened for this comma-delimited list of endpoints',
    );
    this.spaces = f.string(
      'to-spaces',
      '',
      'A comma-delimited list of spaces that should be able to access the application ports once exposed',
    );
    this.cidrs = f.string(
      'to-cidrs',
      '',
      'A comma-delimited list of CIDRs that should be able to access the application ports once exposed',
    );
  }

  override init(args: string[]): void {
    this.application = oneApplication(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const endpoints = list(this.endpoints?.value);
    const spaces = list(this.spaces?.value);
    const cidrs = list(this.cidrs?.value);
    const params: { application: string; 'exposed-endpoints'?: Record<string, ExposedEndpointWire> } = {
      application: this.application,
    };
    if (endpoints.length > 0 || spaces.length > 0 || cidrs.length > 0) {
      const detail: ExposedEndpointWire = {
        ...(spaces.length > 0 ? { 'expose-to-spaces': spaces } : {}),
        ...(cidrs.length > 0 ? { 'expose-to-cidrs': cidrs } : {}),
      };
      params['exposed-endpoints'] = Object.fromEntries(
        (endpoints.length > 0 ? endpoints : ['']).map((e) => [e, detail]),
      );
    }
    await conn.call('Application', 'Expose', params);
  }
}

export class UnexposeCommand extends ModelCommandBase {
  private endpoints: FlagRef<string> | undefined;
  private application = '';

  info(): CommandInfo {
    return {
      name: 'unexpose',
      args: '<application name>',
      purpose: 'Removes public availability over the network for an application.',
      doc: `Closes the application's ports to the outside again: all of them, or only
those of the endpoints given with --endpoints.`,
      examples: `    juju unexpose apache2
    juju unexpose apache2 --endpoints logs
`,
      seeAlso: ['expose'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.endpoints = f.string(
      'endpoints',
      '',
      'Unexpose only the ports that charms have opened for this comma-delimited list of endpoints',
    );
  }

  override init(args: string[]): void {
    this.application = oneApplication(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    await conn.call('Application', 'Unexpose', {
      application: this.application,
      'exposed-endpoints': list(this.endpoints?.value),
    });
  }
}
