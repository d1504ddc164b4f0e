/**
 * The resolver as a pure function (charm-contract §2): the deploy sequence,
 * relation hook orders, leadership, upgrades, config changes, update-status,
 * errors and resolution, crash recovery, actions and teardown.
 */
import assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import { initialLocalState } from '../../../src/agent/uniter/local-state.js';
import {
  UNIT,
  apply,
  decide,
  relation,
  relations,
  remote,
  runUntilIdle,
  settledLocal,
  sim,
} from './resolver-sim.js';

suite('resolver: deploy', () => {
  it('runs install, relation-created, leader-elected, config-changed, start on the leader', () => {
    const r = remote({ relations: relations(relation(0, 'cluster', 'app')) });
    const s = sim(initialLocalState(), r);
    assert.deepEqual(runUntilIdle(s, { withSteps: true }), [
      'deploy',
      'install',
      'enter-scope',
      'cluster-relation-created',
      'leader-elected',
      'config-changed',
      'start',
    ]);
    assert.equal(s.local.installed, true);
    assert.equal(s.local.started, true);
    assert.equal(s.local.leader, true);
    assert.deepEqual(s.local.op, { kind: 'continue' });
  });

  it('runs leader-settings-changed instead of leader-elected on a non-leader', () => {
    const r = remote({ leader: false, relations: relations(relation(0, 'cluster', 'app')) });
    const s = sim(initialLocalState(), r);
    assert.deepEqual(runUntilIdle(s), [
      'install',
      'cluster-relation-created',
      'leader-settings-changed',
      'config-changed',
      'start',
    ]);
  });

  it('creates every relation existing at install before leadership and config', () => {
    const r = remote({
      relations: relations(
        relation(0, 'cluster', 'app'),
        relation(3, 'db', 'mysql'),
        relation(5, 'web', 'site'),
      ),
    });
    const s = sim(initialLocalState(), r);
    const ran = runUntilIdle(s);
    assert.deepEqual(ran.slice(0, 5), [
      'install',
      'cluster-relation-created',
      'db-relation-created',
      'web-relation-created',
      'leader-elected',
    ]);
    assert.deepEqual(ran.slice(5), ['config-changed', 'start']);
  });

  it('never installs a unit that is dying before install', () => {
    const s = sim(initialLocalState(), remote({ life: 'dying' }));
    assert.deepEqual(runUntilIdle(s), ['terminate']);
    // Even with the install hook queued after the charm was deployed.
    const queued = sim(
      { ...initialLocalState(), op: { kind: 'run-hook', step: 'queued', hook: { kind: 'install' } } },
      remote({ life: 'dying' }),
    );
    assert.deepEqual(runUntilIdle(queued), ['terminate']);
  });

  it('gets one leader-settings-changed after every agent start on a non-leader', () => {
    const r = remote({ leader: false, leaderSettingsVersion: 4 });
    const s = sim(settledLocal(r), r);
    assert.deepEqual(runUntilIdle(s), ['leader-settings-changed']);
    assert.deepEqual(runUntilIdle(s), []);
    s.remote = { ...s.remote, leaderSettingsVersion: 5 };
    assert.deepEqual(runUntilIdle(s), ['leader-settings-changed']);
  });
});

suite('resolver: relations', () => {
  const base = remote({ relations: relations(relation(1, 'db', 'mysql')) });

  it('follows relation-joined with relation-changed for the same unit, in unit order', () => {
    const s = sim(settledLocal(base), base, { leaderSettingsSeen: 0 });
    s.remote = {
      ...base,
      relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/1': 2, 'mysql/0': 1 } })),
    };
    assert.deepEqual(runUntilIdle(s), [
      'db-relation-joined mysql/0',
      'db-relation-changed mysql/0',
      'db-relation-joined mysql/1',
      'db-relation-changed mysql/1',
    ]);
  });

  it('keeps joined and changed together even when another relation has work', () => {
    const r = remote({ relations: relations(relation(1, 'db', 'mysql'), relation(2, 'web', 'site')) });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = {
      ...r,
      relations: relations(
        relation(1, 'db', 'mysql', { members: { 'mysql/0': 1 } }),
        relation(2, 'web', 'site', { members: { 'site/0': 1 } }),
      ),
    };
    const ran = runUntilIdle(s);
    for (const [joined, changed] of [
      ['db-relation-joined mysql/0', 'db-relation-changed mysql/0'],
      ['web-relation-joined site/0', 'web-relation-changed site/0'],
    ] as const) {
      assert.equal(ran[ran.indexOf(joined) + 1], changed, ran.join(', '));
    }
  });

  it('runs relation-changed when a member writes, and for application data (not before it is written)', () => {
    const joined = remote({
      relations: relations(
        relation(1, 'db', 'mysql', { members: { 'mysql/0': 1 }, appVersions: { mysql: 0 } }),
      ),
    });
    const s = sim(settledLocal(joined), joined, { leaderSettingsSeen: 0 });
    assert.deepEqual(runUntilIdle(s), []);
    s.remote = {
      ...joined,
      relations: relations(
        relation(1, 'db', 'mysql', { members: { 'mysql/0': 2 }, appVersions: { mysql: 1 } }),
      ),
    };
    assert.deepEqual(runUntilIdle(s), ['db-relation-changed app:mysql', 'db-relation-changed mysql/0']);
  });

  it('departs a unit that left, naming it as the departing unit', () => {
    const r = remote({
      relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/0': 1, 'mysql/1': 1 } })),
    });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = { ...r, relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/1': 1 } })) };
    assert.deepEqual(runUntilIdle(s), ['db-relation-departed mysql/0 departing=mysql/0']);
  });

  it('breaks a dying relation after departing every member; peer relations are never broken', () => {
    const r = remote({
      relations: relations(
        relation(0, 'cluster', 'app', { members: { 'app/1': 1 } }),
        relation(1, 'db', 'mysql', { members: { 'mysql/0': 1, 'mysql/1': 1 } }),
      ),
    });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = {
      ...r,
      relations: relations(
        relation(0, 'cluster', 'app', { life: 'dying', members: { 'app/1': 1 } }),
        relation(1, 'db', 'mysql', { life: 'dying', members: { 'mysql/0': 1, 'mysql/1': 1 } }),
      ),
    };
    assert.deepEqual(runUntilIdle(s), [
      'cluster-relation-departed app/1 departing=app/1',
      'db-relation-departed mysql/0 departing=mysql/0',
      'db-relation-departed mysql/1 departing=mysql/1',
      'db-relation-broken',
    ]);
    assert.equal(s.local.relations['1'], undefined);
    assert.ok(s.local.relations['0'] !== undefined);
  });

  it('breaks a suspended relation and joins it again (with relation-created) once resumed', () => {
    const r = remote({ relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/0': 1 } })) });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = {
      ...r,
      relations: relations(relation(1, 'db', 'mysql', { suspended: true, members: { 'mysql/0': 1 } })),
    };
    assert.deepEqual(runUntilIdle(s), [
      'db-relation-departed mysql/0 departing=mysql/0',
      'db-relation-broken',
    ]);
    s.remote = r;
    assert.deepEqual(runUntilIdle(s), [
      'db-relation-created',
      'db-relation-joined mysql/0',
      'db-relation-changed mysql/0',
    ]);
  });

  it('treats a relation that vanished from the controller as broken', () => {
    const r = remote({ relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/0': 1 } })) });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = { ...r, relations: {} };
    assert.deepEqual(runUntilIdle(s), [
      'db-relation-departed mysql/0 departing=mysql/0',
      'db-relation-broken',
    ]);
  });

  it('joins implicit relations without hooks and leaves them when broken', () => {
    const r = remote({
      relations: relations(
        relation(4, 'juju-info', 'logger', { implicit: true, members: { 'logger/0': 1 } }),
      ),
    });
    const s = sim(settledLocal(remote()), r, { leaderSettingsSeen: 0 });
    assert.deepEqual(runUntilIdle(s, { withSteps: true }), ['enter-scope']);
    s.remote = {
      ...r,
      relations: relations(relation(4, 'juju-info', 'logger', { implicit: true, life: 'dying' })),
    };
    assert.deepEqual(runUntilIdle(s), ['leave-scope']);
  });

  it('waits for install before joining relations, and joins no relation while dying', () => {
    const r = remote({ life: 'dying', relations: relations(relation(1, 'db', 'mysql')) });
    const s = sim(settledLocal(remote(), { started: false }), r, { leaderSettingsSeen: 0 });
    assert.equal(decide(s).kind, 'run-hook'); // remove, not enter-scope
    assert.deepEqual(runUntilIdle(s), ['remove', 'terminate']);
  });
});

suite('resolver: teardown', () => {
  it('departs and breaks every relation (departing = the local unit), then stop, remove, terminate', () => {
    const r = remote({
      relations: relations(
        relation(0, 'cluster', 'app', { members: { 'app/1': 1 } }),
        relation(1, 'db', 'mysql', { members: { 'mysql/0': 1 } }),
      ),
    });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = { ...r, life: 'dying' };
    assert.deepEqual(runUntilIdle(s), [
      `cluster-relation-departed app/1 departing=${UNIT}`,
      `db-relation-departed mysql/0 departing=${UNIT}`,
      'db-relation-broken',
      'stop',
      'remove',
      'terminate',
    ]);
    assert.equal(s.local.stopped, true);
    assert.equal(s.local.removed, true);
  });

  it('skips stop for a unit that never started', () => {
    const r = remote({ life: 'dying' });
    const s = sim(settledLocal(r, { started: false }), r);
    assert.deepEqual(runUntilIdle(s), ['remove', 'terminate']);
  });

  it('terminates at once when the unit is dead or already removed', () => {
    assert.equal(decide(sim(settledLocal(remote()), remote({ life: 'dead' }))).kind, 'terminate');
    assert.equal(decide(sim(settledLocal(remote(), { removed: true }), remote())).kind, 'terminate');
  });
});

suite('resolver: charm and config changes', () => {
  it('upgrades when the charm URL or modified version changes, then runs config-changed', () => {
    const r = remote();
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = { ...r, charmUrl: 'local:app-2' };
    assert.deepEqual(runUntilIdle(s, { withSteps: true }), ['deploy', 'upgrade-charm', 'config-changed']);
    assert.equal(s.local.charmUrl, 'local:app-2');
    s.remote = { ...s.remote, charmModifiedVersion: 1 };
    assert.deepEqual(runUntilIdle(s), ['upgrade-charm', 'config-changed']);
  });

  it('runs config-changed when config, trust or addresses change, and not otherwise', () => {
    const r = remote();
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    assert.deepEqual(runUntilIdle(s), []);
    for (const change of [{ configHash: 'c2' }, { trustHash: 't2' }, { addressesHash: 'a2' }]) {
      s.remote = { ...s.remote, ...change };
      assert.deepEqual(runUntilIdle(s), ['config-changed']);
    }
  });

  it('runs update-status only when nothing else is pending', () => {
    const r = remote({ relations: relations(relation(1, 'db', 'mysql')) });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0, updateStatusDue: true });
    s.remote = {
      ...r,
      configHash: 'c2',
      relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/0': 1 } })),
    };
    assert.deepEqual(runUntilIdle(s), [
      'config-changed',
      'db-relation-joined mysql/0',
      'db-relation-changed mysql/0',
      'update-status',
    ]);
  });
});

suite('resolver: leadership', () => {
  it('runs leader-elected when leadership is gained and nothing (but a resign) when lost', () => {
    const r = remote({ leader: false });
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    s.remote = { ...r, leader: true };
    assert.deepEqual(runUntilIdle(s), ['leader-elected']);
    s.remote = { ...r, leader: false };
    assert.deepEqual(runUntilIdle(s), ['resign-leadership']);
    assert.equal(s.local.leader, false);
  });

  it('runs no leader hook while a hook is in error or the unit is dying', () => {
    const r = remote({ leader: true });
    const failed = sim(
      settledLocal(r, {
        leader: false,
        op: { kind: 'run-hook', step: 'pending', hook: { kind: 'config-changed' } },
      }),
      r,
    );
    assert.deepEqual(decide(failed), { kind: 'wait', inError: true });
    const dying = sim(settledLocal(r, { leader: false, started: false }), { ...r, life: 'dying' });
    assert.deepEqual(runUntilIdle(dying), ['remove', 'terminate']);
  });
});

suite('resolver: errors and crash recovery', () => {
  const r = remote();
  const failing = { kind: 'run-hook', step: 'pending', hook: { kind: 'config-changed' } } as const;

  it('waits in error until retried, resolved, or resolved --no-retry', () => {
    const s = sim(settledLocal(r, { op: failing }), r, { leaderSettingsSeen: 0 });
    assert.deepEqual(decide(s), { kind: 'wait', inError: true });
    assert.deepEqual(decide({ ...s, retryDue: true }), { kind: 'run-hook', hook: failing.hook });
    assert.deepEqual(decide({ ...s, remote: { ...r, resolvedMode: 'retry-hooks' } }), {
      kind: 'run-hook',
      hook: failing.hook,
      clearResolved: true,
    });
    assert.deepEqual(decide({ ...s, remote: { ...r, resolvedMode: 'no-hooks' } }), {
      kind: 'skip-hook',
      hook: failing.hook,
      clearResolved: true,
    });
  });

  it('commits a skipped relation hook as if it had run', () => {
    const rr = remote({ relations: relations(relation(1, 'db', 'mysql')) });
    const hook = {
      kind: 'relation-joined',
      relationId: 1,
      remoteUnit: 'mysql/0',
      remoteApp: 'mysql',
      changeVersion: 3,
    } as const;
    const s = sim(settledLocal(rr, { op: { kind: 'run-hook', step: 'pending', hook } }), {
      ...rr,
      resolvedMode: 'no-hooks',
      relations: relations(relation(1, 'db', 'mysql', { members: { 'mysql/0': 3 } })),
    });
    assert.deepEqual(runUntilIdle(s), ['db-relation-joined mysql/0', 'db-relation-changed mysql/0']);
    assert.deepEqual(s.local.relations['1']?.members, { 'mysql/0': 3 });
  });

  it('after a crash: re-runs a queued hook, waits in error on a pending one, commits a done one', () => {
    const queued = sim(
      settledLocal(r, { op: { kind: 'run-hook', step: 'queued', hook: { kind: 'start' } } }),
      r,
    );
    assert.deepEqual(decide(queued), { kind: 'run-hook', hook: { kind: 'start' } });
    const pending = sim(
      settledLocal(r, { op: { kind: 'run-hook', step: 'pending', hook: { kind: 'install' } } }),
      r,
    );
    assert.deepEqual(decide(pending), { kind: 'wait', inError: true });
    const done = sim(
      settledLocal(r, { op: { kind: 'run-hook', step: 'done', hook: { kind: 'install' } } }),
      r,
    );
    assert.deepEqual(decide(done), { kind: 'skip-hook', hook: { kind: 'install' } });
  });

  it('resumes an interrupted charm deploy and fails an interrupted action', () => {
    const deploying = sim(
      settledLocal(r, {
        op: { kind: 'deploy', upgrade: true, charmUrl: 'local:app-9', modifiedVersion: 2, sha256: 'x' },
      }),
      r,
    );
    assert.deepEqual(decide(deploying), {
      kind: 'deploy',
      upgrade: true,
      charmUrl: 'local:app-9',
      modifiedVersion: 2,
      sha256: 'x',
    });
    const acting = sim(settledLocal(r, { op: { kind: 'run-action', actionId: '7' } }), r);
    assert.deepEqual(decide(acting), { kind: 'fail-action', actionId: '7' });
  });
});

suite('resolver: actions', () => {
  it('runs pending actions when idle, oldest first, after a queued hook', () => {
    const r = remote({ pendingActions: ['4', '5'] });
    const s = sim(
      settledLocal(r, { started: false, op: { kind: 'run-hook', step: 'queued', hook: { kind: 'start' } } }),
      r,
      {
        leaderSettingsSeen: 0,
      },
    );
    assert.deepEqual(runUntilIdle(s), ['start', 'run-action', 'run-action']);
  });

  it('runs actions while a hook is in error, and not before install', () => {
    const r = remote({ pendingActions: ['4'] });
    const s = sim(
      settledLocal(r, { op: { kind: 'run-hook', step: 'pending', hook: { kind: 'install' } } }),
      r,
    );
    assert.deepEqual(decide(s), { kind: 'run-action', actionId: '4' });
    const fresh = sim(initialLocalState(), r);
    assert.equal(decide(fresh).kind, 'deploy');
  });
});

suite('resolver: simulator sanity', () => {
  it('apply() of a deploy queues install', () => {
    const s = sim(initialLocalState(), remote());
    const d = decide(s);
    apply(s, d);
    assert.deepEqual(s.local.op, { kind: 'run-hook', step: 'queued', hook: { kind: 'install' } });
  });
});
