/**
 * `metadata.yaml`: the charm's name, endpoints, storage, resources, containers and
 * the rest of what Juju reads from it (juju/charm v12 key set, Juju 3.6 rules).
 */
import { parseSize } from '../core/size.js';
import { isValidSeries } from './base.js';
import type { CharmRelation } from './relations.js';
import { parseRelationMap, reservedEndpointReason } from './relations.js';
import { FieldReader, describeValue, isMap, parseYamlText, quotedPath, subPath } from './yaml-fields.js';
import type { YamlMap } from './yaml-fields.js';

/** `filesystem` or `block` storage. */
export type StorageType = 'filesystem' | 'block';

/** One `storage` entry. */
export interface CharmStorage {
  name: string;
  type: StorageType;
  description: string;
  shared: boolean;
  readOnly: boolean;
  /** Minimum number of instances (1 without `multiple`). */
  countMin: number;
  /** Maximum number of instances; -1 means no maximum. */
  countMax: number;
  /** Minimum size in MiB; 0 when not given. */
  minimumSize: number;
  /** Mount point for filesystems; undefined lets Juju choose. */
  location?: string;
  properties: string[];
}

/** One `resources` entry. */
export interface CharmResource {
  name: string;
  type: 'file' | 'oci-image';
  /** File name the resource is stored under (`file` resources). */
  filename?: string;
  description: string;
}

/** A mount of a storage into a (K8s sidecar) container. */
export interface ContainerMount {
  storage: string;
  location: string;
}

/** One `containers` entry (K8s sidecar charms). */
export interface CharmContainer {
  name: string;
  resource?: string;
  mounts: ContainerMount[];
  uid?: number;
  gid?: number;
}

/** One `devices` entry (K8s). */
export interface CharmDevice {
  name: string;
  type: string;
  description: string;
  countMin: number;
  countMax: number;
}

/** An `assumes` expression: a feature (optionally versioned) or a nested any-of / all-of. */
export type AssumesExpression =
  | { feature: string; op?: '>=' | '<'; version?: string }
  | { anyOf: AssumesExpression[] }
  | { allOf: AssumesExpression[] };

/** Who runs a K8s charm's hooks. */
export type CharmUser = 'root' | 'sudoer' | 'non-root';

/** Everything Juju uses from `metadata.yaml`. */
export interface CharmMeta {
  name: string;
  summary: string;
  description: string;
  subordinate: boolean;
  provides: Record<string, CharmRelation>;
  requires: Record<string, CharmRelation>;
  peers: Record<string, CharmRelation>;
  /** Names usable with `network-get <name>` and `--bind name=space`. */
  extraBindings: string[];
  storage: Record<string, CharmStorage>;
  resources: Record<string, CharmResource>;
  containers: Record<string, CharmContainer>;
  devices: Record<string, CharmDevice>;
  assumes: AssumesExpression[];
  charmUser?: CharmUser;
  /** Legacy (format 1) series list, e.g. `[jammy, focal]`. */
  series: string[];
  minJujuVersion?: string;
  terms: string[];
  categories: string[];
  tags: string[];
  displayName?: string;
  maintainers: string[];
  /** Metadata format implied by the keys: 2 when `containers`/`assumes`/`charm-user` appear, 1 for `series`/`min-juju-version`/`deployment`, else undefined (decided by manifest.yaml). */
  format?: 1 | 2;
}

const CHARM_NAME_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*$/;

/** Charm names: lowercase words joined by hyphens, each part holding a letter. */
export function isValidCharmName(name: string): boolean {
  return CHARM_NAME_RE.test(name);
}

/**
 * Parse and check `metadata.yaml`.
 * @throws JujuError `not valid`, e.g. `metadata.yaml: "requires.db.interface" is required`.
 */
export function parseMetadata(yamlText: string): CharmMeta {
  const file = 'metadata.yaml';
  const doc = parseYamlText(yamlText, file);
  const reader = new FieldReader(file);
  if (doc === null || doc === undefined) reader.fail('empty metadata');
  return readMetaFields(reader, reader.map(doc, '(root)'));
}

const V2_KEYS = ['containers', 'assumes', 'charm-user'];
const V1_KEYS = ['series', 'deployment', 'min-juju-version'];

/**
 * Build and check a {@link CharmMeta} from the metadata keys of a mapping (a
 * `metadata.yaml` document, or a unified `charmcraft.yaml`).
 */
export function readMetaFields(reader: FieldReader, doc: YamlMap): CharmMeta {
  const name = reader.string(doc, 'name', 'name');
  if (!isValidCharmName(name)) reader.fail(`invalid charm name ${JSON.stringify(name)}`);

  const v2 = V2_KEYS.filter((k) => doc[k] !== undefined);
  const v1 = V1_KEYS.filter((k) => doc[k] !== undefined);
  if (v1.length > 0 && v2.length > 0) {
    const list = (keys: string[]): string => keys.map((k) => JSON.stringify(k)).join(', ');
    reader.fail(`ambiguous metadata: keys ${list(v1)} cannot be used with ${list(v2)}`);
  }

  const meta: CharmMeta = {
    name,
    summary: reader.optionalString(doc, 'summary', 'summary') ?? '',
    description: reader.optionalString(doc, 'description', 'description') ?? '',
    subordinate: reader.boolean(doc, 'subordinate', 'subordinate', false),
    provides: parseRelationMap(reader, doc['provides'], 'provides', 'provider'),
    requires: parseRelationMap(reader, doc['requires'], 'requires', 'requirer'),
    peers: parseRelationMap(reader, doc['peers'], 'peers', 'peer'),
    extraBindings: parseExtraBindings(reader, doc['extra-bindings']),
    storage: parseStorage(reader, doc['storage']),
    resources: parseResources(reader, doc['resources']),
    containers: {},
    devices: parseDevices(reader, doc['devices']),
    assumes: parseAssumes(reader, doc['assumes']),
    series: reader.stringList(doc, 'series', 'series'),
    terms: reader.stringList(doc, 'terms', 'terms'),
    categories: reader.stringList(doc, 'categories', 'categories'),
    tags: reader.stringList(doc, 'tags', 'tags'),
    maintainers: parseMaintainers(reader, doc),
  };
  meta.containers = parseContainers(reader, doc['containers'], meta);
  const charmUser = doc['charm-user'];
  if (charmUser !== undefined && charmUser !== null) {
    if (charmUser !== 'root' && charmUser !== 'sudoer' && charmUser !== 'non-root') {
      reader.fail(`invalid charm-user ${describeValue(charmUser)} expected one of root, sudoer or non-root`);
    }
    meta.charmUser = charmUser;
  }
  const minJuju = reader.optionalText(doc, 'min-juju-version', 'min-juju-version');
  if (minJuju !== undefined) meta.minJujuVersion = minJuju;
  const displayName = reader.optionalString(doc, 'display-name', 'display-name');
  if (displayName !== undefined) meta.displayName = displayName;
  if (v2.length > 0) meta.format = 2;
  else if (v1.length > 0) meta.format = 1;

  checkMeta(reader, meta);
  return meta;
}

function parseMaintainers(reader: FieldReader, doc: YamlMap): string[] {
  const out: string[] = [];
  const single = reader.optionalString(doc, 'maintainer', 'maintainer');
  if (single !== undefined) out.push(single);
  out.push(...reader.stringList(doc, 'maintainers', 'maintainers'));
  return out;
}

/** Juju's consistency rules across endpoints, bindings, subordinates and series. */
function checkMeta(reader: FieldReader, meta: CharmMeta): void {
  const seen = new Set<string>();
  const groups: [Record<string, CharmRelation>, 'provider' | 'requirer' | 'peer'][] = [
    [meta.provides, 'provider'],
    [meta.requires, 'requirer'],
    [meta.peers, 'peer'],
  ];
  const quotedName = JSON.stringify(meta.name);
  for (const [rels, role] of groups) {
    for (const rel of Object.values(rels)) {
      // Subordinates may require juju-* endpoints (typically juju-info) in container scope.
      const exempt = meta.subordinate && role === 'requirer' && rel.scope === 'container';
      if (!exempt && reservedEndpointReason(meta.name, rel.name) !== undefined) {
        reader.fail(`charm ${quotedName} using a reserved relation name: ${JSON.stringify(rel.name)}`);
      }
      if (role !== 'requirer' && reservedEndpointReason(meta.name, rel.interface) !== undefined) {
        reader.fail(
          `charm ${quotedName} relation ${JSON.stringify(rel.name)} using a reserved interface: ${JSON.stringify(rel.interface)}`,
        );
      }
      if (seen.has(rel.name))
        reader.fail(`charm ${quotedName} using a duplicated relation name: ${JSON.stringify(rel.name)}`);
      seen.add(rel.name);
    }
  }
  for (const binding of meta.extraBindings) {
    if (seen.has(binding)) {
      reader.fail(
        `${quotedPath(subPath('extra-bindings', binding))} clashes with the relation endpoint of the same name`,
      );
    }
  }
  if (meta.subordinate && !Object.values(meta.requires).some((r) => r.scope === 'container')) {
    reader.fail(`subordinate charm ${quotedName} lacks "requires" relation with container scope`);
  }
  meta.series.forEach((series, i) => {
    if (!isValidSeries(series))
      reader.fail(
        `${quotedPath(subPath('series', i))}: charm ${quotedName} declares invalid series ${JSON.stringify(series)}`,
      );
  });
}

function parseExtraBindings(reader: FieldReader, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  // Older charms list names; current ones map each name to nothing.
  const names = Array.isArray(value) ? value : Object.keys(reader.map(value, 'extra-bindings'));
  return names.map((name, i) => {
    if (typeof name !== 'string' || name === '')
      reader.wrongType(subPath('extra-bindings', i), 'a name', name);
    if (!/^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(name)) {
      reader.fail(
        `${quotedPath(subPath('extra-bindings', name))}: invalid binding name ${JSON.stringify(name)}`,
      );
    }
    return name;
  });
}

const RANGE_RE = /^(\d+)(?:(-)(\d+)?|(\+))?$/;

/** `multiple.range`: `m`, `m-n`, `m+` or `m-` (no maximum). */
function parseCountRange(reader: FieldReader, value: unknown, path: string): [number, number] {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return reader.wrongType(path, 'a string', value);
  const m = RANGE_RE.exec(text);
  if (m === null)
    return reader.fail(
      `${quotedPath(path)}: value ${JSON.stringify(text)} does not match 'm', 'm-n', or 'm+'`,
    );
  const min = Number(m[1]);
  if (m[4] === '+' || (m[2] === '-' && m[3] === undefined)) return [min, -1];
  if (m[3] !== undefined) {
    const max = Number(m[3]);
    if (max < min) reader.fail(`${quotedPath(path)}: invalid count range ${JSON.stringify(text)}`);
    return [min, max];
  }
  return [min, min];
}

function parseStorage(reader: FieldReader, value: unknown): Record<string, CharmStorage> {
  const out: Record<string, CharmStorage> = {};
  for (const [name, raw] of Object.entries(reader.map(value, 'storage'))) {
    const path = subPath('storage', name);
    const spec = reader.map(raw, path, true);
    const type = spec['type'];
    if (type === undefined || type === null) reader.required(subPath(path, 'type'));
    if (type !== 'filesystem' && type !== 'block') {
      reader.fail(
        `${quotedPath(subPath(path, 'type'))} must be "filesystem" or "block", got ${describeValue(type)}`,
      );
    }
    const store: CharmStorage = {
      name,
      type,
      description: reader.optionalString(spec, 'description', subPath(path, 'description')) ?? '',
      shared: reader.boolean(spec, 'shared', subPath(path, 'shared'), false),
      readOnly: reader.boolean(spec, 'read-only', subPath(path, 'read-only'), false),
      countMin: 1,
      countMax: 1,
      minimumSize: 0,
      properties: reader.stringList(spec, 'properties', subPath(path, 'properties')),
    };
    const location = reader.optionalString(spec, 'location', subPath(path, 'location'));
    if (location !== undefined) {
      if (type === 'block')
        reader.fail(
          `${quotedPath(subPath(path, 'location'))}: location may not be specified for "type: block"`,
        );
      store.location = location;
    }
    const multiple = spec['multiple'];
    if (multiple !== undefined && multiple !== null) {
      const m = reader.map(multiple, subPath(path, 'multiple'));
      const rangePath = subPath(subPath(path, 'multiple'), 'range');
      if (m['range'] === undefined || m['range'] === null) reader.required(rangePath);
      [store.countMin, store.countMax] = parseCountRange(reader, m['range'], rangePath);
    }
    const minimumSize = reader.optionalText(spec, 'minimum-size', subPath(path, 'minimum-size'));
    if (minimumSize !== undefined) {
      try {
        store.minimumSize = parseSize(minimumSize);
      } catch (err) {
        reader.fail(`${quotedPath(subPath(path, 'minimum-size'))}: ${(err as Error).message}`);
      }
    }
    for (const [i, prop] of store.properties.entries()) {
      if (prop !== 'transient')
        reader.fail(
          `${quotedPath(subPath(subPath(path, 'properties'), i))}: unknown storage property ${JSON.stringify(prop)}`,
        );
    }
    out[name] = store;
  }
  return out;
}

function parseResources(reader: FieldReader, value: unknown): Record<string, CharmResource> {
  const out: Record<string, CharmResource> = {};
  for (const [name, raw] of Object.entries(reader.map(value, 'resources'))) {
    const path = subPath('resources', name);
    const spec = reader.map(raw, path);
    const type = spec['type'] ?? 'file';
    if (type !== 'file' && type !== 'oci-image') {
      reader.fail(
        `${quotedPath(subPath(path, 'type'))} must be "file" or "oci-image", got ${describeValue(type)}`,
      );
    }
    const res: CharmResource = {
      name,
      type,
      description: reader.optionalString(spec, 'description', subPath(path, 'description')) ?? '',
    };
    const filename = reader.optionalString(spec, 'filename', subPath(path, 'filename'));
    if (filename !== undefined) res.filename = filename;
    if (type === 'file' && (filename === undefined || filename === ''))
      reader.required(subPath(path, 'filename'));
    out[name] = res;
  }
  return out;
}

function parseDevices(reader: FieldReader, value: unknown): Record<string, CharmDevice> {
  const out: Record<string, CharmDevice> = {};
  for (const [name, raw] of Object.entries(reader.map(value, 'devices'))) {
    const path = subPath('devices', name);
    const spec = reader.map(raw, path, true);
    const type = reader.string(spec, 'type', subPath(path, 'type'));
    const countMin = reader.optionalInteger(spec, 'countmin', subPath(path, 'countmin')) ?? 1;
    const countMax = reader.optionalInteger(spec, 'countmax', subPath(path, 'countmax')) ?? countMin;
    if (countMin < 0 || countMax < countMin)
      reader.fail(`${quotedPath(path)}: invalid device count ${countMin}-${countMax}`);
    out[name] = {
      name,
      type,
      description: reader.optionalString(spec, 'description', subPath(path, 'description')) ?? '',
      countMin,
      countMax,
    };
  }
  return out;
}

function parseContainers(
  reader: FieldReader,
  value: unknown,
  meta: CharmMeta,
): Record<string, CharmContainer> {
  const out: Record<string, CharmContainer> = {};
  for (const [name, raw] of Object.entries(reader.map(value, 'containers'))) {
    const path = subPath('containers', name);
    const spec = reader.map(raw, path);
    const container: CharmContainer = { name, mounts: [] };
    const resource = reader.optionalString(spec, 'resource', subPath(path, 'resource'));
    if (resource !== undefined) {
      const res = meta.resources[resource];
      if (res === undefined)
        reader.fail(
          `${quotedPath(subPath(path, 'resource'))}: resource ${JSON.stringify(resource)} is not declared`,
        );
      if (res.type !== 'oci-image')
        reader.fail(
          `${quotedPath(subPath(path, 'resource'))}: referenced resource ${JSON.stringify(resource)} is not a oci-image`,
        );
      container.resource = resource;
    }
    const mounts = spec['mounts'];
    if (mounts !== undefined && mounts !== null) {
      if (!Array.isArray(mounts)) reader.wrongType(subPath(path, 'mounts'), 'a list', mounts);
      mounts.forEach((m, i) => {
        const mPath = subPath(subPath(path, 'mounts'), i);
        const mount = reader.map(m, mPath, true);
        const storage = reader.string(mount, 'storage', subPath(mPath, 'storage'));
        if (meta.storage[storage] === undefined)
          reader.fail(
            `${quotedPath(subPath(mPath, 'storage'))}: storage ${JSON.stringify(storage)} is not declared`,
          );
        const location = reader.string(mount, 'location', subPath(mPath, 'location'));
        container.mounts.push({ storage, location });
      });
    }
    for (const idKey of ['uid', 'gid'] as const) {
      const id = reader.optionalInteger(spec, idKey, subPath(path, idKey));
      if (id === undefined) continue;
      if (id >= 1000 && id <= 9999) {
        reader.fail(
          `container ${JSON.stringify(name)} has invalid ${idKey} ${id}: ${idKey} cannot be in reserved range 1000-9999`,
        );
      }
      container[idKey] = id;
    }
    out[name] = container;
  }
  return out;
}

const FEATURE_RE = /^([a-z][a-z0-9-]*)(?:\s*(>=|<)\s*(\d+(?:\.\d+){0,2}))?$/;

function parseAssumes(reader: FieldReader, value: unknown, path = 'assumes'): AssumesExpression[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return reader.wrongType(path, 'a list', value);
  return value.map((item, i) => parseAssumesItem(reader, item, subPath(path, i)));
}

function parseAssumesItem(reader: FieldReader, item: unknown, path: string): AssumesExpression {
  if (typeof item === 'string') {
    const m = FEATURE_RE.exec(item.trim());
    if (m === null || m[1] === undefined)
      return reader.fail(`${quotedPath(path)}: invalid assumes expression ${JSON.stringify(item)}`);
    const expr: AssumesExpression = { feature: m[1] };
    if (m[2] !== undefined && m[3] !== undefined) {
      expr.op = m[2] as '>=' | '<';
      expr.version = m[3];
    }
    return expr;
  }
  if (isMap(item)) {
    const keys = Object.keys(item);
    const key = keys[0];
    if (keys.length !== 1 || (key !== 'any-of' && key !== 'all-of')) {
      return reader.fail(`${quotedPath(path)}: expected a feature, "any-of" or "all-of"`);
    }
    const nested = parseAssumes(reader, item[key], subPath(path, key));
    return key === 'any-of' ? { anyOf: nested } : { allOf: nested };
  }
  return reader.wrongType(path, 'a feature expression', item);
}
