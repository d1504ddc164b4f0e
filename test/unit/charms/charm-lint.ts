// Static checks for the charms in charms/ and testcharms/: metadata shape, hook
// names, executability and script syntax. Used by charms-lint.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

import { parse as parseYaml } from 'yaml';

/** Repository-relative folders holding charms. */
export const CHARM_ROOTS = ['charms', 'testcharms', 'testcharms/bad-metadata'] as const;

const UNIT_HOOKS = [
  'install',
  'start',
  'config-changed',
  'upgrade-charm',
  'stop',
  'remove',
  'update-status',
  'leader-elected',
  'leader-settings-changed',
  'leader-deposed',
  'collect-metrics',
  'meter-status-changed',
  'pre-series-upgrade',
  'post-series-upgrade',
  'secret-changed',
  'secret-expired',
  'secret-rotate',
  'secret-remove',
];
const RELATION_KINDS = ['created', 'joined', 'changed', 'departed', 'broken'];
const CONFIG_TYPES = new Set(['string', 'int', 'float', 'boolean', 'secret']);

type Yaml = Record<string, unknown>;

/** What a charm directory declares, merged from metadata/config/actions or charmcraft.yaml. */
export interface CharmInfo {
  dir: string;
  metadata: Yaml;
  config: Yaml;
  actions: Yaml;
  /** `metadata.yaml` or `charmcraft.yaml`. */
  source: string;
}

function isRecord(v: unknown): v is Yaml {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readYaml(path: string): Yaml {
  const v: unknown = parseYaml(readFileSync(path, 'utf8'));
  return isRecord(v) ? v : {};
}

/** Charm directories (those with metadata.yaml or charmcraft.yaml) directly under root. */
export function listCharmDirs(repo: string, root: string): string[] {
  const base = join(repo, root);
  return readdirSync(base)
    .map((name) => join(base, name))
    .filter((d) => statSync(d).isDirectory())
    .filter((d) => existsSync(join(d, 'metadata.yaml')) || existsSync(join(d, 'charmcraft.yaml')))
    .sort();
}

/** Reads a charm the way a packer would: metadata.yaml first, else unified charmcraft.yaml. */
export function readCharm(dir: string): CharmInfo {
  if (existsSync(join(dir, 'metadata.yaml'))) {
    return {
      dir,
      metadata: readYaml(join(dir, 'metadata.yaml')),
      config: existsSync(join(dir, 'config.yaml')) ? readYaml(join(dir, 'config.yaml')) : {},
      actions: existsSync(join(dir, 'actions.yaml')) ? readYaml(join(dir, 'actions.yaml')) : {},
      source: 'metadata.yaml',
    };
  }
  const unified = readYaml(join(dir, 'charmcraft.yaml'));
  return {
    dir,
    metadata: unified,
    config: isRecord(unified['config']) ? unified['config'] : {},
    actions: isRecord(unified['actions']) ? unified['actions'] : {},
    source: 'charmcraft.yaml',
  };
}

/** Endpoint name -> spec for provides/requires/peers. */
export function endpoints(meta: Yaml): Map<string, { role: string; spec: Yaml | string }> {
  const out = new Map<string, { role: string; spec: Yaml | string }>();
  for (const role of ['provides', 'requires', 'peers']) {
    const section = meta[role];
    if (!isRecord(section)) continue;
    for (const [name, spec] of Object.entries(section)) {
      out.set(name, { role, spec: isRecord(spec) || typeof spec === 'string' ? spec : {} });
    }
  }
  return out;
}

/** Interface of an endpoint spec, or undefined when missing. */
export function interfaceOf(spec: Yaml | string): string | undefined {
  if (typeof spec === 'string') return spec;
  const i = spec['interface'];
  return typeof i === 'string' && i !== '' ? i : undefined;
}

/** Every hook name Juju could run for this charm on a machine. */
export function knownHooks(meta: Yaml): Set<string> {
  const hooks = new Set(UNIT_HOOKS);
  for (const name of endpoints(meta).keys()) {
    for (const kind of RELATION_KINDS) hooks.add(`${name}-relation-${kind}`);
  }
  if (isRecord(meta['storage'])) {
    for (const name of Object.keys(meta['storage'])) {
      hooks.add(`${name}-storage-attached`);
      hooks.add(`${name}-storage-detaching`);
    }
  }
  return hooks;
}

/** Problems in metadata/config that Juju would reject; empty for a valid charm. */
export function metadataProblems(info: CharmInfo): string[] {
  const problems: string[] = [];
  const { metadata: meta, config } = info;
  if (typeof meta['name'] !== 'string' || meta['name'] === '') problems.push('metadata: missing name');
  if (typeof meta['summary'] !== 'string') problems.push('metadata: missing summary');
  if (typeof meta['description'] !== 'string') problems.push('metadata: missing description');
  for (const [name, { role, spec }] of endpoints(meta)) {
    if (interfaceOf(spec) === undefined) problems.push(`metadata: ${role}.${name}: missing interface`);
    if (name === 'juju' || name.startsWith('juju-'))
      problems.push(`metadata: reserved endpoint name ${name}`);
  }
  if (meta['subordinate'] === true) {
    const container = [...endpoints(meta).values()].some(
      (e) => e.role === 'requires' && typeof e.spec !== 'string' && e.spec['scope'] === 'container',
    );
    if (!container) problems.push('metadata: subordinate without a container-scoped requires');
  }
  const options = config['options'];
  if (Object.keys(config).length > 0 && !isRecord(options)) problems.push('config: missing options');
  if (isRecord(options)) {
    for (const [name, raw] of Object.entries(options)) {
      const opt = isRecord(raw) ? raw : {};
      const type = typeof opt['type'] === 'string' ? opt['type'] : 'string';
      if (!CONFIG_TYPES.has(type)) {
        problems.push(`config: option "${name}" has unknown type "${type}"`);
        continue;
      }
      const def = opt['default'];
      if (def === undefined || def === null) continue;
      const ok =
        type === 'string' || type === 'secret'
          ? typeof def === 'string'
          : type === 'int'
            ? Number.isInteger(def)
            : type === 'float'
              ? typeof def === 'number'
              : typeof def === 'boolean';
      if (!ok) problems.push(`config: option "${name}" default does not match type ${type}`);
    }
  }
  return problems;
}

/** The executable files of a charm: dispatch, hooks/*, actions/*, src/*.py. */
export function executables(dir: string): string[] {
  const out: string[] = [];
  if (existsSync(join(dir, 'dispatch'))) out.push(join(dir, 'dispatch'));
  for (const sub of ['hooks', 'actions']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const name of readdirSync(join(dir, sub)).sort()) out.push(join(dir, sub, name));
  }
  if (existsSync(join(dir, 'src'))) {
    for (const name of readdirSync(join(dir, 'src')).sort()) {
      if (name.endsWith('.py')) out.push(join(dir, 'src', name));
    }
  }
  return out;
}

/** Shell libraries sourced by hooks (lib/*.sh). */
export function shellLibraries(dir: string): string[] {
  if (!existsSync(join(dir, 'lib'))) return [];
  return readdirSync(join(dir, 'lib'))
    .filter((n) => n.endsWith('.sh'))
    .map((n) => join(dir, 'lib', n));
}

/** Runs the matching syntax checker; returns an error text or undefined. Writes nothing. */
export function syntaxError(path: string): string | undefined {
  const text = readFileSync(path, 'utf8');
  const first = text.split('\n', 1)[0] ?? '';
  let cmd: string[];
  if (path.endsWith('.py') || first.includes('python')) {
    cmd = ['python3', '-c', 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")', path];
  } else if (path.endsWith('.sh') || first.includes('bash')) {
    cmd = ['bash', '-n', path];
  } else if (first === '#!/bin/sh') {
    cmd = ['sh', '-n', path];
  } else {
    return `${basename(path)}: unknown interpreter ${JSON.stringify(first)}`;
  }
  const res = spawnSync(cmd[0] ?? '', cmd.slice(1), { encoding: 'utf8' });
  return res.status === 0 ? undefined : `${path}: ${res.stderr || res.error?.message || 'failed'}`;
}
