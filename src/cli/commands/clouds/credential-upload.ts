/** Uploading client credentials to a controller and reporting each outcome as Juju does. */
import type { ApiConnection } from '../../../api/connection.js';
import type { ClientStore, Credential } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import { cloudCredentialTag } from '../../../core/names.js';
import type { Context } from '../../framework/context.js';
import { uploadCredentials } from './cloud-api.js';

export interface UploadRequest {
  readonly store: ClientStore;
  readonly conn: ApiConnection;
  readonly controller: string;
  readonly cloud: string;
  /** Credential name → content. */
  readonly credentials: Readonly<Record<string, Credential>>;
  /** The verb of the report: `added`, `updated`, `loaded`. */
  readonly op: string;
  readonly force: boolean;
}

/** Upload and report; false when any credential was not taken. */
export async function uploadToController(ctx: Context, req: UploadRequest): Promise<boolean> {
  const user = req.store.accountDetails(req.controller).user;
  const names = Object.keys(req.credentials);
  let results;
  try {
    results = await uploadCredentials(
      req.conn,
      names.map((name) => {
        const c = req.credentials[name] as Credential;
        return {
          tag: cloudCredentialTag(req.cloud, user, name),
          authType: c.authType,
          attributes: c.attributes,
        };
      }),
      req.force,
    );
  } catch (err) {
    ctx.logf('ERROR', 'juju.cmd.juju.cloud', errorMessage(err));
    ctx.warningf(`Could not upload credentials to controller ${JSON.stringify(req.controller)}`);
    return false;
  }
  let ok = true;
  results.forEach((result, i) => {
    const name = names[i] ?? result.tag;
    const modelNames = Object.keys(result.modelErrors);
    for (const model of modelNames) {
      ctx.infof(
        `Credential invalid for:\n  ${model}:\n${(result.modelErrors[model] ?? []).map((m) => `    ${m}`).join('\n')}`,
      );
    }
    if (modelNames.length > 0 || result.error) {
      if (modelNames.length > 0) {
        ctx.infof('Failed models may require a different credential.');
        ctx.infof(
          req.force
            ? "Use 'juju set-credential' to change credential for these models."
            : "Use 'juju set-credential' to change credential for these models before repeating this update.",
        );
      }
      if (result.error) {
        ctx.warningf(
          `Controller credential ${JSON.stringify(name)} for user ${JSON.stringify(user)} for cloud ${JSON.stringify(req.cloud)} on controller ${JSON.stringify(req.controller)} not ${req.op}: ${result.error.message}.`,
        );
      }
      ok = false;
      return;
    }
    ctx.infof(
      `Controller credential ${JSON.stringify(name)} for user ${JSON.stringify(user)} for cloud ${JSON.stringify(req.cloud)} on controller ${JSON.stringify(req.controller)} ${req.op}.\n` +
        `For more information, see 'juju show-credential ${req.cloud} ${name}'.`,
    );
  });
  return ok;
}
