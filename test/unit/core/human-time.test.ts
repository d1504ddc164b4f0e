import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  formatControllerTimestamp,
  formatStatusSince,
  humanSince,
} from '../../../src/core/format/human-time.js';

const NOW = new Date('2025-06-04T12:00:00Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

void describe('humanSince', () => {
  void it('says just now under two seconds and for future times', () => {
    assert.equal(humanSince(NOW, NOW), 'just now');
    assert.equal(humanSince(ago(1999), NOW), 'just now');
    assert.equal(humanSince(ago(-60_000), NOW), 'just now');
  });

  void it('counts seconds, minutes and hours', () => {
    assert.equal(humanSince(ago(2000), NOW), '2 seconds ago');
    assert.equal(humanSince(ago(59_999), NOW), '59 seconds ago');
    assert.equal(humanSince(ago(60_000), NOW), '1 minute ago');
    assert.equal(humanSince(ago(119_999), NOW), '1 minute ago');
    assert.equal(humanSince(ago(120_000), NOW), '2 minutes ago');
    assert.equal(humanSince(ago(3_599_999), NOW), '59 minutes ago');
    assert.equal(humanSince(ago(3_600_000), NOW), '1 hour ago');
    assert.equal(humanSince(ago(7_200_000), NOW), '2 hours ago');
    assert.equal(humanSince(ago(18 * 3_600_000 + 5), NOW), '18 hours ago');
    assert.equal(humanSince(ago(24 * 3_600_000 - 1), NOW), '23 hours ago');
  });

  void it('gives the date from 24 hours on', () => {
    assert.equal(humanSince(ago(24 * 3_600_000), NOW), '2025-06-03');
    assert.equal(humanSince(new Date('2024-01-09T23:59:59Z'), NOW), '2024-01-09');
  });

  void it('defaults now to the current time', () => {
    assert.equal(humanSince(new Date(Date.now() - 5 * 60_000)), '5 minutes ago');
  });
});

void describe('formatStatusSince', () => {
  const t = new Date('2025-02-23T23:02:57Z');

  void it('formats local time with a numeric offset', () => {
    assert.equal(formatStatusSince(t, false, 13 * 60), '24 Feb 2025 12:02:57+13:00');
    assert.equal(formatStatusSince(t, false, -5 * 60 - 30), '23 Feb 2025 17:32:57-05:30');
    assert.equal(formatStatusSince(t, false, 0), '23 Feb 2025 23:02:57Z');
  });

  void it('formats UTC in the ISO-like layout', () => {
    assert.equal(formatStatusSince(t, true), '2025-02-23 23:02:57Z');
    assert.equal(formatStatusSince(new Date('2025-02-24T00:02:57Z'), true, 780), '2025-02-24 00:02:57Z');
  });

  void it('uses the process time zone by default', () => {
    const offset = -t.getTimezoneOffset();
    assert.equal(formatStatusSince(t, false), formatStatusSince(t, false, offset));
    assert.match(
      formatStatusSince(t, false),
      /^\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/,
    );
  });
});

void describe('formatControllerTimestamp', () => {
  const t = new Date('2025-02-23T23:04:55Z');

  void it('formats local time with an offset, UTC without', () => {
    assert.equal(formatControllerTimestamp(t, false, 13 * 60), '12:04:55+13:00');
    assert.equal(formatControllerTimestamp(t, false, 0), '23:04:55Z');
    assert.equal(formatControllerTimestamp(t, true), '23:04:55');
    assert.equal(formatControllerTimestamp(t, true, 13 * 60), '23:04:55');
  });

  void it('uses the process time zone by default', () => {
    assert.equal(
      formatControllerTimestamp(t, false),
      formatControllerTimestamp(t, false, -t.getTimezoneOffset()),
    );
  });
});
