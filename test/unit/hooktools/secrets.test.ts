/**
 * Conformance of the secret tools (§4.1, §7) and of the pending-change rules the
 * context applies to them (§5.2): tracking, labels, merging, grants and removal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SecretRecord } from '../../../src/agent/hooktools/in-memory-context.js';
import { parseSecretUri } from '../../../src/agent/hooktools/secret-uri.js';
import { MODEL_UUID, newContext, runTool, toolCases } from './helpers.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const OWNED = 'cqpe0a1ig4tc7kc2lhmg';
const CONSUMED = 'd0abcdefghijklmnopq0';
const FOREIGN = 'd1abcdefghijklmnopq0';
const UNKNOWN = 'd2abcdefghijklmnopq0';

function records(): SecretRecord[] {
  return [
    {
      id: OWNED,
      ownerKind: 'application',
      ownerName: 'mysql',
      label: 'db-pass',
      rotatePolicy: 'daily',
      expireTime: '2025-01-01T06:06:06Z',
      revisions: { 1: { password: b64('one') }, 2: { password: b64('two') } },
      trackedRevision: 1,
    },
    {
      id: CONSUMED,
      ownerKind: 'application',
      ownerName: 'vault',
      access: [{ target: 'application-mysql', scope: 'relation-mysql.certs#vault.certs', role: 'view' }],
      consumerLabel: 'tls',
      revisions: { 1: { cert: b64('c1') }, 3: { cert: b64('c3') } },
      trackedRevision: 1,
    },
    { id: FOREIGN, ownerKind: 'application', ownerName: 'other', revisions: { 1: { k: b64('v') } } },
  ];
}

const withSecrets = (extra: object = {}) => ({ secrets: records(), ...extra });
const outsideRelationHook = { hookRelationId: undefined, remoteUnit: undefined, remoteApp: undefined };

describe('secret-add', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hooktools-secret-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'password'), 's3cret\n');
  writeFileSync(join(dir, 'content.yaml'), 'username: admin\npassword: pw\n');

  toolCases('secret-add', [
    {
      title: 'ops argv with #file (read during the call)',
      args: [
        '--label',
        'db',
        '--description',
        'd',
        '--owner',
        'application',
        `password#file=${join(dir, 'password')}`,
      ],
      stdout: /^secret:\/\/a1b2c3d4-1111-4222-8333-444455556666\/[0-9a-v]{20}\n$/,
      check: (ctx) => {
        const [create] = ctx.changes().buffered.secretCreates;
        assert.deepEqual(
          { ...create, id: 'x' },
          {
            id: 'x',
            owner: 'application',
            content: { password: b64('s3cret\n') },
            label: 'db',
            description: 'd',
          },
        );
      },
    },
    {
      title: 'unit owned by a non-leader',
      args: ['--owner', 'unit', 'token=x'],
      data: { leader: false },
      stdout: /^secret:\/\//,
      check: (ctx) => assert.equal(ctx.changes().buffered.secretCreates[0]?.owner, 'unit'),
    },
    {
      title: 'app owned by a non-leader',
      args: ['token=x'],
      data: { leader: false },
      code: 1,
      stderr: 'ERROR this unit is not the leader\n',
    },
    { title: 'nothing', args: [], code: 2, stderr: 'ERROR missing secret value or filename\n' },
    { title: 'uppercase key', args: ['X1y=1'], code: 2, stderr: 'ERROR key "X1y" not valid\n' },
    { title: 'short key', args: ['ab=1'], code: 2, stderr: 'ERROR key "ab" not valid\n' },
    { title: 'no value', args: ['novalue'], code: 2, stderr: 'ERROR key value "novalue" not valid\n' },
    {
      title: '#base64 is stored as given, padding kept',
      args: ['key#base64=AA=='],
      stdout: /^secret:/,
      check: (ctx) => assert.deepEqual(ctx.changes().buffered.secretCreates[0]?.content, { key: 'AA==' }),
    },
    {
      title: 'value too large',
      args: [`big=${'x'.repeat(9000)}`],
      code: 2,
      stderr: 'ERROR secret content for key "big" too large: 9000 bytes\n',
    },
    {
      title: '--file YAML relative to cwd',
      args: ['--file', 'content.yaml'],
      cwd: dir,
      stdout: /^secret:/,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.secretCreates[0]?.content, {
          username: b64('admin'),
          password: b64('pw'),
        }),
    },
    {
      title: 'ops <= 3.3 --expire isoformat',
      args: ['--expire', '2025-01-01T06:06:06.123456+00:00', 'token=x'],
      stdout: /^secret:/,
      check: (ctx) =>
        assert.equal(ctx.changes().buffered.secretCreates[0]?.expireTime, '2025-01-01T06:06:06.123456Z'),
    },
    {
      title: 'ops >= 3.4 --expire with offset',
      args: ['--expire', '2025-01-01T08:06:06+02:00', 'token=x'],
      stdout: /^secret:/,
      check: (ctx) =>
        assert.equal(ctx.changes().buffered.secretCreates[0]?.expireTime, '2025-01-01T06:06:06Z'),
    },
    {
      title: '--expire without zone is UTC',
      args: ['--expire', '2025-01-01T06:06:06', 'token=x'],
      stdout: /^secret:/,
      check: (ctx) =>
        assert.equal(ctx.changes().buffered.secretCreates[0]?.expireTime, '2025-01-01T06:06:06Z'),
    },
    {
      title: '--expire duration',
      args: ['--expire', '24h', '--rotate', 'monthly', 'token=x'],
      stdout: /^secret:/,
      check: (ctx) => {
        const c = ctx.changes().buffered.secretCreates[0];
        const delta = Date.parse(c?.expireTime ?? '') - Date.now();
        assert.ok(delta > 23.9 * 3600e3 && delta <= 24 * 3600e3, String(delta));
        assert.equal(c?.rotatePolicy, 'monthly');
      },
    },
    {
      title: 'bad expire',
      args: ['--expire', 'nope', 'a1b=1'],
      code: 2,
      stderr: 'ERROR expire time or duration "nope" not valid\n',
    },
    {
      title: 'bad rotate',
      args: ['--rotate', 'sometimes', 'a1b=1'],
      code: 2,
      stderr: 'ERROR rotate policy "sometimes" not valid\n',
    },
    {
      title: 'bad owner',
      args: ['--owner', 'app', 'a1b=1'],
      code: 2,
      stderr: 'ERROR secret owner "app" not valid\n',
    },
    {
      title: 'missing #file',
      args: ['key#file=missing'],
      cwd: '/tmp',
      code: 2,
      stderr: 'ERROR reading content for secret key "key": open /tmp/missing: no such file or directory\n',
    },
  ]);
});

describe('secret-get', () => {
  const data = withSecrets();
  toolCases('secret-get', [
    {
      title: 'tracked revision',
      args: ['--format=json', `secret:${CONSUMED}`],
      data,
      stdout: '{"cert":"c1"}\n',
    },
    {
      title: 'ops <= 3.3 argv order',
      args: [`secret://${MODEL_UUID}/${CONSUMED}`, '--format=json'],
      data,
      stdout: '{"cert":"c1"}\n',
    },
    { title: 'bare xid', args: [CONSUMED, '--format=json'], data, stdout: '{"cert":"c1"}\n' },
    { title: 'yaml by default', args: [CONSUMED], data, stdout: 'cert: c1\n' },
    {
      title: '--peek reads the latest once',
      args: ['--format=json', CONSUMED, '--peek'],
      data,
      stdout: '{"cert":"c3"}\n',
      check: async (ctx) =>
        assert.equal((await runTool(ctx, 'secret-get', [CONSUMED, 'cert'])).stdout, 'c1\n'),
    },
    {
      title: '--refresh tracks the latest',
      args: ['--format=json', CONSUMED, '--refresh'],
      data,
      stdout: '{"cert":"c3"}\n',
      check: async (ctx) => {
        assert.equal((await runTool(ctx, 'secret-get', [CONSUMED, 'cert'])).stdout, 'c3\n');
        assert.deepEqual(ctx.changes().immediate.secretConsumerUpdates, [
          { id: CONSUMED, trackedRevision: 3 },
        ]);
      },
    },
    { title: 'consumer label', args: ['--format=json', '--label', 'tls'], data, stdout: '{"cert":"c1"}\n' },
    {
      title: 'id and label record the consumer label',
      args: ['--format=json', `secret:${CONSUMED}`, '--label', 'my-tls'],
      data,
      stdout: '{"cert":"c1"}\n',
      check: async (ctx) => {
        const r = await runTool(ctx, 'secret-get', ['--label', 'my-tls', '--format=json']);
        assert.equal(r.stdout, '{"cert":"c1"}\n');
      },
    },
    {
      title: 'owner label',
      args: ['--format=json', '--label', 'db-pass'],
      data,
      stdout: '{"password":"one"}\n',
    },
    { title: 'one key json', args: ['--format=json', CONSUMED, 'cert'], data, stdout: '"c1"\n' },
    {
      title: 'the first positional is always the ID',
      args: ['--label', 'tls', 'cert'],
      data,
      code: 2,
      stderr: 'ERROR secret URI "cert" not valid\n',
    },
    { title: 'key#base64', args: [CONSUMED, 'cert#base64'], data, stdout: `${b64('c1')}\n` },
    {
      title: 'missing key',
      args: [CONSUMED, 'nope'],
      data,
      code: 1,
      stderr: 'ERROR secret key value "nope" not found\n',
    },
    {
      title: 'unknown label',
      args: ['--label', 'nope'],
      data,
      code: 1,
      stderr: 'ERROR consumer label "nope" not found\n',
    },
    {
      title: 'unknown secret',
      args: [UNKNOWN],
      data,
      code: 1,
      stderr: `ERROR secret "${UNKNOWN}" not found\n`,
    },
    { title: 'not granted', args: [FOREIGN], data, code: 1, stderr: 'ERROR permission denied\n' },
    { title: 'nothing', args: [], data, code: 2, stderr: 'ERROR require either a secret URI or label\n' },
    {
      title: '--peek and --refresh',
      args: [CONSUMED, '--peek', '--refresh'],
      data,
      code: 2,
      stderr: 'ERROR specify one of --peek or --refresh but not both\n',
    },
    { title: 'bad URI', args: ['bad!'], data, code: 2, stderr: 'ERROR secret URI "bad!" not valid\n' },
    {
      title: 'smart is not a format here',
      args: ['--format=smart', CONSUMED],
      data,
      code: 2,
      stderr: 'ERROR invalid value "smart" for option --format: unknown format "smart"\n',
    },
  ]);

  it('returns pending content of a secret created in the same hook', async () => {
    const ctx = newContext(withSecrets());
    const uri = (await runTool(ctx, 'secret-add', ['--label', 'fresh', 'token=abc'])).stdout.trim();
    assert.equal((await runTool(ctx, 'secret-get', ['--format=json', uri])).stdout, '{"token":"abc"}\n');
    assert.equal(
      (await runTool(ctx, 'secret-get', ['--format=json', '--label', 'fresh'])).stdout,
      '{"token":"abc"}\n',
    );
  });

  it('returns pending updates only with --peek/--refresh', async () => {
    const ctx = newContext(withSecrets());
    assert.equal((await runTool(ctx, 'secret-set', [OWNED, 'password=three'])).code, 0);
    assert.equal((await runTool(ctx, 'secret-get', [OWNED, 'password'])).stdout, 'one\n');
    assert.equal((await runTool(ctx, 'secret-get', [OWNED, 'password', '--peek'])).stdout, 'three\n');
    assert.deepEqual(ctx.changes().buffered.secretTrackLatest, []);
    assert.equal((await runTool(ctx, 'secret-get', [OWNED, 'password', '--refresh'])).stdout, 'three\n');
    assert.deepEqual(ctx.changes().buffered.secretTrackLatest, [OWNED]);
  });
});

describe('secret-set', () => {
  const data = withSecrets();
  toolCases('secret-set', [
    {
      title: 'metadata only',
      args: [OWNED, '--label', 'new-label'],
      data,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.secretUpdates, [
          { id: OWNED, currentRevision: 2, label: 'new-label' },
        ]),
    },
    {
      title: 'ops >= 3.4 argv',
      args: ['--label', 'db-pass', '--owner', 'application', OWNED, 'password=x'],
      data,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.secretUpdates, [
          { id: OWNED, currentRevision: 2, label: 'db-pass', content: { password: b64('x') } },
        ]),
    },
    {
      title: 'several calls merge field by field',
      args: [OWNED, '--label', 'l', 'password=b'],
      data,
      before: [
        ['secret-set', [OWNED, 'password=a', '--rotate', 'weekly']],
        ['secret-set', [OWNED, '--description', 'd']],
      ],
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.secretUpdates, [
          {
            id: OWNED,
            currentRevision: 2,
            content: { password: b64('b') },
            rotatePolicy: 'weekly',
            description: 'd',
            label: 'l',
          },
        ]),
    },
    {
      title: 'non-leader on an application secret',
      args: [OWNED, 'password=x'],
      data: withSecrets({ leader: false }),
      code: 1,
      stderr: 'ERROR this unit is not the leader\n',
    },
    {
      title: 'unknown secret',
      args: [UNKNOWN, 'a1b=1'],
      data,
      code: 1,
      stderr: `ERROR secret "${UNKNOWN}" not found\n`,
    },
    { title: 'not the owner', args: [CONSUMED, 'a1b=1'], data, code: 1, stderr: 'ERROR permission denied\n' },
    { title: 'no URI', args: [], code: 2, stderr: 'ERROR missing secret URI\n' },
    { title: 'bad URI', args: ['nope'], code: 2, stderr: 'ERROR secret URI "nope" not valid\n' },
  ]);

  it('merges into a secret created in the same hook', async () => {
    const ctx = newContext(withSecrets());
    const uri = (await runTool(ctx, 'secret-add', ['token=one'])).stdout.trim();
    await runTool(ctx, 'secret-set', [uri, 'token=two', '--label', 'later']);
    const changes = ctx.changes().buffered;
    assert.equal(changes.secretUpdates.length, 0);
    assert.deepEqual(changes.secretCreates[0]?.content, { token: b64('two') });
    assert.equal(changes.secretCreates[0]?.label, 'later');
  });
});

describe('secret-info-get', () => {
  const data = withSecrets();
  const ownedJson = `{"${OWNED}":{"revision":2,"label":"db-pass","owner":"application","rotation":"daily","expiry":"2025-01-01T06:06:06Z"}}\n`;
  toolCases('secret-info-get', [
    { title: 'ops >= 3.4 argv by id', args: ['--format=json', OWNED], data, stdout: ownedJson },
    {
      title: 'ops <= 3.3 argv by label',
      args: ['--label', 'db-pass', '--format=json'],
      data,
      stdout: ownedJson,
    },
    {
      title: 'yaml by default',
      args: [`secret:${OWNED}`],
      data,
      stdout: `${OWNED}:\n  revision: 2\n  label: db-pass\n  owner: application\n  rotation: daily\n  expiry: "2025-01-01T06:06:06Z"\n`,
    },
    {
      title: 'consumed secrets are not visible',
      args: [CONSUMED],
      data,
      code: 1,
      stderr: `ERROR secret "${CONSUMED}" not found\n`,
    },
    { title: 'unknown label', args: ['--label', 'x'], data, code: 1, stderr: 'ERROR secret "x" not found\n' },
    {
      title: 'id and label',
      args: [OWNED, '--label', 'x'],
      data,
      code: 2,
      stderr: 'ERROR specify either a secret URI or label but not both\n',
    },
    { title: 'nothing', args: [], data, code: 2, stderr: 'ERROR require either a secret URI or label\n' },
    {
      title: 'pending metadata and grants',
      args: ['--format=json', OWNED],
      data,
      before: [
        ['secret-set', [OWNED, '--description', 'desc']],
        ['secret-grant', [OWNED, '-r', '1']],
      ],
      stdout:
        `{"${OWNED}":{"revision":2,"label":"db-pass","owner":"application","description":"desc","rotation":"daily",` +
        '"expiry":"2025-01-01T06:06:06Z","access":[{"target":"application-wordpress",' +
        '"scope":"relation-wordpress.db#mysql.server","role":"view"}]}}\n',
    },
  ]);

  it('shows a secret created in this hook at revision 1', async () => {
    const ctx = newContext(withSecrets());
    const uri = (
      await runTool(ctx, 'secret-add', ['--owner', 'unit', '--label', 'u', 'token=x'])
    ).stdout.trim();
    const id = parseSecretUri(uri).id;
    const r = await runTool(ctx, 'secret-info-get', ['--format=json', '--label', 'u']);
    assert.equal(r.stdout, `{"${id}":{"revision":1,"label":"u","owner":"unit"}}\n`);
  });
});

describe('secret-ids', () => {
  toolCases('secret-ids', [
    { title: 'owned only', args: ['--format=json'], data: withSecrets(), stdout: `["${OWNED}"]\n` },
    { title: 'smart', args: [], data: withSecrets(), stdout: `${OWNED}\n` },
    { title: 'none is null', args: ['--format=json'], stdout: 'null\n' },
    { title: 'none smart', args: [], stdout: '' },
    {
      title: 'removed in this hook',
      args: ['--format=json'],
      data: withSecrets(),
      before: [['secret-remove', [OWNED]]],
      stdout: 'null\n',
    },
  ]);
});

describe('secret-grant', () => {
  const data = withSecrets();
  toolCases('secret-grant', [
    {
      title: 'ops >= 3.4 argv',
      args: ['--relation', '1', OWNED],
      data,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.secretGrants, [
          { id: OWNED, relationKey: 'wordpress:db mysql:server', application: 'wordpress', role: 'view' },
        ]),
    },
    {
      title: 'ops <= 3.3 argv, one unit',
      args: [OWNED, '--relation', '1', '--unit', 'wordpress/0'],
      data,
      check: (ctx) => assert.equal(ctx.changes().buffered.secretGrants[0]?.unit, 'wordpress/0'),
    },
    {
      title: 'unit of another application',
      args: [OWNED, '-r', '1', '--unit', 'ghost/0'],
      data,
      code: 2,
      stderr: 'ERROR cannot specify unit "ghost/0" in relation to application "wordpress"\n',
    },
    {
      title: 'bad unit',
      args: [OWNED, '-r', '1', '--unit', 'bad'],
      data,
      code: 2,
      stderr: 'ERROR unit "bad" not valid\n',
    },
    {
      title: 'no relation',
      args: [OWNED],
      data: withSecrets(outsideRelationHook),
      code: 2,
      stderr: 'ERROR no relation id specified\n',
    },
    {
      title: 'unknown relation says not found',
      args: [OWNED, '-r', '9'],
      data,
      code: 2,
      stderr: 'ERROR invalid value "9" for option -r: relation not found\n',
    },
    {
      title: 'unknown secret',
      args: [UNKNOWN, '-r', '1'],
      data,
      code: 1,
      stderr: `ERROR secret "${UNKNOWN}" not found\n`,
    },
    { title: 'no URI', args: [], data, code: 2, stderr: 'ERROR missing secret URI\n' },
    {
      title: 'non-leader',
      args: [OWNED, '-r', '1'],
      data: withSecrets({ leader: false }),
      code: 1,
      stderr: 'ERROR this unit is not the leader\n',
    },
  ]);
});

describe('secret-revoke', () => {
  const data = withSecrets();
  toolCases('secret-revoke', [
    {
      title: 'ops argv, relation',
      args: ['--relation', '1', OWNED],
      data,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.secretRevokes, [
          { id: OWNED, application: 'wordpress', role: 'view' },
        ]),
    },
    {
      title: '--app outside relation hooks',
      args: [OWNED, '--app', 'wordpress'],
      data: withSecrets(outsideRelationHook),
      check: (ctx) => assert.equal(ctx.changes().buffered.secretRevokes[0]?.application, 'wordpress'),
    },
    {
      title: '--app inside a relation hook',
      args: [OWNED, '--app', 'wordpress'],
      data,
      code: 2,
      stderr: 'ERROR do not specify both relation and app\n',
    },
    {
      title: 'app and unit',
      args: [OWNED, '--application', 'a', '--unit', 'a/0'],
      data,
      code: 2,
      stderr: 'ERROR specify only one of application or unit\n',
    },
    {
      title: 'nothing to revoke from',
      args: [OWNED],
      data: withSecrets(outsideRelationHook),
      code: 2,
      stderr: 'ERROR missing relation or application or unit\n',
    },
  ]);
});

describe('secret-remove', () => {
  const data = withSecrets();
  toolCases('secret-remove', [
    {
      title: 'whole secret drops pending changes',
      args: [OWNED],
      data,
      before: [['secret-set', [OWNED, 'password=x']]],
      check: (ctx) => {
        const b = ctx.changes().buffered;
        assert.deepEqual(b.secretDeletes, [{ id: OWNED }]);
        assert.deepEqual(b.secretUpdates, []);
      },
    },
    {
      title: 'one revision',
      args: [OWNED, '--revision', '1'],
      data,
      check: (ctx) => assert.deepEqual(ctx.changes().buffered.secretDeletes, [{ id: OWNED, revisions: [1] }]),
    },
    {
      title: 'non-leader',
      args: [OWNED],
      data: withSecrets({ leader: false }),
      code: 1,
      stderr: 'ERROR this unit is not the leader\n',
    },
    {
      title: 'bad revision',
      args: [OWNED, '--revision', 'x'],
      data,
      code: 2,
      stderr:
        'ERROR invalid value "x" for option --revision: strconv.ParseInt: parsing "x": invalid syntax\n',
    },
    { title: 'no URI', args: [], code: 2, stderr: 'ERROR missing secret URI\n' },
  ]);
});
