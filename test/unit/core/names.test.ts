import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import {
  actionTag,
  applicationNameError,
  applicationOfferTag,
  applicationTag,
  cloudCredentialTag,
  cloudTag,
  controllerAgentTag,
  controllerTag,
  filesystemTag,
  isContainerMachineId,
  isValidApplicationName,
  isValidCloudCredentialId,
  isValidControllerName,
  isValidMachineId,
  isValidModelName,
  isValidRelationKey,
  isValidSpaceName,
  isValidUnitName,
  isValidUser,
  isValidUserName,
  isValidUUID,
  machineTag,
  modelTag,
  newUUID,
  operationTag,
  parseCloudCredentialTag,
  parseTag,
  relationTag,
  spaceTag,
  storageTag,
  subnetTag,
  unitApplication,
  unitNumber,
  unitTag,
  userTag,
  volumeTag,
} from '../../../src/core/names.js';

const UUID = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

void describe('name validation', () => {
  void it('model and controller names: lowercase letters, digits, hyphens', () => {
    for (const ok of ['default', 'my-model', 'a', '0', 'test-1', 'x--y', 'trailing-']) {
      assert.equal(isValidModelName(ok), true, ok);
      assert.equal(isValidControllerName(ok), true, ok);
    }
    for (const bad of ['', 'Foo', '-lead', 'with space', 'under_score', 'dot.ted', 'ünï']) {
      assert.equal(isValidModelName(bad), false, bad);
      assert.equal(isValidControllerName(bad), false, bad);
    }
  });

  void it('user names: letters, digits, . + - with alphanumeric ends, two characters at least', () => {
    for (const ok of ['admin', 'bob', 'Bob', 'bob.smith', 'bob+test', 'a-b', 'ab', '0x', 'user123']) {
      assert.equal(isValidUserName(ok), true, ok);
    }
    for (const bad of ['', 'a', '-bob', 'bob-', 'bob.', '.bob', 'bob@external', 'bob smith', 'bob_x']) {
      assert.equal(isValidUserName(bad), false, bad);
    }
    assert.equal(isValidUser('bob@external'), true);
    assert.equal(isValidUser('bob@local'), true);
    assert.equal(isValidUser('bob@'), false);
    assert.equal(isValidUser('bob@x@y'), false);
  });

  void it('application names', () => {
    for (const ok of [
      'mysql',
      'wordpress',
      'my-app',
      'app2',
      'a',
      'app-v2',
      'ubuntu-lite',
      'a-b-c',
      'app-2x',
    ]) {
      assert.equal(isValidApplicationName(ok), true, ok);
    }
    for (const bad of ['', '2app', 'App', 'my_app', 'app-2', 'app-', '-app', 'my--app', 'app.x', 'app/0']) {
      assert.equal(isValidApplicationName(bad), false, bad);
    }
  });

  void it('explains bad application names as Juju does', () => {
    assert.equal(applicationNameError('mysql'), undefined);
    assert.equal(
      applicationNameError('MySQL'),
      'invalid application name "MySQL", unexpected uppercase character',
    );
    assert.equal(
      applicationNameError('app-2'),
      'invalid application name "app-2", unexpected number(s) found after last hyphen',
    );
    assert.equal(applicationNameError('my_app'), 'invalid application name "my_app", unexpected character _');
    assert.equal(applicationNameError('2app'), 'invalid application name "2app"');
  });

  void it('unit names', () => {
    for (const ok of ['app/0', 'my-app/12', 'a/0']) assert.equal(isValidUnitName(ok), true, ok);
    for (const bad of ['app', 'app/', '/0', 'app/01', 'app/-1', 'App/0', 'app/0/1', 'app-2/0']) {
      assert.equal(isValidUnitName(bad), false, bad);
    }
    assert.equal(unitApplication('my-app/3'), 'my-app');
    assert.equal(unitNumber('my-app/3'), 3);
    assert.throws(
      () => unitNumber('foo'),
      (err: unknown) =>
        isJujuError(err, ErrorCode.NotValid) && err.message === '"foo" is not a valid unit name',
    );
  });

  void it('machine ids', () => {
    for (const ok of ['0', '1', '42', '0/lxd/0', '0/lxd/1', '1/kvm/0/lxd/3']) {
      assert.equal(isValidMachineId(ok), true, ok);
    }
    for (const bad of ['', '01', '-1', 'a', '0/lxd', '0/lxd/01', '0/LXD/1', '0/lxd/1/']) {
      assert.equal(isValidMachineId(bad), false, bad);
    }
    assert.equal(isContainerMachineId('0/lxd/1'), true);
    assert.equal(isContainerMachineId('0'), false);
  });

  void it('other ids', () => {
    assert.equal(isValidSpaceName('alpha'), true);
    assert.equal(isValidSpaceName('dmz-2'), true);
    assert.equal(isValidSpaceName('Alpha'), false);
    assert.equal(isValidSpaceName('a--b'), false);
    assert.equal(isValidUUID(UUID), true);
    assert.equal(isValidUUID(UUID.toUpperCase()), false);
    assert.equal(isValidUUID(`x${UUID}`), false);
    assert.equal(isValidRelationKey('wordpress:db mysql:server'), true);
    assert.equal(isValidRelationKey('app:peers'), true);
    assert.equal(isValidRelationKey('wordpress:db'), true);
    assert.equal(isValidRelationKey('wordpress mysql'), false);
    assert.equal(isValidCloudCredentialId('aws/bob/main'), true);
    assert.equal(isValidCloudCredentialId('aws/bob@external/main'), true);
    assert.equal(isValidCloudCredentialId('aws/bob'), false);
  });

  void it('newUUID returns distinct valid v4 UUIDs', () => {
    const a = newUUID();
    const b = newUUID();
    assert.notEqual(a, b);
    assert.equal(isValidUUID(a), true);
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

void describe('tags', () => {
  void it('builds tags', () => {
    assert.equal(userTag('admin'), 'user-admin');
    assert.equal(userTag('bob@external'), 'user-bob@external');
    assert.equal(userTag('bob@local'), 'user-bob');
    assert.equal(modelTag(UUID), `model-${UUID}`);
    assert.equal(controllerTag(UUID), `controller-${UUID}`);
    assert.equal(controllerAgentTag('0'), 'controller-0');
    assert.equal(machineTag('0'), 'machine-0');
    assert.equal(machineTag('0/lxd/1'), 'machine-0-lxd-1');
    assert.equal(unitTag('app/0'), 'unit-app-0');
    assert.equal(unitTag('my-app/12'), 'unit-my-app-12');
    assert.equal(applicationTag('mysql'), 'application-mysql');
    assert.equal(applicationOfferTag('mysql'), 'applicationoffer-mysql');
    assert.equal(cloudTag('aws'), 'cloud-aws');
    assert.equal(cloudCredentialTag('aws', 'bob', 'main'), 'cloudcred-aws_bob_main');
    assert.equal(cloudCredentialTag('aws', 'bob@local', 'my_cred'), 'cloudcred-aws_bob_my%5fcred');
    assert.equal(relationTag('wordpress:db mysql:server'), 'relation-wordpress.db#mysql.server');
    assert.equal(relationTag('app:peers'), 'relation-app.peers');
    assert.equal(actionTag(2), 'action-2');
    assert.equal(operationTag('1'), 'operation-1');
    assert.equal(storageTag('data/0'), 'storage-data-0');
    assert.equal(volumeTag('0/1'), 'volume-0-1');
    assert.equal(filesystemTag('0'), 'filesystem-0');
    assert.equal(spaceTag('alpha'), 'space-alpha');
    assert.equal(subnetTag('3'), 'subnet-3');
  });

  void it('parseTag reverses every builder', () => {
    const cases: [string, string, string][] = [
      [userTag('admin'), 'user', 'admin'],
      [userTag('bob@external'), 'user', 'bob@external'],
      ['user-bob@local', 'user', 'bob'],
      [modelTag(UUID), 'model', UUID],
      [controllerTag(UUID), 'controller', UUID],
      [controllerAgentTag('2'), 'controller', '2'],
      [machineTag('0/lxd/1'), 'machine', '0/lxd/1'],
      [machineTag('7'), 'machine', '7'],
      [unitTag('my-app/12'), 'unit', 'my-app/12'],
      [applicationTag('my-app'), 'application', 'my-app'],
      [applicationOfferTag('mysql'), 'applicationoffer', 'mysql'],
      [cloudTag('aws'), 'cloud', 'aws'],
      [cloudCredentialTag('aws', 'bob', 'main'), 'cloudcred', 'aws/bob/main'],
      [cloudCredentialTag('aws', 'bob@external', 'my_cred'), 'cloudcred', 'aws/bob@external/my_cred'],
      [relationTag('wordpress:db mysql:server'), 'relation', 'wordpress:db mysql:server'],
      [relationTag('app:peers'), 'relation', 'app:peers'],
      [actionTag(2), 'action', '2'],
      [operationTag(1), 'operation', '1'],
      [storageTag('data/0'), 'storage', 'data/0'],
      [storageTag('my-data/3'), 'storage', 'my-data/3'],
      [volumeTag('0'), 'volume', '0'],
      [volumeTag('0/lxd/1/2'), 'volume', '0/lxd/1/2'],
      [volumeTag('my-app/0/1'), 'volume', 'my-app/0/1'],
      [filesystemTag('0/1'), 'filesystem', '0/1'],
      [spaceTag('alpha'), 'space', 'alpha'],
      [subnetTag('3'), 'subnet', '3'],
    ];
    for (const [tag, kind, id] of cases) assert.deepEqual(parseTag(tag), { kind, id }, tag);
  });

  void it('rejects unknown kinds and malformed tags', () => {
    for (const bad of ['', 'foo', 'foo-bar', '-admin', 'machine', 'users-bob']) {
      assert.throws(
        () => parseTag(bad),
        (err: unknown) =>
          isJujuError(err, ErrorCode.NotValid) && err.message === `${JSON.stringify(bad)} is not a valid tag`,
        bad,
      );
    }
  });

  void it('rejects bad ids with a kind-specific message', () => {
    const cases: [string, string][] = [
      ['unit-app', 'unit'],
      ['unit-App-0', 'unit'],
      ['machine-0-lxd', 'machine'],
      ['machine-01', 'machine'],
      ['user-', 'user'],
      ['user-a', 'user'],
      ['model-nope', 'model'],
      ['controller-x', 'controller'],
      ['application-App', 'application'],
      ['relation-wordpress', 'relation'],
      ['action-x', 'action'],
      ['cloudcred-aws_bob', 'cloudcred'],
      ['cloudcred-aws_bob_%zz', 'cloudcred'],
      ['space-Alpha', 'space'],
      ['cloud-', 'cloud'],
    ];
    for (const [tag, kind] of cases) {
      assert.throws(
        () => parseTag(tag),
        (err: unknown) =>
          isJujuError(err, ErrorCode.NotValid) &&
          err.message === `${JSON.stringify(tag)} is not a valid ${kind} tag`,
        tag,
      );
    }
  });

  void it('checks the expected kind', () => {
    assert.deepEqual(parseTag('user-admin', 'user'), { kind: 'user', id: 'admin' });
    assert.throws(() => parseTag('machine-0', 'user'), /^JujuError: "machine-0" is not a valid user tag$/);
    assert.throws(() => parseTag('bogus', 'user'), /^JujuError: "bogus" is not a valid tag$/);
  });

  void it('splits cloud credential tags', () => {
    assert.deepEqual(parseCloudCredentialTag('cloudcred-aws_bob_main'), {
      cloud: 'aws',
      owner: 'bob',
      name: 'main',
    });
    assert.throws(() => parseCloudCredentialTag('cloud-aws'), /is not a valid cloudcred tag/);
  });
});
