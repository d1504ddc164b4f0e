import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode, notValid } from '../../../src/core/errors.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { addCharm, deployCharm, startAgent } from './charm-fixtures.js';

describe('ApplicationService deploy', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'apps', owner: 'admin', cloud: 'local' }).uuid;
  });
  after(() => f.close());

  it('creates the application, peer relations, units and machines', () => {
    const charm = addCharm(f.services, model, 'wordpress');
    f.services.modelConfig.setConstraints(model, { arch: 'amd64', mem: 1024 });
    const { application: app, units } = f.services.application.deploy(model, {
      name: 'wp',
      charmUrl: charm.url,
      numUnits: 2,
      config: { 'blog-title': 'Hello', port: '8080' },
      constraints: { mem: 2048 },
      base: { os: 'ubuntu', channel: '22.04' },
      endpointBindings: { '': 'alpha', website: 'public' },
      trust: true,
      charmOrigin: { source: 'local', type: 'charm', revision: 0, channel: 'stable' },
    });
    assert.equal(app.name, 'wp');
    assert.equal(app.charmUrl, 'local:wordpress-0');
    assert.equal(app.charmName, 'wordpress');
    assert.equal(app.charmRevision, 0);
    assert.equal(app.charmModifiedVersion, 0);
    assert.equal(app.life, 'alive');
    assert.equal(app.subordinate, false);
    assert.equal(app.trust, true);
    assert.equal(app.exposed, false);
    assert.deepEqual(app.config, { 'blog-title': 'Hello', port: 8080 });
    assert.deepEqual(app.constraints, { mem: 2048 });
    assert.deepEqual(app.base, { os: 'ubuntu', channel: '22.04' });
    assert.deepEqual(app.endpointBindings, { '': 'alpha', website: 'public' });
    assert.deepEqual(app.charmOrigin, { source: 'local', type: 'charm', revision: 0, channel: 'stable' });
    assert.equal(app.status.status, 'unset');
    assert.deepEqual(
      units.map((u) => [
        u.name,
        u.number,
        u.machineId,
        u.agentStatus.status,
        u.workloadStatus.status,
        u.workloadStatus.info,
      ]),
      [
        ['wp/0', 0, '0', 'allocating', 'waiting', 'waiting for machine'],
        ['wp/1', 1, '1', 'allocating', 'waiting', 'waiting for machine'],
      ],
    );
    const m0 = f.services.machine.get(model, '0');
    assert.deepEqual(m0.base, { os: 'ubuntu', channel: '22.04' });
    // Application constraints over the model's.
    assert.deepEqual(m0.constraints, { arch: 'amd64', mem: 2048 });
    const peers = f.services.relation.forApplication(model, 'wp');
    assert.deepEqual(
      peers.map((r) => [r.id, r.key, r.isPeer, r.status.status]),
      [[0, 'wp:loadbalancer', true, 'joining']],
    );
    assert.deepEqual(
      f.services.application.list(model).map((a) => a.name),
      ['wp'],
    );
    // History got the first statuses of the application and units.
    assert.deepEqual(
      f.services.status
        .history(model, { entityKind: 'unit-workload', entityId: 'wp/1' })
        .map((h) => h.status),
      ['waiting'],
    );
    assert.deepEqual(
      f.services.status.history(model, { entityKind: 'application', entityId: 'wp' }).map((h) => h.status),
      ['unset'],
    );
  });

  it('validates the name, charm, units and existence', () => {
    const url = 'local:wordpress-0';
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'Bad', charmUrl: url }),
      ErrorCode.NotValid,
      'application name "Bad" not valid',
    );
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'app-2', charmUrl: url }),
      ErrorCode.NotValid,
      'application name "app-2" not valid',
    );
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'wp', charmUrl: url }),
      ErrorCode.AlreadyExists,
      'cannot add application "wp": application already exists',
    );
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'other', charmUrl: 'local:nope-0' }),
      ErrorCode.NotFound,
      'charm "local:nope-0" not found',
    );
    const logging = addCharm(f.services, model, 'logging');
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'logging', charmUrl: logging.url, numUnits: 1 }),
      ErrorCode.NotValid,
      'subordinate application must be deployed without units',
    );
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'other', charmUrl: url, config: { nope: 1 } }),
      ErrorCode.NotValid,
      'unknown option "nope"',
    );
    assertJujuError(
      () =>
        f.services.application.deploy(model, { name: 'other', charmUrl: url, config: { port: 'eighty' } }),
      ErrorCode.NotValid,
      'option "port" expected int, got "eighty"',
    );
    assertJujuError(
      () =>
        f.services.application.deploy(model, {
          name: 'other',
          charmUrl: url,
          endpointBindings: { nope: 'x' },
        }),
      ErrorCode.NotFound,
      'endpoint "nope" not found',
    );
  });

  it('places units on existing machines and refuses dying or non-hosting ones', () => {
    const mysql = addCharm(f.services, model, 'mysql');
    const target = f.services.machine.add(model);
    const { units } = f.services.application.deploy(model, {
      name: 'db',
      charmUrl: mysql.url,
      numUnits: 2,
      placement: [{ machine: target.id }],
    });
    assert.equal(units[0]?.machineId, target.id);
    assert.notEqual(units[1]?.machineId, target.id);
    assert.deepEqual(
      f.services.application.unitsOnMachine(model, target.id).map((u) => u.name),
      ['db/0'],
    );
    const dying = f.services.machine.add(model);
    f.services.machine.destroy(model, dying.id);
    const machinesBefore = f.services.machine.list(model).length;
    assertJujuError(
      () =>
        f.services.application.deploy(model, {
          name: 'db2',
          charmUrl: mysql.url,
          numUnits: 2,
          placement: [{}, { machine: dying.id }],
        }),
      ErrorCode.NotValid,
      `cannot add application "db2": cannot deploy to machine ${dying.id}: machine is not alive`,
    );
    assertJujuError(
      () => f.services.application.addUnits(model, 'db', { count: 1, placement: [{ machine: dying.id }] }),
      ErrorCode.NotValid,
      `cannot assign unit "db/2" to machine ${dying.id}: machine is not alive`,
    );
    // Nothing of the failed calls remains: no application, no unit, no machine.
    assertJujuError(
      () => f.services.application.get(model, 'db2'),
      ErrorCode.NotFound,
      'application "db2" not found',
    );
    assert.equal(f.services.machine.list(model).length, machinesBefore);
    assert.deepEqual(
      f.services.application.units(model, 'db').map((u) => u.name),
      ['db/0', 'db/1'],
    );
    // The controller machine hosts units; a manage-only machine does not.
    const manager = f.services.machine.add(model, { jobs: ['JobManageModel'] });
    assertJujuError(
      () => f.services.application.addUnits(model, 'db', { count: 1, placement: [{ machine: manager.id }] }),
      ErrorCode.NotValid,
      `cannot assign unit "db/2" to machine ${manager.id}: machine "${manager.id}" cannot host units`,
    );
    assertJujuError(
      () => f.services.application.addUnits(model, 'db', { count: 1, placement: [{ machine: '99' }] }),
      ErrorCode.NotFound,
      'machine 99 not found',
    );
  });

  it('is one transaction: a failing unit undoes the application', () => {
    const mysql = f.services.charm.get(model, 'local:mysql-0');
    const before = f.services.machine.list(model).length;
    assertJujuError(
      () =>
        f.services.application.deploy(model, {
          name: 'half',
          charmUrl: mysql.url,
          numUnits: 3,
          placement: [{}, {}, { machine: '404' }],
        }),
      ErrorCode.NotFound,
      'machine 404 not found',
    );
    assert.equal(f.services.machine.list(model).length, before);
    assert.equal(
      f.services.relation.list(model).some((r) => r.key.startsWith('half:')),
      false,
    );
  });
});

describe('ApplicationService config, exposure and settings', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'cfg', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'wordpress', 'wp', 0);
  });
  after(() => f.close());

  it('reports each option with value, default and source', () => {
    f.services.application.setConfig(model, 'wp', { 'blog-title': 'Mine', debug: 'true' });
    const cfg = f.services.application.config(model, 'wp');
    assert.deepEqual(cfg['blog-title'], {
      value: 'Mine',
      default: 'My Title',
      source: 'user',
      type: 'string',
      description: 'Title of the blog',
    });
    assert.deepEqual(cfg['port'], {
      value: 80,
      default: 80,
      source: 'default',
      type: 'int',
      description: 'Port to serve on',
    });
    assert.deepEqual(cfg['debug'], {
      value: true,
      source: 'user',
      type: 'boolean',
      description: 'Debug mode',
    });
    assert.deepEqual(f.services.application.configValues(model, 'wp'), {
      'blog-title': 'Mine',
      debug: true,
      port: 80,
      ratio: 0.5,
    });
    f.services.application.unsetConfig(model, 'wp', ['debug', 'unknown-key']);
    assert.deepEqual(f.services.application.config(model, 'wp')['debug'], {
      source: 'unset',
      type: 'boolean',
      description: 'Debug mode',
    });
    // null unsets too.
    f.services.application.setConfig(model, 'wp', { 'blog-title': null });
    assert.equal(f.services.application.config(model, 'wp')['blog-title']?.source, 'default');
    assert.deepEqual(f.services.application.get(model, 'wp').config, {});
  });

  it('uses the validator the caller passes', () => {
    const seen: unknown[] = [];
    f.services.application.setConfig(model, 'wp', { ratio: 'x' }, (charm, values) => {
      seen.push(charm.name, values);
      return { ratio: 0.25 };
    });
    assert.deepEqual(seen, ['wordpress', { ratio: 'x' }]);
    assert.equal(f.services.application.get(model, 'wp').config['ratio'], 0.25);
    assertJujuError(
      () =>
        f.services.application.setConfig(model, 'wp', { port: 1 }, () => {
          throw notValid('from the charm library');
        }),
      ErrorCode.NotValid,
      'from the charm library',
    );
    assertJujuError(
      () => f.services.application.setConfig(model, 'wp', { ratio: 'abc' }),
      ErrorCode.NotValid,
      'option "ratio" expected float, got "abc"',
    );
    assertJujuError(
      () => f.services.application.setConfig(model, 'nope', {}),
      ErrorCode.NotFound,
      'application "nope" not found',
    );
  });

  it('exposes and unexposes endpoints', () => {
    let app = f.services.application.expose(model, 'wp');
    assert.equal(app.exposed, true);
    assert.deepEqual(app.exposedEndpoints, { '': { spaces: [], cidrs: ['0.0.0.0/0', '::/0'] } });
    app = f.services.application.expose(model, 'wp', {
      website: { cidrs: ['10.0.0.0/8'] },
      'admin-api': { spaces: ['alpha'] },
    });
    assert.deepEqual(app.exposedEndpoints, {
      '': { spaces: [], cidrs: ['0.0.0.0/0', '::/0'] },
      website: { spaces: [], cidrs: ['10.0.0.0/8'] },
      'admin-api': { spaces: ['alpha'], cidrs: [] },
    });
    assertJujuError(
      () => f.services.application.expose(model, 'wp', { nope: {} }),
      ErrorCode.NotFound,
      'endpoint "nope" not found',
    );
    app = f.services.application.unexpose(model, 'wp', ['', 'website']);
    assert.equal(app.exposed, true);
    assert.deepEqual(Object.keys(app.exposedEndpoints), ['admin-api']);
    assertJujuError(
      () => f.services.application.unexpose(model, 'wp', ['website']),
      ErrorCode.NotFound,
      'exposed endpoint "website" not found',
    );
    app = f.services.application.unexpose(model, 'wp');
    assert.equal(app.exposed, false);
    assert.deepEqual(app.exposedEndpoints, {});
  });

  it('stores trust, constraints, base and bindings', () => {
    f.services.application.setTrust(model, 'wp', true);
    f.services.application.setConstraints(model, 'wp', { cores: 4 });
    f.services.application.setBase(model, 'wp', { os: 'ubuntu', channel: '24.04' });
    f.services.application.mergeBindings(model, 'wp', { db: 'internal' });
    const app = f.services.application.get(model, 'wp');
    assert.equal(app.trust, true);
    assert.deepEqual(f.services.application.constraints(model, 'wp'), { cores: 4 });
    assert.deepEqual(app.base, { os: 'ubuntu', channel: '24.04' });
    assert.deepEqual(app.endpointBindings, { db: 'internal' });
    assertJujuError(
      () => f.services.application.mergeBindings(model, 'wp', { bogus: 'x' }),
      ErrorCode.NotFound,
      'endpoint "bogus" not found',
    );
    const [unit] = f.services.application.addUnits(model, 'wp', { count: 1 });
    const machine = f.services.machine.get(model, unit?.machineId ?? '');
    assert.deepEqual(machine.constraints, { cores: 4 });
    assert.deepEqual(machine.base, { os: 'ubuntu', channel: '24.04' });
  });

  it('refreshes to another charm', () => {
    f.services.application.setConfig(model, 'wp', { port: 81, 'blog-title': 'T' });
    deployCharm(f.services, model, 'mysql', 'db', 0);
    f.services.relation.add(model, ['wp', 'db']);
    // A new revision without the port option and with the same endpoints.
    const next = addCharm(f.services, model, 'wordpress', {
      configOptions: { 'blog-title': { type: 'string', default: 'x', description: '' } },
    });
    const app = f.services.application.setCharm(model, 'wp', {
      charmUrl: next.url,
      config: { 'blog-title': 'New' },
    });
    assert.equal(app.charmUrl, 'local:wordpress-1');
    assert.equal(app.charmModifiedVersion, 1);
    assert.deepEqual(app.config, { 'blog-title': 'New' });
    // A charm without the db endpoint would break the relation.
    const broken = addCharm(f.services, model, 'wordpress', {
      endpoints: [
        { name: 'website', role: 'provider', interface: 'http', scope: 'global', limit: 0, optional: false },
        {
          name: 'loadbalancer',
          role: 'peer',
          interface: 'reversenginx',
          scope: 'global',
          limit: 0,
          optional: false,
        },
      ],
    });
    assertJujuError(
      () => f.services.application.setCharm(model, 'wp', { charmUrl: broken.url }),
      ErrorCode.NotValid,
      `cannot upgrade application "wp" to charm "${broken.url}": would break relation "wp:db db:server"`,
    );
    const sub = addCharm(f.services, model, 'wordpress', { subordinate: true });
    assertJujuError(
      () => f.services.application.setCharm(model, 'wp', { charmUrl: sub.url }),
      ErrorCode.NotValid,
      `cannot upgrade application "wp" to charm "${sub.url}": cannot change an application's subordinacy`,
    );
    assert.equal(f.services.application.get(model, 'wp').charmModifiedVersion, 1);
  });
});

describe('ApplicationService units', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'units', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'mysql', 'db', 2);
  });
  after(() => f.close());

  it('never reuses unit numbers of a live application', () => {
    // db/1 never started: destroying it removes it (and its machine goes dying).
    const r = f.services.application.destroyUnit(model, 'db/1');
    assert.deepEqual(r, { removed: true, destroyedUnits: [], destroyedMachines: ['1'] });
    assert.equal(f.services.machine.get(model, '1').life, 'dying');
    const [u] = f.services.application.addUnits(model, 'db', { count: 1 });
    assert.equal(u?.name, 'db/2');
    assertJujuError(
      () => f.services.application.addUnits(model, 'db', { count: 0 }),
      ErrorCode.NotValid,
      'must add at least one unit',
    );
    assertJujuError(
      () => f.services.application.unit(model, 'db/1'),
      ErrorCode.NotFound,
      'unit "db/1" not found',
    );
    assertJujuError(
      () => f.services.application.unit(model, 'db-1'),
      ErrorCode.NotValid,
      '"db-1" is not a valid unit name',
    );
  });

  it('sets statuses with history and validates them', () => {
    f.clock.advance(1000);
    f.services.application.setUnitAgentStatus(model, 'db/0', {
      status: 'executing',
      info: 'running install hook',
    });
    f.services.application.setUnitWorkloadStatus(model, 'db/0', {
      status: 'maintenance',
      info: 'installing',
    });
    f.services.application.setStatus(model, 'db', { status: 'active', info: 'ready', data: { k: 1 } });
    const u = f.services.application.unit(model, 'db/0');
    assert.deepEqual(u.agentStatus, {
      status: 'executing',
      info: 'running install hook',
      data: {},
      since: '2024-05-01T10:00:01.000Z',
    });
    assert.equal(u.workloadStatus.status, 'maintenance');
    assert.deepEqual(f.services.application.get(model, 'db').status, {
      status: 'active',
      info: 'ready',
      data: { k: 1 },
      since: '2024-05-01T10:00:01.000Z',
    });
    assert.deepEqual(
      f.services.status.history(model, { entityKind: 'unit-agent', entityId: 'db/0' }).map((h) => h.status),
      ['allocating', 'executing'],
    );
    assertJujuError(
      () => f.services.application.setUnitAgentStatus(model, 'db/0', { status: 'active' }),
      ErrorCode.NotValid,
      'cannot set invalid status "active"',
    );
    assertJujuError(
      () => f.services.application.setUnitWorkloadStatus(model, 'db/0', { status: 'error' }),
      ErrorCode.NotValid,
      'cannot set status "error" without info',
    );
    assertJujuError(
      () => f.services.application.setStatus(model, 'db', { status: 'unset' }),
      ErrorCode.NotValid,
      'cannot set invalid status "unset"',
    );
  });

  it('handles resolved modes', () => {
    assertJujuError(
      () => f.services.application.setResolved(model, 'db/0', 'retry-hooks'),
      ErrorCode.NotValid,
      'unit "db/0" is not in an error state',
    );
    f.services.application.setUnitAgentStatus(model, 'db/0', {
      status: 'error',
      info: 'hook failed: "install"',
    });
    assertJujuError(
      () => f.services.application.setResolved(model, 'db/0', 'maybe'),
      ErrorCode.NotValid,
      'invalid error resolution mode: "maybe"',
    );
    f.services.application.setResolved(model, 'db/0', 'no-hooks');
    assert.equal(f.services.application.resolved(model, 'db/0'), 'no-hooks');
    assertJujuError(
      () => f.services.application.setResolved(model, 'db/0', 'retry-hooks'),
      ErrorCode.NotValid,
      'cannot set resolved mode for unit "db/0": already resolved',
    );
    f.services.application.clearResolved(model, 'db/0');
    assert.equal(f.services.application.unit(model, 'db/0').resolved, '');
    f.services.application.setUnitAgentStatus(model, 'db/0', { status: 'idle' });
  });

  it('checks agent passwords and records versions and charm URL', () => {
    assertJujuError(
      () => f.services.application.setUnitPassword(model, 'db/0', 'short'),
      ErrorCode.NotValid,
      'password is only 5 bytes long, and is not a valid Agent password',
    );
    const password = 'a-long-enough-unit-password';
    f.services.application.setUnitPassword(model, 'db/0', password);
    assert.equal(f.services.application.unit(model, 'db/0').hasPassword, true);
    assert.equal(f.services.application.authenticateUnit(model, 'db/0', password).name, 'db/0');
    assertJujuError(
      () => f.services.application.authenticateUnit(model, 'db/0', 'wrong-password-xxxxxxxx'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    assertJujuError(
      () => f.services.application.authenticateUnit(model, 'zz/9', password),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    f.services.application.setWorkloadVersion(model, 'db/0', '8.0.36');
    f.services.application.setUnitAgentVersion(model, 'db/0', '3.6.4');
    f.services.application.setUnitCharmUrl(model, 'db/0', 'local:mysql-0');
    const u = f.services.application.unit(model, 'db/0');
    assert.equal(u.workloadVersion, '8.0.36');
    assert.equal(u.agentVersion, '3.6.4');
    assert.equal(u.charmUrl, 'local:mysql-0');
    assertJujuError(
      () => f.services.application.setUnitCharmUrl(model, 'db/0', 'local:mysql-9'),
      ErrorCode.NotFound,
      'charm "local:mysql-9" not found',
    );
  });

  it('walks a started unit through dying, dead and removed', () => {
    // db/0 started (idle): destroy makes it dying.
    const d = f.services.application.destroyUnit(model, 'db/0');
    assert.deepEqual(d, { removed: false, destroyedUnits: ['db/0'], destroyedMachines: [] });
    assert.equal(f.services.application.unit(model, 'db/0').life, 'dying');
    assert.deepEqual(f.services.application.destroyUnit(model, 'db/0'), {
      removed: false,
      destroyedUnits: [],
      destroyedMachines: [],
    });
    assertJujuError(
      () => f.services.application.removeUnit(model, 'db/0'),
      ErrorCode.NotValid,
      'cannot remove unit "db/0": unit is not dead',
    );
    f.services.application.ensureUnitDead(model, 'db/0');
    assertJujuError(
      () => f.services.application.setWorkloadVersion(model, 'db/0', 'x'),
      ErrorCode.Dead,
      'unit "db/0" is dead',
    );
    assertJujuError(
      () => f.services.application.authenticateUnit(model, 'db/0', 'a-long-enough-unit-password'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    const r = f.services.application.removeUnit(model, 'db/0');
    assert.deepEqual(r, { applicationRemoved: false, destroyedMachines: ['0'] });
    assert.equal(f.services.machine.get(model, '0').life, 'dying');
  });

  it('destroys an application and removes it once its units and relations are gone', () => {
    const m = f.services.model.create({ name: 'teardown', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, m, 'wordpress', 'wp', 2);
    deployCharm(f.services, m, 'mysql', 'db', 1);
    const rel = f.services.relation.add(m, ['wp', 'db']);
    for (const u of ['wp/0', 'wp/1', 'db/0']) startAgent(f.services, m, u);
    f.services.relation.enterScope(m, rel.id, 'wp/0');
    f.services.relation.enterScope(m, rel.id, 'db/0');
    // A machine shared with another app's unit does not go dying.
    f.services.application.addUnits(m, 'db', { count: 1, placement: [{ machine: '1' }] });
    const result = f.services.application.destroy(m, 'wp');
    assert.deepEqual(result, {
      removed: false,
      destroyedUnits: ['wp/0', 'wp/1'],
      removedUnits: [],
      destroyedMachines: [],
    });
    assert.equal(f.services.application.get(m, 'wp').life, 'dying');
    assert.equal(f.services.relation.get(m, rel.id).life, 'dying');
    // The peer relation had nobody in scope and went at once.
    assert.deepEqual(
      f.services.relation.forApplication(m, 'wp').map((r) => r.key),
      ['wp:db db:server'],
    );
    assertJujuError(
      () => f.services.application.addUnits(m, 'wp', { count: 1 }),
      ErrorCode.NotValid,
      'cannot add unit to application "wp": application is not found or not alive',
    );
    for (const u of ['wp/0', 'wp/1']) f.services.application.ensureUnitDead(m, u);
    assert.deepEqual(f.services.application.removeUnit(m, 'wp/1'), {
      applicationRemoved: false,
      destroyedMachines: [],
    });
    // Removing wp/0 takes it out of scope; the relation still has db/0 in it.
    assert.deepEqual(f.services.application.removeUnit(m, 'wp/0'), {
      applicationRemoved: false,
      destroyedMachines: ['0'],
    });
    assert.equal(f.services.application.get(m, 'wp').life, 'dying');
    f.services.relation.leaveScope(m, rel.id, 'db/0');
    assertJujuError(
      () => f.services.relation.get(m, rel.id),
      ErrorCode.NotFound,
      `relation ${rel.id} not found`,
    );
    assertJujuError(
      () => f.services.application.get(m, 'wp'),
      ErrorCode.NotFound,
      'application "wp" not found',
    );
    assert.equal(f.services.application.get(m, 'db').life, 'alive');
    // An application without units or relations goes at once.
    deployCharm(f.services, m, 'memcached', 'cache', 0);
    assert.deepEqual(f.services.application.destroy(m, 'cache'), {
      removed: true,
      destroyedUnits: [],
      removedUnits: [],
      destroyedMachines: [],
    });
    // Redeploying the same name starts numbering again.
    const again = deployCharm(f.services, m, 'memcached', 'cache', 1);
    assert.equal(again.units[0]?.name, 'cache/0');
  });

  it('refuses adding units to subordinates and dead ends for subordinate units', () => {
    const m = f.services.model.create({ name: 'subs', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, m, 'mysql', 'db', 1);
    deployCharm(f.services, m, 'logging', 'logging', 0);
    assertJujuError(
      () => f.services.application.addUnits(m, 'logging', { count: 1 }),
      ErrorCode.NotValid,
      'cannot add unit to application "logging": application is a subordinate',
    );
    const rel = f.services.relation.add(m, ['logging', 'db']);
    startAgent(f.services, m, 'db/0');
    f.services.relation.enterScope(m, rel.id, 'db/0');
    const sub = f.services.application.unit(m, 'logging/0');
    assert.equal(sub.principal, 'db/0');
    assert.equal(sub.machineId, '0');
    assert.deepEqual(f.services.application.unit(m, 'db/0').subordinates, ['logging/0']);
    assertJujuError(
      () => f.services.application.assignUnit(m, 'logging/0', { machine: '0' }),
      ErrorCode.NotValid,
      'subordinate unit "logging/0" cannot be assigned directly to a machine',
    );
    // Destroying the principal makes the subordinate dying too; the principal
    // cannot be dead while the subordinate exists.
    assert.deepEqual(f.services.application.destroyUnit(m, 'db/0'), {
      removed: false,
      destroyedUnits: ['db/0', 'logging/0'],
      destroyedMachines: [],
    });
    assertJujuError(
      () => f.services.application.ensureUnitDead(m, 'db/0'),
      ErrorCode.NotValid,
      'unit has subordinates',
    );
    f.services.relation.leaveScope(m, rel.id, 'db/0');
    f.services.application.ensureUnitDead(m, 'logging/0');
    f.services.application.removeUnit(m, 'logging/0');
    f.services.application.ensureUnitDead(m, 'db/0');
    assert.deepEqual(
      f.services.application.unitsOnMachine(m, '0').map((u) => [u.name, u.life]),
      [['db/0', 'dead']],
    );
  });

  it('assigns an unassigned unit once', () => {
    const m = f.services.model.create({ name: 'assign', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, m, 'mysql', 'db', 1);
    f.services.machine.add(m);
    assertJujuError(
      () => f.services.application.assignUnit(m, 'db/0', { machine: '1' }),
      ErrorCode.NotValid,
      'cannot assign unit "db/0" to machine 1: unit is already assigned to a machine',
    );
    assert.equal(f.services.application.assignUnit(m, 'db/0', { machine: '0' }).machineId, '0');
  });

  it('destroying a model marks its applications, units and relations dying and removal cascades', () => {
    const m = f.services.model.create({ name: 'gone', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, m, 'wordpress', 'wp', 1);
    deployCharm(f.services, m, 'mysql', 'db', 1);
    const rel = f.services.relation.add(m, ['wp', 'db']);
    const result = f.services.model.destroy(m);
    assert.equal(result.removed, false);
    assert.equal(f.services.application.get(m, 'wp').life, 'dying');
    assert.equal(f.services.application.unit(m, 'db/0').life, 'dying');
    assert.equal(f.services.relation.get(m, rel.id).life, 'dying');
    assertJujuError(
      () => f.services.application.deploy(m, { name: 'late', charmUrl: 'local:mysql-0' }),
      ErrorCode.NotValid,
      'cannot add application "late": model is no longer alive',
    );
    for (const machine of result.machinesToRelease) f.services.machine.remove(m, machine.id);
    // A unit whose machine is already gone can still be removed.
    f.services.application.ensureUnitDead(m, 'db/0');
    assert.deepEqual(f.services.application.removeUnit(m, 'db/0'), {
      applicationRemoved: false,
      destroyedMachines: [],
    });
    assert.equal(f.services.model.reapIfEmpty(m), true);
    const left = f.db.read((tx) =>
      ['charm', 'application', 'unit', 'relation', 'relation_endpoint'].map(
        (t) => tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t} WHERE model_uuid = ?`, [m])?.n,
      ),
    );
    assert.deepEqual(left, [0, 0, 0, 0, 0]);
  });
});
