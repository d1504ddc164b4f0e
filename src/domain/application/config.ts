/**
 * Application config against a charm's options: the fallback validator
 * (type checks and coercion from strings, used when the facade passes none)
 * and the `juju config <app>` view with each option's source.
 */
import type { Charm, CharmConfigOption } from '../charm/types.js';
import { badOptionValue, unknownOption } from './errors.js';
import type { ConfigEntry } from './types.js';

const INT_RE = /^[+-]?[0-9]+$/;
const FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function coerce(name: string, option: CharmConfigOption, value: unknown): unknown {
  switch (option.type) {
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && INT_RE.test(value.trim())) return Number(value.trim());
      break;
    case 'float':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && FLOAT_RE.test(value.trim())) return Number(value.trim());
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false') return false;
      break;
    case 'secret':
      if (typeof value === 'string' && value.startsWith('secret:')) return value;
      break;
    default:
      // Types this domain does not know pass through; the charm library decides.
      return value;
  }
  throw badOptionValue(name, option.type, value);
}

/**
 * The default config validator: every key must be an option of the charm
 * and every value must fit the option's type (strings are converted).
 * @throws `not valid` `unknown option "x"`, `option "x" expected int, got "abc"`.
 */
export function validateConfigAgainstOptions(
  charm: Charm,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const option = charm.configOptions[name];
    if (option === undefined) throw unknownOption(name);
    result[name] = coerce(name, option, value);
  }
  return result;
}

/** Each option of the charm with its effective value and where it comes from. */
export function describeConfig(
  charm: Charm,
  userValues: Readonly<Record<string, unknown>>,
): Record<string, ConfigEntry> {
  const result: Record<string, ConfigEntry> = {};
  for (const name of Object.keys(charm.configOptions).sort()) {
    const option = charm.configOptions[name];
    if (option === undefined) continue;
    const hasDefault = option.default !== undefined && option.default !== null;
    const base = { type: option.type, description: option.description };
    if (Object.hasOwn(userValues, name)) {
      result[name] = {
        ...base,
        value: userValues[name],
        ...(hasDefault ? { default: option.default } : {}),
        source: 'user',
      };
    } else if (hasDefault) {
      result[name] = { ...base, value: option.default, default: option.default, source: 'default' };
    } else {
      result[name] = { ...base, source: 'unset' };
    }
  }
  return result;
}

/** Effective values (user value, else default; options with neither are left out). */
export function effectiveConfig(
  charm: Charm,
  userValues: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(describeConfig(charm, userValues))) {
    if (entry.source !== 'unset') result[name] = entry.value;
  }
  return result;
}
