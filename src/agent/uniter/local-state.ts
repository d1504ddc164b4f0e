/**
 * The unit agent's own persistent state (charm-contract §8), kept in
 * `agents/unit-x/state/uniter.json` and written atomically before and after
 * every step: the installation flags, the deployed charm, the hashes the last
 * config-changed ran with, per-relation membership, and the current
 * operation (`run-hook` queued/pending/done, an interrupted charm deploy or
 * action). A crash mid-hook leaves `run-hook/pending`, so the hook runs again.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HookInfo } from './hook-info.js';

export type OpStep = 'queued' | 'pending' | 'done';

/** The operation in progress. */
export type OperationState =
  | { readonly kind: 'continue' }
  /** Charm files being deployed (install when `upgrade` is false). */
  | {
      readonly kind: 'deploy';
      readonly upgrade: boolean;
      readonly charmUrl: string;
      readonly modifiedVersion: number;
      readonly sha256: string;
    }
  | {
      readonly kind: 'run-hook';
      readonly step: OpStep;
      readonly hook: HookInfo;
      /** Process id and start time of the hook process, to kill an orphan after a crash. */
      readonly pid?: number;
      readonly pidStart?: string;
      /** config-changed: the hashes it runs for, stored when it starts. */
      readonly hashes?: ConfigHashes;
    }
  | {
      readonly kind: 'run-action';
      readonly actionId: string;
      /** The hook in error when the action started; restored afterwards. */
      readonly interrupted?: OperationState;
      readonly pid?: number;
      readonly pidStart?: string;
    };

export interface ConfigHashes {
  readonly config: string;
  readonly trust: string;
  readonly addresses: string;
}

/** What the unit knows of one relation it joined (Juju's relation state). */
export interface LocalRelation {
  readonly id: number;
  readonly key: string;
  readonly endpoint: string;
  readonly remoteApp: string;
  readonly isPeer: boolean;
  readonly implicit: boolean;
  /** relation-created ran. */
  readonly created: boolean;
  /** Remote units joined -> the settings version last seen. */
  readonly members: Readonly<Record<string, number>>;
  /** Remote applications -> application settings version last seen. */
  readonly appMembers: Readonly<Record<string, number>>;
  /** A unit whose relation-changed must follow its relation-joined ('' = none). */
  readonly changedPending: string;
}

export interface LocalState {
  readonly installed: boolean;
  readonly started: boolean;
  readonly stopped: boolean;
  readonly removed: boolean;
  /** leader-elected ran for the leadership currently held. */
  readonly leader: boolean;
  /** The charm has called status-set at least once. */
  readonly statusSet: boolean;
  /** The deployed charm ('' before install). */
  readonly charmUrl: string;
  readonly charmModifiedVersion: number;
  readonly hashes: ConfigHashes;
  /** By relation id. */
  readonly relations: Readonly<Record<string, LocalRelation>>;
  /** Storage ids whose `-storage-attached` hook has been committed. */
  readonly storageAttached?: readonly string[];
  /** Consumed secret id -> the latest revision a secret-changed hook was committed for. */
  readonly secretsChanged?: Readonly<Record<string, number>>;
  /** Owned secret id -> revisions whose secret-remove hook was committed. */
  readonly secretsRemoved?: Readonly<Record<string, readonly number[]>>;
  /** Owned secret id -> the due time of the last secret-rotate hook committed for it. */
  readonly secretsRotated?: Readonly<Record<string, string>>;
  /** `<id>/<revision>` -> the due time of the last secret-expired hook committed for it. */
  readonly secretsExpired?: Readonly<Record<string, string>>;
  readonly op: OperationState;
}

/** The state of a unit that has done nothing yet. */
export function initialLocalState(): LocalState {
  return {
    installed: false,
    started: false,
    stopped: false,
    removed: false,
    leader: false,
    statusSet: false,
    charmUrl: '',
    charmModifiedVersion: 0,
    hashes: { config: '', trust: '', addresses: '' },
    relations: {},
    op: { kind: 'continue' },
  };
}

/** Reads the state file; a missing file is the initial state. @throws on a corrupt file. */
export function loadLocalState(path: string): LocalState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return initialLocalState();
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<LocalState>;
  return { ...initialLocalState(), ...parsed };
}

/** Writes the state file atomically (temp file, fsync, rename). */
export function saveLocalState(path: string, state: LocalState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 1)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
