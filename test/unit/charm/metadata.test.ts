import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { knownHookNames } from '../../../src/charm/hooks.js';
import { parseMetadata } from '../../../src/charm/metadata.js';
import {
  JUJU_INFO_ENDPOINT,
  canRelate,
  charmEndpoints,
  findEndpoint,
  isImplicitEndpoint,
} from '../../../src/charm/relations.js';
import { assertNotValid } from './fixtures.js';

const rejects = (text: string, message: string | RegExp): Promise<void> =>
  assertNotValid(() => parseMetadata(text), message);

void describe('parseMetadata', () => {
  void it('reads names, endpoints in both forms, storage, resources and extra bindings', () => {
    const meta = parseMetadata(`
name: wordpress
summary: Blog
description: |
  A blog.
provides:
  website: http
  admin:
    interface: http
    optional: true
    limit: 2
requires:
  db:
    interface: mysql
  logs:
    interface: syslog
    scope: container
peers:
  cluster: wp-peers
extra-bindings:
  public:
  internal:
storage:
  data:
    type: filesystem
    location: /srv
    minimum-size: 10G
    multiple:
      range: 1-3
  cache:
    type: block
    multiple:
      range: 0+
    properties: [transient]
resources:
  tarball:
    type: file
    filename: wp.tgz
  image:
    type: oci-image
    description: the image
`);
    assert.equal(meta.name, 'wordpress');
    assert.equal(meta.description, 'A blog.\n');
    assert.deepEqual(meta.provides['website'], {
      name: 'website',
      role: 'provider',
      interface: 'http',
      optional: false,
      limit: 0,
      scope: 'global',
    });
    assert.deepEqual(meta.provides['admin'], {
      name: 'admin',
      role: 'provider',
      interface: 'http',
      optional: true,
      limit: 2,
      scope: 'global',
    });
    assert.equal(meta.requires['logs']?.scope, 'container');
    assert.equal(meta.requires['db']?.role, 'requirer');
    assert.equal(meta.peers['cluster']?.role, 'peer');
    assert.deepEqual(meta.extraBindings, ['public', 'internal']);
    assert.deepEqual(meta.storage['data'], {
      name: 'data',
      type: 'filesystem',
      description: '',
      shared: false,
      readOnly: false,
      countMin: 1,
      countMax: 3,
      minimumSize: 10240,
      location: '/srv',
      properties: [],
    });
    assert.equal(meta.storage['cache']?.countMin, 0);
    assert.equal(meta.storage['cache']?.countMax, -1);
    assert.deepEqual(meta.resources['tarball'], {
      name: 'tarball',
      type: 'file',
      description: '',
      filename: 'wp.tgz',
    });
    assert.equal(meta.resources['image']?.type, 'oci-image');
    assert.equal(meta.subordinate, false);
    assert.equal(meta.format, undefined);
  });

  void it('names the file and the field in errors', async () => {
    await rejects('name: x\nrequires:\n  db: {}\n', 'metadata.yaml: "requires.db.interface" is required');
    await rejects('name: x\nrequires:\n  db:\n', 'metadata.yaml: "requires.db.interface" is required');
    await rejects('summary: nothing\n', 'metadata.yaml: "name" is required');
    await rejects(
      'name: x\nprovides:\n  web:\n    interface: http\n    limit: many\n',
      'metadata.yaml: "provides.web.limit" must be an integer, got "many"',
    );
    await rejects(
      'name: x\nrequires:\n  db:\n    interface: mysql\n    scope: machine\n',
      'metadata.yaml: "requires.db.scope" must be "global" or "container", got "machine"',
    );
    await rejects(
      'name: x\nsubordinate: maybe\n',
      'metadata.yaml: "subordinate" must be a boolean, got "maybe"',
    );
    await rejects('name: Bad_Name\n', 'metadata.yaml: invalid charm name "Bad_Name"');
    await rejects(
      'name: x\nstorage:\n  data:\n    location: /x\n',
      'metadata.yaml: "storage.data.type" is required',
    );
    await rejects(
      'name: x\nstorage:\n  data:\n    type: block\n    location: /x\n',
      'metadata.yaml: "storage.data.location": location may not be specified for "type: block"',
    );
    await rejects(
      'name: x\nstorage:\n  data:\n    type: filesystem\n    multiple:\n      range: lots\n',
      `metadata.yaml: "storage.data.multiple.range": value "lots" does not match 'm', 'm-n', or 'm+'`,
    );
    await rejects(
      'name: x\nresources:\n  f:\n    type: file\n',
      'metadata.yaml: "resources.f.filename" is required',
    );
    await rejects('name: x\nrequires: [db]\n', 'metadata.yaml: "requires" must be a mapping, got a list');
    await rejects(
      'name: x\ncharm-user: nobody\n',
      'metadata.yaml: invalid charm-user "nobody" expected one of root, sudoer or non-root',
    );
    await rejects(
      'name: x\nseries: [jammy]\nassumes: [juju]\n',
      'metadata.yaml: ambiguous metadata: keys "series" cannot be used with "assumes"',
    );
    await rejects('name: [x\n', /^metadata\.yaml: cannot parse YAML: /);
    await rejects('', 'metadata.yaml: empty metadata');
  });

  void it('enforces reserved endpoint names, with Juju exemptions', async () => {
    await rejects(
      'name: x\nprovides:\n  juju-info: juju-info\n',
      'metadata.yaml: charm "x" using a reserved relation name: "juju-info"',
    );
    await rejects(
      'name: x\nrequires:\n  juju: foo\n',
      'metadata.yaml: charm "x" using a reserved relation name: "juju"',
    );
    await rejects(
      'name: x\nprovides:\n  info: juju-info\n',
      'metadata.yaml: charm "x" relation "info" using a reserved interface: "juju-info"',
    );
    await rejects(
      'name: x\nprovides:\n  db: mysql\nrequires:\n  db: mysql\n',
      'metadata.yaml: charm "x" using a duplicated relation name: "db"',
    );
    // Juju's own charms may use the reserved names.
    assert.equal(parseMetadata('name: juju-qa-test\nprovides:\n  juju-thing: juju-x\n').name, 'juju-qa-test');
    // Requiring juju-info is fine (only providers are checked for the interface).
    assert.equal(
      parseMetadata('name: x\nrequires:\n  info: juju-info\n').requires['info']?.interface,
      'juju-info',
    );
    // A subordinate may name its container-scoped requirer juju-info.
    const sub = parseMetadata(
      'name: logger\nsubordinate: true\nrequires:\n  juju-info:\n    interface: juju-info\n    scope: container\n',
    );
    assert.equal(sub.subordinate, true);
  });

  void it('requires a container-scoped requirer on subordinates', async () => {
    await rejects(
      'name: logger\nsubordinate: true\nrequires:\n  info: juju-info\n',
      'metadata.yaml: subordinate charm "logger" lacks "requires" relation with container scope',
    );
  });

  void it('reads YAML 1.1 booleans as Juju does', () => {
    const meta = parseMetadata(
      'name: logger\nsubordinate: yes\nrequires:\n  info:\n    interface: juju-info\n    scope: container\n',
    );
    assert.equal(meta.subordinate, true);
  });

  void it('reads v2 keys: assumes, containers, charm-user', () => {
    const meta = parseMetadata(`
name: k8s-app
assumes:
  - juju >= 3.1
  - any-of:
    - k8s-api
    - all-of: [juju < 4, lxd]
charm-user: non-root
resources:
  app-image:
    type: oci-image
storage:
  data:
    type: filesystem
containers:
  app:
    resource: app-image
    mounts:
      - storage: data
        location: /data
    uid: 999
`);
    assert.equal(meta.format, 2);
    assert.deepEqual(meta.assumes, [
      { feature: 'juju', op: '>=', version: '3.1' },
      {
        anyOf: [
          { feature: 'k8s-api' },
          { allOf: [{ feature: 'juju', op: '<', version: '4' }, { feature: 'lxd' }] },
        ],
      },
    ]);
    assert.equal(meta.charmUser, 'non-root');
    assert.deepEqual(meta.containers['app'], {
      name: 'app',
      resource: 'app-image',
      mounts: [{ storage: 'data', location: '/data' }],
      uid: 999,
    });
  });

  void it('reads legacy series', async () => {
    const meta = parseMetadata('name: old\nseries: [jammy, focal]\n');
    assert.deepEqual(meta.series, ['jammy', 'focal']);
    assert.equal(meta.format, 1);
    await rejects(
      'name: old\nseries: [jammy, hardy-heron]\n',
      'metadata.yaml: "series[1]": charm "old" declares invalid series "hardy-heron"',
    );
  });
});

void describe('endpoints', () => {
  const meta = parseMetadata(
    'name: app\nprovides:\n  web: http\nrequires:\n  db: mysql\npeers:\n  ring: app-ring\n',
  );

  void it('adds the implicit juju-info provider', () => {
    const eps = charmEndpoints(meta);
    assert.deepEqual(
      eps.map((e) => `${e.role}:${e.name}:${e.interface}`),
      ['provider:web:http', 'requirer:db:mysql', 'peer:ring:app-ring', 'provider:juju-info:juju-info'],
    );
    assert.deepEqual(findEndpoint(meta, 'juju-info'), { ...JUJU_INFO_ENDPOINT });
    assert.equal(isImplicitEndpoint(JUJU_INFO_ENDPOINT), true);
    assert.equal(findEndpoint(meta, 'nope'), undefined);
  });

  void it('relates providers to requirers of the same interface', () => {
    const other = parseMetadata('name: mysql\nprovides:\n  db: mysql\n');
    const db = findEndpoint(meta, 'db');
    const server = findEndpoint(other, 'db');
    assert.ok(db !== undefined && server !== undefined);
    assert.equal(canRelate(db, server), true);
    assert.equal(canRelate(server, server), false);
    const web = findEndpoint(meta, 'web');
    assert.ok(web !== undefined);
    assert.equal(canRelate(web, db), false);
  });

  void it('lists every hook the charm can receive', () => {
    const names = knownHookNames(
      parseMetadata('name: app\nrequires:\n  db: mysql\nstorage:\n  data:\n    type: block\n'),
    );
    for (const hook of [
      'install',
      'config-changed',
      'secret-rotate',
      'db-relation-joined',
      'db-relation-broken',
      'data-storage-attached',
    ]) {
      assert.ok(names.includes(hook), hook);
    }
    assert.ok(!names.includes('juju-info-relation-joined'));
  });
});
