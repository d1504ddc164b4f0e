import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, it } from 'node:test';

import { parse as parseYaml } from 'yaml';

import {
  endpoints,
  executables,
  interfaceOf,
  knownHooks,
  listCharmDirs,
  metadataProblems,
  readCharm,
  shellLibraries,
  syntaxError,
} from './charm-lint.js';
import { REPO } from './fake-unit.js';

const VALID = [...listCharmDirs(REPO, 'charms'), ...listCharmDirs(REPO, 'testcharms')];
const BAD = listCharmDirs(REPO, 'testcharms/bad-metadata');

function rel(path: string): string {
  return relative(REPO, path);
}

function manifestBases(dir: string): string[] {
  const manifest = parseYaml(readFileSync(join(dir, 'manifest.yaml'), 'utf8')) as {
    bases?: { name?: string; channel?: string; architectures?: string[] }[];
  };
  return (manifest.bases ?? []).map((b) => `${b.name}@${b.channel}`);
}

void describe('charms and testcharms layout', () => {
  void it('finds every charm the README describes', () => {
    assert.deepEqual(VALID.map(rel), [
      'charms/dispatcher',
      'charms/pinger',
      'charms/ponger',
      'testcharms/hooktrace',
      'testcharms/rebooter',
      'testcharms/secrets-consumer',
      'testcharms/secrets-owner',
      'testcharms/secrets-rotator',
      'testcharms/slowhook',
      'testcharms/storage-user',
      'testcharms/subordinate',
      'testcharms/toolprobe',
    ]);
    assert.deepEqual(
      BAD.map((d) => basename(d)),
      ['bad-config-type', 'bad-relation-interface', 'missing-name'],
    );
  });

  for (const dir of VALID) {
    void describe(rel(dir), () => {
      const info = readCharm(dir);

      void it('has valid metadata named after its directory', () => {
        assert.deepEqual(metadataProblems(info), []);
        assert.equal(info.metadata['name'], basename(dir));
      });

      void it('declares Ubuntu bases in manifest.yaml', () => {
        const bases = manifestBases(dir);
        assert.ok(bases.includes('ubuntu@22.04'), `bases: ${bases.join(', ')}`);
        if (dir.endsWith('/dispatcher')) {
          assert.deepEqual(bases, ['ubuntu@22.04']);
          assert.equal(info.metadata['base'], 'ubuntu@22.04');
        } else {
          assert.deepEqual(bases, ['ubuntu@22.04', 'ubuntu@24.04']);
        }
      });

      void it('ships either dispatch or hooks/, and only known hook names', () => {
        const hasDispatch = existsSync(join(dir, 'dispatch'));
        const hasHooks = existsSync(join(dir, 'hooks'));
        assert.ok(hasDispatch !== hasHooks, 'exactly one of dispatch and hooks/');
        if (hasHooks) {
          const known = knownHooks(info.metadata);
          const unknown = readdirSync(join(dir, 'hooks')).filter((h) => !known.has(h));
          assert.deepEqual(unknown, []);
        }
      });

      void it('has executable scripts with clean syntax', () => {
        for (const file of executables(dir)) {
          assert.ok((statSync(file).mode & 0o111) === 0o111, `${rel(file)} is not executable`);
          assert.ok(readFileSync(file, 'utf8').startsWith('#!'), `${rel(file)} has no shebang`);
          assert.equal(syntaxError(file), undefined);
        }
        for (const lib of shellLibraries(dir)) assert.equal(syntaxError(lib), undefined);
      });

      void it('implements every declared action (hooks charms)', () => {
        const declared = Object.keys(info.actions).sort();
        if (existsSync(join(dir, 'dispatch'))) return;
        const files = existsSync(join(dir, 'actions')) ? readdirSync(join(dir, 'actions')).sort() : [];
        assert.deepEqual(files, declared);
      });
    });
  }

  void it('uses the unified charmcraft.yaml only for dispatcher', () => {
    const dir = join(REPO, 'charms/dispatcher');
    assert.equal(existsSync(join(dir, 'metadata.yaml')), false);
    assert.equal(existsSync(join(dir, 'config.yaml')), false);
    assert.equal(existsSync(join(dir, 'actions.yaml')), false);
    const info = readCharm(dir);
    assert.equal(info.source, 'charmcraft.yaml');
    assert.equal(info.metadata['type'], 'charm');
    assert.deepEqual(Object.keys(info.actions), ['greet']);
  });

  void it('gives hooktrace a hook for every hook kind but the metrics ones', () => {
    const dir = join(REPO, 'testcharms/hooktrace');
    const known = knownHooks(readCharm(dir).metadata);
    known.delete('collect-metrics');
    known.delete('meter-status-changed');
    assert.deepEqual(readdirSync(join(dir, 'hooks')).sort(), [...known].sort());
  });

  void it('makes subordinate a container-scoped juju-info requirer', () => {
    const meta = readCharm(join(REPO, 'testcharms/subordinate')).metadata;
    assert.equal(meta['subordinate'], true);
    assert.deepEqual(endpoints(meta).get('host'), {
      role: 'requires',
      spec: { interface: 'juju-info', scope: 'container' },
    });
  });

  void it('keeps each bad-metadata variant broken in exactly its own way', () => {
    const problems = Object.fromEntries(BAD.map((d) => [basename(d), metadataProblems(readCharm(d))]));
    assert.deepEqual(problems, {
      'bad-config-type': ['config: option "workers" has unknown type "integer"'],
      'bad-relation-interface': ['metadata: requires.db: missing interface'],
      'missing-name': ['metadata: missing name'],
    });
  });

  void it('has a bundle whose relations join matching endpoints', () => {
    const bundle = parseYaml(readFileSync(join(REPO, 'charms/bundle.yaml'), 'utf8')) as {
      applications: Record<string, { charm: string; num_units: number }>;
      relations: [string, string][];
    };
    const units = Object.fromEntries(Object.entries(bundle.applications).map(([k, v]) => [k, v.num_units]));
    assert.deepEqual(units, { pinger: 2, ponger: 1, dispatcher: 1 });
    for (const app of Object.values(bundle.applications)) {
      assert.ok(existsSync(join(REPO, 'charms', app.charm)), app.charm);
    }
    assert.equal(bundle.relations.length, 2);
    for (const pair of bundle.relations) {
      const [a, b] = pair.map((end) => {
        const [app = '', ep = ''] = end.split(':');
        const charm = bundle.applications[app]?.charm ?? '';
        const found = endpoints(readCharm(join(REPO, 'charms', charm)).metadata).get(ep);
        assert.ok(found, `no endpoint ${end}`);
        return found;
      });
      assert.ok(a && b);
      assert.equal(interfaceOf(a.spec), interfaceOf(b.spec));
      assert.deepEqual([a.role, b.role].sort(), ['provides', 'requires']);
    }
  });
});
