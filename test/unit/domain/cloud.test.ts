import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('CloudService', () => {
  let f: BootstrappedFixture;
  before(() => {
    f = bootstrappedFixture();
  });
  after(() => f.close());

  it('stores clouds with ordered regions and gives the owner admin', () => {
    const c = f.services.cloud.addCloud(
      {
        name: 'lab',
        type: 'lxd',
        authTypes: ['certificate'],
        endpoint: 'https://10.0.0.1:8443',
        regions: [{ name: 'zeta', endpoint: 'https://10.0.0.2:8443' }, { name: 'alpha' }],
        config: { project: 'default' },
      },
      'admin',
    );
    assert.deepEqual(
      c.regions.map((r) => r.name),
      ['zeta', 'alpha'],
    );
    assert.equal(c.regions[0]?.endpoint, 'https://10.0.0.2:8443');
    assert.deepEqual(c.config, { project: 'default' });
    assert.equal(f.services.access.directAccess('admin', { kind: 'cloud', name: 'lab' }), 'admin');
    assert.deepEqual(
      f.services.cloud.listClouds().map((x) => x.name),
      ['lab', 'local'],
    );
    assert.equal(f.services.cloud.region('lab')?.name, 'zeta');
    assert.equal(f.services.cloud.region('lab', 'alpha')?.name, 'alpha');
  });

  it('reports errors as Juju does', () => {
    assertJujuError(
      () => f.services.cloud.addCloud({ name: 'lab', type: 'lxd' }),
      ErrorCode.AlreadyExists,
      'cloud "lab" already exists',
    );
    assertJujuError(
      () => f.services.cloud.addCloud({ name: '-bad', type: 'lxd' }),
      ErrorCode.NotValid,
      'cloud name "-bad" not valid',
    );
    assertJujuError(() => f.services.cloud.cloud('nope'), ErrorCode.NotFound, 'cloud "nope" not found');
    assertJujuError(
      () => f.services.cloud.region('lab', 'mars'),
      ErrorCode.NotFound,
      'region "mars" not found (expected one of ["zeta" "alpha"])',
    );
  });

  it('updates a cloud definition', () => {
    const c = f.services.cloud.updateCloud({
      name: 'lab',
      type: 'lxd',
      authTypes: ['certificate', 'interactive'],
      regions: [{ name: 'alpha' }],
    });
    assert.deepEqual(c.authTypes, ['certificate', 'interactive']);
    assert.deepEqual(
      c.regions.map((r) => r.name),
      ['alpha'],
    );
    assertJujuError(
      () => f.services.cloud.updateCloud({ name: 'ghost', type: 'lxd' }),
      ErrorCode.NotFound,
      'cloud "ghost" not found',
    );
  });

  it('stores credentials and checks auth types', () => {
    const cred = f.services.cloud.updateCredential({
      cloud: 'lab',
      owner: 'admin',
      name: 'main',
      authType: 'certificate',
      attributes: { 'client-cert': 'C', 'client-key': 'K' },
    });
    assert.deepEqual(cred.attributes, { 'client-cert': 'C', 'client-key': 'K' });
    assert.equal(cred.revoked, false);
    assertJujuError(
      () =>
        f.services.cloud.updateCredential({ cloud: 'lab', owner: 'admin', name: 'pw', authType: 'userpass' }),
      ErrorCode.NotSupported,
      'supported auth-types ["certificate" "interactive"], "userpass" not supported',
    );
    assertJujuError(
      () => f.services.cloud.credential({ cloud: 'lab', owner: 'admin', name: 'other' }),
      ErrorCode.NotFound,
      'cloud credential "lab/admin/other" not found',
    );
    f.services.cloud.setCredentialValidity({ cloud: 'lab', owner: 'admin', name: 'main' }, false, 'expired');
    const invalid = f.services.cloud.credential({ cloud: 'lab', owner: 'admin', name: 'main' });
    assert.equal(invalid.invalid, true);
    assert.equal(invalid.invalidReason, 'expired');
    assert.deepEqual(
      f.services.cloud.credentials({ owner: 'admin' }).map((c) => `${c.cloud}/${c.name}`),
      ['lab/main', 'local/local'],
    );
  });

  it('refuses to remove a cloud or credential in use', () => {
    assertJujuError(
      () => f.services.cloud.removeCloud('local'),
      ErrorCode.BadRequest,
      'cloud "local" is used by 1 model',
    );
    assertJujuError(
      () => f.services.cloud.removeCredential({ cloud: 'local', owner: 'admin', name: 'local' }),
      ErrorCode.BadRequest,
      'cannot remove credential "local/admin/local": it is still used by 1 model',
    );
    f.services.cloud.removeCredential({ cloud: 'lab', owner: 'admin', name: 'main' });
    f.services.modelConfig.setDefaults('lab', null, { 'logging-config': '<root>=DEBUG' });
    f.services.cloud.removeCloud('lab');
    assertJujuError(() => f.services.cloud.cloud('lab'), ErrorCode.NotFound, 'cloud "lab" not found');
    assert.equal(f.services.access.directAccess('admin', { kind: 'cloud', name: 'lab' }), null);
  });
});
