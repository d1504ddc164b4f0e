/**
 * The reboot monitor: where its flags live for a machine's data dir, and
 * that a unit learns of a reboot exactly once per "boot" (the directory
 * being cleared is what a reboot does).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import {
  purgeRebootFlag,
  rebootDetected,
  rebootMonitorDir,
} from '../../../src/agent/uniter/reboot-monitor.js';

describe('reboot monitor', () => {
  const root = mkdtempSync(join(tmpdir(), 'reboot-monitor-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps its flags in the transient dir of a machine root', () => {
    assert.equal(rebootMonitorDir('/srv/m0/var/lib/juju'), '/srv/m0/var/run/juju/reboot-monitor');
    assert.equal(rebootMonitorDir('/srv/m0/var/lib/juju/'), '/srv/m0/var/run/juju/reboot-monitor');
    assert.equal(rebootMonitorDir('/tmp/data'), '/tmp/data/run/reboot-monitor');
  });

  it('reports a reboot once per boot and unit', () => {
    const dataDir = join(root, 'var', 'lib', 'juju');
    assert.equal(rebootDetected(dataDir, 'unit-a-0'), true);
    assert.equal(rebootDetected(dataDir, 'unit-a-0'), false);
    assert.equal(rebootDetected(dataDir, 'unit-b-0'), true);
    // A reboot clears the transient dir.
    rmSync(rebootMonitorDir(dataDir), { recursive: true, force: true });
    assert.equal(rebootDetected(dataDir, 'unit-a-0'), true);
    purgeRebootFlag(dataDir, 'unit-a-0');
    assert.equal(rebootDetected(dataDir, 'unit-a-0'), true);
    purgeRebootFlag(dataDir, 'unit-gone-0');
  });
});
