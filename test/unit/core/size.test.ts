import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { isValidSize, parseSize } from '../../../src/core/size.js';

void describe('parseSize', () => {
  void it('reads MiB with binary multipliers', () => {
    assert.equal(parseSize('300'), 300);
    assert.equal(parseSize('300M'), 300);
    assert.equal(parseSize('5G'), 5120);
    assert.equal(parseSize('5GB'), 5120);
    assert.equal(parseSize('5GiB'), 5120);
    assert.equal(parseSize('1T'), 1024 * 1024);
    assert.equal(parseSize('1.5G'), 1536);
    assert.equal(parseSize('0.1M'), 1);
  });

  void it('rejects bad numbers and suffixes', () => {
    assert.throws(
      () => parseSize('5X'),
      (err: unknown) =>
        isJujuError(err, ErrorCode.NotValid) &&
        err.message === 'invalid multiplier suffix "X", expected one of MGTPEZY',
    );
    assert.throws(() => parseSize('-5'), /expected a non-negative number, got "-5"/);
    assert.throws(() => parseSize('G'), /expected a non-negative number, got "G"/);
    assert.throws(() => parseSize(''), /expected a non-negative number, got ""/);
    assert.equal(isValidSize('10M'), true);
    assert.equal(isValidSize('ten'), false);
  });
});
