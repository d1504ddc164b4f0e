/**
 * The SecretsManager and Secrets facades over a real controller database:
 * URIs, a hook commit carrying secrets through the Uniter facade, owned
 * metadata, content with tracking, the secrets remote state and its watcher,
 * and the client's ListSecrets.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return,
   @typescript-eslint/no-unsafe-call --
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
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { deployCharm, startAgent } from '../domain/charm-fixtures.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('SecretsManager and Secrets facades', () => {
  let f: BootstrappedFixture;
  let deps: FacadeDeps;
  let uniter: FacadeDefinition;
  let manager: FacadeDefinition;
  let secrets: FacadeDefinition;
  let model: string;
  const abort = new AbortController();

  const ctx = (auth: AuthInfo | null): CallContext => ({
    conn: {
      id: '1',
      kind: 'model',
      modelUuid: model,
      remoteAddress: '127.0.0.1:1',
      auth,
      signal: abort.signal,
    },
    facade: 'SecretsManager',
    version: 2,
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
  const call = async (
    facade: FacadeDefinition,
    auth: AuthInfo,
    method: string,
    params?: unknown,
  ): Promise<any> => {
    const handler = facade.methods[method];
    assert.ok(handler, `no method ${method}`);
    return await handler(ctx(auth), params);
  };
  const as = (unit: string, method: string, params?: unknown, facade = manager): Promise<any> =>
    call(facade, unitAuth(unit), method, params);

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
    [manager, secrets] = secretFacades(deps) as [FacadeDefinition, FacadeDefinition];
    deployCharm(f.services, model, 'mysql', 'db', 1);
    deployCharm(f.services, model, 'wordpress', 'wp', 1);
    for (const u of ['db/0', 'wp/0']) startAgent(f.services, model, u);
    f.services.leadership.claim(model, 'db', 'db/0');
    f.services.relation.add(model, ['db', 'wp']);
  });
  after(() => {
    abort.abort();
    f.close();
  });

  it('carries a hook secret commit from the agent to content a grantee can read', async () => {
    assert.throws(
      () => manager.methods.CreateSecretURIs?.(ctx({ tag: 'user-admin', kind: 'user' }), { count: 1 }),
      (err: unknown) => isJujuError(err, ErrorCode.Unauthorized),
    );
    const uris = await as('db/0', 'CreateSecretURIs', { count: 2 });
    assert.equal(uris.results.length, 2);
    const uri: string = uris.results[0].result;
    assert.match(uri, /^secret:[0-9a-v]{20}$/);
    const commit = await as(
      'db/0',
      'CommitHookChanges',
      {
        args: [
          {
            tag: 'unit-db-0',
            'secret-creates': [
              {
                uri,
                'owner-tag': 'application-db',
                label: 'pw',
                content: { data: { password: b64('one') } },
              },
            ],
            'secret-grants': [
              {
                uri,
                'scope-tag': 'relation-wp.db#db.server',
                'subject-tags': ['application-wp'],
                role: 'view',
              },
            ],
          },
        ],
      },
      uniter,
    );
    assert.deepEqual(commit, { results: [{}] });
    const md = await as('db/0', 'GetSecretMetadata');
    assert.equal(md.results.length, 1);
    assert.equal(md.results[0].uri, uri);
    assert.equal(md.results[0]['owner-tag'], 'application-db');
    assert.equal(md.results[0].label, 'pw');
    assert.equal(md.results[0]['latest-revision'], 1);
    assert.deepEqual(md.results[0].access, [
      { 'target-tag': 'application-wp', 'scope-tag': 'relation-wp.db#db.server', role: 'view' },
    ]);
    assert.deepEqual((await as('wp/0', 'GetSecretMetadata')).results, []);
    const content = await as('wp/0', 'GetSecretContentInfo', {
      args: [{ uri, label: 'mine' }, { label: 'nope' }],
    });
    assert.deepEqual(content.results[0], {
      content: { data: { password: b64('one') } },
      'latest-revision': 1,
    });
    assert.equal(content.results[1].error.message, 'consumer label "nope" not found');
    const info = await as('wp/0', 'GetConsumerSecretsRevisionInfo', {
      'consumer-tag': 'unit-wp-0',
      uris: [uri, 'bad'],
    });
    assert.deepEqual(info.results[0], { revision: 1, label: 'mine' });
    assert.equal(info.results[1].error.message, 'secret URI "bad" not valid');
  });

  it('watches the secrets remote state and lists secrets for clients', async () => {
    const uri: string = (await as('db/0', 'GetSecretMetadata')).results[0].uri;
    const w = await as('wp/0', 'WatchSecretsRemoteState', { entities: [{ tag: 'unit-wp-0' }] });
    const id: string = w.results[0]['notify-watcher-id'];
    const fired = deps.watchers.next(ctx(unitAuth('wp/0')).conn, id);
    await as(
      'db/0',
      'CommitHookChanges',
      {
        args: [
          { tag: 'unit-db-0', 'secret-updates': [{ uri, content: { data: { password: b64('two') } } }] },
        ],
      },
      uniter,
    );
    await fired;
    const state = await as('wp/0', 'SecretsRemoteState', { entities: [{ tag: 'unit-wp-0' }] });
    assert.deepEqual(state.results[0].result, {
      consumed: [{ uri, label: 'mine', 'current-revision': 1, 'latest-revision': 2 }],
      obsolete: [],
    });
    const consumed = await as('wp/0', 'WatchConsumedSecretsChanges', { entities: [{ tag: 'unit-wp-0' }] });
    assert.deepEqual(consumed.results[0].changes, [uri]);
    assert.ok(consumed.results[0]['watcher-id']);
    // Revision 1 is still tracked by wp/0.
    const obsolete = await as('db/0', 'WatchObsolete', { entities: [{ tag: 'application-db' }] });
    assert.deepEqual(obsolete.results[0].changes, []);
    await as('wp/0', 'GetSecretContentInfo', { args: [{ uri, refresh: true }] });
    const after = await as('db/0', 'WatchObsolete', { entities: [{ tag: 'application-db' }] });
    assert.deepEqual(after.results[0].changes, [`${uri}/1`]);
    const other = await as('wp/0', 'SecretsRemoteState', { entities: [{ tag: 'unit-db-0' }] });
    assert.equal(other.results[0].error.code, ErrorCode.Unauthorized);

    const admin: AuthInfo = { tag: 'user-admin', kind: 'user' };
    const listed = await call(secrets, admin, 'ListSecrets', { filter: { 'owner-tag': 'application-db' } });
    assert.equal(listed.results.length, 1);
    assert.equal(listed.results[0]['latest-revision'], 2);
    assert.equal(listed.results[0].value, undefined);
    const revealed = await call(secrets, admin, 'ListSecrets', {
      'show-secrets': true,
      filter: { uri, revision: 1 },
    });
    assert.deepEqual(revealed.results[0].value, { data: { password: b64('one') } });
    assert.deepEqual(
      revealed.results[0].revisions.map((r: any) => r.revision),
      [1, 2],
    );
  });
});
