/**
 * The checks that need each application's charm: subordinates get no units,
 * options exist and have the right types, bindings and storage name real things,
 * and relations connect compatible endpoints (missing endpoint names are inferred,
 * as Juju does).
 */
import { notValid } from '../core/errors.js';
import type { Bundle } from './bundle.js';
import { validateCharmConfig } from './config.js';
import type { ConfigOption } from './config.js';
import type { CharmMeta } from './metadata.js';
import { canRelate, charmEndpoints, isImplicitEndpoint } from './relations.js';
import type { CharmRelation } from './relations.js';

/** What {@link verifyBundleCharms} needs of each application's charm. */
export interface BundleCharmInfo {
  meta: CharmMeta;
  config: { options: Record<string, ConfigOption> };
}

/** Result of {@link verifyBundleCharms}. */
export interface VerifiedBundleCharms {
  /** The bundle's relations with both endpoint names filled in, in bundle order. */
  relations: [string, string][];
}

/**
 * Check a parsed bundle against the charms of its applications (keyed by
 * application name; SAAS endpoints are not checked).
 * @throws JujuError `not valid` listing every problem, one per line.
 */
export function verifyBundleCharms(
  bundle: Bundle,
  charms: Readonly<Record<string, BundleCharmInfo>>,
  fileName = 'bundle.yaml',
): VerifiedBundleCharms {
  const problems: string[] = [];
  const add = (path: string, message: string): void => {
    problems.push(`${fileName}: ${path}: ${message}`);
  };
  for (const app of Object.values(bundle.applications)) {
    const path = `applications.${app.name}`;
    const charm = charms[app.name];
    if (charm === undefined) {
      add(
        path,
        `application ${JSON.stringify(app.name)} refers to non-existent charm ${JSON.stringify(app.charm)}`,
      );
      continue;
    }
    if (charm.meta.subordinate) {
      if (app.to.length > 0)
        add(
          `${path}.to`,
          `application ${JSON.stringify(app.name)} is subordinate but specifies unit placement`,
        );
      if (app.numUnits > 0)
        add(
          `${path}.num_units`,
          `application ${JSON.stringify(app.name)} is subordinate but has non-zero num_units`,
        );
    }
    try {
      validateCharmConfig(charm.config.options, app.options);
    } catch (err) {
      add(`${path}.options`, (err as Error).message);
    }
    const endpoints = new Set([
      ...charmEndpoints(charm.meta).map((e) => e.name),
      ...charm.meta.extraBindings,
    ]);
    for (const endpoint of Object.keys(app.bindings)) {
      if (endpoint !== '' && !endpoints.has(endpoint)) {
        add(
          `${path}.bindings`,
          `charm ${JSON.stringify(charm.meta.name)} has no endpoint or extra binding ${JSON.stringify(endpoint)}`,
        );
      }
    }
    for (const store of Object.keys(app.storage)) {
      if (charm.meta.storage[store] === undefined)
        add(
          `${path}.storage`,
          `invalid storage name ${JSON.stringify(store)} in application ${JSON.stringify(app.name)}`,
        );
    }
  }

  const relations: [string, string][] = [];
  bundle.relations.forEach(([a, b], i) => {
    const path = `relations[${i}]`;
    const epA = splitEndpoint(a);
    const epB = splitEndpoint(b);
    if (bundle.saas[epA.app] !== undefined || bundle.saas[epB.app] !== undefined) {
      relations.push([a, b]);
      return;
    }
    const charmA = charms[epA.app];
    const charmB = charms[epB.app];
    if (charmA === undefined || charmB === undefined) return;
    try {
      relations.push(inferRelation(epA, charmA.meta, epB, charmB.meta));
    } catch (err) {
      add(path, (err as Error).message);
    }
  });
  if (problems.length > 0) throw notValid(problems.join('\n'));
  return { relations };
}

interface EndpointSpec {
  app: string;
  name?: string;
}

function splitEndpoint(text: string): EndpointSpec {
  const colon = text.indexOf(':');
  return colon < 0 ? { app: text } : { app: text.slice(0, colon), name: text.slice(colon + 1) };
}

function candidates(ep: EndpointSpec, meta: CharmMeta): CharmRelation[] {
  const all = charmEndpoints(meta).filter((r) => r.role !== 'peer');
  if (ep.name === undefined) return all;
  const found = all.filter((r) => r.name === ep.name);
  if (found.length === 0) {
    throw notValid(
      `charm ${JSON.stringify(meta.name)} used by application ${JSON.stringify(ep.app)} does not define relation ${JSON.stringify(ep.name)}`,
    );
  }
  return found;
}

function inferRelation(
  a: EndpointSpec,
  metaA: CharmMeta,
  b: EndpointSpec,
  metaB: CharmMeta,
): [string, string] {
  const fromA = candidates(a, metaA);
  const fromB = candidates(b, metaB);
  if (a.name !== undefined && b.name !== undefined) {
    const ra = fromA[0] as CharmRelation;
    const rb = fromB[0] as CharmRelation;
    const sa = `${a.app}:${ra.name}`;
    const sb = `${b.app}:${rb.name}`;
    if (ra.role === rb.role) {
      const roles = ra.role === 'provider' ? 'provider to provider' : 'requirer to requirer';
      throw notValid(`relation ${JSON.stringify(sa)} to ${JSON.stringify(sb)} relates ${roles}`);
    }
    if (ra.interface !== rb.interface) {
      const [prov, req] = ra.role === 'provider' ? [sa, sb] : [sb, sa];
      const [ip, ir] = ra.role === 'provider' ? [ra.interface, rb.interface] : [rb.interface, ra.interface];
      throw notValid(
        `mismatched interface between ${JSON.stringify(prov)} and ${JSON.stringify(req)} (${JSON.stringify(ip)} vs ${JSON.stringify(ir)})`,
      );
    }
    return [sa, sb];
  }
  let pairs: [CharmRelation, CharmRelation][] = [];
  for (const x of fromA) for (const y of fromB) if (canRelate(x, y)) pairs.push([x, y]);
  if (pairs.length > 1) {
    const explicit = pairs.filter(([x, y]) => !isImplicitEndpoint(x) && !isImplicitEndpoint(y));
    if (explicit.length === 1) pairs = explicit;
  }
  const key = ([x, y]: [CharmRelation, CharmRelation]): string => `${a.app}:${x.name} ${b.app}:${y.name}`;
  const spec = (e: EndpointSpec): string => (e.name === undefined ? e.app : `${e.app}:${e.name}`);
  if (pairs.length === 0)
    throw notValid(`cannot infer endpoint between ${spec(a)} and ${spec(b)}: no relations found`);
  if (pairs.length > 1) {
    const options = pairs
      .map((p) => JSON.stringify(key(p)))
      .sort()
      .join('; ');
    throw notValid(
      `cannot infer endpoint between ${spec(a)} and ${spec(b)}: ambiguous relation: ${JSON.stringify(`${spec(a)} ${spec(b)}`)} could refer to ${options}`,
    );
  }
  const [x, y] = pairs[0] as [CharmRelation, CharmRelation];
  return [`${a.app}:${x.name}`, `${b.app}:${y.name}`];
}
