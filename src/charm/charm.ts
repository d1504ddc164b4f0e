/**
 * A charm as Juju sees it: metadata, config, actions, bases, revision and what it
 * can execute, loaded from a directory or from a `.charm` archive.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { notFound, notValid } from '../core/errors.js';
import { parseActions } from './actions.js';
import type { CharmActions } from './actions.js';
import { scanCharmArchive } from './archive.js';
import { baseFromSeries } from './base.js';
import type { CharmBase } from './base.js';
import { parseCharmcraft } from './charmcraft.js';
import type { CharmcraftProject } from './charmcraft.js';
import { parseConfig } from './config.js';
import type { CharmConfig } from './config.js';
import { parseManifest } from './manifest.js';
import type { CharmManifest } from './manifest.js';
import { parseMetadata } from './metadata.js';
import type { CharmMeta } from './metadata.js';

/** Where a charm's bases came from. */
export type CharmBasesSource = 'manifest' | 'charmcraft' | 'series' | 'none';

/** A loaded charm. */
export interface Charm {
  meta: CharmMeta;
  config: CharmConfig;
  actions: CharmActions;
  /** Present when the charm has a `manifest.yaml`. */
  manifest?: CharmManifest;
  /** Bases the charm runs on: manifest.yaml, else charmcraft.yaml, else metadata `series`. */
  bases: CharmBase[];
  basesSource: CharmBasesSource;
  /** From the `revision` file; 0 when there is none. */
  revision: number;
  /** From the `version` file (a VCS id shown by `juju status`), trimmed. */
  version?: string;
  /** The charm has a top-level `dispatch` (which then handles every hook and action). */
  hasDispatch: boolean;
  /** Names of the files directly in `hooks/`, sorted. */
  hooks: string[];
}

/** The files a charm is built from, by name; undefined when absent. */
export interface CharmFiles {
  'metadata.yaml'?: string;
  'config.yaml'?: string;
  'actions.yaml'?: string;
  'manifest.yaml'?: string;
  'charmcraft.yaml'?: string;
  revision?: string;
  version?: string;
}

const CHARM_FILE_NAMES: readonly (keyof CharmFiles)[] = [
  'metadata.yaml',
  'config.yaml',
  'actions.yaml',
  'manifest.yaml',
  'charmcraft.yaml',
  'revision',
  'version',
];

/**
 * Build a {@link Charm} from its files. `where` names the charm in the error when
 * there is no metadata at all.
 * @throws JujuError `not valid` naming the file and field at fault.
 */
export function charmFromFiles(
  files: CharmFiles,
  executables: { hasDispatch: boolean; hooks: string[] },
  where: string,
): Charm {
  let project: CharmcraftProject | undefined;
  const charmcraftText = files['charmcraft.yaml'];
  const charmcraft = (): CharmcraftProject | undefined => {
    if (project === undefined && charmcraftText !== undefined) project = parseCharmcraft(charmcraftText);
    return project;
  };

  const metaText = files['metadata.yaml'];
  let meta: CharmMeta | undefined;
  if (metaText !== undefined) meta = parseMetadata(metaText);
  else meta = charmcraft()?.meta;
  if (meta === undefined) {
    throw notValid(
      `invalid charm at ${JSON.stringify(where)}: no metadata.yaml (or charmcraft.yaml with charm metadata)`,
    );
  }

  const configText = files['config.yaml'];
  const config =
    configText !== undefined ? parseConfig(configText) : (charmcraft()?.config ?? { options: {} });
  const actionsText = files['actions.yaml'];
  const actions =
    actionsText !== undefined ? parseActions(actionsText, meta.name) : (charmcraft()?.actions ?? {});

  const charm: Charm = {
    meta,
    config,
    actions,
    bases: [],
    basesSource: 'none',
    revision: parseRevision(files.revision),
    hasDispatch: executables.hasDispatch,
    hooks: [...executables.hooks].sort(),
  };
  const manifestText = files['manifest.yaml'];
  if (manifestText !== undefined) charm.manifest = parseManifest(manifestText);
  const version = files.version?.trim();
  if (version !== undefined && version !== '') charm.version = version;

  // charmcraft.yaml is only consulted when the packed files do not say it all.
  const fromCharmcraft = (): CharmBase[] => charmcraft()?.bases ?? [];
  if (charm.manifest !== undefined && charm.manifest.bases.length > 0) {
    charm.bases = charm.manifest.bases;
    charm.basesSource = 'manifest';
  } else if (fromCharmcraft().length > 0) {
    charm.bases = fromCharmcraft();
    charm.basesSource = 'charmcraft';
  } else if (meta.series.length > 0) {
    charm.bases = meta.series.flatMap((s) => {
      const base = baseFromSeries(s);
      return base === undefined ? [] : [{ ...base, architectures: [] }];
    });
    charm.basesSource = 'series';
  }
  return charm;
}

function parseRevision(text: string | undefined): number {
  if (text === undefined) return 0;
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^[0-9]+$/.test(trimmed)) throw notValid(`revision: invalid revision ${JSON.stringify(trimmed)}`);
  return Number(trimmed);
}

/**
 * Load a charm from a directory (unpacked charm or charm source tree).
 * @throws JujuError `not found` when there is no such directory; `not valid` for bad charm files.
 */
export async function loadCharmDir(path: string): Promise<Charm> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw notFound(`no charm was found at ${JSON.stringify(path)}`);
  }
  if (!info.isDirectory()) throw notValid(`${JSON.stringify(path)} is not a charm directory`);
  const files: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    try {
      files[name] = await readFile(join(path, name), 'utf8');
    } catch {
      // Optional file.
    }
  }
  const hasDispatch = await isFileOrLink(join(path, 'dispatch'));
  const hooks: string[] = [];
  try {
    for (const entry of await readdir(join(path, 'hooks'), { withFileTypes: true })) {
      if (entry.isFile() || entry.isSymbolicLink()) hooks.push(entry.name);
    }
  } catch {
    // No hooks directory.
  }
  return charmFromFiles(files, { hasDispatch, hooks }, path);
}

async function isFileOrLink(path: string): Promise<boolean> {
  try {
    const info = await lstat(path);
    return info.isFile() || info.isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Load a charm from a `.charm` archive, given its path or its bytes.
 * @throws JujuError `not found` for a missing file; `not valid` for a bad archive or bad charm files.
 */
export async function loadCharmArchive(pathOrBuffer: string | Uint8Array): Promise<Charm> {
  let buffer: Uint8Array;
  let where = 'charm archive';
  if (typeof pathOrBuffer === 'string') {
    where = pathOrBuffer;
    try {
      buffer = await readFile(pathOrBuffer);
    } catch {
      throw notFound(`no charm was found at ${JSON.stringify(pathOrBuffer)}`);
    }
  } else {
    buffer = pathOrBuffer;
  }
  const wanted = new Set<string>(CHARM_FILE_NAMES);
  const scan = await scanCharmArchive(buffer, (p) => wanted.has(p));
  const files: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const data = scan.files.get(name);
    if (data !== undefined) files[name] = data.toString('utf8');
  }
  const executable = (e: { type: string }): boolean => e.type === 'file' || e.type === 'symlink';
  const hasDispatch = scan.entries.some((e) => e.path === 'dispatch' && executable(e));
  const hooks = scan.entries
    .filter(
      (e) => executable(e) && e.path.startsWith('hooks/') && !e.path.slice('hooks/'.length).includes('/'),
    )
    .map((e) => e.path.slice('hooks/'.length));
  return charmFromFiles(files, { hasDispatch, hooks: [...new Set(hooks)] }, where);
}
