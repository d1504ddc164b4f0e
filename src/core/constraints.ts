/**
 * Juju constraints: the hardware and placement requirements given as
 * `arch=amd64 mem=4G cores=2` on the command line, stored per model, application and
 * machine, and sent on the wire as a JSON object (`{"arch":"amd64","mem":4096}`).
 *
 * A field that is present but empty (`mem=`, `tags=`) is meaningful: it overrides an
 * inherited value. Sizes are whole MiB.
 */

import { notValid } from './errors.js';
import { isValidSpaceName } from './names.js';

/** Constraint values; every field is optional and absent means "no requirement". */
export interface Constraints {
  arch?: string;
  container?: string;
  cores?: number;
  cpuPower?: number;
  mem?: number;
  rootDisk?: number;
  rootDiskSource?: string;
  tags?: string[];
  instanceRole?: string;
  instanceType?: string;
  spaces?: string[];
  virtType?: string;
  zones?: string[];
  allocatePublicIp?: boolean;
  imageId?: string;
}

/** Wire/JSON form, keyed as in `juju model-constraints --format json`. */
export type ConstraintsJson = Record<string, string | number | boolean | string[]>;

type Field = keyof Constraints;
type Kind = 'string' | 'count' | 'size' | 'list' | 'bool';

interface ConstraintKey {
  readonly key: string;
  readonly field: Field;
  readonly kind: Kind;
}

/** In wire (JSON) order. */
const KEYS: readonly ConstraintKey[] = [
  { key: 'arch', field: 'arch', kind: 'string' },
  { key: 'container', field: 'container', kind: 'string' },
  { key: 'cores', field: 'cores', kind: 'count' },
  { key: 'cpu-power', field: 'cpuPower', kind: 'count' },
  { key: 'mem', field: 'mem', kind: 'size' },
  { key: 'root-disk', field: 'rootDisk', kind: 'size' },
  { key: 'root-disk-source', field: 'rootDiskSource', kind: 'string' },
  { key: 'tags', field: 'tags', kind: 'list' },
  { key: 'instance-role', field: 'instanceRole', kind: 'string' },
  { key: 'instance-type', field: 'instanceType', kind: 'string' },
  { key: 'spaces', field: 'spaces', kind: 'list' },
  { key: 'virt-type', field: 'virtType', kind: 'string' },
  { key: 'zones', field: 'zones', kind: 'list' },
  { key: 'allocate-public-ip', field: 'allocatePublicIp', kind: 'bool' },
  { key: 'image-id', field: 'imageId', kind: 'string' },
];

/** Order of `formatConstraints` output (Juju's String order, which differs from JSON order). */
const FORMAT_ORDER: readonly string[] = [
  'arch',
  'container',
  'cores',
  'cpu-power',
  'instance-role',
  'instance-type',
  'mem',
  'root-disk',
  'root-disk-source',
  'tags',
  'spaces',
  'virt-type',
  'zones',
  'allocate-public-ip',
  'image-id',
];

const BY_KEY: ReadonlyMap<string, ConstraintKey> = new Map(KEYS.map((k) => [k.key, k]));
/** Older spellings still accepted on input. */
const ALIASES: Readonly<Record<string, string>> = { 'cpu-cores': 'cores' };

/** Every constraint key, in wire order. */
export const CONSTRAINT_KEYS: readonly string[] = KEYS.map((k) => k.key);

/** Architectures Juju 3.6 supports. */
export const SUPPORTED_ARCHES: readonly string[] = ['amd64', 'arm64', 'ppc64el', 's390x', 'riscv64'];
/** Container types (`none` means "not in a container"). */
export const CONTAINER_TYPES: readonly string[] = ['none', 'lxd', 'kvm'];

const SIZE_MULTIPLIERS: Readonly<Record<string, number>> = { M: 1, G: 1024, T: 1024 ** 2, P: 1024 ** 3 };
const BOOL_WORDS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

function parseCount(text: string): number {
  if (text === '') return 0;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new Error('must be a non-negative integer');
  return Number(text);
}

function parseSizeMiB(text: string): number {
  if (text === '') return 0;
  let numberPart = text;
  let multiplier = 1;
  const suffix = SIZE_MULTIPLIERS[text.slice(-1)];
  if (suffix !== undefined) {
    multiplier = suffix;
    numberPart = text.slice(0, -1);
  }
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(numberPart)) {
    throw new Error('must be a non-negative float with optional M/G/T/P suffix');
  }
  const mib = Math.ceil(Number(numberPart) * multiplier);
  if (!Number.isSafeInteger(mib))
    throw new Error('must be a non-negative float with optional M/G/T/P suffix');
  return mib;
}

/** Empty text means an empty list (which overrides inherited values). */
const parseList = (text: string): string[] => (text === '' ? [] : text.split(','));

/** Parse one `key=value` into `cons`; errors are the reason only (the caller adds the key). */
function setValue(cons: Constraints, ck: ConstraintKey, text: string): void {
  const c = cons as Record<Field, unknown>;
  if (ck.kind === 'bool' && text === '') return; // allocate-public-ip= means "unset"
  if (c[ck.field] !== undefined) throw new Error('already set');
  switch (ck.kind) {
    case 'string':
      if (ck.key === 'arch' && text !== '' && !SUPPORTED_ARCHES.includes(text)) {
        throw new Error(`${JSON.stringify(text)} not recognized`);
      }
      if (ck.key === 'container' && text !== '' && !CONTAINER_TYPES.includes(text)) {
        throw new Error(`invalid container type ${JSON.stringify(text)}`);
      }
      c[ck.field] = text;
      return;
    case 'count':
      c[ck.field] = parseCount(text);
      return;
    case 'size':
      c[ck.field] = parseSizeMiB(text);
      return;
    case 'list': {
      const items = parseList(text);
      if (ck.key === 'spaces') {
        for (const item of items) {
          const space = item.startsWith('^') ? item.slice(1) : item;
          if (!isValidSpaceName(space)) throw new Error(`${JSON.stringify(space)} is not a valid space name`);
        }
      }
      c[ck.field] = items;
      return;
    }
    case 'bool': {
      const b = BOOL_WORDS[text];
      if (b === undefined) throw new Error("must be 'true' or 'false'");
      c[ck.field] = b;
      return;
    }
  }
}

/**
 * Parse constraints from one or more arguments, each holding space-separated
 * `key=value` pairs (`\ ` escapes a space inside a value). Sizes take an M/G/T/P
 * suffix and become MiB; lists are comma-separated.
 * @throws JujuError `not valid`: `malformed constraint "x"`, `unknown constraint "x"`,
 *   `bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix`,
 *   `bad "cores" constraint: already set`, ...
 */
export function parseConstraints(s: string | readonly string[]): Constraints {
  const cons: Constraints = {};
  const args = typeof s === 'string' ? [s] : s;
  for (const arg of args) {
    const words = arg.replaceAll('\\ ', '\u0000').trim().split(' ');
    for (const rawWord of words) {
      const word = rawWord.replaceAll('\u0000', ' ').trim();
      if (word === '') continue;
      const eq = word.indexOf('=');
      if (eq <= 0) throw notValid(`malformed constraint ${JSON.stringify(word)}`);
      const name = word.slice(0, eq);
      const ck = BY_KEY.get(ALIASES[name] ?? name);
      if (ck === undefined) throw notValid(`unknown constraint ${JSON.stringify(name)}`);
      try {
        setValue(cons, ck, word.slice(eq + 1));
      } catch (err) {
        throw notValid(`bad ${JSON.stringify(name)} constraint: ${(err as Error).message}`);
      }
    }
  }
  return cons;
}

/** The text of one field as `formatConstraints` writes it, or undefined when unset. */
function formatValue(ck: ConstraintKey, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  switch (ck.kind) {
    case 'count':
      return value === 0 ? '' : `${value as number}`;
    case 'size':
      return value === 0 ? '' : `${value as number}M`;
    case 'list':
      return (value as string[]).join(',');
    case 'bool':
      return (value as boolean) ? 'true' : 'false';
    case 'string':
      return value as string;
  }
}

/** `arch=amd64 mem=4096M`: Juju's canonical text form (spaces in values escaped). */
export function formatConstraints(c: Readonly<Constraints>): string {
  const parts: string[] = [];
  for (const key of FORMAT_ORDER) {
    const ck = BY_KEY.get(key) as ConstraintKey;
    const text = formatValue(ck, c[ck.field]);
    if (text !== undefined) parts.push(`${key}=${text}`.replaceAll(' ', '\\ '));
  }
  return parts.join(' ');
}

/** True when no constraint is set at all. */
export function isEmptyConstraints(c: Readonly<Constraints>): boolean {
  return formatConstraints(c) === '';
}

/** JSON form as `juju model-constraints --format json` prints it: `{"cores":4,"mem":1024}`. */
export function constraintsToJson(c: Readonly<Constraints>): ConstraintsJson {
  const out: ConstraintsJson = {};
  for (const ck of KEYS) {
    const value = c[ck.field];
    if (value !== undefined) out[ck.key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/**
 * Read the JSON/wire form back (`cpu-cores` is accepted for `cores`).
 * @throws JujuError `not valid` for unknown keys or values of the wrong type.
 */
export function constraintsFromJson(json: Readonly<Record<string, unknown>>): Constraints {
  const cons: Constraints = {};
  const c = cons as Record<Field, unknown>;
  for (const [name, value] of Object.entries(json)) {
    if (value === undefined || value === null) continue;
    const ck = BY_KEY.get(ALIASES[name] ?? name);
    if (ck === undefined) throw notValid(`unknown constraint ${JSON.stringify(name)}`);
    const ok =
      (ck.kind === 'string' && typeof value === 'string') ||
      ((ck.kind === 'count' || ck.kind === 'size') &&
        Number.isSafeInteger(value) &&
        (value as number) >= 0) ||
      (ck.kind === 'bool' && typeof value === 'boolean') ||
      (ck.kind === 'list' && Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok)
      throw notValid(`bad ${JSON.stringify(name)} constraint: unexpected value ${JSON.stringify(value)}`);
    c[ck.field] = Array.isArray(value) ? [...(value as string[])] : value;
  }
  return cons;
}

/**
 * Layer constraints: each later value overrides the earlier ones key by key, including
 * explicitly empty values (`mem=` clears an inherited `mem`). Typical use:
 * `mergeConstraints(modelConstraints, applicationConstraints)`.
 */
export function mergeConstraints(...layers: readonly Readonly<Constraints>[]): Constraints {
  const out: Constraints = {};
  const o = out as Record<Field, unknown>;
  for (const layer of layers) {
    for (const ck of KEYS) {
      const value = layer[ck.field];
      if (value !== undefined) o[ck.field] = Array.isArray(value) ? [...value] : value;
    }
  }
  return out;
}

/** Spaces that must be present (names without a `^`). */
export function includedSpaces(c: Readonly<Constraints>): string[] {
  return (c.spaces ?? []).filter((s) => !s.startsWith('^'));
}

/** Spaces that must be absent (given as `^name`, returned without the `^`). */
export function excludedSpaces(c: Readonly<Constraints>): string[] {
  return (c.spaces ?? []).filter((s) => s.startsWith('^')).map((s) => s.slice(1));
}
