import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConfigSchema } from '../../../src/core/config/schema.js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';

const schema = new ConfigSchema([
  { key: 'name', type: 'string', description: 'a name' },
  { key: 'count', type: 'int', description: 'a count', default: 3 },
  { key: 'enabled', type: 'bool', description: 'a flag', default: false },
  { key: 'interval', type: 'duration', description: 'a duration', default: '5m' },
  { key: 'methods', type: 'list', description: 'a list', default: ['A'] },
  { key: 'tags', type: 'attrs', description: 'attributes', default: {} },
  { key: 'max-size', type: 'size', description: 'a size', default: '300M' },
  { key: 'mode', type: 'string', description: 'an enum', values: ['one', 'two'] },
  {
    key: 'even',
    type: 'int',
    description: 'validated',
    validate: (v) => ((v as number) % 2 === 0 ? undefined : `even: ${String(v)} is odd`),
  },
]);

const expectError = (key: string, raw: unknown, message: string): void => {
  assert.throws(
    () => schema.coerce(key, raw),
    (err: unknown) => isJujuError(err, ErrorCode.NotValid) && err.message === message,
    `${key}=${JSON.stringify(raw)}`,
  );
};

void describe('ConfigSchema lookup', () => {
  void it('finds fields and lists sorted keys', () => {
    assert.equal(schema.field('count')?.type, 'int');
    assert.equal(schema.field('nope'), undefined);
    assert.equal(schema.has('name'), true);
    assert.equal(schema.has('nope'), false);
    assert.deepEqual(schema.keys(), [
      'count',
      'enabled',
      'even',
      'interval',
      'max-size',
      'methods',
      'mode',
      'name',
      'tags',
    ]);
    assert.deepEqual(
      schema.fields().map((f) => f.key),
      schema.keys(),
    );
  });

  void it('returns defaults only for keys that have one, as copies', () => {
    const d = schema.defaults();
    assert.deepEqual(d, {
      count: 3,
      enabled: false,
      interval: '5m',
      'max-size': '300M',
      methods: ['A'],
      tags: {},
    });
    const methods = d['methods'];
    assert.ok(Array.isArray(methods));
    methods.push('B');
    assert.deepEqual(schema.defaults()['methods'], ['A']);
  });

  void it('refuses duplicate keys', () => {
    assert.throws(
      () =>
        new ConfigSchema([
          { key: 'a', type: 'string', description: '' },
          { key: 'a', type: 'int', description: '' },
        ]),
      /defined twice/,
    );
  });
});

void describe('ConfigSchema.coerce', () => {
  void it('strings', () => {
    assert.equal(schema.coerce('name', 'x'), 'x');
    assert.equal(schema.coerce('name', ''), '');
    assert.equal(schema.coerce('name', 5), '5');
    assert.equal(schema.coerce('name', true), 'true');
    expectError('name', ['x'], 'name: expected string, got ["x"]');
    expectError('name', undefined, 'name: expected string, got nothing');
    expectError('name', null, 'name: expected string, got nothing');
  });

  void it('ints', () => {
    assert.equal(schema.coerce('count', 5), 5);
    assert.equal(schema.coerce('count', '5'), 5);
    assert.equal(schema.coerce('count', '-2'), -2);
    assert.equal(schema.coerce('count', ' 7 '), 7);
    expectError('count', 'abc', 'count: expected int, got "abc"');
    expectError('count', '1.5', 'count: expected int, got "1.5"');
    expectError('count', 1.5, 'count: expected int, got 1.5');
    expectError('count', '', 'count: expected int, got ""');
    expectError('count', true, 'count: expected int, got true');
  });

  void it('bools accept Go ParseBool spellings', () => {
    for (const t of [true, 'true', 'True', 'TRUE', 't', 'T', '1'])
      assert.equal(schema.coerce('enabled', t), true);
    for (const f of [false, 'false', 'False', 'FALSE', 'f', 'F', '0'])
      assert.equal(schema.coerce('enabled', f), false);
    expectError('enabled', 'yes', 'enabled: expected bool, got "yes"');
    expectError('enabled', 1, 'enabled: expected bool, got 1');
  });

  void it('durations stay strings once valid', () => {
    assert.equal(schema.coerce('interval', '10m'), '10m');
    assert.equal(schema.coerce('interval', '1h30m'), '1h30m');
    assert.equal(schema.coerce('interval', '0'), '0');
    expectError('interval', 'abc', 'interval: expected duration, got "abc"');
    expectError('interval', '5', 'interval: expected duration, got "5"');
    expectError('interval', 5, 'interval: expected duration, got 5');
  });

  void it('sizes stay strings once valid', () => {
    assert.equal(schema.coerce('max-size', '1G'), '1G');
    assert.equal(schema.coerce('max-size', 300), '300');
    expectError('max-size', 'big', 'max-size: expected size, got "big"');
    expectError('max-size', -1, 'max-size: expected size, got -1');
  });

  void it('lists from comma-separated text or arrays', () => {
    assert.deepEqual(schema.coerce('methods', 'a,b'), ['a', 'b']);
    assert.deepEqual(schema.coerce('methods', ' a , b ,'), ['a', 'b']);
    assert.deepEqual(schema.coerce('methods', ''), []);
    assert.deepEqual(schema.coerce('methods', ['x', 'y']), ['x', 'y']);
    expectError('methods', [1], 'methods: expected list, got [1]');
    expectError('methods', { a: 1 }, 'methods: expected list, got {"a":1}');
  });

  void it('attrs from k=v text, arrays or objects', () => {
    assert.deepEqual(schema.coerce('tags', 'a=1 b=2'), { a: '1', b: '2' });
    assert.deepEqual(schema.coerce('tags', '  a=x=y  '), { a: 'x=y' });
    assert.deepEqual(schema.coerce('tags', ''), {});
    assert.deepEqual(schema.coerce('tags', ['a=1', 'b=']), { a: '1', b: '' });
    assert.deepEqual(schema.coerce('tags', { a: 'x', n: 5 }), { a: 'x', n: '5' });
    expectError('tags', 'novalue', 'tags: expected "key=value", got "novalue"');
    expectError('tags', '=v', 'tags: expected "key=value", got "=v"');
    expectError('tags', 'a=1 a=2', 'tags: key "a" specified more than once');
    expectError('tags', { a: { b: 1 } }, 'tags: expected attrs, got {"a":{"b":1}}');
    expectError('tags', 5, 'tags: expected attrs, got 5');
  });

  void it('checks enumerations and custom validators', () => {
    assert.equal(schema.coerce('mode', 'two'), 'two');
    expectError('mode', 'three', 'mode: expected one of [one two], got "three"');
    assert.equal(schema.coerce('even', '4'), 4);
    expectError('even', 3, 'even: 3 is odd');
  });

  void it('passes unknown keys through untouched', () => {
    const value = { nested: [1] };
    assert.equal(schema.coerce('unknown-key', value), value);
  });

  void it('coerceAll coerces every entry', () => {
    assert.deepEqual(schema.coerceAll({ count: '2', enabled: 'true', other: 'x' }), {
      count: 2,
      enabled: true,
      other: 'x',
    });
    assert.throws(() => schema.coerceAll({ count: 'x' }), /count: expected int, got "x"/);
  });
});
