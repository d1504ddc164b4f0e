#!/usr/bin/env node
// Builds the native hook-tool client (src/agent/hooktools/native/jujuc.c) into
// dist/native/jujuc. Without a C compiler the agents fall back to the Node
// client (same protocol, ~20 ms slower per tool call), so a missing compiler
// is a note, not a failure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/agent/hooktools/native/jujuc.c');
const target = join(root, 'dist/native/jujuc');
const tmp = `${target}.tmp-${process.pid}`;
mkdirSync(dirname(target), { recursive: true });
const cc = process.env.CC || 'cc';
try {
  execFileSync(cc, ['-O2', '-Wall', '-Wextra', '-Werror', '-std=c11', '-o', tmp, source], { stdio: 'inherit' });
  renameSync(tmp, target);
  console.log('native hook-tool client: dist/native/jujuc');
} catch (err) {
  rmSync(tmp, { force: true });
  if (err && err.code === 'ENOENT') {
    console.log(`native hook-tool client: no C compiler (${cc}); hook tools use the Node client`);
  } else {
    process.exitCode = 1;
  }
}
