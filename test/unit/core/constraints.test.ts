import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  CONSTRAINT_KEYS,
  constraintsFromJson,
  constraintsToJson,
  excludedSpaces,
  formatConstraints,
  includedSpaces,
  isEmptyConstraints,
  mergeConstraints,
  parseConstraints,
} from '../../../src/core/constraints.js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';

const expectError = (input: string | string[], message: string): void => {
  assert.throws(
    () => parseConstraints(input),
    (err: unknown) => isJujuError(err, ErrorCode.NotValid) && err.message === message,
    String(input),
  );
};

void describe('parseConstraints', () => {
  void it('parses every key', () => {
    const c = parseConstraints(
      'arch=arm64 container=lxd cores=4 cpu-power=100 mem=8G root-disk=20G root-disk-source=ssd ' +
        'tags=a,b instance-role=admin instance-type=m5.large spaces=dmz,^cms virt-type=kvm ' +
        'zones=z1,z2 allocate-public-ip=true image-id=ubuntu-22',
    );
    assert.deepEqual(c, {
      arch: 'arm64',
      container: 'lxd',
      cores: 4,
      cpuPower: 100,
      mem: 8192,
      rootDisk: 20480,
      rootDiskSource: 'ssd',
      tags: ['a', 'b'],
      instanceRole: 'admin',
      instanceType: 'm5.large',
      spaces: ['dmz', '^cms'],
      virtType: 'kvm',
      zones: ['z1', 'z2'],
      allocatePublicIp: true,
      imageId: 'ubuntu-22',
    });
    assert.equal(CONSTRAINT_KEYS.length, 15);
  });

  void it('converts sizes to whole MiB', () => {
    assert.equal(parseConstraints('mem=1024').mem, 1024);
    assert.equal(parseConstraints('mem=512M').mem, 512);
    assert.equal(parseConstraints('mem=1G').mem, 1024);
    assert.equal(parseConstraints('mem=1.5G').mem, 1536);
    assert.equal(parseConstraints('mem=0.5').mem, 1);
    assert.equal(parseConstraints('root-disk=1T').rootDisk, 1024 * 1024);
    assert.equal(parseConstraints('root-disk=1P').rootDisk, 1024 ** 3);
  });

  void it('accepts several arguments, extra spaces and escaped spaces', () => {
    assert.deepEqual(parseConstraints(['mem=1G', ' cores=4  arch=amd64 ']), {
      mem: 1024,
      cores: 4,
      arch: 'amd64',
    });
    assert.deepEqual(parseConstraints('instance-type=big\\ box cores=2'), {
      instanceType: 'big box',
      cores: 2,
    });
    assert.deepEqual(parseConstraints(''), {});
    assert.deepEqual(parseConstraints([]), {});
  });

  void it('keeps explicitly empty values', () => {
    assert.deepEqual(parseConstraints('mem= cores= arch= tags= spaces='), {
      mem: 0,
      cores: 0,
      arch: '',
      tags: [],
      spaces: [],
    });
    assert.deepEqual(parseConstraints('allocate-public-ip='), {});
  });

  void it('accepts the cpu-cores alias', () => {
    assert.deepEqual(parseConstraints('cpu-cores=2'), { cores: 2 });
    expectError('cpu-cores=2 cores=3', 'bad "cores" constraint: already set');
  });

  void it('reports errors like Juju', () => {
    expectError('foo=bar', 'unknown constraint "foo"');
    expectError('image=x', 'unknown constraint "image"');
    expectError('mem', 'malformed constraint "mem"');
    expectError('=4', 'malformed constraint "=4"');
    expectError(
      'mem=lots',
      'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix',
    );
    expectError('mem=-1', 'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix');
    expectError('mem=4X', 'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix');
    expectError(
      'root-disk=G',
      'bad "root-disk" constraint: must be a non-negative float with optional M/G/T/P suffix',
    );
    expectError('cores=two', 'bad "cores" constraint: must be a non-negative integer');
    expectError('cores=-1', 'bad "cores" constraint: must be a non-negative integer');
    expectError('cpu-power=1.5', 'bad "cpu-power" constraint: must be a non-negative integer');
    expectError('arch=sparc', 'bad "arch" constraint: "sparc" not recognized');
    expectError('container=docker', 'bad "container" constraint: invalid container type "docker"');
    expectError('allocate-public-ip=maybe', `bad "allocate-public-ip" constraint: must be 'true' or 'false'`);
    expectError('spaces=Bad', 'bad "spaces" constraint: "Bad" is not a valid space name');
    expectError('spaces=^a_b', 'bad "spaces" constraint: "a_b" is not a valid space name');
    expectError(['mem=1G', 'mem=2G'], 'bad "mem" constraint: already set');
  });
});

void describe('formatConstraints', () => {
  void it('writes Juju canonical order and units', () => {
    assert.equal(formatConstraints(parseConstraints('mem=4G arch=amd64')), 'arch=amd64 mem=4096M');
    assert.equal(
      formatConstraints(
        parseConstraints('zones=a,b mem=1G instance-type=t2 cores=2 allocate-public-ip=false'),
      ),
      'cores=2 instance-type=t2 mem=1024M zones=a,b allocate-public-ip=false',
    );
    assert.equal(formatConstraints({}), '');
  });

  void it('writes empty values and escapes spaces', () => {
    assert.equal(formatConstraints(parseConstraints('mem= cores= tags=')), 'cores= mem= tags=');
    assert.equal(formatConstraints({ instanceType: 'big box' }), 'instance-type=big\\ box');
  });

  void it('round-trips', () => {
    const text =
      'arch=arm64 container=lxd cores=4 cpu-power=100 instance-role=admin instance-type=m5 mem=8192M ' +
      'root-disk=20480M root-disk-source=ssd tags=a,b spaces=dmz,^cms virt-type=kvm zones=z1 ' +
      'allocate-public-ip=true image-id=img';
    assert.equal(formatConstraints(parseConstraints(text)), text);
  });

  void it('isEmptyConstraints', () => {
    assert.equal(isEmptyConstraints({}), true);
    assert.equal(isEmptyConstraints({ mem: 0 }), false);
  });
});

void describe('constraints JSON', () => {
  void it('matches juju model-constraints --format json', () => {
    assert.equal(
      JSON.stringify(constraintsToJson(parseConstraints('mem=1G cores=4'))),
      '{"cores":4,"mem":1024}',
    );
    assert.equal(
      JSON.stringify(constraintsToJson(parseConstraints('arch=amd64 mem=4096M'))),
      '{"arch":"amd64","mem":4096}',
    );
    assert.deepEqual(constraintsToJson({}), {});
    assert.deepEqual(constraintsToJson(parseConstraints('spaces=a,^b allocate-public-ip=false')), {
      spaces: ['a', '^b'],
      'allocate-public-ip': false,
    });
  });

  void it('reads the JSON form back', () => {
    const c = parseConstraints(
      'arch=amd64 cores=2 mem=2G tags=x zones=a,b instance-type=m allocate-public-ip=true',
    );
    assert.deepEqual(constraintsFromJson(constraintsToJson(c)), c);
    assert.deepEqual(constraintsFromJson({ 'cpu-cores': 3, 'root-disk': 10, arch: null }), {
      cores: 3,
      rootDisk: 10,
    });
    assert.throws(() => constraintsFromJson({ foo: 1 }), /unknown constraint "foo"/);
    assert.throws(() => constraintsFromJson({ mem: '1G' }), /bad "mem" constraint/);
    assert.throws(() => constraintsFromJson({ tags: 'a' }), /bad "tags" constraint/);
  });
});

void describe('mergeConstraints', () => {
  void it('later layers override earlier ones key by key', () => {
    const model = parseConstraints('arch=amd64 mem=4G cores=2');
    const app = parseConstraints('mem=8G tags=x');
    assert.deepEqual(mergeConstraints(model, app), { arch: 'amd64', mem: 8192, cores: 2, tags: ['x'] });
  });

  void it('explicit empty values clear inherited ones', () => {
    const merged = mergeConstraints(parseConstraints('mem=4G arch=amd64'), parseConstraints('mem= arch='));
    assert.deepEqual(merged, { mem: 0, arch: '' });
    assert.equal(formatConstraints(merged), 'arch= mem=');
  });

  void it('does not alias input lists', () => {
    const a = parseConstraints('tags=a');
    const merged = mergeConstraints(a);
    merged.tags?.push('b');
    assert.deepEqual(a.tags, ['a']);
    assert.deepEqual(mergeConstraints(), {});
  });

  void it('splits included and excluded spaces', () => {
    const c = parseConstraints('spaces=dmz,^cms,db');
    assert.deepEqual(includedSpaces(c), ['dmz', 'db']);
    assert.deepEqual(excludedSpaces(c), ['cms']);
    assert.deepEqual(includedSpaces({}), []);
  });
});
