/**
 * `juju actions <application>` (alias `list-actions`): the actions of the
 * application's charm with their descriptions (`Action.ApplicationsCharmsActions`);
 * `--schema` prints each action's full JSON schema (YAML unless a format
 * is chosen).
 */
import { isValidApplicationName } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { naturalSort } from '../status/natural-sort.js';
import { ActionApi } from './action-api.js';
import { formatGoJson, formatGoYaml } from './go-output.js';

interface ActionLine {
  readonly action: string;
  readonly description: string;
}

/** `Action  Description`; further lines of a description sit under the first. */
export function actionsTable(value: unknown): string {
  const lines = value as ActionLine[];
  const tw = new TabWriter();
  tw.row('Action', 'Description');
  for (const line of lines) {
    const trimmed = line.description.trim();
    const text = trimmed === '' ? [] : trimmed.split(/\r?\n/);
    tw.row(line.action, text[0] ?? '');
    for (const more of text.slice(1)) tw.row('', more);
  }
  return tw.toString();
}

export class ListActionsCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('default', {
    default: () => '',
    tabular: actionsTable,
    yaml: (v) => formatGoYaml(v),
    json: (v) => formatGoJson(v),
  });
  private schemaFlag!: FlagRef<boolean>;
  private application = '';

  info(): CommandInfo {
    return {
      name: 'actions',
      args: '<application>',
      purpose: 'List actions defined for an application.',
      doc: `Lists the actions the application's charm defines, with a short description
each. --schema shows the full parameter schema of every action.`,
      examples: `    juju actions postgresql
    juju actions postgresql --format yaml
    juju actions postgresql --schema
`,
      aliases: ['list-actions'],
      seeAlso: ['run', 'show-action'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.schemaFlag = f.bool('schema', false, 'Display the full action schema');
  }

  override init(args: string[]): void {
    if (this.out.format === 'tabular' && this.schemaFlag.value) {
      throw new UsageError('full schema not compatible with tabular output');
    }
    if (args.length === 0) throw new UsageError('no application name specified');
    const app = args[0] as string;
    if (!isValidApplicationName(app)) throw new UsageError(`invalid application name ${JSON.stringify(app)}`);
    this.application = app;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const actions = await new ActionApi(conn).applicationCharmActions(this.application);
    const format = this.out.format;
    if (this.schemaFlag.value) {
      const schemas: Record<string, unknown> = {};
      for (const [name, spec] of Object.entries(actions)) schemas[name] = spec.params;
      if (format === 'default') ctx.out(formatGoYaml(schemas));
      else this.out.write(ctx, schemas);
      return;
    }
    const short: Record<string, string> = {};
    for (const [name, spec] of Object.entries(actions)) short[name] = spec.description || 'No description';
    if (format === 'yaml' || format === 'json') {
      this.out.write(ctx, short);
      return;
    }
    const names = naturalSort(Object.keys(short));
    if (names.length === 0) {
      ctx.infof(`No actions defined for ${this.application}.`);
      return;
    }
    const lines: ActionLine[] = names.map((name) => ({ action: name, description: short[name] ?? '' }));
    if (format === 'default') ctx.out(actionsTable(lines));
    else this.out.write(ctx, lines);
  }
}
