/**
 * Pending secret changes of one hook, with the merge rules of §5.2: several
 * `secret-set` calls on one secret merge field by field (content from the last call
 * that carried content), `secret-set` on a secret created in the same hook merges into
 * the pending create, and `secret-remove` drops everything pending for that secret.
 */
import { JujuError, ErrorCode } from '../../core/errors.js';
import type {
  SecretCreate,
  SecretDelete,
  SecretGrantChange,
  SecretUpdate,
  SecretUpsertArgs,
} from './context.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const hasContent = (args: SecretUpsertArgs): boolean =>
  args.content !== undefined && Object.keys(args.content).length > 0;

/** Copy the fields `args` sets onto `target`. */
function mergeInto(target: Mutable<SecretUpsertArgs>, args: SecretUpsertArgs): void {
  if (args.label !== undefined) target.label = args.label;
  if (args.description !== undefined) target.description = args.description;
  if (hasContent(args)) target.content = { ...args.content };
  if (args.rotatePolicy !== undefined) target.rotatePolicy = args.rotatePolicy;
  if (args.expireTime !== undefined) target.expireTime = args.expireTime;
}

function sameGrantTarget(a: SecretGrantChange, b: SecretGrantChange): boolean {
  return a.id === b.id && a.role === b.role && a.application === b.application && a.unit === b.unit;
}

/** Records secret-add/set/remove/grant/revoke and `--refresh` tracking for one hook. */
export class SecretsRecorder {
  readonly creates = new Map<string, Mutable<SecretCreate>>();
  readonly updates = new Map<string, Mutable<SecretUpdate>>();
  readonly deletes = new Map<string, Mutable<SecretDelete>>();
  /** id -> relation key -> grant. */
  readonly grants = new Map<string, Map<string, SecretGrantChange>>();
  readonly revokes = new Map<string, SecretGrantChange[]>();
  readonly trackLatest = new Set<string>();

  create(arg: SecretCreate): void {
    this.deletes.delete(arg.id);
    if (arg.label !== undefined) {
      for (const c of this.creates.values()) {
        if (c.label === arg.label) {
          throw new JujuError(
            ErrorCode.AlreadyExists,
            `secret with label ${JSON.stringify(arg.label)} already exists`,
          );
        }
      }
    }
    const copy: Mutable<SecretCreate> = { id: arg.id, owner: arg.owner, content: { ...arg.content } };
    mergeInto(copy, { ...arg, content: {} });
    this.creates.set(arg.id, copy);
  }

  update(id: string, currentRevision: number, args: SecretUpsertArgs): void {
    this.deletes.delete(id);
    const pendingCreate = this.creates.get(id);
    if (pendingCreate) {
      mergeInto(pendingCreate, args);
      return;
    }
    let pending = this.updates.get(id);
    if (!pending) {
      pending = { id, currentRevision };
      this.updates.set(id, pending);
    }
    mergeInto(pending, args);
  }

  remove(id: string, revision: number | undefined): void {
    this.creates.delete(id);
    this.updates.delete(id);
    this.grants.delete(id);
    this.revokes.delete(id);
    this.trackLatest.delete(id);
    const existing = this.deletes.get(id);
    if (existing) {
      // A whole-secret removal absorbs any revision removal.
      if (existing.revisions !== undefined) {
        if (revision !== undefined) existing.revisions = [...existing.revisions, revision];
        else delete existing.revisions;
      }
      return;
    }
    this.deletes.set(id, revision !== undefined ? { id, revisions: [revision] } : { id });
  }

  grant(arg: SecretGrantChange): void {
    let byRelation = this.grants.get(arg.id);
    if (!byRelation) {
      byRelation = new Map();
      this.grants.set(arg.id, byRelation);
    }
    byRelation.set(arg.relationKey ?? '', arg);
  }

  revoke(arg: SecretGrantChange): void {
    const list = this.revokes.get(arg.id) ?? [];
    for (const r of list) {
      if (sameGrantTarget(r, arg)) return;
      // Revoking a unit is moot once its whole application was revoked.
      if (r.application !== undefined && arg.unit !== undefined && arg.unit.split('/')[0] === r.application)
        return;
    }
    list.push(arg);
    this.revokes.set(arg.id, list);
  }

  /** Flattened view for HookChanges. */
  snapshot(): {
    creates: SecretCreate[];
    updates: SecretUpdate[];
    deletes: SecretDelete[];
    grants: SecretGrantChange[];
    revokes: SecretGrantChange[];
    trackLatest: string[];
  } {
    return {
      creates: [...this.creates.values()].map((c) => ({ ...c, content: { ...c.content } })),
      updates: [...this.updates.values()].map((u) => ({ ...u })),
      deletes: [...this.deletes.values()].map((d) => ({ ...d })),
      grants: [...this.grants.values()].flatMap((m) => [...m.values()]),
      revokes: [...this.revokes.values()].flat(),
      trackLatest: [...this.trackLatest],
    };
  }
}
