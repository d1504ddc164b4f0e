/**
 * Local charms on the client: loading a charm directory or `.charm` file
 * (errors name the path, file and field), packing it, and uploading it to
 * the model (`PUT /model-<uuid>/charms/<name>-<sha256[:7]>` with
 * `Juju-Curl: local:<name>-<revision>`). The controller answers with the
 * charm's final URL: the same archive keeps its URL, a taken revision is
 * bumped.
 */
import { readFile, stat } from 'node:fs/promises';

import type { ApiConnection } from '../../../api/connection.js';
import {
  archiveSha256,
  loadCharmArchive,
  loadCharmDir,
  localCharmURL,
  packCharmDir,
  parseCharmURL,
  type Charm,
} from '../../../charm/index.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';

/** A local charm ready to upload. */
export interface LocalCharm {
  /** The path as the user gave it. */
  readonly shownPath: string;
  readonly charm: Charm;
  readonly archive: Buffer;
  readonly sha256: string;
}

/**
 * Loads and packs the charm at `fullPath` (a directory or an archive).
 * @throws `not valid` `invalid charm at "./x": metadata.yaml: "name" is required`.
 */
export async function readLocalCharm(fullPath: string, shownPath: string): Promise<LocalCharm> {
  let isDir: boolean;
  try {
    isDir = (await stat(fullPath)).isDirectory();
  } catch {
    throw new JujuError(ErrorCode.NotFound, `no charm was found at ${JSON.stringify(shownPath)}`);
  }
  try {
    const charm = isDir ? await loadCharmDir(fullPath) : await loadCharmArchive(fullPath);
    const archive = isDir ? await packCharmDir(fullPath) : await readFile(fullPath);
    return { shownPath, charm, archive, sha256: archiveSha256(archive) };
  } catch (err) {
    throw new JujuError(
      ErrorCode.NotValid,
      `invalid charm at ${JSON.stringify(shownPath)}: ${errorMessage(err)}`,
    );
  }
}

/** Uploads a local charm; resolves to the URL the controller recorded (`local:pinger-1`). */
export async function uploadCharm(
  conn: ApiConnection,
  modelUuid: string,
  local: LocalCharm,
): Promise<string> {
  const name = local.charm.meta.name;
  const requested = localCharmURL(name, local.charm.revision);
  const res = await conn.httpRequest(
    'PUT',
    `/model-${modelUuid}/charms/${name}-${local.sha256.slice(0, 7)}`,
    {
      body: local.archive,
      headers: { 'Content-Type': 'application/zip', 'Juju-Curl': requested },
    },
  );
  const header = res.headers['juju-curl'];
  let url = typeof header === 'string' ? header : '';
  if (url === '') {
    try {
      url = String(res.json<{ 'charm-url'?: string }>()['charm-url'] ?? '');
    } catch {
      url = '';
    }
  }
  if (url === '')
    throw new JujuError('', `cannot upload charm ${JSON.stringify(name)}: no charm URL in the reply`);
  return url;
}

/** The revision of a charm URL. */
export function urlRevision(url: string): number {
  return parseCharmURL(url).revision;
}
