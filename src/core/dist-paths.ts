/**
 * Where the built project lives. Code that must name files of the build (the
 * jujud entry for agents, the native hook-tool client, the command manifest)
 * asks here instead of resolving relative to its own module, because in the
 * bundles (dist/bundle/, see scripts/bundle.mjs) every module shares the URL
 * of the chunk it was bundled into.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file `npm run build` leaves at the root of dist/. */
const DIST_MARKER = '.juju-ts-dist';

let root: string | undefined;

/** The dist/ directory: the nearest ancestor of this module holding the marker. */
export function distRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, DIST_MARKER))) return (root = dir);
    const up = dirname(dir);
    // No marker (a build without the last step): dist/src/core/ -> dist/.
    if (up === dir) return (root = join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
    dir = up;
  }
}

/** A path inside dist/, e.g. `distPath('native', 'jujuc')`. */
export function distPath(...parts: string[]): string {
  return join(distRoot(), ...parts);
}

/** The jujud entry agents run: the bundle when built, else the compiled module. */
export function jujudEntryPath(): string {
  const bundled = distPath('bundle', 'jujud.js');
  return existsSync(bundled) ? bundled : distPath('src', 'cmd', 'jujud.js');
}
