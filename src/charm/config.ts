/**
 * `config.yaml`: the options a charm accepts, their types and defaults, and the
 * checks `juju config` / `juju deploy --config` apply to user values.
 */
import { notValid } from '../core/errors.js';
import { FieldReader, describeValue, isMap, parseYamlText } from './yaml-fields.js';

/** Option types Juju 3.6 knows. */
export type ConfigOptionType = 'string' | 'int' | 'float' | 'boolean' | 'secret';

/** A config value after validation. */
export type ConfigValue = string | number | boolean;

/** One option of `config.yaml`. */
export interface ConfigOption {
  /** The option's key (repeated here so error messages can name it). */
  name: string;
  type: ConfigOptionType;
  description: string;
  /** Typed default; absent when the charm gives none. */
  default?: ConfigValue;
}

/** A charm's `config.yaml` (an empty `options` map when the charm has none). */
export interface CharmConfig {
  options: Record<string, ConfigOption>;
}

const OPTION_TYPES: readonly string[] = ['string', 'int', 'float', 'boolean', 'secret'];

/**
 * Parse `config.yaml`. A missing `type` means `string`; defaults are checked
 * against their type (a `""` default for a string option is kept as is).
 * @throws JujuError `not valid`, e.g. `config.yaml: option "port" has unknown type "integer"`.
 */
export function parseConfig(yamlText: string): CharmConfig {
  const file = 'config.yaml';
  const doc = parseYamlText(yamlText, file);
  const reader = new FieldReader(file);
  if (doc === null || doc === undefined) reader.fail('invalid config: empty configuration');
  const map = reader.map(doc, '(root)');
  if (!('options' in map)) reader.fail('invalid config: "options" is required');
  return readConfigOptions(reader, map['options']);
}

/** Build the options from an `options:` mapping (config.yaml or charmcraft.yaml `config.options`). */
export function readConfigOptions(reader: FieldReader, value: unknown): CharmConfig {
  const options: Record<string, ConfigOption> = {};
  if (value === null || value === undefined) return { options };
  if (!isMap(value)) reader.wrongType('options', 'a mapping', value);
  for (const [name, raw] of Object.entries(value)) {
    const spec = raw === null || raw === undefined ? {} : raw;
    if (!isMap(spec))
      reader.fail(`option ${JSON.stringify(name)} must be a mapping, got ${describeValue(spec)}`);
    const rawType = spec['type'] ?? 'string';
    if (typeof rawType !== 'string' || !OPTION_TYPES.includes(rawType)) {
      const shown = typeof rawType === 'string' ? JSON.stringify(rawType) : describeValue(rawType);
      reader.fail(`option ${JSON.stringify(name)} has unknown type ${shown}`);
    }
    const description = spec['description'];
    if (description !== undefined && description !== null && typeof description !== 'string') {
      reader.fail(
        `option ${JSON.stringify(name)} description must be a string, got ${describeValue(description)}`,
      );
    }
    const option: ConfigOption = {
      name,
      type: rawType as ConfigOptionType,
      description: typeof description === 'string' ? description : '',
    };
    const def = spec['default'];
    if (def !== undefined && def !== null) {
      if (option.type === 'string' && def === '') {
        option.default = '';
      } else {
        try {
          option.default = validateOptionValue(option, def);
        } catch (err) {
          reader.fail(`invalid config default: ${(err as Error).message}`);
        }
      }
    }
    options[name] = option;
  }
  return { options };
}

function typeError(option: ConfigOption, value: unknown): Error {
  return notValid(`option ${JSON.stringify(option.name)} expected ${option.type}, got ${goValue(value)}`);
}

/** A value as Go's `%#v` shows it for the common cases (strings quoted). */
function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? typeof value;
}

const INT_RE = /^[+-]?[0-9]+$/;
const FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

function parseBool(text: string): boolean | undefined {
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  return undefined;
}

/** Coerce a typed value (from YAML/JSON) the way Juju's schema checkers do. */
function validateOptionValue(option: ConfigOption, value: unknown): ConfigValue {
  switch (option.type) {
    case 'string':
      if (typeof value === 'string') return value;
      throw typeError(option, value);
    case 'secret':
      if (typeof value === 'string' && (value === '' || isSecretURI(value))) return value;
      throw typeError(option, value);
    case 'int':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      if (typeof value === 'string' && INT_RE.test(value) && Number.isSafeInteger(Number(value)))
        return Number(value);
      throw typeError(option, value);
    case 'float':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && FLOAT_RE.test(value)) return Number(value);
      throw typeError(option, value);
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const parsed = typeof value === 'string' ? parseBool(value) : undefined;
      if (parsed !== undefined) return parsed;
      throw typeError(option, value);
    }
  }
}

/** `secret:<id>` or `secret://<model-uuid>/<id>`. */
function isSecretURI(value: string): boolean {
  return /^secret:(?:\/\/[^/\s]+\/)?[a-z0-9]+$/.test(value);
}

/**
 * Parse a value typed on the command line (`juju config app port=8080`) for its
 * option. Strings and secrets are taken as they are.
 * @throws JujuError `not valid`: `option "port" expected int, got "abc"`.
 */
export function coerceCharmConfigValue(option: ConfigOption, raw: string): ConfigValue {
  switch (option.type) {
    case 'string':
    case 'secret':
      return raw;
    case 'int':
      if (INT_RE.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
      throw typeError(option, raw);
    case 'float':
      if (FLOAT_RE.test(raw)) return Number(raw);
      throw typeError(option, raw);
    case 'boolean': {
      const parsed = parseBool(raw);
      if (parsed === undefined) throw typeError(option, raw);
      return parsed;
    }
  }
}

/**
 * Check user-supplied settings (from YAML or JSON) against a charm's options and
 * return them with consistent types. `null` (reset to default) is kept as `null`.
 * @throws JujuError `not valid`: `unknown option "foo"`, `option "port" expected int, got "abc"`.
 */
export function validateCharmConfig(
  options: Readonly<Record<string, ConfigOption>>,
  values: Readonly<Record<string, unknown>>,
): Record<string, ConfigValue | null> {
  const out: Record<string, ConfigValue | null> = {};
  for (const [name, value] of Object.entries(values)) {
    const option = Object.hasOwn(options, name) ? options[name] : undefined;
    if (option === undefined) throw notValid(`unknown option ${JSON.stringify(name)}`);
    out[name] = value === null || value === undefined ? null : validateOptionValue(option, value);
  }
  return out;
}

/**
 * The defaults of every option that has one; options without a default are absent
 * (as `config-get` leaves them out).
 */
export function charmConfigDefaults(config: CharmConfig): Record<string, ConfigValue> {
  const out: Record<string, ConfigValue> = {};
  for (const option of Object.values(config.options)) {
    if (option.default !== undefined) out[option.name] = option.default;
  }
  return out;
}
