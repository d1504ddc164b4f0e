/**
 * `actions.yaml`: action names and their parameters as JSON-schema objects, and a
 * small validator (types, required, additionalProperties, enum) that also fills
 * in defaults, as the unit agent does before running an action.
 */
import { notValid } from '../core/errors.js';
import { reservedEndpointReason } from './relations.js';
import { FieldReader, describeValue, isMap, parseYamlText } from './yaml-fields.js';

/** A JSON-schema object (draft 4 subset), kept as the charm wrote it. */
export type JsonSchema = Record<string, unknown>;

/** One action. */
export interface ActionSpec {
  name: string;
  description: string;
  /** Runs without taking the machine lock. */
  parallel: boolean;
  executionGroup: string;
  /**
   * The full schema Juju builds: `{type: "object", title, description, properties,
   * required?, additionalProperties?, ...}`.
   */
  params: JsonSchema;
}

/** A charm's actions by name. */
export type CharmActions = Record<string, ActionSpec>;

const ACTION_NAME_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const PROHIBITED_SCHEMA_KEYS = ['$ref', '$schema'];

/**
 * Parse `actions.yaml`. `charmName` lifts the `juju-` reservation for Juju's own charms.
 * @throws JujuError `not valid`, e.g. `actions.yaml: bad action name Foo`.
 */
export function parseActions(yamlText: string, charmName = ''): CharmActions {
  const file = 'actions.yaml';
  const doc = parseYamlText(yamlText, file);
  return readActions(new FieldReader(file), doc, charmName);
}

/** Build actions from a mapping (actions.yaml, or charmcraft.yaml `actions`). */
export function readActions(reader: FieldReader, doc: unknown, charmName: string): CharmActions {
  const out: CharmActions = {};
  if (doc === null || doc === undefined) return out;
  const map = reader.map(doc, '(root)');
  for (const [name, raw] of Object.entries(map)) {
    if (!ACTION_NAME_RE.test(name)) reader.fail(`bad action name ${name}`);
    const reserved = reservedEndpointReason(charmName, name);
    if (reserved !== undefined) reader.fail(`cannot use action name ${name}: ${reserved}`);
    const spec = raw === null || raw === undefined ? {} : raw;
    if (!isMap(spec))
      reader.fail(`action ${JSON.stringify(name)} must be a mapping, got ${describeValue(spec)}`);
    out[name] = readAction(reader, name, spec);
  }
  return out;
}

function readAction(reader: FieldReader, name: string, spec: Record<string, unknown>): ActionSpec {
  const schema: JsonSchema = { description: 'No description', type: 'object', title: name, properties: {} };
  let parallel = false;
  let executionGroup = '';
  const where = `action ${JSON.stringify(name)}`;
  for (const [key, value] of Object.entries(spec)) {
    switch (key) {
      case 'description':
      case 'title':
      case 'execution-group':
        if (typeof value !== 'string')
          reader.fail(`${where}: value for schema key "${key}" must be a string`);
        if (key === 'execution-group') executionGroup = value;
        else schema[key] = value;
        break;
      case 'required':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
          reader.fail(`${where}: value for schema key "required" must be a YAML list of strings`);
        }
        schema[key] = value;
        break;
      case 'parallel':
        if (typeof value !== 'boolean')
          reader.fail(`${where}: value for schema key "parallel" must be a bool`);
        parallel = value;
        break;
      case 'params':
        if (value === null) break;
        if (!isMap(value)) reader.fail(`${where}: params failed to parse as a map`);
        checkSchemaKeys(reader, where, value);
        schema['properties'] = value;
        break;
      default:
        checkSchemaKeys(reader, where, value);
        schema[key] = value;
    }
  }
  const additional = schema['additionalProperties'];
  if (additional !== undefined && typeof additional !== 'boolean' && !isMap(additional)) {
    reader.fail(`${where}: "additionalProperties" must be a boolean or a schema`);
  }
  return { name, description: schema['description'] as string, parallel, executionGroup, params: schema };
}

function checkSchemaKeys(reader: FieldReader, where: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) checkSchemaKeys(reader, where, item);
  } else if (isMap(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (PROHIBITED_SCHEMA_KEYS.includes(key)) {
        reader.fail(`${where}: schema key ${JSON.stringify(key)} not compatible with this version of juju`);
      }
      checkSchemaKeys(reader, where, inner);
    }
  }
}

/**
 * Validate action parameters against the action's schema and return them with the
 * schema's defaults filled in. Checks `type` (string, integer, number, boolean,
 * array, object, null, or a list of these), `enum`, `required`, and
 * `additionalProperties: false`, recursing into nested object properties and
 * array `items`.
 * @throws JujuError `not valid`: `validation failed: (root).count : invalid type, expected integer, given string; ...`
 */
export function validateActionParams(
  action: Pick<ActionSpec, 'params'>,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const problems: string[] = [];
  const result = validateValue(action.params, { ...params }, '(root)', problems);
  if (problems.length > 0) throw notValid(`validation failed: ${problems.join('; ')}`);
  return result as Record<string, unknown>;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = jsonType(value);
  if (expected === 'number') return actual === 'number' || actual === 'integer';
  return expected === actual;
}

function validateValue(schema: unknown, value: unknown, field: string, problems: string[]): unknown {
  if (!isMap(schema)) return value;
  const types = schema['type'];
  const expected =
    typeof types === 'string'
      ? [types]
      : Array.isArray(types)
        ? types.filter((t) => typeof t === 'string')
        : [];
  if (expected.length > 0 && !expected.some((t) => typeMatches(t, value))) {
    problems.push(`${field} : invalid type, expected ${expected.join(' or ')}, given ${jsonType(value)}`);
    return value;
  }
  const allowed = schema['enum'];
  if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
    problems.push(`${field} : must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  if (Array.isArray(value) && isMap(schema['items'])) {
    return value.map((item, i) => validateValue(schema['items'], item, `${field}.${i}`, problems));
  }
  if (isMap(value) && !Array.isArray(value)) return validateObject(schema, value, field, problems);
  return value;
}

function validateObject(
  schema: Record<string, unknown>,
  value: Record<string, unknown>,
  field: string,
  problems: string[],
): Record<string, unknown> {
  const properties = isMap(schema['properties']) ? schema['properties'] : {};
  const out: Record<string, unknown> = { ...value };
  for (const [key, propSchema] of Object.entries(properties)) {
    if (!Object.hasOwn(out, key) && isMap(propSchema) && propSchema['default'] !== undefined) {
      out[key] = structuredClone(propSchema['default']);
    }
  }
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  for (const key of required) {
    if (typeof key === 'string' && !Object.hasOwn(out, key)) problems.push(`${field} : ${key} is required`);
  }
  for (const [key, inner] of Object.entries(out)) {
    const sub = field === '(root)' ? `(root).${key}` : `${field}.${key}`;
    if (Object.hasOwn(properties, key)) {
      out[key] = validateValue(properties[key], inner, sub, problems);
    } else if (schema['additionalProperties'] === false) {
      problems.push(`${field} : additional property ${JSON.stringify(key)} is not allowed`);
    } else if (isMap(schema['additionalProperties'])) {
      out[key] = validateValue(schema['additionalProperties'], inner, sub, problems);
    }
  }
  return out;
}
