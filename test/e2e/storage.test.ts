/**
 * Charm storage end to end on a real controller and real machines (network
 * namespaces): deploy storage-user (its `data` store is attached before
 * install, as a directory under the machine's data root), `juju storage` /
 * `show-storage` / `status --storage`, `juju add-storage`, `storage-add`
 * from a hook, block storage refused on the local cloud, and removal with
 * and without `--destroy-storage`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

interface UnitStatus {
  'workload-status': { current: string; message?: string };
  'juju-status': { current: string; message?: string };
  machine: string;
}

interface Status {
  applications: Record<string, { units?: Record<string, UnitStatus> }>;
  machines: Record<string, { 'instance-id': string }>;
  storage?: { storage?: Record<string, { status: { current?: string } }> };
}

interface StorageDoc {
  storage?: Record<
    string,
    {
      kind: string;
      life?: string;
      status: { current?: string };
      persistent: boolean;
      attachments?: { units: Record<string, { machine?: string; location?: string; life?: string }> };
    }
  >;
  filesystems?: Record<string, { pool?: string; size: number; storage?: string; Attachments?: unknown }>;
}

describe('charm storage on the local cloud', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;

  async function juju(...args: string[]): Promise<string> {
    const r = await c.juju(args);
    assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  async function status(): Promise<Status> {
    return JSON.parse(await juju('status', '--format=json')) as Status;
  }

  async function storage(): Promise<StorageDoc> {
    return JSON.parse(await juju('storage', '--format=json')) as StorageDoc;
  }

  /** storage.log lines (hook and storage id). */
  async function storageLog(unit: string): Promise<string[]> {
    return (await c.unitAgentFile(unit, 'storage.log')).map((l) => l.split(' ').slice(0, 2).join(' '));
  }

  before(async () => {
    c = await TestController.bootstrap('storage');
    await juju('add-model', 'work');
  });
  after(async () => {
    await c?.destroy();
  });

  it('attaches data before install, in a directory under the machine root', async () => {
    await juju('deploy', './testcharms/storage-user');
    const unit = await waitFor('storage-user/0 active', async () => {
      const u = (await status()).applications['storage-user']?.units?.['storage-user/0'];
      return u?.['workload-status'].current === 'active' && u['juju-status'].current === 'idle'
        ? u
        : undefined;
    });
    const s = await status();
    const instance = s.machines[unit.machine]?.['instance-id'] ?? '';
    const expected = join(c.env.JUJU_LOCAL_ROOT as string, 'machines', instance, 'srv/data');
    assert.equal(unit['workload-status'].message, expected);
    assert.equal(readFileSync(join(expected, 'attached.txt'), 'utf8').trim(), 'storage-user/0');
    const log = await storageLog('storage-user/0');
    assert.deepEqual(log.slice(0, 3), ['data-storage-attached data/0', 'install -', 'config-changed -']);

    const doc = await storage();
    const data = doc.storage?.['data/0'];
    assert.equal(data?.kind, 'filesystem');
    assert.equal(data?.status.current, 'attached');
    assert.equal(data?.persistent, false);
    assert.deepEqual(data?.attachments?.units['storage-user/0'], {
      machine: unit.machine,
      location: expected,
      life: 'alive',
    });
    assert.equal(doc.filesystems?.['0']?.pool, 'rootfs');
    assert.equal(doc.filesystems?.['0']?.size, 1024);
    assert.ok('Attachments' in (doc.filesystems?.['0'] ?? {}));

    const table = await juju('storage');
    assert.match(table, /^Unit\s+Storage ID\s+Type\s+Pool\s+Mountpoint\s+Size\s+Status\s+Message/);
    assert.match(
      table,
      new RegExp(`storage-user/0\\s+data/0\\s+filesystem\\s+rootfs\\s+${expected}\\s+1\\.0 GiB\\s+attached`),
    );

    const shown = await juju('show-storage', 'data/0');
    assert.match(shown, /^data\/0:\n {2}kind: filesystem\n/);
    const st = await juju('status', '--storage');
    assert.match(st, /^Storage Unit\s+Storage ID\s+Type/m);
    assert.equal((await status()).storage?.storage?.['data/0']?.status.current, 'attached');
  });

  it('adds storage with juju add-storage and with storage-add from a hook', async () => {
    const out = await c.juju(['add-storage', 'storage-user/0', 'logs']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, /added storage logs\/1 to storage-user\/0/);
    await waitFor('logs/1 attached', async () =>
      (await storageLog('storage-user/0')).includes('logs-storage-attached logs/1') ? true : undefined,
    );
    await juju('config', 'storage-user', 'add-logs=1');
    await waitFor('logs/2 attached', async () =>
      (await storageLog('storage-user/0')).includes('logs-storage-attached logs/2') ? true : undefined,
    );
    const doc = await storage();
    assert.deepEqual(Object.keys(doc.storage ?? {}), ['data/0', 'logs/1', 'logs/2']);
    const tooMany = await c.juju(['add-storage', 'storage-user/0', 'logs=2']);
    assert.notEqual(tooMany.code, 0);
  });

  it('refuses block storage and unknown stores on the local cloud', async () => {
    const block = await c.juju(['deploy', './testcharms/hooktrace', 'blocky', '--storage', 'blocks=1']);
    assert.notEqual(block.code, 0);
    assert.match(block.stderr, /storage pool "loop" not supported on the local cloud/);
    const unknown = await c.juju(['deploy', './testcharms/storage-user', 'other', '--storage', 'nope=1']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /charm storage "nope" not found/);
  });

  it('keeps detached storage on remove-unit and destroys it with --destroy-storage', async () => {
    await juju('deploy', './testcharms/storage-user', 'second', '--storage', 'data=rootfs,2G');
    await waitFor('second/0 active', async () => {
      const u = (await status()).applications['second']?.units?.['second/0'];
      return u?.['workload-status'].current === 'active' ? true : undefined;
    });
    const second = (await storage()).storage ?? {};
    const secondId = Object.keys(second).find(
      (id) => second[id]?.attachments?.units['second/0'] !== undefined,
    );
    assert.ok(secondId !== undefined);

    const firstDir = await c.unitAgentDir('storage-user/0');
    await juju('remove-unit', 'storage-user/0', '--no-prompt');
    await waitFor(
      'storage-user/0 gone',
      async () =>
        (await status()).applications['storage-user']?.units?.['storage-user/0'] === undefined
          ? true
          : undefined,
      90_000,
    );
    const kept = await storage();
    assert.equal(kept.storage?.['data/0']?.status.current, 'detached');
    assert.equal(kept.storage?.['data/0']?.attachments, undefined);
    assert.equal(kept.storage?.['logs/1']?.status.current, 'detached');
    // The agent dir went with the unit: the hooks it ran are in the unit's log.
    assert.ok(firstDir === undefined || !existsSync(join(firstDir, 'charm')));
    const log = (await juju('debug-log', '--replay', '--no-tail', '--include', 'unit-storage-user-0'))
      .split('\n')
      .map((l) => /running "([^"]+)" hook/.exec(l)?.[1])
      .filter((h): h is string => h !== undefined);
    const detaching = log.filter((h) => h.endsWith('-storage-detaching'));
    assert.deepEqual(detaching.sort(), [
      'data-storage-detaching',
      'logs-storage-detaching',
      'logs-storage-detaching',
    ]);
    assert.equal(log.at(-1), 'remove');

    await juju('remove-application', 'second', '--destroy-storage', '--no-prompt');
    await waitFor(
      'second gone',
      async () => ((await status()).applications['second'] === undefined ? true : undefined),
      90_000,
    );
    const after = await storage();
    assert.equal(after.storage?.[secondId ?? ''], undefined);
    assert.equal(after.storage?.['data/0']?.status.current, 'detached');
  });
});
