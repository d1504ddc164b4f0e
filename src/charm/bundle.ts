/**
 * Bundle YAML (`juju deploy ./bundle.yaml`): applications, machines, relations,
 * default base, with overlays as further YAML documents. Everything is checked up
 * front; errors name the bundle field:
 * `bundle.yaml: applications.wordpress.to[0]: placement "7" refers to a machine not defined in this bundle`.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

import { parseConstraints } from '../core/constraints.js';
import { notValid } from '../core/errors.js';
import { applicationNameError, isValidApplicationName, isValidSpaceName } from '../core/names.js';
import { baseFromSeries, formatBase, parseBase, sameBase } from './base.js';
import type { Base } from './base.js';
import { isValidEndpointName } from './relations.js';
import { isLocalCharmPath, parseCharmURL } from './url.js';
import { describeValue, isMap, parseYamlDocuments } from './yaml-fields.js';
import type { YamlMap } from './yaml-fields.js';

/** One application of a bundle. */
export interface BundleApplication {
  name: string;
  /** The charm as written: a Charmhub name (`mysql`, `ch:mysql`) or a local path (`./charms/app`). */
  charm: string;
  /** Absolute path of a local charm (resolved against the bundle's directory), when `baseDir` was given. */
  charmPath?: string;
  /** True when `charm` is a local path. */
  isLocal: boolean;
  channel?: string;
  revision?: number;
  /** From `base` (or legacy `series`). */
  base?: Base;
  /** `num_units` (IAAS) or `scale` (k8s); 0 when omitted. */
  numUnits: number;
  /** Placement directives, in order. */
  to: string[];
  options: Record<string, unknown>;
  constraints?: string;
  expose: boolean;
  /** Endpoint -> space; `""` is the default space. */
  bindings: Record<string, string>;
  trust: boolean;
  storage: Record<string, string>;
  /** Resource name -> revision number or local path. */
  resources: Record<string, number | string>;
  annotations: Record<string, string>;
}

/** One machine of a bundle (ids are the bundle's own, not the model's). */
export interface BundleMachine {
  id: string;
  constraints?: string;
  base?: Base;
  annotations: Record<string, string>;
}

/** A parsed, checked bundle. */
export interface Bundle {
  /** `kubernetes` for `bundle: kubernetes`, else `machines`. */
  kind: 'machines' | 'kubernetes';
  description?: string;
  /** From `default-base` (or legacy `series`). */
  defaultBase?: Base;
  applications: Record<string, BundleApplication>;
  machines: Record<string, BundleMachine>;
  /** Pairs of `app[:endpoint]`. */
  relations: [string, string][];
  /** Remote offers the bundle consumes: name -> offer URL. */
  saas: Record<string, { url: string }>;
  tags: string[];
}

/** Options for {@link parseBundle}. */
export interface ParseBundleOptions {
  /** Directory the bundle file is in; local charm paths are resolved against it and must exist. */
  baseDir?: string;
  /** File name used in messages (default `bundle.yaml`). */
  fileName?: string;
}

/** A parsed placement directive (`lxd:1`, `new`, `wordpress/0`, `3`). */
export interface UnitPlacement {
  /** `lxd` or `kvm` when the unit goes into a new container. */
  containerType?: string;
  /** A bundle machine id, or `new`. */
  machine?: string;
  /** Co-locate with this application's units... */
  application?: string;
  /** ...or with this one unit of it. */
  unit?: number;
}

const CONTAINER_TYPES = ['lxd', 'kvm'];
const PLACEMENT_RE =
  /^(?:([a-z]+):)?(?:([a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*)(?:\/(0|[1-9][0-9]*))?|(0|[1-9][0-9]*))$/;

/**
 * Parse one `to:` directive.
 * @throws JujuError `not valid`: `invalid placement syntax "x"`.
 */
export function parseUnitPlacement(text: string): UnitPlacement {
  const m = PLACEMENT_RE.exec(text);
  if (m === null) throw notValid(`invalid placement syntax ${JSON.stringify(text)}`);
  const [, container, app, unit, machine] = m;
  const p: UnitPlacement = {};
  if (container !== undefined) {
    if (!CONTAINER_TYPES.includes(container))
      throw notValid(
        `invalid container type ${JSON.stringify(container)} in placement ${JSON.stringify(text)}`,
      );
    p.containerType = container;
  }
  if (machine !== undefined) p.machine = machine;
  else if (app === 'new') {
    if (unit !== undefined) throw notValid(`invalid placement syntax ${JSON.stringify(text)}`);
    p.machine = 'new';
  } else if (app !== undefined) {
    p.application = app;
    if (unit !== undefined) p.unit = Number(unit);
  }
  return p;
}

const TOP_KEYS = [
  'bundle',
  'name',
  'description',
  'default-base',
  'series',
  'applications',
  'services',
  'machines',
  'relations',
  'saas',
  'tags',
];
const APP_KEYS = [
  'charm',
  'channel',
  'revision',
  'base',
  'series',
  'num_units',
  'scale',
  'to',
  'placement',
  'expose',
  'exposed-endpoints',
  'options',
  'annotations',
  'constraints',
  'storage',
  'devices',
  'bindings',
  'resources',
  'trust',
  'plan',
  'offers',
];
const MACHINE_KEYS = ['constraints', 'annotations', 'series', 'base'];

/** Collects every problem so one run reports them all. */
class Problems {
  readonly list: string[] = [];
  constructor(readonly file: string) {}
  add(path: string, message: string): void {
    this.list.push(path === '' ? `${this.file}: ${message}` : `${this.file}: ${path}: ${message}`);
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw notValid(this.list.join('\n'));
  }
}

/**
 * Parse and check a bundle. Later YAML documents are overlays: applications merge
 * into the base (an application given with no properties is removed), machines are
 * replaced, relations are appended.
 * @throws JujuError `not valid` listing every problem, one per line.
 */
export function parseBundle(yamlText: string, options: ParseBundleOptions = {}): Bundle {
  const file = options.fileName ?? 'bundle.yaml';
  const docs = parseYamlDocuments(yamlText, file).filter((d) => d !== null && d !== undefined);
  const problems = new Problems(file);
  if (docs.length === 0) throw notValid(`${file}: empty bundle`);
  const [first, ...overlays] = docs.map(legacyServices);
  if (!isMap(first)) throw notValid(`${file}: bundle must be a mapping, got ${describeValue(first)}`);
  let merged: YamlMap = first;
  overlays.forEach((overlay, i) => {
    if (!isMap(overlay))
      throw notValid(`${file}: overlay ${i + 1} must be a mapping, got ${describeValue(overlay)}`);
    merged = applyOverlay(merged, overlay);
  });
  const bundle = readBundle(merged, options, problems);
  problems.throwIfAny();
  return bundle;
}

/** Old bundles say `services` where current ones say `applications`. */
function legacyServices(doc: unknown): unknown {
  if (!isMap(doc) || doc['services'] === undefined || doc['applications'] !== undefined) return doc;
  const { services, ...rest } = doc;
  return { ...rest, applications: services };
}

function applyOverlay(base: YamlMap, overlay: YamlMap): YamlMap {
  const out: YamlMap = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (key === 'applications') {
      const apps: YamlMap = isMap(out[key]) ? { ...out[key] } : {};
      const removed: string[] = [];
      for (const [name, spec] of Object.entries(isMap(value) ? value : {})) {
        if (spec === null || (isMap(spec) && Object.keys(spec).length === 0)) {
          delete apps[name];
          removed.push(name);
        } else {
          apps[name] = isMap(apps[name]) && isMap(spec) ? deepMerge(apps[name], spec) : spec;
        }
      }
      out[key] = apps;
      if (removed.length > 0 && Array.isArray(out['relations'])) {
        out['relations'] = out['relations'].filter(
          (rel) =>
            !Array.isArray(rel) ||
            !rel.some((ep) => typeof ep === 'string' && removed.includes(ep.split(':')[0] ?? '')),
        );
      }
    } else if (key === 'machines') {
      out[key] = { ...(isMap(out[key]) ? out[key] : {}), ...(isMap(value) ? value : {}) };
    } else if (key === 'relations') {
      const before: unknown[] = Array.isArray(out[key]) ? (out[key] as unknown[]) : [];
      const added: unknown[] = Array.isArray(value) ? (value as unknown[]) : [];
      out[key] = [...before, ...added];
    } else {
      out[key] = value;
    }
  }
  return out;
}

function deepMerge(a: YamlMap, b: YamlMap): YamlMap {
  const out: YamlMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isMap(prev) && isMap(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

function readBundle(doc: YamlMap, options: ParseBundleOptions, problems: Problems): Bundle {
  for (const key of Object.keys(doc))
    if (!TOP_KEYS.includes(key)) problems.add('', `unknown field ${JSON.stringify(key)}`);
  const bundle: Bundle = {
    kind: 'machines',
    applications: {},
    machines: {},
    relations: [],
    saas: {},
    tags: [],
  };
  const type = doc['bundle'];
  if (type !== undefined && type !== null) {
    if (type === 'kubernetes') bundle.kind = 'kubernetes';
    else problems.add('bundle', `bundle has an invalid type ${describeValue(type)}`);
  }
  const description = doc['description'];
  if (typeof description === 'string') bundle.description = description;
  else if (description !== undefined && description !== null)
    problems.add('description', `expected a string, got ${describeValue(description)}`);
  const tags = doc['tags'];
  if (Array.isArray(tags)) bundle.tags = tags.map(String);

  const defaultBase = readBase(doc, 'default-base', 'series', '', problems);
  if (defaultBase !== undefined) bundle.defaultBase = defaultBase;

  readSaas(doc['saas'], bundle, problems);
  readMachines(doc['machines'], bundle, problems);
  readApplications(doc['applications'], 'applications', bundle, options, problems);
  checkPlacements(bundle, problems);
  readRelations(doc['relations'], bundle, problems);
  return bundle;
}

/** A base from `<baseKey>` or legacy `<seriesKey>`; both given must agree. */
function readBase(
  map: YamlMap,
  baseKey: string,
  seriesKey: string,
  path: string,
  problems: Problems,
): Base | undefined {
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  let base: Base | undefined;
  const baseText = map[baseKey];
  if (baseText !== undefined && baseText !== null) {
    if (typeof baseText !== 'string')
      problems.add(at(baseKey), `expected a base such as "ubuntu@22.04", got ${describeValue(baseText)}`);
    else {
      try {
        base = parseBase(baseText);
      } catch (err) {
        problems.add(at(baseKey), (err as Error).message);
      }
    }
  }
  const series = map[seriesKey];
  if (series !== undefined && series !== null) {
    const fromSeries = typeof series === 'string' ? baseFromSeries(series) : undefined;
    if (fromSeries === undefined) problems.add(at(seriesKey), `invalid series ${describeValue(series)}`);
    else if (base !== undefined && !sameBase(base, fromSeries)) {
      problems.add(
        path,
        `base ${JSON.stringify(formatBase(base))} and series ${JSON.stringify(series)} do not match`,
      );
    } else base ??= fromSeries;
  }
  return base;
}

function readConstraints(value: unknown, path: string, problems: Problems): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    problems.add(path, `expected a constraints string, got ${describeValue(value)}`);
    return undefined;
  }
  try {
    parseConstraints(value);
  } catch (err) {
    problems.add(path, `invalid constraints ${JSON.stringify(value)}: ${(err as Error).message}`);
  }
  return value;
}

function readStringMap(value: unknown, path: string, problems: Problems): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined || value === null) return out;
  if (!isMap(value)) {
    problems.add(path, `expected a mapping, got ${describeValue(value)}`);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else problems.add(`${path}.${k}`, `expected a string, got ${describeValue(v)}`);
  }
  return out;
}

function readBool(value: unknown, path: string, problems: Problems): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    problems.add(path, `expected true or false, got ${describeValue(value)}`);
    return false;
  }
  return value;
}

function readSaas(value: unknown, bundle: Bundle, problems: Problems): void {
  if (value === undefined || value === null) return;
  if (!isMap(value)) return problems.add('saas', `expected a mapping, got ${describeValue(value)}`);
  for (const [name, spec] of Object.entries(value)) {
    const path = `saas.${name}`;
    if (!isValidApplicationName(name)) problems.add(path, `invalid SAAS name ${JSON.stringify(name)}`);
    const url = isMap(spec) ? spec['url'] : undefined;
    if (typeof url !== 'string' || !/^(?:[^:/]+:)?[^/]+\/[^.]+\.[^.]+$/.test(url)) {
      problems.add(`${path}.url`, `invalid offer URL ${describeValue(url)}`);
      continue;
    }
    bundle.saas[name] = { url };
  }
}

function readMachines(value: unknown, bundle: Bundle, problems: Problems): void {
  if (value === undefined || value === null) return;
  if (!isMap(value)) return problems.add('machines', `expected a mapping, got ${describeValue(value)}`);
  if (bundle.kind === 'kubernetes' && Object.keys(value).length > 0) {
    problems.add('machines', 'bundle machines not valid for Kubernetes bundles');
    return;
  }
  for (const [id, raw] of Object.entries(value)) {
    const path = `machines.${id}`;
    if (!/^(0|[1-9][0-9]*)$/.test(id)) {
      problems.add('machines', `invalid machine id ${JSON.stringify(id)} found in machines`);
      continue;
    }
    const spec = raw === null || raw === undefined ? {} : raw;
    if (!isMap(spec)) {
      problems.add(path, `expected a mapping, got ${describeValue(spec)}`);
      continue;
    }
    for (const key of Object.keys(spec))
      if (!MACHINE_KEYS.includes(key)) problems.add(path, `unknown field ${JSON.stringify(key)}`);
    const machine: BundleMachine = {
      id,
      annotations: readStringMap(spec['annotations'], `${path}.annotations`, problems),
    };
    const constraints = readConstraints(spec['constraints'], `${path}.constraints`, problems);
    if (constraints !== undefined) machine.constraints = constraints;
    const base = readBase(spec, 'base', 'series', path, problems);
    if (base !== undefined) machine.base = base;
    bundle.machines[id] = machine;
  }
}

function readApplications(
  value: unknown,
  key: string,
  bundle: Bundle,
  options: ParseBundleOptions,
  problems: Problems,
): void {
  if (value !== undefined && value !== null && !isMap(value)) {
    problems.add(key, `expected a mapping, got ${describeValue(value)}`);
    return;
  }
  const apps = value ?? {};
  if (Object.keys(apps).length === 0) {
    problems.add('', 'at least one application must be specified');
    return;
  }
  for (const [name, raw] of Object.entries(apps)) {
    const path = `applications.${name}`;
    const nameProblem = applicationNameError(name);
    if (nameProblem !== undefined) problems.add(path, nameProblem);
    if (bundle.saas[name] !== undefined)
      problems.add(
        path,
        `application ${JSON.stringify(name)} already exists with SAAS ${JSON.stringify(name)} name`,
      );
    if (!isMap(raw)) {
      problems.add(
        path,
        raw === null || raw === undefined
          ? `bundle application for key ${JSON.stringify(name)} is undefined`
          : `expected a mapping, got ${describeValue(raw)}`,
      );
      continue;
    }
    const app = readApplication(name, raw, path, bundle, options, problems);
    if (app !== undefined) bundle.applications[name] = app;
  }
}

function readApplication(
  name: string,
  spec: YamlMap,
  path: string,
  bundle: Bundle,
  options: ParseBundleOptions,
  problems: Problems,
): BundleApplication | undefined {
  for (const key of Object.keys(spec))
    if (!APP_KEYS.includes(key)) problems.add(path, `unknown field ${JSON.stringify(key)}`);
  const charm = spec['charm'];
  if (typeof charm !== 'string' || charm === '') {
    problems.add(
      `${path}.charm`,
      charm === undefined || charm === null || charm === ''
        ? 'charm is required'
        : `expected a string, got ${describeValue(charm)}`,
    );
    return undefined;
  }
  const app: BundleApplication = {
    name,
    charm,
    isLocal: isLocalCharmPath(charm),
    numUnits: 0,
    to: [],
    options: {},
    expose: readBool(spec['expose'], `${path}.expose`, problems),
    bindings: {},
    trust: readBool(spec['trust'], `${path}.trust`, problems),
    storage: readStringMap(spec['storage'], `${path}.storage`, problems),
    resources: {},
    annotations: readStringMap(spec['annotations'], `${path}.annotations`, problems),
  };

  if (app.isLocal) {
    if (options.baseDir !== undefined) {
      const full = isAbsolute(charm) ? charm : resolve(options.baseDir, charm);
      if (!existsSync(full))
        problems.add(`${path}.charm`, `charm path ${JSON.stringify(charm)} does not exist`);
      app.charmPath = full;
    }
  } else {
    try {
      const url = parseCharmURL(charm);
      if (url.schema === 'local')
        problems.add(
          `${path}.charm`,
          `local charm URL ${JSON.stringify(charm)} not supported in bundles, use a path such as "./${url.name}"`,
        );
      if (url.revision >= 0)
        problems.add(
          `${path}.charm`,
          `cannot specify revision in ${JSON.stringify(charm)}, please use revision`,
        );
    } catch (err) {
      problems.add(
        `${path}.charm`,
        `invalid charm URL in application ${JSON.stringify(name)}: ${(err as Error).message}`,
      );
    }
  }

  const channel = spec['channel'];
  if (typeof channel === 'string' && channel !== '') app.channel = channel;
  else if (channel !== undefined && channel !== null)
    problems.add(`${path}.channel`, `expected a string, got ${describeValue(channel)}`);
  const revision = spec['revision'];
  if (revision !== undefined && revision !== null) {
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
      problems.add(
        `${path}.revision`,
        `the revision for application ${JSON.stringify(name)} must be zero or greater`,
      );
    } else {
      app.revision = revision;
      if (!app.isLocal && app.channel === undefined) {
        problems.add(
          `${path}.revision`,
          `application ${JSON.stringify(name)} with a revision requires a channel for future upgrades, please use channel`,
        );
      }
    }
  }

  const base = readBase(spec, 'base', 'series', path, problems);
  if (base !== undefined) app.base = base;

  const numUnits = spec['num_units'];
  const scale = spec['scale'];
  if (numUnits !== undefined && numUnits !== null && scale !== undefined && scale !== null) {
    problems.add(path, `cannot specify both scale and num_units for application ${JSON.stringify(name)}`);
  }
  const units = numUnits ?? scale;
  if (units !== undefined && units !== null) {
    if (typeof units !== 'number' || !Number.isInteger(units))
      problems.add(`${path}.num_units`, `expected an integer, got ${describeValue(units)}`);
    else if (units < 0)
      problems.add(
        `${path}.num_units`,
        `negative number of units specified on application ${JSON.stringify(name)}`,
      );
    else app.numUnits = units;
  }

  const to = spec['to'] ?? (bundle.kind === 'kubernetes' ? spec['placement'] : undefined);
  if (to !== undefined && to !== null) {
    const list = Array.isArray(to) ? to : [to];
    list.forEach((p, i) => {
      if (typeof p === 'string' || typeof p === 'number') app.to.push(String(p));
      else problems.add(`${path}.to[${i}]`, `expected a placement directive, got ${describeValue(p)}`);
    });
  }

  const opts = spec['options'];
  if (isMap(opts)) app.options = { ...opts };
  else if (opts !== undefined && opts !== null)
    problems.add(`${path}.options`, `expected a mapping, got ${describeValue(opts)}`);

  const constraints = readConstraints(spec['constraints'], `${path}.constraints`, problems);
  if (constraints !== undefined) app.constraints = constraints;

  app.bindings = readStringMap(spec['bindings'], `${path}.bindings`, problems);
  for (const [endpoint, space] of Object.entries(app.bindings)) {
    if (endpoint !== '' && !isValidEndpointName(endpoint))
      problems.add(`${path}.bindings`, `invalid endpoint name ${JSON.stringify(endpoint)}`);
    if (!isValidSpaceName(space))
      problems.add(`${path}.bindings.${endpoint}`, `invalid space name ${JSON.stringify(space)}`);
  }

  const resources = spec['resources'];
  if (isMap(resources)) {
    for (const [res, v] of Object.entries(resources)) {
      if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'string') app.resources[res] = v;
      else
        problems.add(
          `${path}.resources.${res}`,
          `resource revision ${describeValue(v)} is not int or string`,
        );
    }
  } else if (resources !== undefined && resources !== null) {
    problems.add(`${path}.resources`, `expected a mapping, got ${describeValue(resources)}`);
  }
  return app;
}

function checkPlacements(bundle: Bundle, problems: Problems): void {
  const referenced = new Set<string>();
  for (const app of Object.values(bundle.applications)) {
    if (bundle.kind === 'kubernetes') continue;
    const path = `applications.${app.name}.to`;
    if (app.to.length > app.numUnits) {
      problems.add(
        path,
        `too many units specified in unit placement for application ${JSON.stringify(app.name)}`,
      );
    }
    app.to.forEach((text, i) => {
      const at = `${path}[${i}]`;
      let p: UnitPlacement;
      try {
        p = parseUnitPlacement(text);
      } catch (err) {
        problems.add(at, (err as Error).message);
        return;
      }
      if (p.application !== undefined) {
        const target = bundle.applications[p.application];
        if (target === undefined) {
          problems.add(
            at,
            `placement ${JSON.stringify(text)} refers to an application not defined in this bundle`,
          );
        } else if (p.unit !== undefined && p.unit >= target.numUnits) {
          problems.add(
            at,
            `placement ${JSON.stringify(text)} specifies a unit greater than the ${target.numUnits} unit(s) started by the target application`,
          );
        }
      } else if (p.machine !== undefined && p.machine !== 'new') {
        if (bundle.machines[p.machine] === undefined) {
          problems.add(
            at,
            `placement ${JSON.stringify(text)} refers to a machine not defined in this bundle`,
          );
        } else referenced.add(p.machine);
      }
    });
  }
  for (const id of Object.keys(bundle.machines)) {
    if (!referenced.has(id))
      problems.add(
        `machines.${id}`,
        `machine ${JSON.stringify(id)} is not referred to by a placement directive`,
      );
  }
}

function readRelations(value: unknown, bundle: Bundle, problems: Problems): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value))
    return problems.add('relations', `expected a list of endpoint pairs, got ${describeValue(value)}`);
  const seen = new Set<string>();
  value.forEach((pair, i) => {
    const path = `relations[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((e) => typeof e === 'string')) {
      problems.add(
        path,
        `relation ${JSON.stringify(pair)} has ${Array.isArray(pair) ? pair.length : 0} endpoint(s), not 2`,
      );
      return;
    }
    const [a, b] = pair as [string, string];
    const shown = JSON.stringify(pair);
    let ok = true;
    for (const ep of [a, b]) {
      const [app = '', endpoint, extra] = ep.split(':');
      if (extra !== undefined || app === '' || (endpoint !== undefined && !isValidEndpointName(endpoint))) {
        problems.add(path, `invalid relation syntax ${JSON.stringify(ep)}`);
        ok = false;
      } else if (bundle.applications[app] === undefined && bundle.saas[app] === undefined) {
        problems.add(
          path,
          `relation ${shown} refers to application ${JSON.stringify(app)} not defined in this bundle`,
        );
        ok = false;
      }
    }
    if (!ok) return;
    if (a.split(':')[0] === b.split(':')[0]) {
      problems.add(path, `relation ${shown} relates an application to itself`);
      return;
    }
    const key = [a, b].sort().join(' ');
    if (seen.has(key)) {
      problems.add(path, `relation ${shown} is defined more than once`);
      return;
    }
    seen.add(key);
    bundle.relations.push([a, b]);
  });
}
