/** `juju update-cloud <cloud> -f <file>`: replace a cloud definition on this client and/or a controller. */
import type { CloudDefinition } from '../../../clientstore/index.js';
import { isBuiltinCloud } from '../../../clientstore/index.js';
import { badRequest, errorMessage, JujuError } from '../../../core/errors.js';
import { isValidCloudName } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { updateControllerCloud } from './cloud-api.js';
import { readCloudFromFile } from './cloud-file.js';
import { ClientOrControllerCommand } from './client-or-controller.js';

export class UpdateCloudCommand extends ClientOrControllerCommand {
  private fileFlag: FlagRef<string> | undefined;
  private cloudName = '';

  info(): CommandInfo {
    return {
      name: 'update-cloud',
      args: '<cloud name>',
      purpose: 'Updates cloud information available to Juju.',
      doc: `Updates a cloud definition on this client and/or on a controller.

The new definition is read from a YAML file (-f) holding the cloud under
its name, in the same format add-cloud reads. A file is needed to update this
client's copy; a controller's copy can also be updated from this client's
definition of the cloud, by giving only the cloud's name.

Use the --controller option to update a cloud on a controller.

Use --client to update the cloud definition on this client.`,
      examples: `    juju update-cloud mymaas -f path/to/maas.yaml
    juju update-cloud mymaas -f path/to/maas.yaml --controller mycontroller
    juju update-cloud mymaas --controller mycontroller
    juju update-cloud mymaas --client --controller mycontroller
    juju update-cloud mymaas --client -f path/to/maas.yaml`,
      seeAlso: ['add-cloud', 'remove-cloud', 'clouds'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.fileFlag = flags.string('f', '', 'The path to a cloud definition file');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw badRequest('cloud name required');
    this.cloudName = args[0] as string;
    if (!isValidCloudName(this.cloudName))
      throw new UsageError(`cloud name ${JSON.stringify(this.cloudName)} not valid`);
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const file = this.fileFlag?.value ?? '';
    let fromFile: CloudDefinition | undefined;
    if (file !== '') {
      try {
        const read = readCloudFromFile(ctx.path(file), this.cloudName);
        for (const w of read.warnings) ctx.warningf(w);
        fromFile = read.definition;
      } catch (err) {
        throw new JujuError(
          err instanceof JujuError ? err.code : '',
          `could not read cloud definition from provided file: ${errorMessage(err)}`,
        );
      }
    }
    const targets = await this.targets(ctx, `update cloud ${JSON.stringify(this.cloudName)} on`, false);
    const store = this.store(ctx);
    let failed = false;
    if (targets.client) {
      if (fromFile === undefined) {
        ctx.infof(
          `To update cloud ${JSON.stringify(this.cloudName)} on this client, a cloud definition file is required.`,
        );
        failed = true;
      } else if (isBuiltinCloud(this.cloudName)) {
        ctx.infof(
          `Cloud ${JSON.stringify(this.cloudName)} is a built-in cloud and cannot be updated on this client.`,
        );
        failed = true;
      } else {
        try {
          store.updatePersonalCloud(this.cloudName, fromFile);
          ctx.infof(`Cloud ${JSON.stringify(this.cloudName)} updated on this client using provided file.`);
        } catch (err) {
          ctx.infof(errorMessage(err));
          failed = true;
        }
      }
    }
    if (targets.controller !== undefined) {
      const controller = targets.controller;
      try {
        let def = fromFile;
        if (def === undefined) {
          const all = store.allClouds();
          const local = Object.hasOwn(all, this.cloudName) ? all[this.cloudName] : undefined;
          if (!local) throw new JujuError('not found', `cloud ${JSON.stringify(this.cloudName)} not found`);
          const { source: _source, ...rest } = local;
          def = rest;
        }
        await updateControllerCloud(await this.connectTo(ctx, controller), this.cloudName, def);
        ctx.infof(
          `Cloud ${JSON.stringify(this.cloudName)} updated on controller ${JSON.stringify(controller)} using ${
            fromFile ? 'provided file' : 'client cloud definition'
          }.`,
        );
      } catch (err) {
        ctx.infof(errorMessage(err));
        failed = true;
      }
    }
    if (failed) throw new SilentError(1);
  }
}
