/** Test fixtures: small charms written into temp dirs, and hand-crafted (malicious) zips. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

import { ZipFile } from 'yazl';

import { isJujuError } from '../../../src/core/errors.js';

/** A temp dir removed by `cleanup()`. */
export interface TempDir {
  readonly path: string;
  cleanup(): void;
}

export function tempDir(prefix = 'juju-charm-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Write files (path -> content, or [content, mode]) under `root`. */
export function writeTree(root: string, files: Record<string, string | [string, number]>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    const [content, mode] = typeof spec === 'string' ? [spec, 0o644] : spec;
    writeFileSync(path, content);
    chmodSync(path, mode);
  }
}

const HOOK = '#!/bin/bash\nset -e\nstatus-set active "hello from $0"\n';

/** A classic bash charm: hooks/, config, actions, revision, version. */
export function writeBashCharm(root: string): void {
  writeTree(root, {
    'metadata.yaml': [
      'name: testapp',
      'summary: A test app',
      'description: Runs bash hooks.',
      'series: [jammy, focal]',
      'provides:',
      '  website: http',
      'requires:',
      '  db:',
      '    interface: mysql',
      '    limit: 1',
      'peers:',
      '  ring: testapp-peers',
      'storage:',
      '  data:',
      '    type: filesystem',
      '    location: /srv/data',
      '    minimum-size: 1G',
      '',
    ].join('\n'),
    'config.yaml': [
      'options:',
      '  port:',
      '    type: int',
      '    default: 8080',
      '    description: Port to listen on.',
      '  name:',
      '    type: string',
      '    default: ""',
      '  debug:',
      '    type: boolean',
      '    default: no',
      '  token:',
      '    description: unset string option',
      '',
    ].join('\n'),
    'actions.yaml': [
      'echo:',
      '  description: Echo a value.',
      '  params:',
      '    value:',
      '      type: string',
      '      default: hi',
      '    count:',
      '      type: integer',
      '  required: [count]',
      '  additionalProperties: false',
      '',
    ].join('\n'),
    'hooks/install': [HOOK, 0o755],
    'hooks/start': [HOOK, 0o755],
    'hooks/db-relation-joined': [HOOK, 0o755],
    // Shipped without the exec bit: unpacking must add it (it is a known hook name).
    'hooks/config-changed': [HOOK, 0o644],
    // Not a hook name: left alone.
    'hooks/helper.sh': ['echo helper\n', 0o644],
    'actions/echo': ['#!/bin/bash\naction-set out="$(action-get value)"\n', 0o755],
    revision: '7\n',
    version: 'abc123\n',
    'README.md': '# testapp\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'build/junk.txt': 'junk\n',
    'old.charm': 'not really a zip\n',
  });
}

/** A charm whose single entry point is `dispatch`, with an internal symlink. */
export function writeDispatchCharm(root: string): void {
  writeTree(root, {
    'metadata.yaml':
      'name: dispatcher\nsummary: s\ndescription: d\nrequires:\n  info:\n    interface: juju-info\n    scope: container\nsubordinate: true\n',
    dispatch: ['#!/bin/sh\nexec ./src/charm.py\n', 0o755],
    'src/charm.py': ['#!/usr/bin/env python3\nprint("hi")\n', 0o755],
    'manifest.yaml':
      'charmcraft-version: 3.1.0\nbases:\n- name: ubuntu\n  channel: "22.04"\n  architectures: [amd64]\n- name: ubuntu\n  channel: "24.04"\n  architectures: [amd64, arm64]\n',
  });
  mkdirSync(join(root, 'hooks'));
  symlinkSync('../dispatch', join(root, 'hooks', 'install'));
}

/** A charm described only by a unified charmcraft.yaml (plus its code). */
export function writeCharmcraftCharm(root: string): void {
  writeTree(root, {
    'charmcraft.yaml': [
      'type: charm',
      'name: crafted',
      'title: Crafted Charm',
      'summary: Built by charmcraft',
      'description: Unified charmcraft.yaml.',
      'base: ubuntu@22.04',
      'platforms:',
      '  amd64:',
      '  arm64:',
      'requires:',
      '  database:',
      '    interface: postgresql_client',
      '    optional: true',
      'config:',
      '  options:',
      '    mode:',
      '      type: string',
      '      default: "yes"',
      '    workers:',
      '      type: int',
      '      default: 4',
      'actions:',
      '  restart:',
      '    description: Restart the service.',
      'parts:',
      '  charm:',
      '    plugin: charm',
      '',
    ].join('\n'),
    dispatch: ['#!/bin/sh\nexec ./src/charm.py\n', 0o755],
    'src/charm.py': ['#!/usr/bin/env python3\n', 0o755],
  });
}

/** Collect a yazl zip into a buffer. */
export async function zipToBuffer(zip: ZipFile): Promise<Buffer> {
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A zip holding `entries`, with each placeholder name replaced byte-for-byte by its
 * real (malicious) name afterwards, since yazl refuses to write unsafe names.
 */
export async function craftedZip(
  entries: { name: string; realName?: string; content?: string; mode?: number }[],
): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) {
    zip.addBuffer(Buffer.from(e.content ?? 'x'), e.name, { mode: e.mode ?? 0o100644, compress: false });
  }
  let buffer = await zipToBuffer(zip);
  for (const e of entries) {
    if (e.realName === undefined) continue;
    assert.equal(e.realName.length, e.name.length, 'placeholder and real name must have the same length');
    buffer = replaceAll(buffer, Buffer.from(e.name), Buffer.from(e.realName));
  }
  return buffer;
}

function replaceAll(buffer: Buffer, from: Buffer, to: Buffer): Buffer {
  const out = Buffer.from(buffer);
  let at = out.indexOf(from);
  let count = 0;
  while (at >= 0) {
    to.copy(out, at);
    count++;
    at = out.indexOf(from, at + from.length);
  }
  assert.ok(count >= 2, 'placeholder must appear in the local header and the central directory');
  return out;
}

/** Assert that `fn` throws (or rejects with) a `not valid` JujuError whose message matches. */
export async function assertNotValid(fn: () => unknown, message: string | RegExp): Promise<void> {
  await assert.rejects(
    async () => {
      await fn();
    },
    (err: unknown) => {
      assert.ok(isJujuError(err, 'not valid'), `expected a not-valid JujuError, got ${String(err)}`);
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      return true;
    },
  );
}
