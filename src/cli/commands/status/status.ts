/**
 * `juju status [<selector> ...]`: the model's machines, applications, units
 * and more from one `Client.FullStatus` call, in tabular, YAML, JSON, one
 * line per unit, or summary form.
 */
import type { ApiConnection } from '../../../api/connection.js';
import { parseDuration } from '../../../core/duration.js';
import { errorMessage } from '../../../core/errors.js';
import type { FullStatus } from '../../../rpc/params/status.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError, parseBool } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { colorEnabled } from './colors.js';
import type { FormattedStatus } from './formatted.js';
import { StatusFormatter, isEmptyStatus, jsonShape, yamlShape } from './formatted.js';
import { formatStatusOneline } from './oneline.js';
import { formatStatusSummary } from './summary.js';
import { formatStatusTabular } from './tabular.js';
import { fetchStorage, jsonStorageView, yamlStorageView, type StorageListing } from '../storage/view.js';

const ISO_TIME_ENV = 'JUJU_STATUS_ISO_TIME';
const CLEAR_SCREEN = '\x1bc';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class StatusCommand extends ModelCommandBase {
  private patterns: string[] = [];
  private isoTime = false;
  private utc: FlagRef<boolean> | undefined;
  private color: FlagRef<boolean> | undefined;
  private noColor: FlagRef<boolean> | undefined;
  private relations: FlagRef<boolean> | undefined;
  private integrations: FlagRef<boolean> | undefined;
  private storage: FlagRef<boolean> | undefined;
  private watch: FlagRef<number> | undefined;
  private retryCount: FlagRef<number> | undefined;
  private retryDelay: FlagRef<number> | undefined;
  private useColor = false;
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(jsonShape(v as FormattedStatus)),
    line: (v) => formatStatusOneline(v as FormattedStatus),
    oneline: (v) => formatStatusOneline(v as FormattedStatus),
    short: (v) => formatStatusOneline(v as FormattedStatus),
    summary: (v) => formatStatusSummary(v as FormattedStatus),
    tabular: (v) => formatStatusTabular(v as FormattedStatus, this.useColor),
    yaml: (v) => formatYaml(yamlShape(v as FormattedStatus)),
  });

  info(): CommandInfo {
    return {
      name: 'status',
      args: '[<selector> [...]]',
      purpose: 'Report the status of the model, its machines, applications and units.',
      doc: `Reports the state of the current model (or the one given with -m): its
applications and their units, the machines they run on, offers, SAAS
applications and, on request, integrations and storage.

Selectors narrow the report to machines, units or applications whose name
matches, with * as a wildcard, or to entities in a given status (active,
error, ...). Applications related to a match are shown as well.

Formats:
  tabular (default)   tables meant for people; add --relations (or
                      --integrations) and --storage for those sections
  short, line, oneline
                      one line per unit: address, agent and workload
                      status, open ports
  summary             counts of machines, units and applications by status,
                      with the subnets and ports in use
  json, yaml          everything, for programs (integrations and storage
                      are always included)

Times are local unless --utc is given (or JUJU_STATUS_ISO_TIME=true).
Failed API calls are retried --retry-count times, --retry-delay apart.`,
      examples: `    juju status
    juju status mysql
    juju status 0
    juju status nova-*
    juju status --relations --storage
    juju status --format=json
    juju status --watch 5s mysql
    juju status active
`,
      seeAlso: ['machines', 'show-model', 'debug-log', 'show-status-log', 'storage'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.utc = f.bool('utc', false, 'Display timestamps in the UTC timezone');
    this.color = f.bool('color', false, 'Use ANSI color codes in output');
    this.noColor = f.bool('no-color', false, 'Disable ANSI color codes in tabular output');
    this.integrations = f.bool('integrations', false, "Show 'integrations' section in tabular output");
    this.relations = f.bool('relations', false, "Same as '--integrations'");
    this.storage = f.bool('storage', false, "Show 'storage' section in tabular output");
    this.retryCount = f.int('retry-count', 3, 'Number of times to retry API failures');
    this.retryDelay = f.custom(
      'retry-delay',
      100,
      'Time to wait between retry attempts',
      parseDuration,
      '100ms',
    );
    this.watch = f.custom('watch', 0, 'Watch the status every period of time', parseDuration, '0s');
  }

  override init(args: string[]): void {
    this.patterns = args;
    // An Init error in Juju, so exit code 2.
    if (this.color?.value && this.noColor?.value) throw new UsageError('cannot mix --no-color and --color');
  }

  protected async execute(ctx: Context): Promise<void> {
    this.isoTime = this.utc?.value ?? false;
    const envIso = ctx.env[ISO_TIME_ENV];
    if (!this.isoTime && envIso !== undefined && envIso !== '') {
      try {
        this.isoTime = parseBool(envIso);
      } catch (err) {
        throw new UsageError(`invalid ${ISO_TIME_ENV} env var, expected true|false: ${errorMessage(err)}`);
      }
    }
    this.useColor = colorEnabled({
      color: this.color?.value ?? false,
      noColor: this.noColor?.value ?? false,
      tty: ctx.isTerminal('stdout'),
      env: ctx.env,
    });
    const watch = this.watch?.value ?? 0;
    if (watch > 0) ctx.out(CLEAR_SCREEN);
    await this.runStatus(ctx);
    if (watch <= 0) return;
    for (;;) {
      await sleep(watch);
      ctx.out(CLEAR_SCREEN);
      await this.runStatus(ctx);
    }
  }

  /** FullStatus, retried on failure with a fresh connection each time. */
  private async fetch(
    ctx: Context,
    includeStorage: boolean,
  ): Promise<{ status: FullStatus; controller: string; model: string; storage?: StorageListing }> {
    const target = await this.resolvedModel(ctx);
    const attempts = Math.max(0, this.retryCount?.value ?? 3) + 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(this.retryDelay?.value ?? 100);
      let conn: ApiConnection | undefined;
      try {
        conn = await this.open(ctx, target.controller, target.details.uuid);
        // Storage comes from the Storage facade, as Juju's client does it; both
        // requests go out at once on the one connection.
        const storageCall = includeStorage
          ? fetchStorage(conn, this.isoTime).catch(() => undefined)
          : undefined;
        const status = await conn.call<FullStatus>('Client', 'FullStatus', {
          patterns: this.patterns,
          'include-storage': includeStorage,
        });
        const storage = await storageCall;
        return {
          status,
          controller: target.controller,
          model: target.model,
          ...(storage ? { storage } : {}),
        };
      } catch (err) {
        lastError = err;
        ctx.logf(
          'DEBUG',
          'juju.cmd.juju.status',
          `status attempt ${attempt + 1} failed: ${errorMessage(err)}`,
        );
        void conn?.close();
      }
    }
    throw lastError;
  }

  private async runStatus(ctx: Context): Promise<void> {
    const tabular = this.out.format === 'tabular';
    const wantsRelations = (this.relations?.value ?? false) || (this.integrations?.value ?? false);
    const showRelations = wantsRelations || !tabular;
    const showStorage = (this.storage?.value ?? false) || !tabular;
    if (!tabular) {
      const given = [
        ...(this.integrations?.given ? ['integrations'] : []),
        ...(this.relations?.given ? ['relations'] : []),
        ...(this.storage?.given ? ['storage'] : []),
      ].sort();
      if (given.length > 0) {
        ctx.infof(
          `provided ${given.join(', ')} ${given.length > 1 ? 'options are' : 'option is'} always enabled in non tabular formats`,
        );
      }
    }
    const { status, controller, model, storage } = await this.fetch(ctx, showStorage);
    const formatted = new StatusFormatter(status, {
      controllerName: controller,
      isoTime: this.isoTime,
      showRelations,
      // The tabular view hides an empty storage section; other formats always carry the key.
      includeStorage: showStorage && !tabular,
    }).format();
    if (storage !== undefined && storage.rows.length > 0) {
      formatted.storage = tabular
        ? { rows: storage.rows }
        : this.out.format === 'json'
          ? jsonStorageView(storage.view)
          : { ...yamlStorageView(storage.view) };
    }
    this.out.write(ctx, formatted);
    if (!isEmptyStatus(status)) return;
    if (this.patterns.length === 0) ctx.infof(`\nModel ${JSON.stringify(model)} is empty.`);
    else ctx.infof(`Nothing matched specified filter${this.patterns.length === 1 ? '' : 's'}.`);
  }
}
