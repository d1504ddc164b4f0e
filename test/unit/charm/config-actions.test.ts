import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseActions, validateActionParams } from '../../../src/charm/actions.js';
import {
  charmConfigDefaults,
  coerceCharmConfigValue,
  parseConfig,
  validateCharmConfig,
} from '../../../src/charm/config.js';
import type { ConfigOption } from '../../../src/charm/config.js';
import { assertNotValid } from './fixtures.js';

const CONFIG = `
options:
  port:
    type: int
    default: 8080
    description: Port.
  ratio:
    type: float
    default: 0.5
  debug:
    type: boolean
    default: off
  name:
    type: string
    default: ""
  untyped:
    description: missing type means string
  token:
    type: secret
`;

void describe('parseConfig', () => {
  void it('reads types and typed defaults', () => {
    const config = parseConfig(CONFIG);
    assert.deepEqual(Object.keys(config.options), ['port', 'ratio', 'debug', 'name', 'untyped', 'token']);
    assert.deepEqual(config.options['port'], {
      name: 'port',
      type: 'int',
      description: 'Port.',
      default: 8080,
    });
    assert.equal(config.options['ratio']?.default, 0.5);
    // YAML 1.1: `off` is a boolean.
    assert.equal(config.options['debug']?.default, false);
    assert.equal(config.options['name']?.default, '');
    assert.equal(config.options['untyped']?.type, 'string');
    assert.equal(config.options['untyped']?.default, undefined);
    assert.equal(config.options['token']?.type, 'secret');
    assert.deepEqual(charmConfigDefaults(config), { port: 8080, ratio: 0.5, debug: false, name: '' });
  });

  void it('accepts an empty options map', () => {
    assert.deepEqual(parseConfig('options: {}\n'), { options: {} });
    assert.deepEqual(parseConfig('options:\n'), { options: {} });
  });

  void it('rejects unknown types, bad defaults and empty files', async () => {
    await assertNotValid(
      () => parseConfig('options:\n  port:\n    type: integer\n'),
      'config.yaml: option "port" has unknown type "integer"',
    );
    await assertNotValid(
      () => parseConfig('options:\n  port:\n    type: int\n    default: abc\n'),
      'config.yaml: invalid config default: option "port" expected int, got "abc"',
    );
    await assertNotValid(
      () => parseConfig('options:\n  on:\n    type: boolean\n    default: maybe\n'),
      'config.yaml: invalid config default: option "true" expected boolean, got "maybe"',
    );
    await assertNotValid(() => parseConfig(''), 'config.yaml: invalid config: empty configuration');
    await assertNotValid(
      () => parseConfig('port: 1\n'),
      'config.yaml: invalid config: "options" is required',
    );
  });
});

void describe('config values', () => {
  const { options } = parseConfig(CONFIG);
  const opt = (name: string): ConfigOption => {
    const o = options[name];
    assert.ok(o !== undefined);
    return o;
  };

  void it('coerces command-line strings', () => {
    assert.equal(coerceCharmConfigValue(opt('port'), '9090'), 9090);
    assert.equal(coerceCharmConfigValue(opt('port'), '-1'), -1);
    assert.equal(coerceCharmConfigValue(opt('ratio'), '1e3'), 1000);
    assert.equal(coerceCharmConfigValue(opt('debug'), 'True'), true);
    assert.equal(coerceCharmConfigValue(opt('debug'), '0'), false);
    assert.equal(coerceCharmConfigValue(opt('name'), ' spaced '), ' spaced ');
    assert.equal(coerceCharmConfigValue(opt('token'), 'secret:abc'), 'secret:abc');
  });

  void it('reports values of the wrong type as Juju does', async () => {
    await assertNotValid(
      () => coerceCharmConfigValue(opt('port'), 'abc'),
      'option "port" expected int, got "abc"',
    );
    await assertNotValid(
      () => coerceCharmConfigValue(opt('port'), '1.5'),
      'option "port" expected int, got "1.5"',
    );
    await assertNotValid(
      () => coerceCharmConfigValue(opt('ratio'), 'x'),
      'option "ratio" expected float, got "x"',
    );
    await assertNotValid(
      () => coerceCharmConfigValue(opt('debug'), 'yes'),
      'option "debug" expected boolean, got "yes"',
    );
  });

  void it('validates settings maps', async () => {
    assert.deepEqual(
      validateCharmConfig(options, { port: '81', debug: true, name: 'x', ratio: 2, token: null }),
      {
        port: 81,
        debug: true,
        name: 'x',
        ratio: 2,
        token: null,
      },
    );
    await assertNotValid(() => validateCharmConfig(options, { foo: 1 }), 'unknown option "foo"');
    await assertNotValid(
      () => validateCharmConfig(options, { port: 'abc' }),
      'option "port" expected int, got "abc"',
    );
    await assertNotValid(
      () => validateCharmConfig(options, { name: 5 }),
      'option "name" expected string, got 5',
    );
    await assertNotValid(
      () => validateCharmConfig(options, { token: 'http://x' }),
      'option "token" expected secret, got "http://x"',
    );
    await assertNotValid(() => validateCharmConfig(options, { toString: 'x' }), 'unknown option "toString"');
  });
});

const ACTIONS = `
echo:
  description: Echo a value.
  params:
    value:
      type: string
      default: hi
    count:
      type: integer
    mode:
      type: string
      enum: [fast, slow]
    opts:
      type: object
      properties:
        depth:
          type: number
  required: [count]
  additionalProperties: false
  parallel: true
  execution-group: io
restart: {}
`;

void describe('actions', () => {
  void it('builds JSON schemas the way Juju does', () => {
    const actions = parseActions(ACTIONS);
    const echo = actions['echo'];
    assert.ok(echo !== undefined);
    assert.equal(echo.description, 'Echo a value.');
    assert.equal(echo.parallel, true);
    assert.equal(echo.executionGroup, 'io');
    assert.equal(echo.params['type'], 'object');
    assert.equal(echo.params['title'], 'echo');
    assert.deepEqual(echo.params['required'], ['count']);
    assert.equal(echo.params['additionalProperties'], false);
    assert.deepEqual(Object.keys(echo.params['properties'] as object), ['value', 'count', 'mode', 'opts']);
    assert.deepEqual(actions['restart']?.params, {
      description: 'No description',
      type: 'object',
      title: 'restart',
      properties: {},
    });
  });

  void it('rejects bad action names and schemas', async () => {
    await assertNotValid(() => parseActions('Echo: {}\n'), 'actions.yaml: bad action name Echo');
    await assertNotValid(
      () => parseActions('juju-run: {}\n'),
      'actions.yaml: cannot use action name juju-run: the "juju-" prefix is reserved',
    );
    assert.ok(parseActions('juju-run: {}\n', 'juju-qa-test')['juju-run'] !== undefined);
    await assertNotValid(
      () => parseActions('a:\n  params:\n    x:\n      $ref: "#/y"\n'),
      'actions.yaml: action "a": schema key "$ref" not compatible with this version of juju',
    );
    await assertNotValid(
      () => parseActions('a:\n  params: [x]\n'),
      'actions.yaml: action "a": params failed to parse as a map',
    );
    await assertNotValid(
      () => parseActions('a:\n  parallel: sometimes\n'),
      'actions.yaml: action "a": value for schema key "parallel" must be a bool',
    );
  });

  void it('validates params and fills defaults', async () => {
    const echo = parseActions(ACTIONS)['echo'];
    assert.ok(echo !== undefined);
    assert.deepEqual(validateActionParams(echo, { count: 3 }), { count: 3, value: 'hi' });
    assert.deepEqual(
      validateActionParams(echo, { count: 1, value: 'x', mode: 'fast', opts: { depth: 1.5 } }),
      {
        count: 1,
        value: 'x',
        mode: 'fast',
        opts: { depth: 1.5 },
      },
    );
    await assertNotValid(
      () => validateActionParams(echo, {}),
      'validation failed: (root) : count is required',
    );
    await assertNotValid(
      () => validateActionParams(echo, { count: 'three' }),
      'validation failed: (root).count : invalid type, expected integer, given string',
    );
    await assertNotValid(
      () => validateActionParams(echo, { count: 1, extra: true }),
      'validation failed: (root) : additional property "extra" is not allowed',
    );
    await assertNotValid(
      () => validateActionParams(echo, { count: 1, mode: 'medium' }),
      /\(root\)\.mode : must be one of "fast", "slow"/,
    );
    await assertNotValid(
      () => validateActionParams(echo, { count: 1, opts: { depth: 'deep' } }),
      'validation failed: (root).opts.depth : invalid type, expected number, given string',
    );
    // Unknown params are fine without additionalProperties: false.
    const restart = parseActions(ACTIONS)['restart'];
    assert.ok(restart !== undefined);
    assert.deepEqual(validateActionParams(restart, { anything: 1 }), { anything: 1 });
  });
});
