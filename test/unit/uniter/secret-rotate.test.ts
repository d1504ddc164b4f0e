/**
 * secret-rotate and secret-expired (charm-contract §7): the resolver's order
 * (expired, rotate, changed, remove) and once-per-due-time rule, what their
 * commits remember, their JUJU_SECRET_* variables, the watcher's due timer,
 * and the SecretsManager facade carrying due rotations/expiries and
 * `SecretsRotated` over a real controller database on a manual clock.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access --
   replies are checked as the untyped JSON a client would receive. */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { AuthInfo, CallContext, FacadeDefinition } from '../../../src/controller/apiserver/types.js';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { secretFacades } from '../../../src/controller/facades/secrets-manager.js';
import { uniterFacade } from '../../../src/controller/facades/uniter.js';
import { WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import { ErrorCode } from '../../../src/core/errors.js';
import { commitHook } from '../../../src/agent/uniter/hook-commit.js';
import { nextDecision } from '../../../src/agent/uniter/resolver.js';
import {
  nextSecretHook,
  secretHookEnv,
  type SecretsSnapshot,
} from '../../../src/agent/uniter/secret-resolver.js';
import { MIN_DUE_DELAY_MS, dueDelay } from '../../../src/agent/uniter/secrets-watcher.js';
import { deployCharm, startAgent } from '../domain/charm-fixtures.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';
import { UNIT, remote, settledLocal } from './resolver-sim.js';

const ID = 'cqpe0a1ig4tc7kc2lhmg';
const OTHER = 'cqpe0a1ig4tc7kc2lhn0';
const T1 = '2026-11-25T11:00:00.000Z';
const T2 = '2026-11-25T11:05:00.000Z';
const snapshot = (s: Partial<SecretsSnapshot>): SecretsSnapshot => ({ consumed: [], obsolete: [], ...s });

describe('secret-rotate and secret-expired in the resolver', () => {
  it('runs expired, then rotate, then changed; each once per due time', () => {
    const s = snapshot({
      consumed: [{ id: OTHER, label: 'theirs', currentRevision: 1, latestRevision: 2 }],
      rotate: [{ id: ID, label: 'pw', ownerKind: 'application', nextRotateTime: T1, latestRevision: 3 }],
      expired: [{ id: ID, label: 'pw', ownerKind: 'application', revision: 2, dueTime: T1 }],
    });
    const r = remote({ leader: true, secrets: s });
    let local = settledLocal(r);
    const d = nextDecision({
      unitName: UNIT,
      local,
      remote: r,
      leaderSettingsSeen: r.leaderSettingsVersion,
      updateStatusDue: false,
      retryDue: false,
    });
    assert.deepEqual(d, {
      kind: 'run-hook',
      hook: { kind: 'secret-expired', secretId: ID, secretLabel: 'pw', secretRevision: 2, secretDueTime: T1 },
    });
    if (d.kind !== 'run-hook') return;
    local = commitHook(local, d.hook);
    assert.deepEqual(local.secretsExpired, { [`${ID}/2`]: T1 });
    const rotate = nextSecretHook(local, s, true, true);
    assert.deepEqual(rotate, {
      kind: 'secret-rotate',
      secretId: ID,
      secretLabel: 'pw',
      secretRevision: 3,
      secretDueTime: T1,
    });
    local = commitHook(local, rotate ?? { kind: 'secret-rotate' });
    assert.deepEqual(local.secretsRotated, { [ID]: T1 });
    assert.deepEqual(local.op, { kind: 'continue' });
    // Both done for these due times (the snapshot may be stale): on to secret-changed.
    assert.equal(nextSecretHook(local, s, true, true)?.kind, 'secret-changed');
    local = commitHook(local, nextSecretHook(local, s, true, true) ?? { kind: 'secret-changed' });
    assert.equal(nextSecretHook(local, s, true, true), undefined);
    // New due times (retry boundary, rescheduled rotation) run the hooks again.
    const later = snapshot({
      rotate: [{ id: ID, label: 'pw', ownerKind: 'application', nextRotateTime: T2, latestRevision: 3 }],
      expired: [{ id: ID, label: 'pw', ownerKind: 'application', revision: 2, dueTime: T2 }],
    });
    assert.equal(nextSecretHook(local, later, true, true)?.kind, 'secret-expired');
    local = commitHook(local, nextSecretHook(local, later, true, true) ?? { kind: 'secret-expired' });
    assert.equal(nextSecretHook(local, later, true, true)?.secretDueTime, T2);
  });

  it('leaves application secrets to the leader and waits while busy or dying', () => {
    const app = snapshot({
      rotate: [{ id: ID, label: '', ownerKind: 'application', nextRotateTime: T1, latestRevision: 1 }],
      expired: [{ id: ID, label: '', ownerKind: 'application', revision: 1, dueTime: T1 }],
    });
    const local = settledLocal(remote());
    assert.equal(nextSecretHook(local, app, true, false), undefined);
    assert.equal(nextSecretHook(local, app, false, true), undefined);
    assert.equal(nextSecretHook({ ...local, installed: false }, app, true, true), undefined);
    const unit = snapshot({
      rotate: [{ id: ID, label: '', ownerKind: 'unit', nextRotateTime: T1, latestRevision: 1 }],
    });
    assert.equal(nextSecretHook(local, unit, true, false)?.kind, 'secret-rotate');
  });

  it('exports JUJU_SECRET_ID and _LABEL, and _REVISION only for secret-expired', () => {
    assert.deepEqual(
      secretHookEnv({ kind: 'secret-rotate', secretId: ID, secretLabel: 'pw', secretRevision: 3 }),
      { JUJU_SECRET_ID: `secret:${ID}`, JUJU_SECRET_LABEL: 'pw' },
    );
    assert.deepEqual(secretHookEnv({ kind: 'secret-expired', secretId: ID, secretRevision: 2 }), {
      JUJU_SECRET_ID: `secret:${ID}`,
      JUJU_SECRET_LABEL: '',
      JUJU_SECRET_REVISION: '2',
    });
  });

  it('times the next read for the due time, clamped', () => {
    const now = Date.parse(T1);
    assert.equal(dueDelay(undefined, now), undefined);
    assert.equal(dueDelay('', now), undefined);
    assert.equal(dueDelay(T2, now), 5 * 60_000);
    // A controller clock behind ours cannot make the agent spin.
    assert.equal(dueDelay(T1, now + 10_000), MIN_DUE_DELAY_MS);
    assert.equal(dueDelay('2026-12-25T11:00:00.000Z', now), 3_600_000);
  });
});

describe('SecretsManager rotation and expiry', () => {
  let f: BootstrappedFixture;
  let manager: FacadeDefinition;
  let uniter: FacadeDefinition;
  let model: string;
  const abort = new AbortController();
  const as = async (
    unit: string,
    facade: FacadeDefinition,
    method: string,
    params?: unknown,
  ): Promise<any> => {
    const auth: AuthInfo = {
      tag: `unit-${unit.replace('/', '-')}`,
      kind: 'unit',
      modelUuid: model,
      entityId: unit,
    };
    const ctx: CallContext = {
      conn: {
        id: '1',
        kind: 'model',
        modelUuid: model,
        remoteAddress: '127.0.0.1:1',
        auth,
        signal: abort.signal,
      },
      facade: facade.name,
      version: 2,
      method,
      id: '',
      requestId: 1,
    };
    const handler = facade.methods[method];
    assert.ok(handler, `no method ${method}`);
    return await handler(ctx, params);
  };

  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'rot', owner: 'admin', cloud: 'local' }).uuid;
    const hub = new ChangeHub();
    f.db.onCommit(() => hub.bump());
    const deps: FacadeDeps = {
      services: f.services,
      hub,
      watchers: new WatcherRegistry(hub),
      objectStoreDir: tmpdir(),
      apiAddresses: () => ['127.0.0.1:17070'],
      stopInstances: () => Promise.resolve(),
      log: () => undefined,
    };
    uniter = uniterFacade(deps);
    [manager] = secretFacades(deps) as [FacadeDefinition];
    deployCharm(f.services, model, 'mysql', 'db', 1);
    startAgent(f.services, model, 'db/0');
  });
  after(() => {
    abort.abort();
    f.close();
  });

  it('shows a due rotation and expiry in the remote state, and SecretsRotated moves the rotation on', async () => {
    const t0 = f.clock.now().getTime();
    const uris = await as('db/0', manager, 'CreateSecretURIs', { count: 1 });
    const uri: string = uris.results[0].result;
    const expire = new Date(t0 + 60_000).toISOString();
    const commit = await as('db/0', uniter, 'CommitHookChanges', {
      args: [
        {
          tag: 'unit-db-0',
          'secret-creates': [
            {
              uri,
              'owner-tag': 'unit-db-0',
              label: 'key',
              'rotate-policy': 'hourly',
              'expire-time': expire,
              content: { data: { key: Buffer.from('k').toString('base64') } },
            },
          ],
        },
      ],
    });
    assert.equal(commit.results[0].error, undefined);
    const before = await as('db/0', manager, 'SecretsRemoteState', { entities: [{ tag: 'unit-db-0' }] });
    assert.deepEqual(before.results[0].result, { consumed: [], obsolete: [], 'next-due-time': expire });

    f.clock.advance(61_000);
    const due = await as('db/0', manager, 'SecretsRemoteState', { entities: [{ tag: 'unit-db-0' }] });
    assert.deepEqual(due.results[0].result, {
      consumed: [],
      obsolete: [],
      // Rotation was pulled in to the expiry of the latest revision.
      rotate: [{ uri, label: 'key', 'owner-kind': 'unit', 'next-rotate-time': expire, 'latest-revision': 1 }],
      expired: [
        { uri, label: 'key', 'owner-kind': 'unit', revision: 1, 'expire-time': expire, 'due-time': expire },
      ],
      'next-due-time': new Date(t0 + 60_000 + 5 * 60_000).toISOString(),
    });

    const rotated = await as('db/0', manager, 'SecretsRotated', { args: [{ uri, 'original-revision': 1 }] });
    assert.deepEqual(rotated, { results: [{}] });
    const md = f.services.secret.get(model, uri.replace(/^secret:/, ''));
    assert.equal(md.nextRotateTime, new Date(t0 + 61_000 + 5 * 60_000).toISOString());
    const after = await as('db/0', manager, 'SecretsRemoteState', { entities: [{ tag: 'unit-db-0' }] });
    assert.equal(after.results[0].result.rotate, undefined);

    const missing = await as('db/0', manager, 'SecretsRotated', {
      args: [{ uri: `secret:${ID}`, 'original-revision': 1 }],
    });
    assert.equal(missing.results[0].error.code, ErrorCode.NotFound);
  });
});
