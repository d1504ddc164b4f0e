#!/usr/bin/env node
// Waits until every application of the current model is active (or fails on
// error), polling `juju status --format json`. Usage: wait-active.mjs [timeout-seconds]
import { execFileSync } from 'node:child_process';

const deadline = Date.now() + Number(process.argv[2] ?? 180) * 1000;
for (;;) {
  const status = JSON.parse(execFileSync('juju', ['status', '--format', 'json'], { encoding: 'utf8' }));
  const apps = Object.entries(status.applications ?? {});
  const states = apps.map(([name, a]) => [name, a['application-status']?.current ?? 'unknown']);
  const failed = states.filter(([, s]) => s === 'error');
  if (failed.length > 0) {
    console.error(`applications in error: ${failed.map(([n]) => n).join(', ')}`);
    process.exit(1);
  }
  if (apps.length > 0 && states.every(([, s]) => s === 'active')) process.exit(0);
  if (Date.now() > deadline) {
    console.error(`timed out waiting for active: ${states.map(([n, s]) => `${n}=${s}`).join(' ')}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 1000));
}
