/**
 * `charmcraft.yaml`, the build input of a charm. In the unified form it also holds
 * the metadata (`name`, `requires`, ...), `config.options` and `actions`, and
 * declares where the charm runs through `bases` (legacy) or `base` + `platforms`.
 */
import { parseBase } from './base.js';
import type { Base, CharmBase } from './base.js';
import { readActions } from './actions.js';
import type { CharmActions } from './actions.js';
import { readConfigOptions } from './config.js';
import type { CharmConfig } from './config.js';
import { normaliseArch, readBaseEntry } from './manifest.js';
import { readMetaFields } from './metadata.js';
import type { CharmMeta } from './metadata.js';
import { FieldReader, describeValue, isMap, parseYamlText, quotedPath, subPath } from './yaml-fields.js';
import type { YamlMap } from './yaml-fields.js';

/** One `platforms` entry. */
export interface CharmcraftPlatform {
  name: string;
  /** `[base:]arch` entries the charm is built on. */
  buildOn: string[];
  /** `[base:]arch` entries the charm runs on (`all` = any architecture). */
  buildFor: string[];
}

/** What a `charmcraft.yaml` declares. */
export interface CharmcraftProject {
  type: 'charm';
  name?: string;
  title?: string;
  summary: string;
  description: string;
  /** The charm metadata, present when the file is in unified form (it has `name`). */
  meta?: CharmMeta;
  /** Present when the file has a `config` section. */
  config?: CharmConfig;
  /** Present when the file has an `actions` section. */
  actions?: CharmActions;
  base?: Base;
  buildBase?: Base;
  platforms: CharmcraftPlatform[];
  /** Bases the packed charm runs on, derived from `bases` or `base` + `platforms`. */
  bases: CharmBase[];
  /** craft-parts definitions, kept as written. */
  parts: Record<string, unknown>;
}

/** Keys whose presence means the file carries charm metadata. */
const META_KEYS = [
  'provides',
  'requires',
  'peers',
  'extra-bindings',
  'storage',
  'resources',
  'containers',
  'assumes',
  'subordinate',
  'terms',
  'devices',
  'charm-user',
];

/**
 * Parse `charmcraft.yaml` (unified or build-only form).
 * @throws JujuError `not valid`, e.g. `charmcraft.yaml: "requires.db.interface" is required`.
 */
export function parseCharmcraft(yamlText: string): CharmcraftProject {
  const file = 'charmcraft.yaml';
  const reader = new FieldReader(file);
  const doc = reader.map(parseYamlText(yamlText, file), '(root)', true);
  const type = doc['type'] ?? 'charm';
  if (type !== 'charm') reader.fail(`"type" must be "charm", got ${describeValue(type)}`);

  const project: CharmcraftProject = {
    type: 'charm',
    summary: reader.optionalString(doc, 'summary', 'summary') ?? '',
    description: reader.optionalString(doc, 'description', 'description') ?? '',
    platforms: [],
    bases: [],
    parts: reader.map(doc['parts'], 'parts'),
  };
  const title = reader.optionalString(doc, 'title', 'title');
  if (title !== undefined) project.title = title;
  const name = reader.optionalString(doc, 'name', 'name');
  if (name !== undefined) {
    project.name = name;
    project.meta = readMetaFields(reader, doc);
  } else if (META_KEYS.some((k) => doc[k] !== undefined)) {
    reader.required('name');
  }
  if (doc['config'] !== undefined && doc['config'] !== null) {
    const config = reader.map(doc['config'], 'config');
    project.config = readConfigOptions(reader, config['options']);
  }
  if (doc['actions'] !== undefined) project.actions = readActions(reader, doc['actions'], name ?? '');

  readBuildKeys(reader, doc, project);
  return project;
}

function readBuildKeys(reader: FieldReader, doc: YamlMap, project: CharmcraftProject): void {
  const baseText = reader.optionalText(doc, 'base', 'base');
  if (baseText !== undefined) project.base = parseBaseField(reader, baseText, 'base');
  const buildBaseText = reader.optionalText(doc, 'build-base', 'build-base');
  if (buildBaseText !== undefined && buildBaseText !== 'devel') {
    project.buildBase = parseBaseField(reader, buildBaseText, 'build-base');
  }
  if (doc['bases'] !== undefined && doc['bases'] !== null) {
    if (project.base !== undefined) reader.fail('"base" and "bases" cannot be used together');
    project.bases = readLegacyBases(reader, doc['bases']);
  }
  if (doc['platforms'] !== undefined && doc['platforms'] !== null) {
    project.platforms = readPlatforms(reader, doc['platforms']);
    if (project.bases.length === 0)
      project.bases = basesFromPlatforms(reader, project.base, project.platforms);
  } else if (project.base !== undefined) {
    project.bases = [{ ...project.base, architectures: [] }];
  }
}

function parseBaseField(reader: FieldReader, text: string, path: string): Base {
  try {
    return parseBase(text);
  } catch (err) {
    return reader.fail(`${quotedPath(path)}: ${(err as Error).message}`);
  }
}

/** `bases: [{build-on: [...], run-on: [...]}]` or the short `[{name, channel, architectures}]`. */
function readLegacyBases(reader: FieldReader, value: unknown): CharmBase[] {
  if (!Array.isArray(value)) return reader.wrongType('bases', 'a list', value);
  const out: CharmBase[] = [];
  value.forEach((item, i) => {
    const path = subPath('bases', i);
    const entry = reader.map(item, path, true);
    if (entry['build-on'] === undefined && entry['run-on'] === undefined) {
      out.push(readBaseEntry(reader, entry, path));
      return;
    }
    const key = entry['run-on'] !== undefined ? 'run-on' : 'build-on';
    const list = entry[key];
    if (!Array.isArray(list)) return reader.wrongType(subPath(path, key), 'a list', list);
    list.forEach((b, j) => out.push(readBaseEntry(reader, b, subPath(subPath(path, key), j))));
  });
  return out;
}

function readPlatforms(reader: FieldReader, value: unknown): CharmcraftPlatform[] {
  const map = reader.map(value, 'platforms');
  return Object.entries(map).map(([name, spec]) => {
    const path = subPath('platforms', name);
    if (spec === null || spec === undefined) return { name, buildOn: [name], buildFor: [name] };
    if (!isMap(spec)) return reader.wrongType(path, 'a mapping', spec);
    const list = (key: string): string[] => {
      const v = spec[key];
      if (v === undefined || v === null) return [];
      if (typeof v === 'string') return [v];
      return reader.stringList(spec, key, subPath(path, key));
    };
    const buildOn = list('build-on');
    const buildFor = list('build-for');
    if (buildOn.length === 0) reader.required(subPath(path, 'build-on'));
    if (buildFor.length === 0) reader.required(subPath(path, 'build-for'));
    return { name, buildOn, buildFor };
  });
}

/** Run-on bases from `platforms` build-for entries (`amd64`, `ubuntu@22.04:arm64`, `all`). */
function basesFromPlatforms(
  reader: FieldReader,
  base: Base | undefined,
  platforms: CharmcraftPlatform[],
): CharmBase[] {
  const out: CharmBase[] = [];
  for (const platform of platforms) {
    platform.buildFor.forEach((target, i) => {
      const path = subPath(subPath('platforms', platform.name), `build-for[${i}]`);
      const colon = target.lastIndexOf(':');
      let runBase = base;
      let arch = target;
      if (colon >= 0) {
        runBase = parseBaseField(reader, target.slice(0, colon), path);
        arch = target.slice(colon + 1);
      }
      if (runBase === undefined)
        reader.fail(
          `${quotedPath(path)}: ${JSON.stringify(target)} needs a base (set "base" or use "<base>:<arch>")`,
        );
      let archs: string[] = [];
      if (arch !== 'all') {
        const normal = normaliseArch(arch);
        if (normal === undefined)
          reader.fail(`${quotedPath(path)}: architecture ${JSON.stringify(arch)} not valid`);
        archs = [normal];
      }
      const existing = out.find((b) => b.name === runBase.name && b.channel === runBase.channel);
      if (existing === undefined) out.push({ ...runBase, architectures: archs });
      else if (archs.length === 0 || existing.architectures.length === 0) existing.architectures = [];
      else if (!existing.architectures.includes(archs[0] as string)) existing.architectures.push(...archs);
    });
  }
  return out;
}
