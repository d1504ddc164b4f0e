/**
 * Telling, from /proc, whether this process runs inside a local machine's
 * mount namespace (a slave of the host's) and so must reach the host
 * through a helper.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findHostNamespacePid,
  netnsMountPropagation,
} from '../../../src/controller/workers/host-namespace.js';

const HOST = [
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '42 27 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda rw',
  '43 42 0:4 net:[4026532178] /run/netns/juju-a597dc-0 rw shared:2 - nsfs nsfs rw',
].join('\n');

const MACHINE = [
  '45 44 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '65 45 254:0 /run/netns /run/netns rw,relatime master:1 - ext4 /dev/vda rw',
  '49 45 254:0 /etc/netns/juju-a597dc-0/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw',
].join('\n');

describe('host namespace detection', () => {
  it('reads the propagation of the /run/netns mount', () => {
    assert.deepEqual(netnsMountPropagation(HOST), { shared: '1' });
    assert.deepEqual(netnsMountPropagation(MACHINE), { master: '1' });
    assert.equal(netnsMountPropagation('27 1 254:0 / / rw,relatime - ext4 /dev/vda rw'), undefined);
    assert.deepEqual(
      netnsMountPropagation('65 45 254:0 /run/netns /run/netns rw shared:7 master:1 - ext4 /dev/vda rw'),
      { shared: '7', master: '1' },
    );
  });

  it('needs no helper on the host itself', () => {
    // The test runner runs in the host's namespaces.
    assert.equal(findHostNamespacePid(), null);
  });
});
