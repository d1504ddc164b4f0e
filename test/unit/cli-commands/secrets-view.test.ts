/** `juju secrets` / `show-secret` output shapes (juju-cli.md: Go field order, RFC 3339 times). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownerFilterTag } from '../../../src/cli/commands/secrets/list-secrets.js';
import { secretsDocument, secretsTable, secretsYaml } from '../../../src/cli/commands/secrets/secret-view.js';
import { formatJson } from '../../../src/cli/output/formats.js';
import type { ListSecretResult } from '../../../src/rpc/params/secrets.js';

const ID = 'd0vdtqnmp25c762e7jug';
const result: ListSecretResult = {
  uri: `secret:${ID}`,
  version: 1,
  'owner-tag': 'application-mysql',
  'rotate-policy': 'daily',
  'next-rotate-time': '2025-06-04T11:39:23.000Z',
  description: 'db creds',
  label: 'creds',
  'latest-revision': 2,
  'latest-revision-checksum': 'abc',
  'create-time': '2025-06-03T11:39:23.123Z',
  'update-time': '2025-06-03T11:40:23.000Z',
  revisions: [
    {
      revision: 1,
      'backend-name': 'internal',
      'create-time': '2025-06-03T11:39:23.123Z',
      'update-time': '2025-06-03T11:39:23.123Z',
    },
    {
      revision: 2,
      'backend-name': 'internal',
      'create-time': '2025-06-03T11:40:23.000Z',
      'update-time': '2025-06-03T11:40:23.000Z',
    },
  ],
  access: [{ 'target-tag': 'application-wp', 'scope-tag': 'relation-wp.db#mysql.db', role: 'view' }],
  value: { data: { password: Buffer.from('s3cret').toString('base64') } },
};

describe('secrets output', () => {
  it('lists tabular with a friendly update time', () => {
    assert.equal(
      secretsTable([result], new Date('2025-06-03T11:42:30Z')),
      'ID                    Name  Owner  Rotation  Revision  Last updated\n' +
        `${ID}  -     mysql  daily     2         2 minutes ago\n`,
    );
  });

  it('keys the document by id in Go field order; content only when revealed', () => {
    const plain = secretsDocument([result], { reveal: false, revisions: false, access: false, json: true });
    assert.equal(
      formatJson(plain),
      `{"${ID}":{"revision":2,"rotation":"daily","rotates":"2025-06-04T11:39:23Z","owner":"mysql",` +
        `"description":"db creds","label":"creds","created":"2025-06-03T11:39:23Z","updated":"2025-06-03T11:40:23Z"}}\n`,
    );
    const shown = secretsDocument([result], { reveal: true, revisions: true, access: true, json: false });
    assert.equal(
      secretsYaml(shown),
      `${ID}:\n  revision: 2\n  checksum: abc\n  rotation: daily\n  rotates: 2025-06-04T11:39:23Z\n` +
        `  owner: mysql\n  description: db creds\n  label: creds\n  created: 2025-06-03T11:39:23Z\n` +
        `  updated: 2025-06-03T11:40:23Z\n  content:\n    password: s3cret\n  revisions:\n  - revision: 1\n` +
        `    created: 2025-06-03T11:39:23Z\n    updated: 2025-06-03T11:39:23Z\n  - revision: 2\n` +
        `    created: 2025-06-03T11:40:23Z\n    updated: 2025-06-03T11:40:23Z\n  access:\n` +
        `  - target: application-wp\n    scope: relation-wp.db#mysql.db\n    role: view\n`,
    );
    const json = secretsDocument([result], { reveal: true, revisions: false, access: false, json: true });
    assert.deepEqual((json[ID] as Record<string, unknown>).content, { Data: { password: 's3cret' } });
  });

  it('turns --owner into an owner tag', () => {
    assert.equal(ownerFilterTag('mysql', 'u'), 'application-mysql');
    assert.equal(ownerFilterTag('mysql/0', 'u'), 'unit-mysql-0');
    assert.equal(ownerFilterTag('<model>', 'u'), 'model-u');
    assert.equal(ownerFilterTag('', 'u'), '');
  });
});
