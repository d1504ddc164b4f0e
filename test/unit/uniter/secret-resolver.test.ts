/**
 * The secrets step of the resolver (charm-contract §2.2, §7): secret-changed
 * for consumers, secret-remove for owners, what their commits remember, the
 * JUJU_SECRET_* environment, and the secret parts of the hook commit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitHook } from '../../../src/agent/uniter/hook-commit.js';
import { nextDecision } from '../../../src/agent/uniter/resolver.js';
import { secretCommitArgs } from '../../../src/agent/uniter/secret-commit-args.js';
import {
  nextSecretHook,
  secretHookEnv,
  type SecretsSnapshot,
} from '../../../src/agent/uniter/secret-resolver.js';
import { UNIT, remote, settledLocal } from './resolver-sim.js';

const ID = 'cqpe0a1ig4tc7kc2lhmg';
const snapshot = (s: Partial<SecretsSnapshot>): SecretsSnapshot => ({ consumed: [], obsolete: [], ...s });

describe('secret resolver', () => {
  it('runs secret-changed once per new revision a consumer does not track', () => {
    const r = remote({
      secrets: snapshot({ consumed: [{ id: ID, label: 'db', currentRevision: 1, latestRevision: 2 }] }),
    });
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
      hook: { kind: 'secret-changed', secretId: ID, secretLabel: 'db', secretRevision: 2 },
    });
    if (d.kind !== 'run-hook') return;
    local = commitHook(local, d.hook);
    assert.deepEqual(local.secretsChanged, { [ID]: 2 });
    assert.deepEqual(local.op, { kind: 'continue' });
    // Not refreshed by the charm: no second hook for the same revision...
    assert.equal(nextSecretHook(local, r.secrets, true, true), undefined);
    // ...but a third revision announces again.
    const r3 = snapshot({ consumed: [{ id: ID, label: 'db', currentRevision: 1, latestRevision: 3 }] });
    assert.equal(nextSecretHook(local, r3, true, true)?.secretRevision, 3);
    // Tracking the latest already: nothing.
    const seen = snapshot({ consumed: [{ id: ID, label: '', currentRevision: 3, latestRevision: 3 }] });
    assert.equal(nextSecretHook(settledLocal(r), seen, true, true), undefined);
  });

  it('runs secret-remove per obsolete revision, application secrets on the leader only', () => {
    const s = snapshot({
      obsolete: [{ id: ID, label: 'creds', ownerKind: 'application', revisions: [1, 2] }],
    });
    const r = remote({ secrets: s });
    let local = settledLocal(r);
    assert.equal(nextSecretHook(local, s, true, false), undefined);
    const first = nextSecretHook(local, s, true, true);
    assert.deepEqual(first, { kind: 'secret-remove', secretId: ID, secretLabel: 'creds', secretRevision: 1 });
    local = commitHook(local, first ?? { kind: 'secret-remove' });
    assert.equal(nextSecretHook(local, s, true, true)?.secretRevision, 2);
    const unitOwned = snapshot({ obsolete: [{ id: ID, label: '', ownerKind: 'unit', revisions: [4] }] });
    assert.equal(nextSecretHook(local, unitOwned, true, false)?.secretRevision, 4);
  });

  it('waits while not idle, not installed or dying', () => {
    const s = snapshot({ consumed: [{ id: ID, label: '', currentRevision: 1, latestRevision: 2 }] });
    const local = settledLocal(remote());
    assert.equal(nextSecretHook({ ...local, installed: false }, s, true, true), undefined);
    assert.equal(nextSecretHook(local, s, false, true), undefined);
    assert.equal(
      nextSecretHook(
        { ...local, op: { kind: 'run-hook', step: 'queued', hook: { kind: 'start' } } },
        s,
        true,
        true,
      ),
      undefined,
    );
    assert.equal(nextSecretHook(local, undefined, true, true), undefined);
  });

  it('exports JUJU_SECRET_ID and _LABEL, and _REVISION for secret-remove', () => {
    assert.deepEqual(
      secretHookEnv({ kind: 'secret-changed', secretId: ID, secretLabel: 'db', secretRevision: 2 }),
      {
        JUJU_SECRET_ID: `secret:${ID}`,
        JUJU_SECRET_LABEL: 'db',
      },
    );
    assert.deepEqual(secretHookEnv({ kind: 'secret-remove', secretId: ID, secretRevision: 1 }), {
      JUJU_SECRET_ID: `secret:${ID}`,
      JUJU_SECRET_LABEL: '',
      JUJU_SECRET_REVISION: '1',
    });
    assert.deepEqual(secretHookEnv({ kind: 'install' }), {});
  });

  it('sends hook secret changes in Juju wire form', () => {
    const args = secretCommitArgs('unit-my-app-0', {
      relationSettings: [],
      openPorts: [],
      closePorts: [],
      storageAdd: [],
      secretCreates: [{ id: ID, owner: 'application', label: 'l', content: { k: 'dg==' } }],
      secretUpdates: [
        { id: ID, currentRevision: 1, rotatePolicy: 'daily', expireTime: '2030-01-01T00:00:00Z' },
      ],
      secretDeletes: [{ id: ID, revisions: [1] }],
      secretGrants: [{ id: ID, relationKey: 'a:x b:y', application: 'b', role: 'view' }],
      secretRevokes: [{ id: ID, unit: 'b/1', role: 'view' }],
      secretTrackLatest: [ID],
      reboot: 'none',
      updateNetworkInfo: false,
    });
    assert.deepEqual(args, {
      'secret-creates': [
        {
          uri: `secret:${ID}`,
          'owner-tag': 'application-my-app',
          label: 'l',
          content: { data: { k: 'dg==' } },
        },
      ],
      'secret-updates': [
        { uri: `secret:${ID}`, 'rotate-policy': 'daily', 'expire-time': '2030-01-01T00:00:00Z' },
      ],
      'secret-deletes': [{ uri: `secret:${ID}`, revisions: [1] }],
      'secret-grants': [
        {
          uri: `secret:${ID}`,
          'scope-tag': 'relation-a.x#b.y',
          'subject-tags': ['application-b'],
          role: 'view',
        },
      ],
      'secret-revokes': [{ uri: `secret:${ID}`, 'subject-tags': ['unit-b-1'], role: 'view' }],
      'secret-track-latest': [`secret:${ID}`],
    });
  });
});
