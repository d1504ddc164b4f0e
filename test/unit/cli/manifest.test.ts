import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MANIFEST_URL, buildManifest, lazyCommandsFromManifest } from '../../../src/cli/commands/manifest.js';
import { buildJuju } from '../../../src/cli/juju.js';

describe('command manifest', () => {
  it('lists exactly the commands and aliases juju registers', async () => {
    const manifest = await buildManifest();
    const names = manifest.flatMap((e) => [e.name, ...e.aliases]).sort();
    assert.deepEqual(names, buildJuju().commandNames());
  });

  it('is what the build wrote (not stale)', async () => {
    const onDisk = JSON.parse(readFileSync(MANIFEST_URL, 'utf8')) as unknown;
    assert.deepEqual(onDisk, await buildManifest());
  });

  it('loads each command lazily to the same command', async () => {
    const lazy = lazyCommandsFromManifest();
    assert.ok(lazy);
    for (const entry of lazy) {
      const factory = await entry.load();
      assert.equal(factory().info().name, entry.name);
    }
  });
});
