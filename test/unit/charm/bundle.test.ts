import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { computeBundleChanges } from '../../../src/charm/bundle-changes.js';
import type { BundleChange } from '../../../src/charm/bundle-changes.js';
import { verifyBundleCharms } from '../../../src/charm/bundle-charms.js';
import { parseBundle, parseUnitPlacement } from '../../../src/charm/bundle.js';
import { loadCharmDir } from '../../../src/charm/charm.js';
import { parseConfig } from '../../../src/charm/config.js';
import { parseMetadata } from '../../../src/charm/metadata.js';
import { assertNotValid, tempDir, writeBashCharm, writeDispatchCharm } from './fixtures.js';
import type { TempDir } from './fixtures.js';

const describeAll = (changes: BundleChange[]): string[] => changes.map((c) => c.description);

void describe('parseBundle', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir('juju-bundle-');
    writeBashCharm(join(tmp.path, 'charms', 'testapp'));
  });
  after(() => tmp.cleanup());

  void it('reads applications, machines, relations and the default base', () => {
    const bundle = parseBundle(
      `
description: A test bundle.
series: jammy
applications:
  app:
    charm: ./charms/testapp
    num_units: 2
    to: ["0", lxd:0]
    options:
      port: 9000
    constraints: mem=2G
    expose: yes
    trust: true
    bindings:
      "": alpha
      db: internal
    storage:
      data: rootfs,1G
  db:
    charm: mysql
    channel: 8.0/stable
    revision: 151
    base: ubuntu@20.04
    num_units: 1
    resources:
      image: 3
machines:
  0:
    constraints: cores=2
    base: ubuntu@22.04
relations:
  - [app:db, db:db]
`,
      { baseDir: tmp.path },
    );
    assert.equal(bundle.kind, 'machines');
    assert.equal(bundle.description, 'A test bundle.');
    assert.deepEqual(bundle.defaultBase, { name: 'ubuntu', channel: '22.04' });
    const app = bundle.applications['app'];
    assert.ok(app !== undefined);
    assert.equal(app.isLocal, true);
    assert.equal(app.charmPath, join(tmp.path, 'charms', 'testapp'));
    assert.equal(app.numUnits, 2);
    assert.deepEqual(app.to, ['0', 'lxd:0']);
    assert.deepEqual(app.options, { port: 9000 });
    assert.equal(app.constraints, 'mem=2G');
    assert.equal(app.expose, true);
    assert.equal(app.trust, true);
    assert.deepEqual(app.bindings, { '': 'alpha', db: 'internal' });
    assert.deepEqual(app.storage, { data: 'rootfs,1G' });
    const db = bundle.applications['db'];
    assert.ok(db !== undefined);
    assert.equal(db.isLocal, false);
    assert.equal(db.revision, 151);
    assert.deepEqual(db.base, { name: 'ubuntu', channel: '20.04' });
    assert.deepEqual(db.resources, { image: 3 });
    assert.deepEqual(bundle.machines['0'], {
      id: '0',
      constraints: 'cores=2',
      base: { name: 'ubuntu', channel: '22.04' },
      annotations: {},
    });
    assert.deepEqual(bundle.relations, [['app:db', 'db:db']]);
  });

  void it('names the bundle field in every error', async () => {
    await assertNotValid(
      () =>
        parseBundle(`
applications:
  wordpress:
    charm: wordpress
    num_units: 1
    to: ["7"]
`),
      'bundle.yaml: applications.wordpress.to[0]: placement "7" refers to a machine not defined in this bundle',
    );
    await assertNotValid(
      () =>
        parseBundle(
          `
applications:
  app:
    charm: ./charms/missing
    num_units: 3
    nums: 2
    to: [bogus/x, other, "app/5"]
  other:
    charm: other
    num_units: 1
    revision: 2
  Bad:
    charm: x
machines:
  "1": {}
relations:
  - [app:db, nope:db]
  - [app, app]
  - [app:db]
`,
          { baseDir: tmp.path },
        ),
      [
        'bundle.yaml: applications.app: unknown field "nums"',
        'bundle.yaml: applications.app.charm: charm path "./charms/missing" does not exist',
        'bundle.yaml: applications.other.revision: application "other" with a revision requires a channel for future upgrades, please use channel',
        'bundle.yaml: applications.Bad: invalid application name "Bad", unexpected uppercase character',
        'bundle.yaml: applications.app.to[0]: invalid placement syntax "bogus/x"',
        'bundle.yaml: applications.app.to[2]: placement "app/5" specifies a unit greater than the 3 unit(s) started by the target application',
        'bundle.yaml: machines.1: machine "1" is not referred to by a placement directive',
        'bundle.yaml: relations[0]: relation ["app:db","nope:db"] refers to application "nope" not defined in this bundle',
        'bundle.yaml: relations[1]: relation ["app","app"] relates an application to itself',
        'bundle.yaml: relations[2]: relation ["app:db"] has 1 endpoint(s), not 2',
      ].join('\n'),
    );
  });

  void it('checks units, bases, constraints and top-level keys', async () => {
    await assertNotValid(
      () => parseBundle('applications: {}\n'),
      'bundle.yaml: at least one application must be specified',
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    num_units: 1\n'),
      'bundle.yaml: applications.a.charm: charm is required',
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    charm: a\n    num_units: 1\n    to: ["new", "new"]\n'),
      'bundle.yaml: applications.a.to: too many units specified in unit placement for application "a"',
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    charm: a\n    num_units: -1\n'),
      'bundle.yaml: applications.a.num_units: negative number of units specified on application "a"',
    );
    await assertNotValid(
      () => parseBundle('default-base: ubuntu\napplications:\n  a:\n    charm: a\n'),
      'bundle.yaml: default-base: invalid base string "ubuntu": expected "<os>@<channel>"',
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    charm: a\n    base: ubuntu@22.04\n    series: focal\n'),
      'bundle.yaml: applications.a: base "ubuntu@22.04" and series "focal" do not match',
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    charm: a\n    constraints: mem=lots\n'),
      /^bundle\.yaml: applications\.a\.constraints: invalid constraints "mem=lots": bad "mem" constraint/,
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    charm: ch:a-3\n'),
      'bundle.yaml: applications.a.charm: cannot specify revision in "ch:a-3", please use revision',
    );
    await assertNotValid(
      () => parseBundle('applications:\n  a:\n    charm: a\nservice: x\n'),
      'bundle.yaml: unknown field "service"',
    );
    await assertNotValid(
      () => parseBundle('applications: {}\n', { fileName: 'x.yaml' }),
      'x.yaml: at least one application must be specified',
    );
    // Legacy `services` is read as `applications`.
    assert.deepEqual(Object.keys(parseBundle('services:\n  a:\n    charm: a\n').applications), ['a']);
  });

  void it('parses placement directives', () => {
    assert.deepEqual(parseUnitPlacement('3'), { machine: '3' });
    assert.deepEqual(parseUnitPlacement('new'), { machine: 'new' });
    assert.deepEqual(parseUnitPlacement('lxd:new'), { containerType: 'lxd', machine: 'new' });
    assert.deepEqual(parseUnitPlacement('lxd:1'), { containerType: 'lxd', machine: '1' });
    assert.deepEqual(parseUnitPlacement('wordpress'), { application: 'wordpress' });
    assert.deepEqual(parseUnitPlacement('kvm:wordpress/2'), {
      containerType: 'kvm',
      application: 'wordpress',
      unit: 2,
    });
    assert.throws(() => parseUnitPlacement('docker:1'), /invalid container type "docker"/);
    assert.throws(() => parseUnitPlacement('new/1'), /invalid placement syntax "new\/1"/);
  });

  void it('applies overlays', () => {
    const bundle = parseBundle(`
applications:
  app:
    charm: app
    num_units: 1
    options: {a: 1, b: 2}
  extra:
    charm: extra
    num_units: 1
relations:
  - [app, extra]
---
applications:
  app:
    num_units: 3
    options: {b: 5}
  extra:
  more:
    charm: more
relations:
  - [app, more]
`);
    assert.deepEqual(Object.keys(bundle.applications), ['app', 'more']);
    assert.equal(bundle.applications['app']?.numUnits, 3);
    assert.deepEqual(bundle.applications['app']?.options, { a: 1, b: 5 });
    assert.deepEqual(bundle.relations, [['app', 'more']]);
  });
});

void describe('verifyBundleCharms', () => {
  const web = {
    meta: parseMetadata('name: web\nprovides:\n  site: http\nrequires:\n  db: mysql\n'),
    config: parseConfig('options:\n  port: {type: int}\n'),
  };
  const mysql = {
    meta: parseMetadata('name: mysql\nprovides:\n  db: mysql\n  admin: mysql\n'),
    config: { options: {} },
  };
  const logger = {
    meta: parseMetadata(
      'name: logger\nsubordinate: true\nrequires:\n  info:\n    interface: juju-info\n    scope: container\n',
    ),
    config: { options: {} },
  };

  void it('infers relation endpoints and checks options', () => {
    const bundle = parseBundle(`
applications:
  web: {charm: web, num_units: 1, options: {port: 80}}
  logger: {charm: logger}
  mysql: {charm: mysql, num_units: 1}
relations:
  - [web, mysql:db]
  - [logger, web]
`);
    const { relations } = verifyBundleCharms(bundle, { web, mysql, logger });
    assert.deepEqual(relations, [
      ['web:db', 'mysql:db'],
      ['logger:info', 'web:juju-info'],
    ]);
  });

  void it('reports charm-level problems', async () => {
    const bundle = parseBundle(`
applications:
  web: {charm: web, num_units: 1, options: {port: abc, colour: red}, bindings: {nope: alpha}}
  logger: {charm: logger, num_units: 1}
  mysql: {charm: mysql, num_units: 1}
relations:
  - [web, mysql]
  - [web:site, mysql:db]
  - [web:db, mysql:nope]
`);
    await assertNotValid(
      () => verifyBundleCharms(bundle, { web, mysql, logger }),
      [
        'bundle.yaml: applications.web.options: option "port" expected int, got "abc"',
        'bundle.yaml: applications.web.bindings: charm "web" has no endpoint or extra binding "nope"',
        'bundle.yaml: applications.logger.num_units: application "logger" is subordinate but has non-zero num_units',
        'bundle.yaml: relations[0]: cannot infer endpoint between web and mysql: ambiguous relation: "web mysql" could refer to "web:db mysql:admin"; "web:db mysql:db"',
        'bundle.yaml: relations[1]: relation "web:site" to "mysql:db" relates provider to provider',
        'bundle.yaml: relations[2]: charm "mysql" used by application "mysql" does not define relation "nope"',
      ].join('\n'),
    );
  });
});

void describe('computeBundleChanges', () => {
  void it('lists the changes for a simple bundle in Juju order', () => {
    const bundle = parseBundle(`
default-base: ubuntu@22.04
applications:
  wordpress:
    charm: wordpress
    num_units: 1
    expose: true
  mysql:
    charm: mysql
    channel: 8.0/stable
    num_units: 1
relations:
  - [wordpress:db, mysql:db]
`);
    const changes = computeBundleChanges(bundle, { architecture: 'amd64' });
    assert.deepEqual(describeAll(changes), [
      'upload charm mysql from charm-hub for base ubuntu@22.04 from channel 8.0/stable with architecture=amd64',
      'deploy application mysql from charm-hub on ubuntu@22.04 with 8.0/stable',
      'upload charm wordpress from charm-hub for base ubuntu@22.04 with architecture=amd64',
      'deploy application wordpress from charm-hub on ubuntu@22.04',
      'expose all endpoints of wordpress and allow access from CIDRs 0.0.0.0/0 and ::/0',
      'add relation wordpress:db - mysql:db',
      'add unit mysql/0 to new machine 0',
      'add unit wordpress/0 to new machine 1',
    ]);
    assert.deepEqual(
      changes.map((c) => [c.id, c.requires]),
      [
        ['addCharm-0', []],
        ['deploy-1', ['addCharm-0']],
        ['addCharm-2', []],
        ['deploy-3', ['addCharm-2']],
        ['expose-4', ['deploy-3']],
        ['addRelation-5', ['deploy-1', 'deploy-3']],
        ['addUnit-6', ['deploy-1']],
        ['addUnit-7', ['deploy-3']],
      ],
    );
    const relation = changes[5];
    assert.ok(relation?.method === 'addRelation');
    assert.deepEqual(relation.args, { endpoint1: '$deploy-3:db', endpoint2: '$deploy-1:db' });
    const unit = changes[6];
    assert.ok(unit?.method === 'addUnit');
    assert.deepEqual(unit.args, { application: '$deploy-1' });
    assert.equal(unit.unitName, 'mysql/0');
  });

  void it('places units on bundle machines, containers, new machines and next to other units', () => {
    const bundle = parseBundle(`
default-base: ubuntu@22.04
applications:
  app:
    charm: ./app
    num_units: 2
    to: ["5", "lxd:6"]
  cache:
    charm: cache
    num_units: 3
    to: [app/0, "lxd:app/1", new]
  side:
    charm: side
    num_units: 2
    to: [app]
machines:
  "5":
  "6":
    constraints: cores=4
`);
    const changes = computeBundleChanges(bundle, { nextMachineId: 2 });
    assert.deepEqual(describeAll(changes), [
      'upload charm ./app for base ubuntu@22.04',
      'deploy application app on ubuntu@22.04',
      'upload charm cache from charm-hub for base ubuntu@22.04',
      'deploy application cache from charm-hub on ubuntu@22.04',
      'upload charm side from charm-hub for base ubuntu@22.04',
      'deploy application side from charm-hub on ubuntu@22.04',
      'add new machine 2 (bundle machine 5)',
      'add new machine 3 (bundle machine 6)',
      'add unit app/0 to new machine 2',
      'add unit cache/0 to new machine 2 to satisfy [app/0]',
      'add unit side/0 to new machine 2 to satisfy [app]',
      'add lxd container 3/lxd/0 on new machine 3',
      'add new machine 4',
      'add unit app/1 to 3/lxd/0',
      'add unit side/1 to 3/lxd/0 to satisfy [app]',
      'add lxd container 3/lxd/1 on new machine 3',
      'add unit cache/1 to 3/lxd/1 to satisfy [lxd:app/1]',
      'add unit cache/2 to new machine 4',
    ]);
    const container = changes.find((c) => c.description === 'add lxd container 3/lxd/0 on new machine 3');
    assert.ok(container?.method === 'addMachines');
    assert.deepEqual(container.args, {
      base: 'ubuntu@22.04',
      containerType: 'lxd',
      parentId: '$addMachines-7',
    });
    assert.equal(container.machineId, '3/lxd/0');
    // Every change comes after what it requires.
    const seen = new Set<string>();
    for (const c of changes) {
      for (const r of c.requires) assert.ok(seen.has(r), `${c.id} requires ${r} which comes later`);
      seen.add(c.id);
    }
  });

  void it('reports placement cycles', async () => {
    const bundle = parseBundle(
      'applications:\n  a: {charm: a, num_units: 1, to: [b]}\n  b: {charm: b, num_units: 1, to: [a]}\n',
    );
    await assertNotValid(() => computeBundleChanges(bundle), 'cycle in placement directives for: a, b');
  });

  void it('deploys a bundle of local charms built in temp dirs', async () => {
    const tmp = tempDir('juju-bundle-local-');
    try {
      writeBashCharm(join(tmp.path, 'testapp'));
      writeDispatchCharm(join(tmp.path, 'dispatcher'));
      const bundle = parseBundle(
        `
applications:
  testapp: {charm: ./testapp, num_units: 1}
  dispatcher: {charm: ./dispatcher}
relations:
  - [dispatcher, testapp]
`,
        { baseDir: tmp.path },
      );
      const charms = {
        testapp: await loadCharmDir(bundle.applications['testapp']?.charmPath ?? ''),
        dispatcher: await loadCharmDir(bundle.applications['dispatcher']?.charmPath ?? ''),
      };
      const { relations } = verifyBundleCharms(bundle, charms);
      assert.deepEqual(relations, [['dispatcher:info', 'testapp:juju-info']]);
      const appBases = {
        testapp: { name: 'ubuntu', channel: '22.04' },
        dispatcher: { name: 'ubuntu', channel: '22.04' },
      };
      const changes = computeBundleChanges({ ...bundle, relations }, { appBases });
      assert.deepEqual(describeAll(changes), [
        'upload charm ./dispatcher for base ubuntu@22.04',
        'deploy application dispatcher on ubuntu@22.04',
        'upload charm ./testapp for base ubuntu@22.04',
        'deploy application testapp on ubuntu@22.04',
        'add relation dispatcher:info - testapp:juju-info',
        'add unit testapp/0 to new machine 0',
      ]);
      const upload = changes[2];
      assert.ok(upload?.method === 'addCharm');
      assert.equal(upload.args.localPath, join(tmp.path, 'testapp'));
    } finally {
      tmp.cleanup();
    }
  });
});
