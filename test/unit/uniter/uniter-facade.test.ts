/**
 * The Uniter and LeadershipService facades over a real controller database:
 * who may call what, the RemoteState snapshot and its watcher, relation
 * settings rules, the atomic CommitHookChanges, and leadership claims.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return,
   @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   replies are checked as the untyped JSON a client would receive. */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { AuthInfo, CallContext, FacadeDefinition } from '../../../src/controller/apiserver/types.js';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { leadershipFacade } from '../../../src/controller/facades/leadership.js';
import { uniterFacade } from '../../../src/controller/facades/uniter.js';
import { WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { relationTag } from '../../../src/core/names.js';
import { addCharm, startAgent } from '../domain/charm-fixtures.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

describe('Uniter facade', () => {
  let f: BootstrappedFixture;
  let deps: FacadeDeps;
  let uniter: FacadeDefinition;
  let leadership: FacadeDefinition;
  let model: string;
  let dbKey: string;
  let peerKey: string;
  let dbId: number;
  const abort = new AbortController();

  const ctx = (auth: AuthInfo | null, connId = '1'): CallContext => ({
    conn: {
      id: connId,
      kind: 'model',
      modelUuid: model,
      remoteAddress: '127.0.0.1:1',
      auth,
      signal: abort.signal,
    },
    facade: 'Uniter',
    version: 19,
    method: 'x',
    id: '',
    requestId: 1,
  });
  const unitAuth = (name: string): AuthInfo => ({
    tag: `unit-${name.replace('/', '-')}`,
    kind: 'unit',
    modelUuid: model,
    entityId: name,
  });
  const as = async (unit: string, method: string, params?: unknown, facade = uniter): Promise<any> => {
    const handler = facade.methods[method];
    assert.ok(handler, `no method ${method}`);
    return await handler(ctx(unitAuth(unit)), params);
  };
  const entities = (...tags: string[]) => ({ entities: tags.map((tag) => ({ tag })) });

  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'work', owner: 'admin', cloud: 'local' }).uuid;
    const hub = new ChangeHub();
    f.db.onCommit(() => hub.bump());
    deps = {
      services: f.services,
      hub,
      watchers: new WatcherRegistry(hub),
      objectStoreDir: tmpdir(),
      apiAddresses: () => ['127.0.0.1:17070'],
      stopInstances: () => Promise.resolve(),
      log: () => undefined,
    };
    uniter = uniterFacade(deps);
    leadership = leadershipFacade(deps);
    const wp = addCharm(f.services, model, 'wordpress');
    const mysql = addCharm(f.services, model, 'mysql');
    f.services.application.deploy(model, { name: 'wp', charmUrl: wp.url, numUnits: 2 });
    f.services.application.deploy(model, { name: 'mysql', charmUrl: mysql.url, numUnits: 1 });
    for (const m of ['0', '1', '2'])
      f.services.machine.setAddresses(model, m, [
        { value: `10.0.0.${Number(m) + 10}`, type: 'ipv4', scope: 'local-cloud' },
      ]);
    for (const u of ['wp/0', 'wp/1', 'mysql/0']) startAgent(f.services, model, u);
    const rel = f.services.relation.add(model, ['wp:db', 'mysql:server']);
    dbKey = rel.key;
    dbId = rel.id;
    peerKey = f.services.relation.forApplication(model, 'wp').find((r) => r.isPeer)?.key ?? '';
  });
  after(() => {
    abort.abort();
    f.close();
  });

  it('serves unit agents only, each on its own unit', async () => {
    const life = uniter.methods.Life;
    assert.ok(life);
    assert.throws(
      () => life(ctx({ tag: 'user-admin', kind: 'user' }), entities('unit-wp-0')),
      (err: unknown) => isJujuError(err, ErrorCode.Unauthorized),
    );
    const r = await as(
      'wp/0',
      'Life',
      entities('unit-wp-0', 'unit-wp-1', 'application-wp', 'application-mysql', 'bogus'),
    );
    assert.deepEqual(r.results[0], { life: 'alive' });
    assert.equal(r.results[1].error.code, ErrorCode.Unauthorized);
    assert.deepEqual(r.results[2], { life: 'alive' });
    assert.equal(r.results[3].error.code, ErrorCode.Unauthorized);
    assert.equal(r.results[4].error.code, ErrorCode.Unauthorized);
  });

  it('reports the remote state in one snapshot, without waking watchers', async () => {
    const before = deps.hub.current();
    const r = (await as('wp/0', 'RemoteState', entities('unit-wp-0'))).results[0].result;
    assert.equal(deps.hub.current(), before, 'reading the remote state commits nothing');
    assert.equal(r.life, 'alive');
    assert.equal(r['charm-url'], 'local:wordpress-0');
    assert.equal(r['machine-id'], '0');
    assert.equal(r['update-status-interval'], 300);
    assert.equal(r['automatically-retry-hooks'], true);
    assert.deepEqual(r['pending-actions'], []);
    const db = r.relations.find((x: any) => x.id === dbId);
    assert.deepEqual(
      [db.key, db.endpoint, db['remote-application'], db.life, db['is-peer'], db['in-scope'], db.members],
      [dbKey, 'db', 'mysql', 'alive', false, false, {}],
    );
    const peer = r.relations.find((x: any) => x['is-peer']);
    assert.deepEqual([peer.endpoint, peer['remote-application']], ['loadbalancer', 'wp']);
  });

  it('enters scope seeding the address keys, and members appear in the remote state', async () => {
    await as('wp/0', 'EnterScope', {
      'relation-units': [{ relation: relationTag(dbKey), unit: 'unit-wp-0' }],
    });
    await as('mysql/0', 'EnterScope', {
      'relation-units': [{ relation: relationTag(dbKey), unit: 'unit-mysql-0' }],
    });
    const own = await as('wp/0', 'ReadSettings', {
      'relation-units': [{ relation: relationTag(dbKey), unit: 'unit-wp-0' }],
    });
    assert.deepEqual(own.results[0].settings, {
      'egress-subnets': '10.0.0.10/32',
      'ingress-address': '10.0.0.10',
      'private-address': '10.0.0.10',
    });
    const r = (await as('wp/0', 'RemoteState', entities('unit-wp-0'))).results[0].result;
    const db = r.relations.find((x: any) => x.id === dbId);
    assert.equal(db['in-scope'], true);
    assert.deepEqual(db.members, { 'mysql/0': 1 });
    // Another unit's bag is read with ReadRemoteSettings, not ReadSettings.
    const other = await as('wp/0', 'ReadSettings', {
      'relation-units': [{ relation: relationTag(dbKey), unit: 'unit-mysql-0' }],
    });
    assert.equal(other.results[0].error.code, ErrorCode.Unauthorized);
    const remote = await as('wp/0', 'ReadRemoteSettings', {
      'relation-unit-pairs': [
        { relation: relationTag(dbKey), 'local-unit': 'unit-wp-0', 'remote-unit': 'unit-mysql-0' },
      ],
    });
    assert.equal(remote.results[0].settings['private-address'], '10.0.0.12');
  });

  it('commits a hook atomically: any failing part applies nothing', async () => {
    const tag = relationTag(dbKey);
    const bad = await as('wp/0', 'CommitHookChanges', {
      args: [
        {
          tag: 'unit-wp-0',
          'relation-unit-settings': [{ relation: tag, unit: 'unit-wp-0', settings: { token: 'x' } }],
          'set-unit-state': { tag: 'unit-wp-0', 'charm-state': { k: 'v' } },
          'open-ports': [
            {
              tag: 'unit-wp-0',
              endpoint: '',
              'port-range': { 'from-port': 90, 'to-port': 80, protocol: 'tcp' },
            },
          ],
        },
      ],
    });
    assert.ok(bad.results[0].error, 'an invalid port range fails the commit');
    assert.equal(f.services.relation.unitSettings(model, dbId, 'wp/0').settings.token, undefined);
    assert.deepEqual(f.services.unitState.charmState(model, 'wp/0'), {});
    const ok = await as('wp/0', 'CommitHookChanges', {
      args: [
        {
          tag: 'unit-wp-0',
          'relation-unit-settings': [{ relation: tag, unit: 'unit-wp-0', settings: { token: 'x' } }],
          'set-unit-state': { tag: 'unit-wp-0', 'charm-state': { k: 'v' } },
          'open-ports': [
            {
              tag: 'unit-wp-0',
              endpoint: '',
              'port-range': { 'from-port': 80, 'to-port': 80, protocol: 'tcp' },
            },
          ],
        },
      ],
    });
    assert.deepEqual(ok.results, [{}]);
    assert.equal(f.services.relation.unitSettings(model, dbId, 'wp/0').settings.token, 'x');
    assert.deepEqual(f.services.unitState.charmState(model, 'wp/0'), { k: 'v' });
    assert.deepEqual(
      f.services.unitState.openedPorts(model, 'wp/0').map((p) => p.fromPort),
      [80],
    );
    // Someone else's unit in the commit is refused.
    const foreign = await as('wp/0', 'CommitHookChanges', { args: [{ tag: 'unit-wp-1' }] });
    assert.equal(foreign.results[0].error.code, ErrorCode.Unauthorized);
  });

  it('lets only the leader write the application bag and set the application status', async () => {
    const tag = relationTag(dbKey);
    const denied = await as('wp/0', 'CommitHookChanges', {
      args: [
        {
          tag: 'unit-wp-0',
          'relation-unit-settings': [
            { relation: tag, unit: 'unit-wp-0', 'application-settings': { a: 'b' } },
          ],
        },
      ],
    });
    assert.equal(denied.results[0].error.code, ErrorCode.Unauthorized);
    const status = await as('wp/0', 'SetApplicationStatus', {
      entities: [{ tag: 'unit-wp-0', status: 'active', info: 'x' }],
    });
    assert.equal(status.results[0].error.message, 'this unit is not the leader');
    const claim = await as(
      'wp/0',
      'ClaimLeadership',
      { params: [{ 'application-tag': 'application-wp', 'unit-tag': 'unit-wp-0', duration: 60 }] },
      leadership,
    );
    assert.deepEqual(claim.results, [{}]);
    const granted = await as('wp/0', 'CommitHookChanges', {
      args: [
        {
          tag: 'unit-wp-0',
          'relation-unit-settings': [
            { relation: tag, unit: 'unit-wp-0', 'application-settings': { a: 'b' } },
          ],
        },
      ],
    });
    assert.deepEqual(granted.results, [{}]);
    assert.deepEqual(f.services.relation.applicationSettings(model, dbId, 'wp').settings, { a: 'b' });
    assert.deepEqual(
      (
        await as('wp/0', 'SetApplicationStatus', {
          entities: [{ tag: 'unit-wp-0', status: 'active', info: 'x' }],
        })
      ).results,
      [{}],
    );
    assert.equal(f.services.application.get(model, 'wp').status.status, 'active');
  });

  it('denies a second claim and releases waiters once the lease lapses', async () => {
    const denied = await as(
      'wp/1',
      'ClaimLeadership',
      { params: [{ 'application-tag': 'application-wp', 'unit-tag': 'unit-wp-1', duration: 60 }] },
      leadership,
    );
    assert.equal(denied.results[0].error.code, 'leadership claim denied');
    const other = await as(
      'wp/1',
      'ClaimLeadership',
      { params: [{ 'application-tag': 'application-mysql', 'unit-tag': 'unit-wp-1', duration: 60 }] },
      leadership,
    );
    assert.equal(other.results[0].error.code, ErrorCode.Unauthorized);
    let released = false;
    const waiting = as('wp/1', 'BlockUntilLeadershipReleased', { Name: 'wp' }, leadership).then((r) => {
      released = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(released, false);
    f.clock.advance(61_000);
    assert.deepEqual(await waiting, {});
  });

  it('reads and merges leader settings (leader only)', async () => {
    await as(
      'wp/1',
      'ClaimLeadership',
      { params: [{ 'application-tag': 'application-wp', 'unit-tag': 'unit-wp-1', duration: 60 }] },
      leadership,
    );
    const notLeader = await as('wp/0', 'MergeLeaderSettings', {
      params: [{ 'application-tag': 'application-wp', 'unit-tag': 'unit-wp-0', settings: { k: 'v' } }],
    });
    assert.equal(notLeader.results[0].error.code, ErrorCode.NotLeader);
    await as('wp/1', 'MergeLeaderSettings', {
      params: [{ 'application-tag': 'application-wp', 'unit-tag': 'unit-wp-1', settings: { k: 'v' } }],
    });
    const read = await as('wp/0', 'ReadLeaderSettings', entities('unit-wp-0'));
    assert.deepEqual(read.results[0], { settings: { k: 'v' }, version: 1 });
  });

  it('fires the remote-state watcher when something the unit depends on changes', async () => {
    const w = await as('wp/0', 'WatchRemoteState', entities('unit-wp-0'));
    const id = w.results[0]['notify-watcher-id'];
    assert.ok(id);
    let fired = false;
    const next = deps.watchers.next(ctx(unitAuth('wp/0')).conn, id).then(() => {
      fired = true;
    });
    // An unrelated write (another model's config) does not fire it.
    f.services.modelConfig.set(f.boot.controllerModel.uuid, { 'update-status-hook-interval': '10m' });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fired, false);
    f.services.application.setConfig(model, 'wp', { 'blog-title': 'new' });
    await next;
    assert.equal(fired, true);
  });

  it('runs the unit through actions it receives', async () => {
    const enq = f.services.operation.enqueue(model, {
      tasks: [{ receiver: 'wp/0', name: 'backup', parameters: { x: 1 } }],
    });
    const task = enq.operation.tasks[0];
    assert.ok(task);
    const r = (await as('wp/0', 'RemoteState', entities('unit-wp-0'))).results[0].result;
    assert.deepEqual(r['pending-actions'], [task.id]);
    const spec = await as('wp/0', 'Actions', entities(`action-${task.id}`));
    assert.deepEqual(spec.results[0].action, {
      tag: `action-${task.id}`,
      receiver: 'unit-wp-0',
      name: 'backup',
      parameters: { x: 1 },
      parallel: false,
      'execution-group': '',
    });
    assert.equal(
      (await as('wp/1', 'Actions', entities(`action-${task.id}`))).results[0].error.code,
      ErrorCode.Unauthorized,
    );
    await as('wp/0', 'BeginActions', entities(`action-${task.id}`));
    await as('wp/0', 'LogActionsMessages', { messages: [{ tag: `action-${task.id}`, value: 'half way' }] });
    await as('wp/0', 'FinishActions', {
      results: [
        { 'action-tag': `action-${task.id}`, status: 'completed', results: { out: 'ok' }, message: '' },
      ],
    });
    const done = f.services.operation.getTask(model, task.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.results, { out: 'ok' });
    assert.deepEqual(
      done.log.map((l) => l.message),
      ['half way'],
    );
  });

  it('reports the goal state with `since` on every entry', async () => {
    const g = (await as('wp/0', 'GoalStates', entities('unit-wp-0'))).results[0].result;
    assert.deepEqual(Object.keys(g.units).sort(), ['wp/0', 'wp/1']);
    assert.ok(g.relations.db.mysql);
    assert.ok(g.relations.db['mysql/0']);
    for (const entry of [...Object.values(g.units), ...Object.values(g.relations.db)] as { since: string }[])
      assert.match(entry.since, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    assert.ok(peerKey);
  });

  it('answers network info from the machine address', async () => {
    const r = await as('wp/0', 'NetworkInfo', { unit: 'unit-wp-0', endpoints: ['db', 'admin-api', 'nope'] });
    assert.deepEqual(r.results.db['ingress-addresses'], ['10.0.0.10']);
    assert.deepEqual(r.results.db['egress-subnets'], ['10.0.0.10/32']);
    assert.equal(r.results.db['bind-addresses'][0].addresses[0].value, '10.0.0.10');
    assert.ok(r.results['admin-api']['bind-addresses']);
    assert.ok(r.results.nope.error);
    assert.deepEqual((await as('wp/0', 'PrivateAddress', entities('unit-wp-0'))).results, [
      { result: '10.0.0.10' },
    ]);
  });

  it('makes the unit dead and clears resolved', async () => {
    f.services.application.setUnitAgentStatus(model, 'wp/1', {
      status: 'error',
      info: 'hook failed: "install"',
    });
    f.services.application.setResolved(model, 'wp/1', 'retry-hooks');
    assert.deepEqual((await as('wp/1', 'Resolved', entities('unit-wp-1'))).results, [
      { mode: 'retry-hooks' },
    ]);
    await as('wp/1', 'ClearResolved', entities('unit-wp-1'));
    assert.equal(f.services.application.unit(model, 'wp/1').resolved, '');
    await as('wp/1', 'EnsureDead', entities('unit-wp-1'));
    assert.equal(f.services.application.unit(model, 'wp/1').life, 'dead');
  });
});
