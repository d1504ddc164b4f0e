/**
 * `.charm` archives: zip files with Unix modes in the external attributes.
 *
 * - {@link packCharmDir} zips a charm directory, keeping modes (so `dispatch` and
 *   hooks stay executable) and symlinks that stay inside the charm; symlinks that
 *   leave it are followed, as charmcraft does.
 * - {@link unpackCharmArchive} expands an archive safely: absolute paths and `..`
 *   are refused, nothing is ever written through a symlink, symlinks must point
 *   inside the charm (or are refused altogether), modes are kept (setuid/setgid
 *   dropped), known hooks get `u+x`, and `revision` can be (re)written.
 * - {@link scanCharmArchive} lists entries and reads selected small files in memory.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import {
  chmod,
  lstat,
  mkdir,
  readFile,
  readdir,
  realpath,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { fromBufferPromise, getFileNameLowLevel } from 'yauzl';
import type { Entry, ZipFile as ZipReader } from 'yauzl';
import { ZipFile } from 'yazl';

import { errorMessage, isJujuError, notValid } from '../core/errors.js';
import { charmcraftPackFiles } from './charmcraft-pack.js';
import { knownHookNames } from './hooks.js';
import { parseMetadata } from './metadata.js';

/** Kind of an archive entry. */
export type ArchiveEntryType = 'file' | 'directory' | 'symlink';

/** One entry of a charm archive. */
export interface ArchiveEntryInfo {
  /** Normalised relative path (`hooks/install`; directories without a trailing slash). */
  path: string;
  type: ArchiveEntryType;
  /** Permission bits (`0o755`). */
  mode: number;
  /** Uncompressed size in bytes. */
  size: number;
  /** Link target, for symlinks. */
  target?: string;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
/** A fixed timestamp so packing the same tree twice gives the same bytes. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** Hex SHA-256 of an archive, as Juju records it for a stored charm. */
export function archiveSha256(buffer: Uint8Array): string {
  return createHash('sha256').update(buffer).digest('hex');
}

// ---- packing ----------------------------------------------------------------------

/**
 * Zip a charm directory into a `.charm` archive. Excludes `.git` (anywhere), a
 * top-level `build/` and `*.charm` files. A charmcraft.yaml-only charm gets the
 * `metadata.yaml`, `config.yaml`, `actions.yaml` and `manifest.yaml` charmcraft would
 * generate, because the unit agent only reads those.
 * @throws JujuError `not valid` for a broken symlink or a symlink loop.
 */
export async function packCharmDir(dir: string): Promise<Buffer> {
  const root = await realpath(dir);
  const zip = new ZipFile();
  const failure = new Promise<never>((_, reject) => zip.on('error', reject));
  failure.catch(() => undefined);
  const generated = await generatedFiles(root);
  await addTree(zip, root, root, '', new Set([root]));
  for (const [name, text] of Object.entries(generated)) {
    zip.addBuffer(Buffer.from(text), name, { mode: S_IFREG | 0o644, mtime: FIXED_MTIME });
  }
  zip.end();
  const chunks: Buffer[] = [];
  const collect = (async () => {
    for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  })();
  await Promise.race([collect, failure]);
  return Buffer.concat(chunks);
}

/** Files charmcraft would add for a charmcraft.yaml-only charm, minus those already present. */
async function generatedFiles(root: string): Promise<Record<string, string>> {
  if (await exists(join(root, 'metadata.yaml'))) return {};
  let text: string;
  try {
    text = await readFile(join(root, 'charmcraft.yaml'), 'utf8');
  } catch {
    return {};
  }
  const files = charmcraftPackFiles(text);
  for (const name of Object.keys(files)) if (await exists(join(root, name))) delete files[name];
  return files;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function excluded(rel: string, name: string, isDir: boolean): boolean {
  if (name === '.git') return true;
  if (isDir && rel === 'build') return true;
  return !isDir && name.endsWith('.charm');
}

/** Add `dir` (real path `real`) under archive prefix `rel`; `chain` holds the real dirs being walked, against loops. */
async function addTree(
  zip: ZipFile,
  root: string,
  real: string,
  rel: string,
  chain: Set<string>,
): Promise<void> {
  const names = (await readdir(real)).sort();
  for (const name of names) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const childPath = join(real, name);
    const info = await lstat(childPath);
    if (info.isSymbolicLink()) {
      await addSymlink(zip, root, childPath, childRel, chain);
    } else if (info.isDirectory()) {
      if (excluded(childRel, name, true)) continue;
      zip.addEmptyDirectory(childRel, { mode: S_IFDIR | (info.mode & 0o777), mtime: FIXED_MTIME });
      await addTree(zip, root, childPath, childRel, new Set([...chain, childPath]));
    } else if (info.isFile()) {
      if (excluded(childRel, name, false)) continue;
      zip.addFile(childPath, childRel, {
        mode: S_IFREG | (info.mode & 0o777),
        mtime: FIXED_MTIME,
        compress: true,
      });
    }
    // Sockets, FIFOs and devices have no place in a charm.
  }
}

async function addSymlink(
  zip: ZipFile,
  root: string,
  linkPath: string,
  rel: string,
  chain: Set<string>,
): Promise<void> {
  const name = posix.basename(rel);
  let target: string;
  try {
    target = await realpath(linkPath);
  } catch {
    throw notValid(`cannot pack charm: broken symlink ${JSON.stringify(rel)}`);
  }
  const info = await stat(target);
  if (excluded(rel, name, info.isDirectory())) return;
  if (isInside(root, target)) {
    // Keep links within the charm as links, relative to where they live.
    const linkText = relative(dirname(join(root, rel)), target) || '.';
    zip.addBuffer(Buffer.from(linkText.split(sep).join('/')), rel, {
      mode: S_IFLNK | 0o777,
      mtime: FIXED_MTIME,
      compress: false,
    });
    return;
  }
  if (info.isDirectory()) {
    if (chain.has(target)) throw notValid(`cannot pack charm: symlink loop at ${JSON.stringify(rel)}`);
    zip.addEmptyDirectory(rel, { mode: S_IFDIR | (info.mode & 0o777), mtime: FIXED_MTIME });
    await addTree(zip, root, target, rel, new Set([...chain, target]));
  } else if (info.isFile()) {
    zip.addFile(target, rel, { mode: S_IFREG | (info.mode & 0o777), mtime: FIXED_MTIME, compress: true });
  }
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

// ---- reading ----------------------------------------------------------------------

/** Turn an entry name into a safe relative path, or throw. */
function safeEntryPath(name: string): string {
  const shown = JSON.stringify(name);
  if (name.includes('\0')) throw notValid(`invalid charm archive: invalid character in path ${shown}`);
  if (name.includes('\\')) throw notValid(`invalid charm archive: invalid character in path ${shown}`);
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name))
    throw notValid(`invalid charm archive: absolute path ${shown}`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..'))
    throw notValid(`invalid charm archive: path ${shown} escapes the charm directory`);
  return parts.join('/');
}

interface ScannedEntry extends ArchiveEntryInfo {
  entry: Entry;
}

function describeEntry(entry: Entry): ScannedEntry {
  const rawName = getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  const path = safeEntryPath(rawName);
  const unixMode = entry.externalFileAttributes >>> 16;
  const format = unixMode & S_IFMT;
  let type: ArchiveEntryType = 'file';
  if (
    rawName.endsWith('/') ||
    format === S_IFDIR ||
    (unixMode === 0 && (entry.externalFileAttributes & 0x10) !== 0)
  ) {
    type = 'directory';
  } else if (format === S_IFLNK) {
    type = 'symlink';
  }
  let mode = unixMode & 0o777;
  if (mode === 0) mode = type === 'directory' ? 0o755 : 0o644;
  if (entry.isEncrypted())
    throw notValid(`invalid charm archive: encrypted entry ${JSON.stringify(rawName)}`);
  return { path, type, mode, size: entry.uncompressedSize, entry };
}

async function readEntryData(zip: ZipReader, entry: Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function openArchive(buffer: Uint8Array): Promise<ZipReader> {
  try {
    return await fromBufferPromise(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    throw notValid(`invalid charm archive: ${errorMessage(err)}`);
  }
}

const MAX_LINK_LENGTH = 4096;

/** Result of {@link scanCharmArchive}. */
export interface ArchiveScan {
  entries: ArchiveEntryInfo[];
  /** Contents of the files the caller asked for that exist in the archive. */
  files: Map<string, Buffer>;
}

/**
 * List an archive and read the files `want` selects (small ones: the whole content
 * is held in memory). Every path and symlink target is checked as
 * {@link unpackCharmArchive} would, so a stored archive that scans cleanly unpacks.
 * @throws JujuError `not valid`: `invalid charm archive: ...`
 */
export async function scanCharmArchive(
  buffer: Uint8Array,
  want: (path: string) => boolean = () => false,
): Promise<ArchiveScan> {
  const zip = await openArchive(buffer);
  const entries: ArchiveEntryInfo[] = [];
  const files = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const info = describeEntry(entry);
      const { entry: _raw, ...plain } = info;
      if (info.type === 'symlink') {
        if (info.size > MAX_LINK_LENGTH)
          throw notValid(`invalid charm archive: symlink ${JSON.stringify(info.path)} is too long`);
        plain.target = (await readEntryData(zip, entry)).toString('utf8');
        checkLink(plain, 'keep-inside');
      } else if (info.type === 'file' && want(info.path)) {
        files.set(info.path, await readEntryData(zip, entry));
      }
      entries.push(plain);
    }
  } catch (err) {
    zip.close();
    if (isJujuError(err)) throw err;
    throw notValid(`invalid charm archive: ${errorMessage(err)}`);
  }
  return { entries, files };
}

/** The content of one file of an archive, or undefined when it has no such file. */
export async function readCharmArchiveFile(buffer: Uint8Array, path: string): Promise<Buffer | undefined> {
  const wanted = safeEntryPath(path);
  const scan = await scanCharmArchive(buffer, (p) => p === wanted);
  return scan.files.get(wanted);
}

// ---- unpacking --------------------------------------------------------------------

/** Options for {@link unpackCharmArchive}. */
export interface UnpackOptions {
  /** `keep-inside` (default): keep symlinks that resolve inside the charm; `refuse`: reject any symlink. */
  symlinks?: 'keep-inside' | 'refuse';
  /** Write this number to `revision` after expanding (as the unit agent does). */
  revision?: number;
  /** Add `u+x` to files in `hooks/` named like a hook of this charm (default true). */
  makeHooksExecutable?: boolean;
  /** Refuse archives that expand to more than this many bytes (default 2 GiB). */
  maxUncompressedBytes?: number;
}

/** What {@link unpackCharmArchive} wrote. */
export interface UnpackResult {
  /** Every entry expanded, in archive order (the "manifest" of this charm version). */
  entries: ArchiveEntryInfo[];
}

/**
 * Expand a charm archive into `destDir` (created if missing), over whatever is
 * there already. Entries are checked before anything is written; writes never
 * follow a symlink.
 * @throws JujuError `not valid`: `invalid charm archive: path "../x" escapes the charm directory`, ...
 */
export async function unpackCharmArchive(
  buffer: Uint8Array,
  destDir: string,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  const symlinkPolicy = options.symlinks ?? 'keep-inside';
  const maxBytes = options.maxUncompressedBytes ?? 2 * 1024 ** 3;
  // First pass: validate every entry (paths, links, size) before touching the disk.
  const scan = await scanCharmArchive(buffer);
  let total = 0;
  for (const e of scan.entries) {
    total += e.size;
    if (total > maxBytes) throw notValid(`invalid charm archive: expands to more than ${maxBytes} bytes`);
    if (e.type === 'symlink') checkLink(e, symlinkPolicy);
    if (e.path === '' && e.type !== 'directory')
      throw notValid('invalid charm archive: entry with an empty path');
  }

  await mkdir(destDir, { recursive: true });
  const root = await realpath(destDir);
  const dirModes = new Map<string, number>();
  const zip = await openArchive(buffer);
  try {
    for await (const entry of zip.eachEntry()) {
      const info = describeEntry(entry);
      if (info.path === '') continue;
      const dest = join(root, ...info.path.split('/'));
      if (info.type === 'directory') {
        await ensureDir(root, info.path);
        dirModes.set(dest, info.mode);
      } else if (info.type === 'file') {
        await ensureDir(root, posix.dirname(info.path));
        await clearForWrite(dest, info.path);
        const stream = await zip.openReadStreamPromise(entry);
        await pipeline(stream, createWriteStream(dest, { mode: 0o600 }));
        await chmod(dest, info.mode);
      }
    }
  } catch (err) {
    zip.close();
    if (isJujuError(err)) throw err;
    throw notValid(`cannot unpack charm archive: ${errorMessage(err)}`);
  }
  // Links last, so no entry above could be written through one.
  for (const e of scan.entries) {
    if (e.type !== 'symlink' || e.target === undefined) continue;
    await ensureDir(root, posix.dirname(e.path));
    const dest = join(root, ...e.path.split('/'));
    await clearForWrite(dest, e.path);
    await symlink(e.target, dest);
  }
  // Owners keep full access to directories so later upgrades can replace files.
  for (const [dir, mode] of dirModes) await chmod(dir, mode | 0o700);
  if (options.makeHooksExecutable ?? true) await chmodKnownHooks(root);
  if (options.revision !== undefined) {
    await clearForWrite(join(root, 'revision'), 'revision');
    await writeFile(join(root, 'revision'), `${options.revision}\n`, { mode: 0o644 });
  }
  return { entries: scan.entries };
}

/** A link must be relative, climb only at its start, and land inside the charm. */
function checkLink(e: ArchiveEntryInfo, policy: 'keep-inside' | 'refuse'): void {
  const shown = JSON.stringify(e.path);
  if (policy === 'refuse') throw notValid(`invalid charm archive: symlink ${shown} not allowed`);
  const target = e.target ?? '';
  if (target === '' || target.includes('\0'))
    throw notValid(`invalid charm archive: symlink ${shown} has an invalid target`);
  if (isAbsolute(target)) {
    throw notValid(
      `invalid charm archive: symlink ${shown} points outside the charm: ${JSON.stringify(target)}`,
    );
  }
  const parts = target.split('/').filter((p) => p !== '' && p !== '.');
  const firstDown = parts.findIndex((p) => p !== '..');
  const climbsLater = firstDown >= 0 && parts.slice(firstDown).includes('..');
  const landed = posix.normalize(posix.join(posix.dirname(e.path), target));
  if (climbsLater || landed === '..' || landed.startsWith('../')) {
    throw notValid(
      `invalid charm archive: symlink ${shown} points outside the charm: ${JSON.stringify(target)}`,
    );
  }
}

/** Create `rel` under root one component at a time, refusing to pass through a symlink or file. */
async function ensureDir(root: string, rel: string): Promise<void> {
  if (rel === '' || rel === '.') return;
  let current = root;
  for (const part of rel.split('/')) {
    current = join(current, part);
    let info;
    try {
      info = await lstat(current);
    } catch {
      await mkdir(current, { mode: 0o755 });
      continue;
    }
    if (info.isSymbolicLink()) {
      throw notValid(`cannot unpack charm archive: ${JSON.stringify(relative(root, current))} is a symlink`);
    }
    if (!info.isDirectory()) {
      throw notValid(
        `cannot unpack charm archive: ${JSON.stringify(relative(root, current))} is not a directory`,
      );
    }
  }
}

/** Remove a file or link in the way of a new entry (a directory in the way is an error). */
async function clearForWrite(dest: string, rel: string): Promise<void> {
  let info;
  try {
    info = await lstat(dest);
  } catch {
    return;
  }
  if (info.isDirectory())
    throw notValid(`cannot unpack charm archive: a directory is in the way of ${JSON.stringify(rel)}`);
  await unlink(dest);
}

/** `chmod u+x` on files directly in hooks/ named like one of this charm's hooks. */
async function chmodKnownHooks(root: string): Promise<void> {
  let metaText: string;
  try {
    metaText = await readFile(join(root, 'metadata.yaml'), 'utf8');
  } catch {
    return;
  }
  let names: string[];
  try {
    names = knownHookNames(parseMetadata(metaText));
  } catch {
    return;
  }
  const hooksDir = join(root, 'hooks');
  for (const name of names) {
    const path = join(hooksDir, name);
    try {
      const info = await lstat(path);
      if (info.isFile() && (info.mode & 0o100) === 0) await chmod(path, (info.mode & 0o777) | 0o100);
    } catch {
      // No such hook.
    }
  }
}
