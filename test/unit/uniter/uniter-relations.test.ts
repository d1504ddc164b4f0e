/**
 * Relations between real unit agents (in-process controller): peers and
 * leadership, a relation added later (created, then joined always followed by
 * changed), settings changes, and removing the relation (departed, broken).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Harness, waitFor } from './harness.js';

const UNITS = ['a/0', 'a/1', 'b/0'];

describe('uniter: relations between hooktrace applications', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.deploy('a', 'testcharms/hooktrace', 2);
    await h.deploy('b', 'testcharms/hooktrace', 1);
    for (const u of UNITS) h.startUnit(u);
    await waitFor(
      'every unit started',
      () => (UNITS.every((u) => h.hooks(u).includes('start - -')) ? true : undefined),
      30_000,
    );
  });
  after(async () => {
    await h?.close();
  });

  /** hooks.log lines (first three fields) of `unit` matching `re`. */
  const lines = (unit: string, re: RegExp): string[] => h.hooks(unit).filter((l) => re.test(l));

  it('elects exactly one leader of a; the other unit gets leader-settings-changed', () => {
    const elected = ['a/0', 'a/1'].filter((u) => h.hooks(u).includes('leader-elected - -'));
    assert.equal(elected.length, 1, JSON.stringify(['a/0', 'a/1'].map((u) => h.hooks(u))));
    const other = elected[0] === 'a/0' ? 'a/1' : 'a/0';
    assert.ok(h.hooks(other).includes('leader-settings-changed - -'));
    assert.equal(h.services.leadership.leader(h.modelUuid, 'a'), elected[0]);
    for (const u of ['a/0', 'a/1']) {
      const hooks = h.hooks(u);
      assert.deepEqual(hooks.slice(0, 2), ['install - -', 'peer-relation-created - peer:0']);
      assert.deepEqual(hooks.slice(3, 5), ['config-changed - -', 'start - -']);
    }
  });

  it('joins peers, each joined followed at once by changed', async () => {
    await waitFor('peers joined', () =>
      lines('a/0', /^peer-relation-changed a\/1/).length > 0 &&
      lines('a/1', /^peer-relation-changed a\/0/).length > 0
        ? true
        : undefined,
    );
    for (const [u, other] of [
      ['a/0', 'a/1'],
      ['a/1', 'a/0'],
    ] as const) {
      const peer = lines(u, /^peer-relation-(joined|changed) /);
      const joined = peer.indexOf(`peer-relation-joined ${other} peer:0`);
      assert.ok(joined >= 0, peer.join('\n'));
      assert.equal(peer[joined + 1], `peer-relation-changed ${other} peer:0`);
    }
    const full = h.hooksLog('a/0').find((l) => l.startsWith('peer-relation-joined'));
    assert.equal(full, 'peer-relation-joined a/1 peer:0 app=a members=a/1');
  });

  it('runs relation-created then joined/changed for every remote unit when related', async () => {
    const res = await h.admin.call<{ endpoints: Record<string, unknown> }>('Application', 'AddRelation', {
      endpoints: ['a:source', 'b:sink'],
    });
    assert.ok(res.endpoints);
    const id = h.services.relation.forApplication(h.modelUuid, 'b').find((r) => !r.isPeer)?.id;
    assert.notEqual(id, undefined);
    await waitFor('relation joined everywhere', () =>
      lines('b/0', /^sink-relation-changed a\/1/).length > 0 &&
      lines('a/0', /^source-relation-changed b\/0/).length > 0 &&
      lines('a/1', /^source-relation-changed b\/0/).length > 0
        ? true
        : undefined,
    );
    assert.deepEqual(lines('b/0', /^sink-relation/), [
      `sink-relation-created - sink:${id}`,
      `sink-relation-joined a/0 sink:${id}`,
      `sink-relation-changed a/0 sink:${id}`,
      `sink-relation-joined a/1 sink:${id}`,
      `sink-relation-changed a/1 sink:${id}`,
    ]);
    for (const u of ['a/0', 'a/1']) {
      assert.deepEqual(lines(u, /^source-relation/), [
        `source-relation-created - source:${id}`,
        `source-relation-joined b/0 source:${id}`,
        `source-relation-changed b/0 source:${id}`,
      ]);
    }
    // relation-list inside joined already lists the joining unit.
    assert.ok(h.hooksLog('b/0').includes(`sink-relation-joined a/0 sink:${id} app=a members=a/0`));
  });

  it('runs relation-changed on the other side when a unit commits new settings', async () => {
    const before0 = lines('a/0', /^source-relation-changed b\/0/).length;
    const res = await h.admin.call<{ results: { error?: { message: string } }[] }>(
      'Application',
      'SetConfigs',
      {
        Args: [{ application: 'b', config: { label: 'hello' } }],
      },
    );
    assert.equal(res.results[0]?.error, undefined);
    await waitFor('a/0 to see the new label', () =>
      lines('a/0', /^source-relation-changed b\/0/).length > before0 ? true : undefined,
    );
    const id = h.services.relation.forApplication(h.modelUuid, 'b').find((r) => !r.isPeer)?.id ?? -1;
    assert.equal(h.services.relation.unitSettings(h.modelUuid, id, 'b/0').settings.label, 'hello');
    // config-changed refreshed the address keys too.
    assert.equal(
      h.services.relation.unitSettings(h.modelUuid, id, 'b/0').settings['private-address'],
      '127.0.0.1',
    );
  });

  it('departs every unit and breaks the relation when it is removed', async () => {
    const id = h.services.relation.forApplication(h.modelUuid, 'b').find((r) => !r.isPeer)?.id ?? -1;
    await h.admin.call('Application', 'DestroyRelation', { endpoints: ['a:source', 'b:sink'] });
    await waitFor('broken everywhere', () =>
      UNITS.every((u) => h.hooks(u).some((l) => /-relation-broken /.test(l))) ? true : undefined,
    );
    assert.deepEqual(lines('b/0', /^sink-relation-(departed|broken)/), [
      `sink-relation-departed a/0 sink:${id}`,
      `sink-relation-departed a/1 sink:${id}`,
      `sink-relation-broken - sink:${id}`,
    ]);
    for (const u of ['a/0', 'a/1']) {
      assert.deepEqual(lines(u, /^source-relation-(departed|broken)/), [
        `source-relation-departed b/0 source:${id}`,
        `source-relation-broken - source:${id}`,
      ]);
    }
    // Departed names the remote unit; broken no longer lists the relation's units.
    assert.ok(
      h.hooksLog('a/0').includes(`source-relation-departed b/0 source:${id} app=b members=- departing=b/0`),
    );
    await waitFor('the relation to go', () => {
      try {
        h.services.relation.get(h.modelUuid, id);
        return undefined;
      } catch {
        return true;
      }
    });
  });
});
