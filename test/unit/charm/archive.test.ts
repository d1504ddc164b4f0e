import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ZipFile } from 'yazl';

import {
  archiveSha256,
  packCharmDir,
  readCharmArchiveFile,
  scanCharmArchive,
  unpackCharmArchive,
} from '../../../src/charm/archive.js';
import { loadCharmArchive, loadCharmDir } from '../../../src/charm/charm.js';
import { isJujuError } from '../../../src/core/errors.js';
import {
  assertNotValid,
  craftedZip,
  tempDir,
  writeBashCharm,
  writeCharmcraftCharm,
  writeDispatchCharm,
  writeTree,
  zipToBuffer,
} from './fixtures.js';
import type { TempDir } from './fixtures.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

void describe('loadCharmDir', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  void it('loads a bash hooks charm', async () => {
    const dir = join(tmp.path, 'bash');
    writeBashCharm(dir);
    const charm = await loadCharmDir(dir);
    assert.equal(charm.meta.name, 'testapp');
    assert.equal(charm.revision, 7);
    assert.equal(charm.version, 'abc123');
    assert.equal(charm.hasDispatch, false);
    assert.deepEqual(charm.hooks, ['config-changed', 'db-relation-joined', 'helper.sh', 'install', 'start']);
    assert.equal(charm.config.options['port']?.default, 8080);
    assert.deepEqual(Object.keys(charm.actions), ['echo']);
    assert.equal(charm.basesSource, 'series');
    assert.deepEqual(charm.bases, [
      { name: 'ubuntu', channel: '22.04', architectures: [] },
      { name: 'ubuntu', channel: '20.04', architectures: [] },
    ]);
  });

  void it('loads a dispatch charm with manifest bases', async () => {
    const dir = join(tmp.path, 'dispatch');
    writeDispatchCharm(dir);
    const charm = await loadCharmDir(dir);
    assert.equal(charm.hasDispatch, true);
    assert.equal(charm.meta.subordinate, true);
    assert.equal(charm.revision, 0);
    assert.equal(charm.version, undefined);
    assert.deepEqual(charm.hooks, ['install']);
    assert.equal(charm.basesSource, 'manifest');
    assert.deepEqual(charm.bases, [
      { name: 'ubuntu', channel: '22.04', architectures: ['amd64'] },
      { name: 'ubuntu', channel: '24.04', architectures: ['amd64', 'arm64'] },
    ]);
    assert.deepEqual(charm.config, { options: {} });
    assert.deepEqual(charm.actions, {});
  });

  void it('loads a charmcraft.yaml-only charm', async () => {
    const dir = join(tmp.path, 'crafted');
    writeCharmcraftCharm(dir);
    const charm = await loadCharmDir(dir);
    assert.equal(charm.meta.name, 'crafted');
    assert.equal(charm.meta.displayName, undefined);
    assert.equal(charm.config.options['mode']?.default, 'yes');
    assert.equal(charm.config.options['workers']?.default, 4);
    assert.equal(charm.actions['restart']?.description, 'Restart the service.');
    assert.equal(charm.basesSource, 'charmcraft');
    assert.deepEqual(charm.bases, [{ name: 'ubuntu', channel: '22.04', architectures: ['amd64', 'arm64'] }]);
  });

  void it('takes bases from a build-only charmcraft.yaml next to metadata.yaml', async () => {
    const dir = join(tmp.path, 'split');
    writeTree(dir, {
      'metadata.yaml': 'name: split\n',
      'charmcraft.yaml':
        'type: charm\nbases:\n  - name: ubuntu\n    channel: "24.04"\n    architectures: [arm64]\n',
      'hooks/install': ['#!/bin/sh\n', 0o755],
    });
    const charm = await loadCharmDir(dir);
    assert.equal(charm.meta.name, 'split');
    assert.equal(charm.basesSource, 'charmcraft');
    assert.deepEqual(charm.bases, [{ name: 'ubuntu', channel: '24.04', architectures: ['arm64'] }]);
    // Packing adds nothing: metadata.yaml is already there.
    const scan = await scanCharmArchive(await packCharmDir(dir));
    assert.deepEqual(scan.entries.map((e) => e.path).sort(), [
      'charmcraft.yaml',
      'hooks',
      'hooks/install',
      'metadata.yaml',
    ]);
  });

  void it('reports missing and broken charms', async () => {
    await assert.rejects(
      () => loadCharmDir(join(tmp.path, 'nope')),
      (err: unknown) =>
        isJujuError(err, 'not found') && err.message === `no charm was found at "${join(tmp.path, 'nope')}"`,
    );
    const empty = join(tmp.path, 'empty');
    mkdirSync(empty);
    await assertNotValid(() => loadCharmDir(empty), /no metadata\.yaml/);
    const bad = join(tmp.path, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'metadata.yaml'), 'name: bad\nrequires:\n  db: {}\n');
    await assertNotValid(() => loadCharmDir(bad), 'metadata.yaml: "requires.db.interface" is required');
    writeFileSync(join(bad, 'metadata.yaml'), 'name: bad\n');
    writeFileSync(join(bad, 'revision'), 'seven\n');
    await assertNotValid(() => loadCharmDir(bad), 'revision: invalid revision "seven"');
  });
});

void describe('packCharmDir / unpackCharmArchive', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  void it('round-trips a bash charm keeping exec bits and skipping junk', async () => {
    const src = join(tmp.path, 'bash-src');
    writeBashCharm(src);
    const archive = await packCharmDir(src);
    const scan = await scanCharmArchive(archive);
    const paths = scan.entries.map((e) => e.path);
    assert.ok(paths.includes('hooks/install'));
    assert.ok(!paths.some((p) => p.startsWith('.git')), 'no .git');
    assert.ok(!paths.some((p) => p.startsWith('build')), 'no build/');
    assert.ok(!paths.includes('old.charm'), 'no *.charm');
    assert.equal(scan.entries.find((e) => e.path === 'hooks/install')?.mode, 0o755);
    assert.equal(scan.entries.find((e) => e.path === 'hooks')?.type, 'directory');

    // Packing is deterministic.
    assert.equal(archiveSha256(await packCharmDir(src)), archiveSha256(archive));
    assert.match(archiveSha256(archive), /^[0-9a-f]{64}$/);

    const dest = join(tmp.path, 'bash-dest');
    const result = await unpackCharmArchive(archive, dest, { revision: 12 });
    assert.equal(result.entries.length, scan.entries.length);
    assert.equal(mode(join(dest, 'hooks/install')), 0o755);
    assert.equal(mode(join(dest, 'actions/echo')), 0o755);
    assert.equal(mode(join(dest, 'metadata.yaml')), 0o644);
    // A known hook shipped without the exec bit gets u+x; other files are left alone.
    assert.equal(mode(join(dest, 'hooks/config-changed')), 0o744);
    assert.equal(mode(join(dest, 'hooks/helper.sh')), 0o644);
    assert.equal(readFileSync(join(dest, 'revision'), 'utf8'), '12\n');
    assert.equal(
      readFileSync(join(dest, 'hooks/install'), 'utf8'),
      readFileSync(join(src, 'hooks/install'), 'utf8'),
    );
    // The hook really runs.
    const tools = join(tmp.path, 'tools');
    writeTree(tools, {
      'action-get': ['#!/bin/sh\necho hi\n', 0o755],
      'action-set': ['#!/bin/sh\necho "$@"\n', 0o755],
    });
    const out = execFileSync(join(dest, 'actions/echo'), {
      env: { PATH: `${tools}:/usr/bin:/bin` },
    }).toString();
    assert.equal(out, 'out=hi\n');
  });

  void it('loads the same charm from the archive as from the directory', async () => {
    const src = join(tmp.path, 'bash-src2');
    writeBashCharm(src);
    const archive = await packCharmDir(src);
    const fromDir = await loadCharmDir(src);
    const fromArchive = await loadCharmArchive(archive);
    assert.deepEqual(fromArchive, fromDir);
    const file = join(tmp.path, 'testapp.charm');
    writeFileSync(file, archive);
    assert.deepEqual(await loadCharmArchive(file), fromDir);
    assert.equal((await readCharmArchiveFile(archive, 'version'))?.toString(), 'abc123\n');
    assert.equal(await readCharmArchiveFile(archive, 'nope'), undefined);
  });

  void it('keeps internal symlinks and dispatch executable', async () => {
    const src = join(tmp.path, 'dispatch-src');
    writeDispatchCharm(src);
    const archive = await packCharmDir(src);
    const scan = await scanCharmArchive(archive);
    assert.deepEqual(
      scan.entries.find((e) => e.path === 'hooks/install'),
      { path: 'hooks/install', type: 'symlink', mode: 0o777, size: 11, target: '../dispatch' },
    );
    const dest = join(tmp.path, 'dispatch-dest');
    await unpackCharmArchive(archive, dest);
    assert.equal(mode(join(dest, 'dispatch')), 0o755);
    assert.equal(readlinkSync(join(dest, 'hooks/install')), '../dispatch');
    const charm = await loadCharmArchive(archive);
    assert.equal(charm.hasDispatch, true);
    assert.deepEqual(charm.hooks, ['install']);
    // With symlinks refused the same archive is rejected before anything is written.
    const refused = join(tmp.path, 'dispatch-refused');
    await assertNotValid(
      () => unpackCharmArchive(archive, refused, { symlinks: 'refuse' }),
      'invalid charm archive: symlink "hooks/install" not allowed',
    );
    assert.equal(existsSync(join(refused, 'dispatch')), false);
  });

  void it('follows symlinks that leave the charm, as charmcraft does', async () => {
    const outside = join(tmp.path, 'shared-lib');
    mkdirSync(outside);
    writeFileSync(join(outside, 'util.py'), 'X = 1\n');
    const src = join(tmp.path, 'linked-src');
    writeDispatchCharm(src);
    mkdirSync(join(src, 'lib'));
    symlinkSync(outside, join(src, 'lib', 'shared'));
    const scan = await scanCharmArchive(await packCharmDir(src), (p) => p === 'lib/shared/util.py');
    assert.equal(scan.entries.find((e) => e.path === 'lib/shared')?.type, 'directory');
    assert.equal(scan.files.get('lib/shared/util.py')?.toString(), 'X = 1\n');
    // A broken link is an error.
    symlinkSync(join(tmp.path, 'missing'), join(src, 'lib', 'broken'));
    await assertNotValid(() => packCharmDir(src), 'cannot pack charm: broken symlink "lib/broken"');
  });

  void it('packs a charmcraft.yaml-only charm with generated metadata', async () => {
    const src = join(tmp.path, 'crafted-src');
    writeCharmcraftCharm(src);
    const archive = await packCharmDir(src);
    const scan = await scanCharmArchive(archive, () => true);
    const metadata = scan.files.get('metadata.yaml')?.toString() ?? '';
    assert.match(metadata, /^name: crafted$/m);
    assert.match(metadata, /^display-name: Crafted Charm$/m);
    assert.match(scan.files.get('config.yaml')?.toString() ?? '', /default: "yes"/);
    assert.ok(scan.files.has('actions.yaml'));
    assert.ok(scan.files.has('manifest.yaml'));
    assert.ok(scan.files.has('charmcraft.yaml'));
    const charm = await loadCharmArchive(archive);
    assert.equal(charm.meta.name, 'crafted');
    assert.equal(charm.meta.displayName, 'Crafted Charm');
    assert.equal(charm.config.options['mode']?.default, 'yes');
    assert.equal(charm.meta.requires['database']?.optional, true);
    assert.equal(charm.basesSource, 'manifest');
    assert.deepEqual(charm.bases, [{ name: 'ubuntu', channel: '22.04', architectures: ['amd64', 'arm64'] }]);
  });

  void it('unpacks over an existing charm dir without following its symlinks', async () => {
    const src = join(tmp.path, 'upgrade-src');
    writeDispatchCharm(src);
    const archive = await packCharmDir(src);
    const dest = join(tmp.path, 'upgrade-dest');
    await unpackCharmArchive(archive, dest);
    // The charm created these at runtime.
    writeFileSync(join(dest, '.unit-state.db'), 'state');
    const outside = join(tmp.path, 'outside-target');
    writeFileSync(outside, 'do not touch');
    symlinkSync(outside, join(dest, 'metadata.yaml.tmp'));
    // A runtime symlink sitting where the new archive has a file is replaced, not written through.
    const victim = join(tmp.path, 'victim');
    writeFileSync(victim, 'original');
    const { rmSync } = await import('node:fs');
    rmSync(join(dest, 'dispatch'));
    symlinkSync(victim, join(dest, 'dispatch'));
    await unpackCharmArchive(archive, dest);
    assert.equal(readFileSync(victim, 'utf8'), 'original');
    assert.equal(lstatSync(join(dest, 'dispatch')).isFile(), true);
    assert.equal(readFileSync(join(dest, '.unit-state.db'), 'utf8'), 'state');
    assert.equal(readFileSync(outside, 'utf8'), 'do not touch');
  });

  void it('refuses to write through a symlinked directory in the destination', async () => {
    const dest = join(tmp.path, 'through-dest');
    const elsewhere = join(tmp.path, 'elsewhere');
    mkdirSync(dest);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dest, 'src'));
    const src = join(tmp.path, 'through-src');
    writeDispatchCharm(src);
    await assertNotValid(
      async () => unpackCharmArchive(await packCharmDir(src), dest),
      'cannot unpack charm archive: "src" is a symlink',
    );
    assert.equal(existsSync(join(elsewhere, 'charm.py')), false);
  });
});

void describe('malicious archives', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  const expectRejected = async (archive: Buffer, message: string, label: string): Promise<void> => {
    const dest = join(tmp.path, label);
    await assertNotValid(() => unpackCharmArchive(archive, dest), message);
    await assertNotValid(() => scanCharmArchive(archive), message);
    await assertNotValid(() => loadCharmArchive(archive), message);
    assert.equal(existsSync(join(tmp.path, 'evil')), false);
  };

  void it('rejects parent-directory paths', async () => {
    const archive = await craftedZip([
      { name: 'metadata.yaml', content: 'name: x\n' },
      { name: 'AA/evil', realName: '../evil' },
    ]);
    await expectRejected(
      archive,
      'invalid charm archive: path "../evil" escapes the charm directory',
      'dotdot',
    );
    const nested = await craftedZip([{ name: 'hooks/AA/AA/evil', realName: 'hooks/../../evil' }]);
    await expectRejected(
      nested,
      'invalid charm archive: path "hooks/../../evil" escapes the charm directory',
      'nested',
    );
  });

  void it('rejects absolute paths and backslashes', async () => {
    await expectRejected(
      await craftedZip([{ name: 'Xtmp/evil', realName: '/tmp/evil' }]),
      'invalid charm archive: absolute path "/tmp/evil"',
      'abs',
    );
    await expectRejected(
      await craftedZip([{ name: 'AAAevil', realName: '..\\evil' }]),
      'invalid charm archive: invalid character in path "..\\\\evil"',
      'backslash',
    );
  });

  void it('rejects symlinks pointing outside the charm', async () => {
    const link = (target: string): Promise<Buffer> =>
      craftedZip([{ name: 'hooks/install', content: target, mode: 0o120777 }]);
    await expectRejected(
      await link('/etc/passwd'),
      'invalid charm archive: symlink "hooks/install" points outside the charm: "/etc/passwd"',
      'abs-link',
    );
    await expectRejected(
      await link('../../evil'),
      'invalid charm archive: symlink "hooks/install" points outside the charm: "../../evil"',
      'up-link',
    );
    // Climbing after descending could escape through another link: refused.
    await expectRejected(
      await link('../src/../../evil'),
      'invalid charm archive: symlink "hooks/install" points outside the charm: "../src/../../evil"',
      'zigzag-link',
    );
    // A link then a file under it: the file would be written through the link.
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('.'), 'sub', { mode: 0o120777, compress: false });
    zip.addBuffer(Buffer.from('data'), 'sub/file', { mode: 0o100644 });
    const dest = join(tmp.path, 'through-link');
    const archive = await zipToBuffer(zip);
    // "sub" is created last, so "sub/file" becomes a real directory and the link cannot replace it.
    await assertNotValid(
      () => unpackCharmArchive(archive, dest),
      'cannot unpack charm archive: a directory is in the way of "sub"',
    );
  });

  void it('rejects garbage and oversize archives', async () => {
    await assertNotValid(() => loadCharmArchive(Buffer.from('not a zip at all')), /^invalid charm archive: /);
    const zip = new ZipFile();
    zip.addBuffer(Buffer.alloc(4096), 'big');
    const archive = await zipToBuffer(zip);
    await assertNotValid(
      () => unpackCharmArchive(archive, join(tmp.path, 'big'), { maxUncompressedBytes: 1000 }),
      'invalid charm archive: expands to more than 1000 bytes',
    );
  });
});
