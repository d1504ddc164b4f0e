/**
 * `juju controller-config [<key>[=<value>] ...]`: shows all controller
 * settings, one setting, or changes updatable settings (read-only ones are
 * refused by the controller after bootstrap).
 */
import { controllerConfigSchema } from '../../../core/config/controller-config.js';
import { ErrorCode, JujuError } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { OutputOptions, jsonFormatter, yamlFormatter } from '../../output/output-flags.js';
import { formatSmart } from '../../output/smart.js';
import { TabWriter } from '../../output/tabwriter.js';
import { parseKeyValueArgs, readYamlMap } from '../common/config-args.js';

export class ControllerConfigCommand extends ControllerCommandBase {
  private readonly output = new OutputOptions('tabular', {
    tabular: formatConfigTable,
    yaml: yamlFormatter,
    json: jsonFormatter,
  });
  private file!: FlagRef<string>;
  private ignoreReadOnly!: FlagRef<boolean>;
  private getKey: string | undefined;
  private sets: Record<string, string> = {};

  info(): CommandInfo {
    return {
      name: 'controller-config',
      args: '[<attribute key>[=<value>] ...]',
      purpose: 'Displays or sets configuration settings for a controller.',
      doc: `By default, all configuration (keys and values) for the controller are
displayed if a key is not specified. Supplying one key name returns only the
value for that key.

Supplying key=value will set the supplied key to the supplied value. This
can be repeated for multiple keys. You can also specify a yaml file
containing key values. Not all keys can be updated after bootstrap time.`,
      examples: `    juju controller-config
    juju controller-config api-port
    juju controller-config -c mycontroller
    juju controller-config auditing-enabled=true audit-log-max-backups=5
    juju controller-config --file path/to/file.yaml
`,
      seeAlso: ['controllers', 'model-config', 'show-cloud'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.output.setFlags(f);
    this.file = f.string('file', '', 'path to yaml-formatted configuration file');
    this.ignoreReadOnly = f.bool(
      'ignore-read-only-fields',
      false,
      'Ignore read only fields that might cause errors to be emitted while processing yaml documents',
    );
  }

  override init(args: string[]): void {
    const withValue = args.filter((a) => a.includes('='));
    if (withValue.length === 0 && args.length === 1 && this.file.value === '') {
      this.getKey = args[0];
      return;
    }
    if (withValue.length !== args.length)
      throw new UsageError('can only retrieve a single value, or all values');
    this.sets = parseKeyValueArgs(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const changes: Record<string, unknown> = {
      ...(this.file.value ? readYamlMap(ctx.path(this.file.value)) : {}),
      ...this.sets,
    };
    const conn = await this.controllerApi(ctx);
    if (Object.keys(changes).length > 0) {
      if (this.ignoreReadOnly.value) {
        for (const key of Object.keys(changes))
          if (controllerConfigSchema.field(key)?.readOnly) delete changes[key];
      }
      await conn.call('Controller', 'ConfigSet', { config: changes });
      return;
    }
    const { config } = await conn.call<{ config: Record<string, unknown> }>('Controller', 'ControllerConfig');
    if (this.getKey !== undefined) {
      if (!(this.getKey in config)) {
        throw new JujuError(
          ErrorCode.NotFound,
          `key "${this.getKey}" not found in "${this.controllerName(ctx)}" controller.`,
        );
      }
      const value = config[this.getKey];
      if (this.output.format === 'tabular') ctx.out(formatSmart(value));
      else this.output.write(ctx, value);
      return;
    }
    this.output.write(ctx, sortKeys(config));
  }
}

function sortKeys(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(config)
      .sort()
      .map((k) => [k, config[k]]),
  );
}

function formatConfigTable(value: unknown): string {
  const config = value as Record<string, unknown>;
  const w = new TabWriter();
  w.row('Attribute', 'Value');
  for (const key of Object.keys(config).sort()) {
    const v = config[key];
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    if (text.includes('\n')) {
      w.row(key, '|-');
      for (const line of text.trimEnd().split('\n')) w.row(`  ${line}`);
    } else {
      w.row(key, text);
    }
  }
  return w.toString();
}
