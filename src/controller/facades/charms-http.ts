/**
 * The charm HTTP endpoints of a model:
 *
 * - `PUT /model-<uuid>/charms/<name>-<sha256[:7]>` (header `Juju-Curl:
 *   local:<name>-<rev>`, body the `.charm` zip): users with write access
 *   upload a local charm. The archive must parse; it is stored as
 *   `<objectStoreDir>/<sha256>.charm` and recorded in the model. The same
 *   archive uploaded again keeps its URL; a revision already used (or passed)
 *   by another archive is bumped past the highest one. The reply carries the
 *   final URL in `Juju-Curl` and as `{"charm-url": ...}`.
 * - `GET /model-<uuid>/charms/<name>-<sha256[:7]>`: the archive by object name.
 * - `GET /model/<uuid>/charms?url=<charm url>[&file=<path>|*]`: any
 *   authenticated entity of the model (users with read access, machine and
 *   unit agents) lists the archive's files, fetches the whole archive
 *   (`file=*`) or one file.
 *
 * Requests authenticate with HTTP Basic auth (tag and password; machine
 * agents add `X-Juju-Nonce`). Errors are Juju's JSON error bodies.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, rename, stat, writeFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import {
  archiveSha256,
  loadCharmArchive,
  parseCharmURL,
  readCharmArchiveFile,
  scanCharmArchive,
  type Charm as LibraryCharm,
} from '../../charm/index.js';
import { ErrorCode, JujuError, errorMessage, unauthorized } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import { modelTarget, type Charm } from '../../domain/index.js';
import type { ApiServer } from '../apiserver/api-server.js';
import { parseBasicAuth, readBody, sendJson } from '../apiserver/http-util.js';
import type { RouteMatch } from '../apiserver/types.js';
import { archiveKeyFor, charmRecord, readStoredArchive } from './application-charm-store.js';
import type { FacadeDeps } from './deps.js';

/** Largest charm archive accepted. */
const MAX_CHARM_BYTES = 512 * 1024 * 1024;
const CURL_HEADER = 'juju-curl';
const MODEL_PREFIX = 'model-';
const BAD_LOGIN = 'invalid entity name or password';

/** Registers the charm upload and download routes on `server`. */
export function registerCharmRoutes(server: ApiServer, deps: FacadeDeps): void {
  server.addHttpRoute('PUT', '/:model/charms/:object', (req, res, route) =>
    putCharmObject(deps, req, res, route),
  );
  server.addHttpRoute('GET', '/:model/charms/:object', (req, res, route) =>
    getCharmObject(deps, req, res, route),
  );
  server.addHttpRoute('GET', '/model/:uuid/charms', (req, res, route) => getCharmFile(deps, req, res, route));
}

/** The model UUID of a `model-<uuid>` path segment. */
function objectStoreModel(deps: FacadeDeps, route: RouteMatch): string {
  const segment = route.params['model'] ?? '';
  if (!segment.startsWith(MODEL_PREFIX))
    throw new JujuError(ErrorCode.NotFound, `${route.url.pathname} not found`);
  return existingModel(deps, segment.slice(MODEL_PREFIX.length));
}

function existingModel(deps: FacadeDeps, uuid: string): string {
  try {
    deps.services.model.get(uuid);
  } catch {
    throw new JujuError(ErrorCode.ModelNotFound, `unknown model: ${JSON.stringify(uuid)}`);
  }
  return uuid;
}

/**
 * Checks the request's credentials for the model: a user with `level`
 * access, or (when `agents` is set) a machine or unit agent of the model.
 * @throws `unauthorized access`.
 */
function authenticate(
  deps: FacadeDeps,
  req: IncomingMessage,
  modelUuid: string,
  level: 'read' | 'write',
  agents: boolean,
): string {
  const creds = parseBasicAuth(req);
  if (creds === null)
    throw new JujuError(ErrorCode.Unauthorized, 'authentication failed: no credentials provided');
  let parsed;
  try {
    parsed = parseTag(creds.tag);
  } catch {
    throw unauthorized(BAD_LOGIN);
  }
  const { services } = deps;
  if (parsed.kind === 'user') {
    try {
      services.user.authenticate(parsed.id, creds.password);
    } catch {
      throw unauthorized(BAD_LOGIN);
    }
    if (!services.access.hasAccess(parsed.id, modelTarget(modelUuid), level)) throw unauthorized();
    return creds.tag;
  }
  if (!agents) throw unauthorized();
  try {
    if (parsed.kind === 'machine') {
      services.machine.authenticate(
        modelUuid,
        parsed.id,
        creds.password,
        creds.nonce === '' ? undefined : creds.nonce,
      );
    } else if (parsed.kind === 'unit') {
      services.application.authenticateUnit(modelUuid, parsed.id, creds.password);
    } else {
      throw unauthorized(BAD_LOGIN);
    }
  } catch (err) {
    if (err instanceof JujuError && err.code === ErrorCode.NotProvisioned) throw err;
    throw unauthorized(BAD_LOGIN);
  }
  return creds.tag;
}

const badRequest = (message: string): JujuError => new JujuError(ErrorCode.BadRequest, message);

/** `<name>-<7 hex>`. */
function parseObjectName(object: string): { name: string; shaPrefix: string } {
  const m = /^(.+)-([0-9a-f]{7})$/.exec(object);
  if (m === null)
    throw badRequest(`invalid charm object name ${JSON.stringify(object)}: expected <name>-<sha256 prefix>`);
  return { name: m[1] ?? '', shaPrefix: m[2] ?? '' };
}

async function putCharmObject(
  deps: FacadeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  route: RouteMatch,
): Promise<void> {
  const modelUuid = objectStoreModel(deps, route);
  authenticate(deps, req, modelUuid, 'write', false);
  const { name: objectName, shaPrefix } = parseObjectName(route.params['object'] ?? '');
  const curlHeader = req.headers[CURL_HEADER];
  if (typeof curlHeader !== 'string' || curlHeader === '') throw badRequest('missing Juju-Curl header');
  let curl;
  try {
    curl = parseCharmURL(curlHeader);
  } catch (err) {
    throw badRequest(`invalid Juju-Curl header: ${errorMessage(err)}`);
  }
  if (curl.schema !== 'local')
    throw badRequest(
      `unsupported charm URL ${JSON.stringify(curlHeader)}: only local charms can be uploaded`,
    );
  if (curl.name !== objectName)
    throw badRequest(
      `charm URL ${JSON.stringify(curlHeader)} does not match object name ${JSON.stringify(objectName)}`,
    );

  const body = await readBody(req, MAX_CHARM_BYTES);
  if (body.length === 0) throw badRequest('charm archive is empty');
  const sha256 = archiveSha256(body);
  if (!sha256.startsWith(shaPrefix))
    throw badRequest(
      `uploaded charm sha256 (${sha256.slice(0, 7)}) does not match object name (${shaPrefix})`,
    );
  let lib: LibraryCharm;
  try {
    lib = await loadCharmArchive(body);
  } catch (err) {
    throw badRequest(`invalid charm archive: ${errorMessage(err)}`);
  }
  if (lib.meta.name !== curl.name)
    throw badRequest(
      `charm URL ${JSON.stringify(curlHeader)} does not match charm name ${JSON.stringify(lib.meta.name)}`,
    );

  const archiveKey = archiveKeyFor(sha256);
  await storeBlob(deps.objectStoreDir, archiveKey, body);
  const charm = recordCharm(deps, modelUuid, lib, Math.max(0, curl.revision), sha256, archiveKey);
  deps.log('INFO', 'juju.apiserver.charms', `stored charm ${charm.url} (${sha256.slice(0, 12)})`);
  res.setHeader('Juju-Curl', charm.url);
  sendJson(res, 200, { 'charm-url': charm.url });
}

/**
 * Records an uploaded charm, reusing the URL of an identical archive and
 * otherwise picking the requested revision, or the next one when that (or a
 * later one) is taken.
 */
function recordCharm(
  deps: FacadeDeps,
  modelUuid: string,
  lib: LibraryCharm,
  requested: number,
  sha256: string,
  archiveKey: string,
): Charm {
  const { services } = deps;
  return services.atomically(() => {
    const same = services.charm
      .list(modelUuid)
      .find((c) => c.source === 'local' && c.name === lib.meta.name && c.sha256 === sha256);
    if (same !== undefined) return same;
    const next = services.charm.nextLocalRevision(modelUuid, lib.meta.name);
    const revision = next > requested ? next : requested;
    return services.charm.add(modelUuid, {
      ...charmRecord(lib),
      revision,
      sha256,
      archiveKey,
    });
  });
}

/** Writes a blob once (atomically: temp file then rename). */
async function storeBlob(dir: string, key: string, bytes: Buffer): Promise<void> {
  const path = join(dir, key);
  try {
    await stat(path);
    return;
  } catch {
    // not stored yet
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

async function getCharmObject(
  deps: FacadeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  route: RouteMatch,
): Promise<void> {
  const modelUuid = objectStoreModel(deps, route);
  authenticate(deps, req, modelUuid, 'read', true);
  const { name, shaPrefix } = parseObjectName(route.params['object'] ?? '');
  const charm = deps.services.charm
    .list(modelUuid)
    .find((c) => c.name === name && c.sha256.startsWith(shaPrefix));
  if (charm === undefined)
    throw new JujuError(ErrorCode.NotFound, `charm ${JSON.stringify(route.params['object'])} not found`);
  sendArchive(res, await readStoredArchive(deps, charm), charm);
}

function sendArchive(res: ServerResponse, bytes: Buffer, charm: Charm): void {
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Length': bytes.length,
    'Content-Sha256': charm.sha256,
    'Juju-Curl': charm.url,
  });
  res.end(bytes);
}

async function getCharmFile(
  deps: FacadeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  route: RouteMatch,
): Promise<void> {
  const modelUuid = existingModel(deps, route.params['uuid'] ?? '');
  authenticate(deps, req, modelUuid, 'read', true);
  const url = route.url.searchParams.get('url');
  if (url === null || url === '') throw badRequest('expected url=CharmURL query argument');
  const charm = deps.services.charm.get(modelUuid, url);
  const bytes = await readStoredArchive(deps, charm);
  const file = route.url.searchParams.get('file');
  if (file === '*') {
    sendArchive(res, bytes, charm);
    return;
  }
  if (file === null || file === '') {
    const scan = await scanCharmArchive(bytes);
    const files = scan.entries
      .filter((e) => e.type !== 'directory')
      .map((e) => e.path)
      .sort();
    sendJson(res, 200, { files });
    return;
  }
  let content: Buffer | undefined;
  try {
    content = await readCharmArchiveFile(bytes, file);
  } catch (err) {
    throw badRequest(errorMessage(err));
  }
  if (content === undefined) {
    const scan = await scanCharmArchive(bytes);
    const prefix = `${file.replace(/\/+$/, '')}/`;
    if (scan.entries.some((e) => e.path.startsWith(prefix)))
      throw new JujuError(ErrorCode.Forbidden, 'directory listing not allowed');
    throw new JujuError(ErrorCode.NotFound, `charm file ${JSON.stringify(file)} not found`);
  }
  res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': content.length });
  res.end(content);
}

function contentType(path: string): string {
  if (/\.(ya?ml|txt|md|py|sh)$/.test(path) || !path.includes('.')) return 'text/plain; charset=utf-8';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.svg')) return 'image/svg+xml';
  return 'application/octet-stream';
}
