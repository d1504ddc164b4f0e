/**
 * The command manifest: what `juju` needs to list and dispatch commands
 * without importing them. `scripts/gen-command-manifest.mjs` writes it next to
 * the compiled areas at build time; without it, every command is loaded.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { distPath } from '../../core/dist-paths.js';
import type { CommandFactory, LazyCommand } from '../framework/supercommand.js';
import { COMMAND_AREAS } from './areas.js';

export interface ManifestEntry {
  readonly name: string;
  readonly purpose: string;
  readonly aliases: readonly string[];
  readonly area: string;
  /** Position of the command's factory in its area's list. */
  readonly index: number;
}

export const MANIFEST_URL = pathToFileURL(distPath('src', 'cli', 'commands', 'manifest.json'));

/** Builds the manifest by loading every area (build time). */
export async function buildManifest(): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const [area, load] of Object.entries(COMMAND_AREAS)) {
    (await load()).forEach((factory, index) => {
      const info = factory().info();
      entries.push({ name: info.name, purpose: info.purpose, aliases: info.aliases ?? [], area, index });
    });
  }
  return entries;
}

/** Lazy registrations from the manifest on disk; null when there is none. */
export function lazyCommandsFromManifest(): LazyCommand[] | null {
  let entries: ManifestEntry[];
  try {
    entries = JSON.parse(readFileSync(MANIFEST_URL, 'utf8')) as ManifestEntry[];
  } catch {
    return null;
  }
  return entries.map((e) => ({
    name: e.name,
    purpose: e.purpose,
    aliases: e.aliases,
    load: async (): Promise<CommandFactory> => {
      const loader = COMMAND_AREAS[e.area];
      const factory = loader ? (await loader())[e.index] : undefined;
      if (!factory) throw new Error(`command manifest is stale (${e.name}): run "npm run build"`);
      return factory;
    },
  }));
}
