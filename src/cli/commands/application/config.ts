/**
 * `juju config <application> [<key>[=<value>] ...]`: shows an application's
 * charm settings (with default, source and type) and its application
 * settings (`trust`), shows one value, or sets (`k=v`, `--file`) and resets
 * (`--reset k1,k2`) values (`Application.Get`, `SetConfigs`,
 * `UnsetApplicationsConfig`).
 */
import { readFileSync } from 'node:fs';
import { stringify as yamlStringify } from 'yaml';

import type { ApiConnection } from '../../../api/connection.js';
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { isValidApplicationName } from '../../../core/names.js';
import { errorFromResult, type ErrorResults } from '../../../rpc/errors.js';
import type { ApplicationGetResults, ConfigEntryWire } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { formatSmart } from '../../output/smart.js';
import { ConfigAction, ConfigFlags, readConfigFile, type ConfigRequest } from '../models/config-actions.js';

/** What `juju config <app>` prints (Go map: keys sorted). */
function configDocument(r: ApplicationGetResults): Record<string, unknown> {
  return {
    application: r.application,
    ...(r['application-config'] !== undefined ? { 'application-config': r['application-config'] } : {}),
    charm: r.charm,
    settings: r.config,
  };
}

/** The first error of a bulk reply, thrown. */
function throwFirstError(reply: ErrorResults): void {
  for (const result of reply.results ?? []) {
    const err = errorFromResult(result);
    if (err !== null) throw err;
  }
}

export class ConfigCommand extends ModelCommandBase {
  private readonly config = new ConfigFlags([]);
  private readonly out = new OutputOptions('yaml', {
    json: (v) => formatJson(v),
    yaml: (v) => formatYaml(v),
  });
  private application = '';
  private request: ConfigRequest | undefined;

  info(): CommandInfo {
    return {
      name: 'config',
      args: '<application name> [--reset <key[,key]>] [<attribute-key>][=<value>] ...]',
      purpose: 'Get, set, or reset configuration for a deployed application.',
      doc: `With only the application name, every option of the application's charm is
shown with its value, default, type, description and source ("default",
"user" or "unset"), together with the application settings (trust).

With one key, only that value is printed. key=value pairs set values (a
value given as @path is read from that file); --file reads settings from a
YAML file shaped like

    <application>:
      key: value

("-" reads standard input), and --reset returns the comma-separated keys to
their defaults. Values are checked against the charm: unknown options and
values of the wrong type are refused and nothing is changed.`,
      examples: `    juju config apache2
    juju config --format=json apache2
    juju config mysql dataset-size
    juju config mysql --reset dataset-size,backup_dir
    juju config apache2 --file path/to/config.yaml
    juju config mysql dataset-size=80% backup_dir=/vol1/mysql/backups
`,
      seeAlso: ['deploy', 'status', 'model-config'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.config.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    const [name, ...rest] = args;
    if (name === undefined) throw new UsageError('no application name specified');
    if (!isValidApplicationName(name))
      throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
    this.application = name;
    this.request = this.config.parse(rest);
  }

  protected async execute(ctx: Context): Promise<void> {
    const request = this.request as ConfigRequest;
    const { conn } = await this.modelApi(ctx);
    for (const action of request.actions) {
      switch (action) {
        case ConfigAction.SetFile:
          await this.setFile(ctx, conn, request.file ?? '');
          break;
        case ConfigAction.Reset: {
          const reply = await conn.call<ErrorResults>('Application', 'UnsetApplicationsConfig', {
            Args: [{ application: this.application, options: request.keysToReset }],
          });
          throwFirstError(reply);
          break;
        }
        case ConfigAction.SetArgs:
          await this.setValues(ctx, conn, request.valuesToSet);
          break;
        case ConfigAction.GetOne:
          await this.getOne(ctx, conn, request.keyToGet ?? '');
          break;
        case ConfigAction.GetAll:
          this.out.write(ctx, configDocument(await this.get(conn)));
      }
    }
  }

  private get(conn: ApiConnection): Promise<ApplicationGetResults> {
    return conn.call<ApplicationGetResults>('Application', 'Get', { application: this.application });
  }

  private async setValues(
    ctx: Context,
    conn: ApiConnection,
    values: Readonly<Record<string, string>>,
  ): Promise<void> {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value.startsWith('@')) {
        const path = ctx.path(value.slice(1));
        try {
          config[key] = readFileSync(path, 'utf8');
        } catch {
          throw new JujuError(
            ErrorCode.NotFound,
            `cannot read option from file ${JSON.stringify(value.slice(1))}: no such file`,
          );
        }
      } else {
        config[key] = value;
      }
    }
    const reply = await conn.call<ErrorResults>('Application', 'SetConfigs', {
      Args: [{ application: this.application, config }],
    });
    throwFirstError(reply);
  }

  private async setFile(ctx: Context, conn: ApiConnection, file: string): Promise<void> {
    const doc = await readConfigFile(ctx, file);
    const reply = await conn.call<ErrorResults>('Application', 'SetConfigs', {
      Args: [{ application: this.application, 'config-yaml': yamlStringify(doc) }],
    });
    throwFirstError(reply);
  }

  private async getOne(ctx: Context, conn: ApiConnection, key: string): Promise<void> {
    const result = await this.get(conn);
    const entry: ConfigEntryWire | undefined = result.config[key] ?? result['application-config']?.[key];
    if (entry === undefined) {
      throw new JujuError(
        '',
        `key ${JSON.stringify(key)} not found in ${JSON.stringify(this.application)} application config or charm settings.`,
      );
    }
    const value = entry.value;
    if (value === undefined || value === null || value === '') return;
    ctx.out(formatSmart(value));
  }
}
