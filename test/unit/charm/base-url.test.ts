import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  baseCompatibility,
  baseFromSeries,
  charmBases,
  formatBase,
  formatBaseWithRisk,
  parseBase,
  seriesFromBase,
} from '../../../src/charm/base.js';
import type { CharmBase } from '../../../src/charm/base.js';
import { parseCharmcraft } from '../../../src/charm/charmcraft.js';
import { parseManifest } from '../../../src/charm/manifest.js';
import { charmOriginFromWire, localCharmOrigin, originChannel } from '../../../src/charm/origin.js';
import {
  charmhubCharmURL,
  formatCharmURL,
  isLocalCharmPath,
  localCharmURL,
  parseCharmURL,
} from '../../../src/charm/url.js';
import { assertNotValid } from './fixtures.js';

const ubuntu = (channel: string, architectures: string[] = []): CharmBase => ({
  name: 'ubuntu',
  channel,
  architectures,
});

void describe('bases', () => {
  void it('parses and formats', () => {
    assert.deepEqual(parseBase('ubuntu@22.04'), { name: 'ubuntu', channel: '22.04' });
    assert.deepEqual(parseBase('ubuntu@22.04/stable'), { name: 'ubuntu', channel: '22.04' });
    assert.deepEqual(parseBase('Ubuntu@24.04/edge'), { name: 'ubuntu', channel: '24.04/edge' });
    assert.deepEqual(parseBase('debian@12'), { name: 'debian', channel: '12' });
    assert.equal(formatBase(parseBase('ubuntu@22.04/stable')), 'ubuntu@22.04');
    assert.equal(formatBaseWithRisk(parseBase('ubuntu@22.04')), 'ubuntu@22.04/stable');
    assert.equal(formatBaseWithRisk(parseBase('ubuntu@24.04/edge')), 'ubuntu@24.04/edge');
  });

  void it('rejects malformed bases', async () => {
    await assertNotValid(() => parseBase('jammy'), 'invalid base string "jammy": expected "<os>@<channel>"');
    await assertNotValid(() => parseBase('plan9@4'), 'invalid base string "plan9@4": os "plan9" not valid');
    await assertNotValid(() => parseBase('ubuntu@'), 'invalid base string "ubuntu@": missing channel');
    await assertNotValid(
      () => parseBase('ubuntu@22.04/wobbly'),
      'invalid base string "ubuntu@22.04/wobbly": risk "wobbly" not valid',
    );
  });

  void it('maps series names', () => {
    assert.deepEqual(baseFromSeries('jammy'), { name: 'ubuntu', channel: '22.04' });
    assert.deepEqual(baseFromSeries('bookworm'), { name: 'debian', channel: '12' });
    assert.equal(baseFromSeries('nope'), undefined);
    assert.equal(seriesFromBase(parseBase('ubuntu@24.04')), 'noble');
  });

  void it('lists distinct charm bases in order', () => {
    assert.deepEqual(
      charmBases({ bases: [ubuntu('22.04', ['amd64']), ubuntu('22.04', ['arm64']), ubuntu('24.04')] }),
      [
        { name: 'ubuntu', channel: '22.04' },
        { name: 'ubuntu', channel: '24.04' },
      ],
    );
  });
});

void describe('baseCompatibility', () => {
  const charm = {
    meta: { name: 'testapp' },
    bases: [ubuntu('22.04', ['amd64']), ubuntu('24.04', ['amd64'])],
  };
  const debian = parseBase('debian@12');

  void it('accepts a declared base anywhere', () => {
    assert.deepEqual(baseCompatibility(charm, parseBase('ubuntu@22.04'), 'lxd'), { ok: true });
    assert.deepEqual(baseCompatibility(charm, parseBase('ubuntu@24.04/stable'), 'local'), { ok: true });
  });

  void it('lets Ubuntu charms run on the local cloud host Debian, with a note', () => {
    const result = baseCompatibility(charm, debian, 'local');
    assert.equal(result.ok, true);
    assert.ok(result.ok && result.note !== undefined);
    assert.match(result.note, /testapp/);
    assert.match(result.note, /debian@12/);
    const noBases = baseCompatibility({ meta: { name: 'bare' }, bases: [] }, debian, 'local');
    assert.equal(noBases.ok, true);
  });

  void it('applies the usual rule elsewhere', () => {
    assert.deepEqual(baseCompatibility(charm, debian, 'lxd'), {
      ok: false,
      error:
        'base "debian@12" not supported by charm, the charm supported bases are: ubuntu@22.04, ubuntu@24.04',
    });
    const forced = baseCompatibility(charm, debian, 'lxd', { force: true });
    assert.equal(forced.ok, true);
    assert.ok(forced.ok && forced.note?.includes('--force') === true);
    const centos = { meta: { name: 'c' }, bases: [{ name: 'centos', channel: '9', architectures: [] }] };
    assert.equal(baseCompatibility(centos, debian, 'local').ok, false);
    assert.deepEqual(baseCompatibility({ meta: { name: 'bare' }, bases: [] }, debian, 'maas'), {
      ok: false,
      error: 'charm "bare" does not declare any bases',
    });
  });

  void it('checks architectures when the charm lists them', () => {
    const result = baseCompatibility(charm, parseBase('ubuntu@22.04'), 'lxd', { arch: 'arm64' });
    assert.deepEqual(result, {
      ok: false,
      error:
        'charm "testapp" does not support architecture "arm64" on base "ubuntu@22.04" (supported: amd64)',
    });
  });
});

void describe('manifest and charmcraft bases', () => {
  void it('reads manifest.yaml bases', async () => {
    const manifest = parseManifest(
      'charmcraft-version: 2.5.0\nbases:\n- name: ubuntu\n  channel: "22.04"\n  architectures: [amd64, x86_64]\n',
    );
    assert.deepEqual(manifest, { bases: [ubuntu('22.04', ['amd64'])], charmcraftVersion: '2.5.0' });
    await assertNotValid(
      () => parseManifest('bases:\n- name: ubuntu\n'),
      'manifest.yaml: "bases[0].channel" is required',
    );
    await assertNotValid(
      () => parseManifest('bases:\n- name: ubuntu\n  channel: "22.04"\n  architectures: [vax]\n'),
      'manifest.yaml: "bases[0].architectures[0]": architecture "vax" not valid',
    );
  });

  void it('derives bases from base + platforms', () => {
    const project = parseCharmcraft('type: charm\nbase: ubuntu@22.04\nplatforms:\n  amd64:\n  arm64:\n');
    assert.deepEqual(project.bases, [ubuntu('22.04', ['amd64', 'arm64'])]);
    assert.equal(project.meta, undefined);
  });

  void it('derives bases from multi-base platforms', () => {
    const project = parseCharmcraft(`
type: charm
platforms:
  ubuntu@22.04:amd64:
  jammy-arm:
    build-on: [ubuntu@22.04:arm64]
    build-for: [ubuntu@22.04:arm64]
  noble:
    build-on: ubuntu@24.04:amd64
    build-for: ubuntu@24.04:all
`);
    assert.deepEqual(project.bases, [ubuntu('22.04', ['amd64', 'arm64']), ubuntu('24.04', [])]);
  });

  void it('reads legacy bases', async () => {
    const project = parseCharmcraft(`
type: charm
bases:
  - build-on:
      - name: ubuntu
        channel: "20.04"
    run-on:
      - name: ubuntu
        channel: "20.04"
        architectures: [amd64]
      - name: ubuntu
        channel: "22.04"
  - name: ubuntu
    channel: "24.04"
`);
    assert.deepEqual(project.bases, [ubuntu('20.04', ['amd64']), ubuntu('22.04'), ubuntu('24.04')]);
    await assertNotValid(
      () => parseCharmcraft('base: ubuntu@22.04\nbases:\n- name: ubuntu\n  channel: "22.04"\n'),
      'charmcraft.yaml: "base" and "bases" cannot be used together',
    );
    await assertNotValid(() => parseCharmcraft('platforms:\n  amd64:\n'), /charmcraft\.yaml: .*needs a base/);
  });

  void it('reads the unified form', async () => {
    const project = parseCharmcraft(`
type: charm
name: crafted
title: Crafted
summary: s
description: d
base: ubuntu@24.04
platforms:
  amd64:
requires:
  db: mysql
config:
  options:
    level:
      type: int
      default: 3
actions:
  go:
    description: Go.
`);
    assert.equal(project.meta?.name, 'crafted');
    assert.equal(project.meta?.requires['db']?.interface, 'mysql');
    assert.equal(project.config?.options['level']?.default, 3);
    assert.equal(project.actions?.['go']?.description, 'Go.');
    assert.equal(project.title, 'Crafted');
    await assertNotValid(
      () => parseCharmcraft('type: charm\nrequires:\n  db: mysql\n'),
      'charmcraft.yaml: "name" is required',
    );
    await assertNotValid(
      () => parseCharmcraft('type: charm\nname: x\nconfig:\n  options:\n    p:\n      type: integer\n'),
      'charmcraft.yaml: option "p" has unknown type "integer"',
    );
    await assertNotValid(
      () => parseCharmcraft('type: bundle\n'),
      'charmcraft.yaml: "type" must be "charm", got "bundle"',
    );
  });
});

void describe('charm URLs and origins', () => {
  void it('parses and formats local and Charmhub URLs', () => {
    assert.deepEqual(parseCharmURL('local:testapp-0'), { schema: 'local', name: 'testapp', revision: 0 });
    assert.deepEqual(parseCharmURL('local:jammy/foo-3'), {
      schema: 'local',
      name: 'foo',
      revision: 3,
      series: 'jammy',
    });
    assert.deepEqual(parseCharmURL('ch:amd64/jammy/mysql-42'), {
      schema: 'ch',
      name: 'mysql',
      revision: 42,
      architecture: 'amd64',
      series: 'jammy',
    });
    assert.deepEqual(parseCharmURL('postgresql'), { schema: 'ch', name: 'postgresql', revision: -1 });
    assert.deepEqual(parseCharmURL('ch:arm64/juju-qa-test'), {
      schema: 'ch',
      name: 'juju-qa-test',
      revision: -1,
      architecture: 'arm64',
    });
    assert.equal(localCharmURL('testapp', 0), 'local:testapp-0');
    assert.equal(charmhubCharmURL('amd64', 'jammy', 'mysql', 151), 'ch:amd64/jammy/mysql-151');
    assert.equal(formatCharmURL(parseCharmURL('ch:mysql')), 'ch:mysql');
    for (const url of ['local:testapp-0', 'ch:amd64/jammy/mysql-42', 'ch:amd64/mysql', 'local:focal/app-1']) {
      assert.equal(formatCharmURL(parseCharmURL(url)), url);
    }
  });

  void it('rejects malformed URLs', async () => {
    await assertNotValid(
      () => parseCharmURL('cs:mysql'),
      'cannot parse charm or bundle URL: "cs:mysql": schema "cs" not valid',
    );
    await assertNotValid(() => parseCharmURL('ch:a/b/c/d'), 'charm or bundle URL "ch:a/b/c/d" malformed');
    await assertNotValid(
      () => parseCharmURL('local:~bob/foo'),
      'charm or bundle URL with user name: "local:~bob/foo"',
    );
    await assertNotValid(
      () => parseCharmURL('ch:Bad'),
      'cannot parse URL "ch:Bad": invalid charm or bundle name "Bad"',
    );
    await assertNotValid(() => parseCharmURL('local:'), 'URL without charm or bundle name: "local:"');
  });

  void it('tells local paths from store names', () => {
    assert.equal(isLocalCharmPath('./mycharm'), true);
    assert.equal(isLocalCharmPath('/abs/app.charm'), true);
    assert.equal(isLocalCharmPath('mysql'), false);
  });

  void it('builds and reads wire origins', () => {
    const origin = localCharmOrigin(0, parseBase('ubuntu@22.04'), 'amd64');
    assert.deepEqual(origin, {
      source: 'local',
      type: 'charm',
      revision: 0,
      base: { name: 'ubuntu', channel: '22.04' },
      architecture: 'amd64',
    });
    assert.deepEqual(JSON.parse(JSON.stringify(origin)), origin);
    const wire = {
      source: 'charm-hub',
      type: 'charm',
      id: 'abc',
      hash: 'h',
      risk: 'stable',
      revision: 42,
      track: '8.0',
      architecture: 'amd64',
      base: { name: 'ubuntu', channel: '22.04' },
      'instance-key': 'k',
      junk: 1,
    };
    const read = charmOriginFromWire(wire);
    assert.deepEqual(read, {
      source: 'charm-hub',
      type: 'charm',
      id: 'abc',
      hash: 'h',
      risk: 'stable',
      track: '8.0',
      architecture: 'amd64',
      'instance-key': 'k',
      revision: 42,
      base: { name: 'ubuntu', channel: '22.04' },
    });
    assert.equal(read !== undefined ? originChannel(read) : undefined, '8.0/stable');
    assert.equal(originChannel(origin), undefined);
    assert.equal(charmOriginFromWire({ source: 'cs' }), undefined);
  });
});
