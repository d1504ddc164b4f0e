/** The small pure pieces: wire times, query parsing, entity shorthands, line format, queue and bucket. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedLogQueue } from '../../../src/agent/common/log-sender-queue.js';
import { debugLogQuery } from '../../../src/cli/commands/debuglog/debug-log.js';
import { entityPattern } from '../../../src/cli/commands/debuglog/entity-filter.js';
import { formatLogLine, formatLogTime } from '../../../src/cli/commands/debuglog/log-line-format.js';
import { parseDebugLogQuery } from '../../../src/controller/logs/debug-log-params.js';
import { decodeLogSinkRecord } from '../../../src/controller/logs/logsink-record.js';
import { TokenBucket } from '../../../src/controller/logs/rate-limiter.js';
import { formatRfc3339Micros, parseRfc3339Micros } from '../../../src/controller/logs/wire-time.js';

describe('wire times', () => {
  it('round-trips RFC3339Nano at microsecond precision, trimming zeros like Go', () => {
    const base = Date.parse('2024-10-16T12:34:56Z') * 1000;
    assert.equal(parseRfc3339Micros('2024-10-16T12:34:56.123456789Z'), base + 123456);
    assert.equal(parseRfc3339Micros('2024-10-16T14:34:56.5+02:00'), base + 500000);
    assert.equal(parseRfc3339Micros('2024-10-16 12:34:56'), null);
    assert.equal(formatRfc3339Micros(base), '2024-10-16T12:34:56Z');
    assert.equal(formatRfc3339Micros(base + 789000), '2024-10-16T12:34:56.789Z');
    assert.equal(formatRfc3339Micros(base + 120), '2024-10-16T12:34:56.00012Z');
  });
});

describe('debug-log query parsing', () => {
  it('reads every parameter, repeated filters and both label spellings', () => {
    const q = parseDebugLogQuery(
      new URLSearchParams(
        'includeEntity=a&includeEntity=b&excludeEntity=c&includeModule=m&excludeModule=n&includeLabel=x&includeLabels=y&excludeLabel=z&level=warn&replay=1&backlog=5&maxLines=7&noTail=T&startTime=2024-01-01T00:00:00Z',
      ),
    );
    assert.deepEqual(q, {
      includeEntity: ['a', 'b'],
      excludeEntity: ['c'],
      includeModule: ['m'],
      excludeModule: ['n'],
      includeLabel: ['x', 'y'],
      excludeLabel: ['z'],
      level: 'WARNING',
      replay: true,
      backlog: 5,
      maxLines: 7,
      noTail: true,
      startTime: Date.parse('2024-01-01T00:00:00Z') * 1000,
    });
    assert.throws(
      () => parseDebugLogQuery(new URLSearchParams('version=x')),
      /version value "x" is not a valid number/,
    );
  });
});

describe('CLI query and entities', () => {
  it('maps the options onto Juju query keys', () => {
    assert.equal(
      debugLogQuery({
        includeEntity: ['unit-a-0', 'machine-1'],
        excludeEntity: [],
        includeModule: ['juju'],
        excludeModule: [],
        includeLabel: ['l'],
        excludeLabel: ['k'],
        level: 'INFO',
        backlog: 10,
        limit: 3,
        replay: true,
        noTail: true,
      }),
      'includeEntity=unit-a-0&includeEntity=machine-1&includeModule=juju&includeLabel=l&excludeLabel=k&replay=true&noTail=true&maxLines=3&backlog=10&level=INFO',
    );
  });

  it('expands entity shorthands as Juju does', () => {
    const warnings: string[] = [];
    const p = (v: string): string => entityPattern(v, (m) => warnings.push(m));
    assert.equal(p('pinger/0'), 'unit-pinger-0');
    assert.equal(p('pinger'), 'unit-pinger-*');
    assert.equal(p('1'), 'machine-1');
    assert.equal(p('0/lxd/2'), 'machine-0-lxd-2');
    assert.equal(p('machine-3'), 'machine-3');
    assert.equal(p('unit-app-0'), 'unit-app-0');
    assert.equal(p('application-app'), 'application-app');
    assert.equal(p('unit-app-*'), 'unit-app-*');
    assert.equal(p('Bad_Name'), 'Bad_Name');
    assert.deepEqual(warnings, [
      '"Bad_Name" was not recognised as a valid application, machine or unit name',
    ]);
  });
});

describe('line format', () => {
  const rec = {
    tag: 'unit-a-0',
    ts: '2024-05-01T10:00:02.25Z',
    sev: 'WARNING',
    mod: 'juju.x',
    loc: 'x.go:1',
    msg: 'hi',
    lab: ['p', 'q'],
  };
  it('formats time as 15:04:05, with date and milliseconds on request', () => {
    const d = new Date('2024-05-01T09:08:07.006Z');
    assert.equal(formatLogTime(d, { utc: true, date: false, ms: false }), '09:08:07');
    assert.equal(formatLogTime(d, { utc: true, date: true, ms: true }), '2024-05-01 09:08:07.006');
  });
  it('puts location and labels before the message, colouring level and location', () => {
    const opts = { utc: true, date: false, ms: false, location: true, color: false };
    assert.equal(formatLogLine(rec, opts), 'unit-a-0: 10:00:02 WARNING juju.x x.go:1 p,q hi\n');
    assert.equal(
      formatLogLine(rec, { ...opts, color: true }),
      'unit-a-0: 10:00:02 \x1b[33mWARNING\x1b[0m juju.x \x1b[94mx.go:1 \x1b[0mp,q hi\n',
    );
    const colours = ['TRACE', 'DEBUG', 'INFO', 'ERROR', 'CRITICAL'].map(
      (sev) =>
        formatLogLine({ ...rec, sev, lab: [] }, { ...opts, location: false, color: true }).split(' ')[2],
    );
    assert.deepEqual(colours, [
      '\x1b[39mTRACE\x1b[0m',
      '\x1b[32mDEBUG\x1b[0m',
      '\x1b[94mINFO\x1b[0m',
      '\x1b[91mERROR\x1b[0m',
      '\x1b[37m\x1b[41mCRITICAL\x1b[0m',
    ]);
  });
});

describe('logsink record decoding', () => {
  it('keeps the authenticated entity and cuts huge messages', () => {
    const r = decodeLogSinkRecord(
      JSON.stringify({ t: 'x', m: 'm', l: 'l', v: 'ERROR', x: 'y'.repeat(100_000), e: 'machine-9' }),
      'unit-a-0',
      42,
    );
    assert.equal(r?.entity, 'unit-a-0');
    assert.equal(r?.timestamp, 42);
    assert.equal(r?.message.length, 64 * 1024);
    assert.equal(decodeLogSinkRecord('[1]', 'unit-a-0', 0), null);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then one token per refill interval', () => {
    let now = 0;
    const b = new TokenBucket(3, 10, () => now);
    assert.deepEqual([b.tryTake(), b.tryTake(), b.tryTake()], [0, 0, 0]);
    assert.equal(b.tryTake(), 10);
    now = 5;
    assert.equal(b.tryTake(), 5);
    now = 10;
    assert.equal(b.tryTake(), 0);
    now = 1000;
    assert.deepEqual([b.tryTake(), b.tryTake(), b.tryTake(), b.tryTake() > 0], [0, 0, 0, true]);
  });
});

describe('BoundedLogQueue', () => {
  it('drops the oldest when full and counts what it dropped', () => {
    const q = new BoundedLogQueue(2);
    for (const x of ['a', 'b', 'c', 'd']) q.push(x);
    assert.equal(q.length, 2);
    assert.equal(q.takeDropped(), 2);
    assert.equal(q.dropped, 0);
    q.unshift('note');
    assert.deepEqual([q.shift(), q.shift(), q.shift(), q.shift()], ['note', 'c', 'd', undefined]);
    const big = new BoundedLogQueue(5000);
    for (let i = 0; i < 20_000; i++) {
      big.push(String(i));
      if (i % 2 === 0) big.shift();
    }
    assert.equal(big.length, 5000);
    assert.equal(big.shift(), '15000');
  });
});
