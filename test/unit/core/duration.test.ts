import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatDuration, isValidDuration, parseDuration } from '../../../src/core/duration.js';
import { ErrorCode, JujuError } from '../../../src/core/errors.js';

const expectError = (input: string, message: string): void => {
  assert.throws(
    () => parseDuration(input),
    (err: unknown) => {
      assert.ok(err instanceof JujuError);
      assert.equal(err.code, ErrorCode.NotValid);
      assert.equal(err.message, message);
      return true;
    },
  );
};

void describe('parseDuration', () => {
  void it('parses single units into milliseconds', () => {
    assert.equal(parseDuration('10s'), 10_000);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('1us'), 0.001);
    assert.equal(parseDuration('1\u00b5s'), 0.001);
    assert.equal(parseDuration('1\u03bcs'), 0.001);
    assert.equal(parseDuration('100ns'), 0.0001);
  });

  void it('parses compound and fractional values', () => {
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('1h30m15s'), 5_415_000);
    assert.equal(parseDuration('1.5h'), 5_400_000);
    assert.equal(parseDuration('0.001s'), 1);
    assert.equal(parseDuration('60.0s'), 60_000);
    assert.equal(parseDuration('.5s'), 500);
    assert.equal(parseDuration('1.s'), 1000);
    assert.equal(parseDuration('1m0.5s'), 60_500);
    assert.equal(parseDuration('0.3s'), 300);
  });

  void it('accepts a sign and a bare zero', () => {
    assert.equal(parseDuration('-1.5h'), -5_400_000);
    assert.equal(parseDuration('+5m'), 300_000);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('-0'), 0);
    assert.equal(parseDuration('0s'), 0);
  });

  void it('rejects malformed input with Go messages', () => {
    expectError('', 'time: invalid duration ""');
    expectError('x', 'time: invalid duration "x"');
    expectError('-', 'time: invalid duration "-"');
    expectError('.', 'time: invalid duration "."');
    expectError('.s', 'time: invalid duration ".s"');
    expectError(' 1s', 'time: invalid duration " 1s"');
    expectError('1h-5m', 'time: unknown unit "h-" in duration "1h-5m"');
    expectError('abc', 'time: invalid duration "abc"');
  });

  void it('requires known units', () => {
    expectError('1', 'time: missing unit in duration "1"');
    expectError('10', 'time: missing unit in duration "10"');
    expectError('1.5.5s', 'time: missing unit in duration "1.5.5s"');
    expectError('1d', 'time: unknown unit "d" in duration "1d"');
    expectError('5 m', 'time: unknown unit " m" in duration "5 m"');
  });

  void it('rejects values beyond an int64 of nanoseconds', () => {
    expectError('9999999999h', 'time: invalid duration "9999999999h"');
    assert.equal(parseDuration('2562047h'), 2_562_047 * 3_600_000);
  });

  void it('isValidDuration mirrors parseDuration', () => {
    assert.equal(isValidDuration('5m'), true);
    assert.equal(isValidDuration('5'), false);
    assert.equal(isValidDuration('abc'), false);
  });
});

void describe('formatDuration', () => {
  void it('formats like Go Duration.String', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(300_000), '5m0s');
    assert.equal(formatDuration(3_600_000), '1h0m0s');
    assert.equal(formatDuration(250), '250ms');
    assert.equal(formatDuration(10_000), '10s');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(1.5), '1.5ms');
    assert.equal(formatDuration(0.001), '1\u00b5s');
    assert.equal(formatDuration(0.0015), '1.5\u00b5s');
    assert.equal(formatDuration(0.0001), '100ns');
    assert.equal(formatDuration(90_061_001), '25h1m1.001s');
    assert.equal(formatDuration(1_209_600_000), '336h0m0s');
    assert.equal(formatDuration(60_500), '1m0.5s');
  });

  void it('formats negative durations with a leading minus', () => {
    assert.equal(formatDuration(-1500), '-1.5s');
    assert.equal(formatDuration(-300_000), '-5m0s');
  });

  void it('round-trips through parseDuration', () => {
    for (const text of ['5m0s', '1h0m0s', '250ms', '10s', '1.5s', '2h45m30.25s', '1\u00b5s', '7ns']) {
      assert.equal(formatDuration(parseDuration(text)), text);
    }
  });
});
