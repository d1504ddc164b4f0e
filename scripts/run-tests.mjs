#!/usr/bin/env node
// Runs the compiled tests with node's test runner. Node 20 takes file paths (not
// globs), so collect them here. Usage: node scripts/run-tests.mjs [unit|e2e] [filter]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [suite, filter] = process.argv.slice(2);
const roots = suite ? [join('dist/test', suite)] : ['dist/test/unit', 'dist/test/e2e'];

function collect(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return collect(p);
    return p.endsWith('.test.js') && (!filter || p.includes(filter)) ? [p] : [];
  });
}

const files = roots.flatMap(collect).sort();
if (files.length === 0) {
  console.error('no test files found (did you run `npm run build`?)');
  process.exit(1);
}
// e2e tests share host resources (bridge, namespaces): run files one at a time.
const args = ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
const res = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(res.status ?? 1);
