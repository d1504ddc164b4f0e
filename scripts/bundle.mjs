#!/usr/bin/env node
// Build step: bundles the compiled entry points (dist/src/cmd/juju.js and
// jujud.js) with esbuild into dist/bundle/, code-split so `juju` still loads
// only the command area it runs. Loading a few large files instead of hundreds
// of small ones is most of a CLI call's start-up and a large part of an agent's.
// bin/juju and agents use the bundles when present, the modules otherwise.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { juju: join(dist, 'src/cmd/juju.js'), jujud: join(dist, 'src/cmd/jujud.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addon, and ws's optional native helpers.
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  // CommonJS dependencies bundled into ES modules still call require().
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  sourcemap: true,
  // Less to parse at every start; names stay, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// Marks dist/ for src/core/dist-paths.ts (the bundles share their chunks' URLs).
writeFileSync(join(dist, '.juju-ts-dist'), 'juju-ts build output\n');
console.log('bundles: dist/bundle/juju.js, dist/bundle/jujud.js');
