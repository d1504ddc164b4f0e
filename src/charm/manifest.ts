/**
 * `manifest.yaml`, written by `charmcraft pack`: the bases (and architectures) the
 * packed charm runs on. Juju uses it at deploy time to pick and check a base.
 */
import { SUPPORTED_ARCHES } from '../core/constraints.js';
import { BASE_OS_NAMES, parseBase } from './base.js';
import type { CharmBase } from './base.js';
import { FieldReader, describeValue, parseYamlText, quotedPath, subPath } from './yaml-fields.js';

/** What Juju reads from `manifest.yaml`. */
export interface CharmManifest {
  bases: CharmBase[];
  charmcraftVersion?: string;
}

/** Architecture aliases charm tooling writes. */
const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  ppc64le: 'ppc64el',
};

/** Normalise and check an architecture name (`x86_64` -> `amd64`); undefined if unknown. */
export function normaliseArch(arch: string): string | undefined {
  const a = ARCH_ALIASES[arch] ?? arch;
  return SUPPORTED_ARCHES.includes(a) ? a : undefined;
}

/**
 * Parse `manifest.yaml`.
 * @throws JujuError `not valid`, e.g. `manifest.yaml: "bases[0].channel" is required`.
 */
export function parseManifest(yamlText: string): CharmManifest {
  const file = 'manifest.yaml';
  const reader = new FieldReader(file);
  const doc = reader.map(parseYamlText(yamlText, file), '(root)');
  const manifest: CharmManifest = { bases: readBaseList(reader, doc['bases'], 'bases') };
  const version = reader.optionalText(doc, 'charmcraft-version', 'charmcraft-version');
  if (version !== undefined) manifest.charmcraftVersion = version;
  return manifest;
}

/** A list of `{name, channel, architectures}` bases (manifest.yaml, charmcraft.yaml `bases`). */
export function readBaseList(reader: FieldReader, value: unknown, path: string): CharmBase[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return reader.wrongType(path, 'a list', value);
  return value.map((item, i) => readBaseEntry(reader, item, subPath(path, i)));
}

/** One `{name, channel, architectures}` base. */
export function readBaseEntry(reader: FieldReader, item: unknown, path: string): CharmBase {
  const map = reader.map(item, path, true);
  const name = reader.string(map, 'name', subPath(path, 'name'));
  const channel = reader.optionalText(map, 'channel', subPath(path, 'channel'));
  if (channel === undefined || channel === '') return reader.required(subPath(path, 'channel'));
  if (!BASE_OS_NAMES.includes(name.toLowerCase())) {
    reader.fail(`${quotedPath(subPath(path, 'name'))}: os ${JSON.stringify(name)} not valid`);
  }
  let base;
  try {
    base = parseBase(`${name}@${channel}`);
  } catch (err) {
    return reader.fail(`${quotedPath(path)}: ${(err as Error).message}`);
  }
  const archPath = subPath(path, 'architectures');
  const rawArchs = map['architectures'] ?? [];
  if (!Array.isArray(rawArchs)) return reader.wrongType(archPath, 'a list', rawArchs);
  const architectures = rawArchs.map((a, i) => {
    const arch = typeof a === 'string' ? normaliseArch(a) : undefined;
    if (arch === undefined)
      reader.fail(`${quotedPath(subPath(archPath, i))}: architecture ${describeValue(a)} not valid`);
    return arch;
  });
  return { ...base, architectures: [...new Set(architectures)] };
}
