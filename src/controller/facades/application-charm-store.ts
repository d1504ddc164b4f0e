/**
 * Charm archives in the controller's object store: where a stored charm's
 * archive lives, reading it back as a parsed charm (bases are only in the
 * archive), and the domain record made from a parsed charm.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadCharmArchive, type Charm as LibraryCharm } from '../../charm/index.js';
import { ErrorCode, JujuError } from '../../core/errors.js';
import type { AddCharmParams, Charm, CharmConfigOption, CharmEndpoint } from '../../domain/index.js';
import type { FacadeDeps } from './deps.js';

/** Object-store key of an archive: `<sha256>.charm`. */
export function archiveKeyFor(sha256: string): string {
  return `${sha256}.charm`;
}

/** Absolute path of a stored charm's archive. */
export function archivePath(
  deps: Pick<FacadeDeps, 'objectStoreDir'>,
  charm: Pick<Charm, 'archiveKey'>,
): string {
  return join(deps.objectStoreDir, charm.archiveKey);
}

/** The bytes of a stored charm's archive. @throws `not found` when the blob is missing. */
export async function readStoredArchive(
  deps: Pick<FacadeDeps, 'objectStoreDir'>,
  charm: Pick<Charm, 'archiveKey' | 'url'>,
): Promise<Buffer> {
  try {
    return await readFile(archivePath(deps, charm));
  } catch {
    throw new JujuError(ErrorCode.NotFound, `charm archive for ${JSON.stringify(charm.url)} not found`);
  }
}

const PARSED_CACHE_LIMIT = 64;
const parsed = new Map<string, Promise<LibraryCharm>>();

/** A stored charm parsed from its archive (cached by archive hash). */
export function loadStoredCharm(
  deps: Pick<FacadeDeps, 'objectStoreDir'>,
  charm: Pick<Charm, 'archiveKey' | 'url' | 'sha256'>,
): Promise<LibraryCharm> {
  const hit = parsed.get(charm.sha256);
  if (hit !== undefined) return hit;
  const loading = readStoredArchive(deps, charm).then((bytes) => loadCharmArchive(bytes));
  loading.catch(() => parsed.delete(charm.sha256));
  if (parsed.size >= PARSED_CACHE_LIMIT) {
    const oldest = parsed.keys().next().value;
    if (oldest !== undefined) parsed.delete(oldest);
  }
  parsed.set(charm.sha256, loading);
  return loading;
}

/** The domain's view of a parsed charm (everything but identity and storage). */
export function charmRecord(
  lib: LibraryCharm,
): Omit<AddCharmParams, 'url' | 'revision' | 'sha256' | 'archiveKey'> {
  const endpoints: CharmEndpoint[] = [];
  for (const group of [lib.meta.provides, lib.meta.requires, lib.meta.peers]) {
    for (const rel of Object.values(group)) {
      endpoints.push({
        name: rel.name,
        role: rel.role,
        interface: rel.interface,
        scope: rel.scope,
        limit: rel.limit,
        optional: rel.optional,
      });
    }
  }
  const configOptions: Record<string, CharmConfigOption> = {};
  for (const [name, option] of Object.entries(lib.config.options)) {
    configOptions[name] = {
      type: option.type,
      description: option.description,
      ...(option.default !== undefined ? { default: option.default } : {}),
    };
  }
  return {
    name: lib.meta.name,
    subordinate: lib.meta.subordinate,
    endpoints,
    extraBindings: [...lib.meta.extraBindings],
    configOptions,
    metadata: lib.meta,
    config: lib.config,
    actions: lib.actions,
    version: lib.version ?? '',
  };
}
