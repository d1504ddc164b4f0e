/**
 * Application config on the wire: turning `config` (strings, as typed on the
 * command line) and `config-yaml` (`<app>: {key: value}`) into typed charm
 * settings plus the `trust` application setting, and the per-option view
 * `juju config` shows (`default`, `description`, `source`, `type`, `value`).
 */
import { parse as parseYaml } from 'yaml';

import {
  coerceCharmConfigValue,
  validateCharmConfig,
  type ConfigOption,
  type ConfigOptionType,
} from '../../charm/index.js';
import { errorMessage, notValid } from '../../core/errors.js';
import type { Charm, ConfigEntry } from '../../domain/index.js';
import type { ConfigEntryWire } from '../../rpc/params/application.js';

/** The application setting `juju deploy --trust` / `juju trust` change. */
export const TRUST_KEY = 'trust';
const TRUST_DESCRIPTION = 'Does this application have access to trusted credentials';

/** Charm settings to apply (null = back to the default) and the trust setting when given. */
export interface ApplicationSettings {
  readonly charm: Record<string, unknown>;
  readonly trust?: boolean;
}

/** The charm's options in the charm library's shape. */
function libraryOptions(charm: Charm): Record<string, ConfigOption> {
  const out: Record<string, ConfigOption> = {};
  for (const [name, o] of Object.entries(charm.configOptions)) {
    out[name] = {
      name,
      type: o.type as ConfigOptionType,
      description: o.description,
      ...(o.default !== undefined && o.default !== null
        ? { default: o.default as string | number | boolean }
        : {}),
    };
  }
  return out;
}

function parseTrust(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (['true', 'True', 'TRUE', '1', 't', 'T'].includes(value)) return true;
    if (['false', 'False', 'FALSE', '0', 'f', 'F', ''].includes(value)) return false;
  }
  throw notValid(`option ${JSON.stringify(TRUST_KEY)} expected boolean, got ${JSON.stringify(value)}`);
}

/**
 * The settings in `<app>:\n  key: value` YAML (Juju's config-yaml).
 * @throws `not valid` for bad YAML or `no settings found for "app"`.
 */
export function settingsFromYaml(text: string | undefined, application: string): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw notValid(`cannot parse settings data: ${errorMessage(err).split('\n')[0] ?? ''}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw notValid('cannot parse settings data: not a map');
  const all = doc as Record<string, unknown>;
  if (!Object.hasOwn(all, application))
    throw notValid(`no settings found for ${JSON.stringify(application)}`);
  const settings = all[application];
  if (settings === null || settings === undefined) return {};
  if (typeof settings !== 'object' || Array.isArray(settings))
    throw notValid(`cannot parse settings data for ${JSON.stringify(application)}: not a map`);
  return { ...(settings as Record<string, unknown>) };
}

/**
 * Checks and types settings for `charm`: YAML values keep their types,
 * strings are parsed for their option (an empty string resets a non-string
 * option). `trust` is taken out as the application setting.
 * @throws `not valid` `unknown option "foo"`, `option "port" expected int, got "abc"`.
 */
export function applicationSettings(
  charm: Charm,
  strings: Readonly<Record<string, string>> | undefined,
  yamlValues: Readonly<Record<string, unknown>>,
): ApplicationSettings {
  const options = libraryOptions(charm);
  let trust: boolean | undefined;
  const typed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(yamlValues)) {
    if (key === TRUST_KEY && !Object.hasOwn(options, TRUST_KEY)) trust = parseTrust(value);
    else typed[key] = value;
  }
  const charmSettings: Record<string, unknown> = { ...validateCharmConfig(options, typed) };
  for (const [key, raw] of Object.entries(strings ?? {})) {
    if (key === TRUST_KEY && !Object.hasOwn(options, TRUST_KEY)) {
      trust = parseTrust(raw);
      continue;
    }
    const option = options[key];
    if (option === undefined) throw notValid(`unknown option ${JSON.stringify(key)}`);
    charmSettings[key] = raw === '' && option.type !== 'string' ? null : coerceCharmConfigValue(option, raw);
  }
  return trust === undefined ? { charm: charmSettings } : { charm: charmSettings, trust };
}

/**
 * Keys to unset, checked against the charm (`trust` is the application setting).
 * @throws `not valid` `unknown option "foo"`.
 */
export function checkUnsetKeys(charm: Charm, keys: readonly string[]): { charm: string[]; trust: boolean } {
  const charmKeys: string[] = [];
  let trust = false;
  for (const key of keys) {
    if (Object.hasOwn(charm.configOptions, key)) charmKeys.push(key);
    else if (key === TRUST_KEY) trust = true;
    else throw notValid(`unknown option ${JSON.stringify(key)}`);
  }
  return { charm: charmKeys, trust };
}

/** One option as `juju config` shows it (Go's sorted JSON keys). */
export function configEntryWire(entry: ConfigEntry): ConfigEntryWire {
  return {
    ...(entry.default !== undefined ? { default: entry.default } : {}),
    description: entry.description,
    source: entry.source,
    type: entry.type,
    ...(entry.value !== undefined ? { value: entry.value } : {}),
  };
}

/** Every charm option as `juju config` shows it. */
export function configEntriesWire(
  entries: Readonly<Record<string, ConfigEntry>>,
): Record<string, ConfigEntryWire> {
  const out: Record<string, ConfigEntryWire> = {};
  for (const key of Object.keys(entries).sort()) out[key] = configEntryWire(entries[key] as ConfigEntry);
  return out;
}

/** The application settings `juju config` lists under `application-config`. */
export function applicationConfigWire(trust: boolean): Record<string, ConfigEntryWire> {
  return {
    [TRUST_KEY]: {
      default: false,
      description: TRUST_DESCRIPTION,
      source: trust ? 'user' : 'default',
      type: 'bool',
      value: trust,
    },
  };
}
