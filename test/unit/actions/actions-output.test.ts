/**
 * The pieces the action commands print with, checked against what Juju's Go
 * code produces: JSON/YAML key order, Go time strings, task maps, the plain
 * layouts, exec's command quoting and parameter parsing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { actionParameters, parseKeyValueArgs } from '../../../src/cli/commands/actions/action-params.js';
import { commandString } from '../../../src/cli/commands/actions/exec.js';
import {
  formatGoJson,
  formatGoYaml,
  goClock,
  goPlainTime,
  goStruct,
  goTimeString,
  marshalGoYaml,
} from '../../../src/cli/commands/actions/go-output.js';
import {
  convertActionOutput,
  formatActionResult,
  printExecOutput,
  printPlainOutput,
} from '../../../src/cli/commands/actions/task-output.js';
import { wireTime } from '../../../src/controller/facades/action-wire.js';

process.env.TZ = 'UTC';

describe('Go-style output', () => {
  it('sorts map keys byte-wise in JSON, keeps struct order, escapes <>&', () => {
    assert.equal(
      formatGoJson({ '2': 'b', '10': 'a', b: 1, a: [true, null], '<x>': '&' }),
      '{"10":"a","2":"b","\\u003cx\\u003e":"\\u0026","a":[true,null],"b":1}\n',
    );
    assert.equal(
      formatGoJson(
        goStruct([
          ['z', 1],
          ['a', undefined],
          ['m', { y: 1, x: 2 }],
        ]),
      ),
      '{"z":1,"m":{"x":2,"y":1}}\n',
    );
  });

  it('sorts YAML keys as yaml.v2 does and quotes like it', () => {
    assert.equal(
      formatGoYaml({ '10': 'a', '2': 'b', x: 'yes', e: '' }),
      '"2": b\n"10": a\ne: ""\nx: "yes"\n',
    );
    assert.equal(marshalGoYaml({}), '{}\n');
    assert.equal(formatGoYaml(null), '');
  });

  it('writes Go time strings', () => {
    assert.equal(goTimeString('2025-01-01T10:00:00.123400Z', true), '2025-01-01 10:00:00.1234 +0000 UTC');
    assert.equal(goTimeString('2025-01-01T10:00:00Z', false), '2025-01-01 10:00:00 +0000 UTC');
    assert.equal(goClock('2025-01-01T10:04:05.5Z', true), '10:04:05');
    assert.equal(goPlainTime('2025-01-01T10:04:05.5Z', true), '2025-01-01T10:04:05');
  });

  it('sends RFC 3339 times on the wire, Go’s zero time when unset', () => {
    assert.equal(wireTime('2024-05-01T10:00:00.000Z'), '2024-05-01T10:00:00Z');
    assert.equal(wireTime('2024-05-01T10:00:00.120Z'), '2024-05-01T10:00:00.12Z');
    assert.equal(wireTime(null), '0001-01-01T00:00:00Z');
  });
});

describe('task output', () => {
  it('keeps non-empty stdout/stderr, turns CRLF into LF and return-code into an int', () => {
    assert.deepEqual(convertActionOutput({ stdout: 'a\r\nb', stderr: '', 'return-code': '3', k: 'v' }), {
      values: { stdout: 'a\nb', 'return-code': 3, k: 'v' },
      code: 3,
    });
    assert.deepEqual(convertActionOutput({ k: 'v' }), { values: { k: 'v' }, code: -1 });
    assert.deepEqual(convertActionOutput(undefined), { values: undefined, code: -1 });
  });

  it('builds the task map Juju prints', () => {
    const { map, code } = formatActionResult(
      '7',
      {
        action: { tag: 'action-7', receiver: 'machine-0-lxd-1', name: 'juju-exec' },
        status: 'completed',
        enqueued: '2025-01-01T10:00:00Z',
        started: '0001-01-01T00:00:00Z',
        completed: '2025-01-01T10:00:01Z',
        output: { 'return-code': 0, stdout: 'hi\n' },
        log: [{ timestamp: '2025-01-01T10:00:00.5Z', message: 'step' }],
      },
      true,
    );
    assert.equal(code, 0);
    assert.deepEqual(map, {
      id: '7',
      status: 'completed',
      machine: '0/lxd/1',
      results: { 'return-code': 0, stdout: 'hi\n' },
      log: ['2025-01-01 10:00:00.5 +0000 UTC step'],
      timing: { enqueued: '2025-01-01 10:00:00 +0000 UTC', completed: '2025-01-01 10:00:01 +0000 UTC' },
    });
    const bare = formatActionResult('8', { status: 'pending', enqueued: '0001-01-01T00:00:00Z' }, true);
    assert.deepEqual(bare.map, { id: '8', status: 'pending' });
  });

  it('prints one task plainly: failure line, results, stdout, stderr', () => {
    assert.equal(
      printPlainOutput({
        'a/0': {
          id: '2',
          status: 'failed',
          message: 'exit status 2',
          results: { b: '1', 'return-code': 2, stdout: '\nout\n\n', stderr: 'err' },
        },
      }),
      'Action id 2 failed: exit status 2\nb: "1"\n\nout\nerr\n',
    );
    assert.equal(printPlainOutput({ 'a/0': { id: '3', status: 'pending' } }), 'Task 3 pending\n\n');
  });

  it('prints exec output per target, headed when there are several', () => {
    assert.equal(printExecOutput({ '0': { results: { stdout: 'x' } } }), 'x\n');
    assert.equal(
      printExecOutput({
        'a/10': { results: { stdout: 'ten\n' } },
        'a/2': { results: { stdout: 'two\n', stderr: 'oops' } },
      }),
      'a/2:\ntwo\noops\n\na/10:\nten\n\n',
    );
  });
});

describe('command lines', () => {
  it('quotes exec words like Juju', () => {
    assert.equal(
      commandString(['echo', 'a b', '$X', '`id`', 'back\\slash', 'q"']),
      'echo "a b" \\$X \\`id\\` back\\\\slash q\\"',
    );
  });

  it('merges key=value arguments over the params file, as YAML unless --string-args', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juju-params-'));
    try {
      const file = join(dir, 'p.yaml');
      writeFileSync(file, 'a: 1\nnest:\n  keep: true\n  over: old\n');
      const args = parseKeyValueArgs([
        'nest.over=new',
        'flag=yes',
        'n=0x10',
        'list=[1, two]',
        'empty=',
        'a.b=c',
      ]);
      assert.deepEqual(actionParameters(file, args, false), {
        a: { b: 'c' },
        nest: { keep: true, over: 'new' },
        flag: true,
        n: 16,
        list: [1, 'two'],
        empty: '',
      });
      assert.deepEqual(actionParameters(undefined, parseKeyValueArgs(['flag=yes']), true), { flag: 'yes' });
      writeFileSync(file, '- a\n- b\n');
      assert.throws(
        () => actionParameters(file, [], false),
        /params must contain a YAML map with string keys/,
      );
      assert.throws(
        () => actionParameters(join(dir, 'missing.yaml'), [], false),
        /no such file or directory/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
