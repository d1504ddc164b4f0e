/**
 * Puts a charm on disk for the unit (charm-contract §1.8): download the
 * archive from the controller (`GET /model/<uuid>/charms?url=<url>&file=*`),
 * check its SHA-256, keep it under `state/bundles/`, and expand it into the
 * charm dir. On upgrade, files the previous archive had and the new one does
 * not are removed first (a manifest of each deployed archive is kept in
 * `state/deployer/manifest.json`); files the charm created at runtime survive.
 * `.juju-deploying` names the charm while a deploy is in progress and becomes
 * `.juju-charm` when it is done.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiConnection } from '../../api/connection.js';
import { ErrorCode, JujuError } from '../../core/errors.js';
import { parseCharmURL, scanCharmArchive, unpackCharmArchive } from '../../charm/index.js';

export interface DeployCharmOptions {
  readonly conn: ApiConnection;
  readonly modelUuid: string;
  readonly charmUrl: string;
  /** Expected hex SHA-256 ('' skips the check). */
  readonly sha256: string;
  readonly charmDir: string;
  /** The unit's `state` dir. */
  readonly stateDir: string;
  /**
   * HTTP Basic credentials (the agent's current password: after a password
   * rotation the connection's login credentials no longer work).
   */
  readonly auth?: { readonly tag: string; readonly password: string };
}

const MANIFEST = ['deployer', 'manifest.json'];

/** Fetches the archive (or reuses a verified copy from an interrupted deploy). */
async function fetchArchive(opts: DeployCharmOptions): Promise<Buffer> {
  const bundles = join(opts.stateDir, 'bundles');
  const cached = opts.sha256 === '' ? undefined : join(bundles, `${opts.sha256}.charm`);
  if (cached !== undefined) {
    const existing = await readFile(cached).catch(() => undefined);
    if (existing !== undefined && sha256(existing) === opts.sha256) return existing;
  }
  const res = await opts.conn.httpRequest('GET', `/model/${encodeURIComponent(opts.modelUuid)}/charms`, {
    query: { url: opts.charmUrl, file: '*' },
    ...(opts.auth !== undefined ? { auth: opts.auth } : {}),
  });
  const body = res.body;
  const actual = sha256(body);
  if (opts.sha256 !== '' && actual !== opts.sha256) {
    throw new JujuError(
      ErrorCode.NotValid,
      `cannot download charm ${JSON.stringify(opts.charmUrl)}: expected sha256 ${opts.sha256}, got ${actual}`,
    );
  }
  await mkdir(bundles, { recursive: true, mode: 0o700 });
  await writeFile(join(bundles, `${actual}.charm`), body, { mode: 0o600 });
  return body;
}

function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

async function readManifest(stateDir: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(await readFile(join(stateDir, ...MANIFEST), 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Removes what the old archive had and the new one does not (deepest paths first). */
async function removeObsolete(
  charmDir: string,
  oldPaths: readonly string[],
  newPaths: ReadonlySet<string>,
): Promise<void> {
  const gone = oldPaths.filter((p) => !newPaths.has(p)).sort((a, b) => b.length - a.length);
  for (const rel of gone) {
    const full = join(charmDir, ...rel.split('/'));
    try {
      const st = await lstat(full);
      if (st.isDirectory()) {
        // Only an emptied directory goes: runtime files inside it stay.
        if ((await readdir(full)).length === 0) await rmdir(full);
      } else {
        await rm(full, { force: true });
      }
    } catch {
      // already gone
    }
  }
}

/**
 * Downloads, verifies and expands the charm. Safe to repeat after a crash.
 * @throws on download, checksum or archive errors.
 */
export async function deployCharm(opts: DeployCharmOptions): Promise<void> {
  const archive = await fetchArchive(opts);
  const scan = await scanCharmArchive(archive);
  const newPaths = new Set(scan.entries.map((e) => e.path).filter((p) => p !== ''));
  await mkdir(opts.charmDir, { recursive: true, mode: 0o755 });
  await writeFile(join(opts.charmDir, '.juju-deploying'), `${opts.charmUrl}\n`);
  await removeObsolete(opts.charmDir, await readManifest(opts.stateDir), newPaths);
  let revision: number | undefined;
  try {
    const r = parseCharmURL(opts.charmUrl).revision;
    if (r >= 0) revision = r;
  } catch {
    revision = undefined;
  }
  await unpackCharmArchive(archive, opts.charmDir, revision !== undefined ? { revision } : {});
  const manifestPath = join(opts.stateDir, ...MANIFEST);
  await mkdir(join(manifestPath, '..'), { recursive: true, mode: 0o700 });
  await writeFile(manifestPath, `${JSON.stringify([...newPaths].sort(), null, 1)}\n`);
  await rename(join(opts.charmDir, '.juju-deploying'), join(opts.charmDir, '.juju-charm'));
}
