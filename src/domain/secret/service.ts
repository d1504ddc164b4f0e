/**
 * Business rules for secrets (charm-contract §7): charm secrets owned by an
 * application (managed by its leader) or a unit, revisions whose content is
 * kept in the controller database (the `internal` backend), owner and
 * consumer labels, tracked revisions per reading unit, grants tied to a
 * relation, and the bookkeeping the unit agent's secret hooks rely on
 * (consumed secrets with a newer revision, obsolete revisions).
 */
import { createHash } from 'node:crypto';
import { unitApplication } from '../../core/names.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import type { Clock } from '../common/clock.js';
import {
  consumerLabelNotFound,
  grantSubjectNotValid,
  relationNotFound,
  secretAlreadyExists,
  secretLabelExists,
  secretNotFound,
  secretNotLeader,
  secretPermissionDenied,
  secretRevisionNotFound,
  secretArgNotValid,
} from './errors.js';
import { decodeHookSecretChanges, type RawHookSecretChanges } from './hook-changes.js';
import { newSecretXid } from './secret-id.js';
import type {
  ConsumedSecretState,
  CreateSecretParams,
  ExpiredRevisionState,
  GetContentParams,
  GrantChangeParams,
  HookSecretsChange,
  InsertRevisionArgs,
  InsertSecretArgs,
  ListSecretsFilter,
  ObsoleteSecretState,
  RotateDueState,
  RotatePolicy,
  SecretConsumerInfo,
  SecretContentResult,
  SecretData,
  SecretDetails,
  SecretGrant,
  SecretListing,
  SecretMetadata,
  SecretOwner,
  SecretRevision,
  UnitSecretTriggers,
  UnitSecretsState,
  UpdateSecretArgs,
  UpsertSecretParams,
} from './types.js';

/** Persistence the secret service needs. */
export interface SecretState {
  unitExists(modelUuid: string, unit: string): boolean;
  secret(modelUuid: string, id: string): SecretMetadata | undefined;
  /** Secrets owned by any of `owners`. */
  secretsOwnedBy(modelUuid: string, owners: readonly SecretOwner[]): SecretMetadata[];
  allSecrets(modelUuid: string): SecretMetadata[];
  insertSecret(args: InsertSecretArgs): void;
  insertRevision(args: InsertRevisionArgs): void;
  updateSecret(modelUuid: string, id: string, args: UpdateSecretArgs): void;
  setRevisionExpiry(modelUuid: string, id: string, revision: number, expireTime: string, now: string): void;
  deleteSecret(modelUuid: string, id: string): void;
  deleteRevisions(modelUuid: string, id: string, revisions: readonly number[]): void;
  revisions(modelUuid: string, id: string): SecretRevision[];
  revisionContent(modelUuid: string, id: string, revision: number): SecretData | undefined;
  consumer(modelUuid: string, id: string, unit: string): SecretConsumerInfo | undefined;
  consumerByLabel(modelUuid: string, unit: string, label: string): SecretConsumerInfo | undefined;
  consumersOfUnit(modelUuid: string, unit: string): SecretConsumerInfo[];
  /** Distinct revisions tracked by any consumer. */
  trackedRevisions(modelUuid: string, id: string): number[];
  upsertConsumer(modelUuid: string, info: SecretConsumerInfo): void;
  grants(modelUuid: string, id: string): SecretGrant[];
  upsertGrant(modelUuid: string, id: string, grant: SecretGrant): void;
  deleteGrant(modelUuid: string, id: string, subjectKind: string, subjectName: string): void;
  /** Relation id and the applications on its endpoints. */
  relationByKey(modelUuid: string, key: string): { id: number; applications: string[] } | undefined;
}

/** Collaborators of {@link SecretService}. */
export interface SecretDeps {
  isLeader(modelUuid: string, application: string, unit: string): boolean;
}

const ROTATE_PERIOD_MS: Readonly<Record<string, number>> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: 30 * 86_400_000,
  quarterly: 90 * 86_400_000,
  yearly: 365 * 86_400_000,
};

/** A rotate hook that added no revision runs again this much later (Juju's RotateRetryDelay). */
export const ROTATE_RETRY_DELAY_MS = 5 * 60_000;

/** An expired revision that is still there gets secret-expired again this often (ExpireRetryDelay). */
export const EXPIRE_RETRY_DELAY_MS = 5 * 60_000;

/** Whether the policy schedules rotations ('' and never do not). */
function willRotate(policy: RotatePolicy): boolean {
  return ROTATE_PERIOD_MS[policy] !== undefined;
}

/** The earlier of two ISO times, '' meaning unset. */
function earliest(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/** sha256 hex of the content with keys sorted. */
export function contentChecksum(data: SecretData): string {
  const sorted = Object.keys(data)
    .sort()
    .map((k) => [k, data[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** Normalises an expiry to ISO-8601 UTC ('' stays ''). */
function normaliseExpiry(text: string): string {
  if (text === '') return '';
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw secretArgNotValid(`expire time ${JSON.stringify(text)} not valid`);
  return new Date(t).toISOString();
}

/** Owner kinds a unit acts for. */
function ownersOf(unit: string): SecretOwner[] {
  return [
    { kind: 'application', name: unitApplication(unit) },
    { kind: 'unit', name: unit },
  ];
}

function isOwner(md: SecretMetadata, unit: string): boolean {
  return (
    (md.owner.kind === 'application' && md.owner.name === unitApplication(unit)) ||
    (md.owner.kind === 'unit' && md.owner.name === unit)
  );
}

/** Business rules for secrets; see the module comment. */
export class SecretService {
  constructor(
    private readonly state: SecretState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
    private readonly deps: SecretDeps,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** `count` fresh secret ids (Juju's CreateSecretURIs). */
  newSecretIds(count: number): string[] {
    const n = Math.max(0, Math.min(count, 100));
    return Array.from({ length: n }, () => newSecretXid(this.clock.now().getTime()));
  }

  /** The secret, or `secret "x" not found`. */
  get(modelUuid: string, id: string): SecretMetadata {
    const md = this.state.secret(modelUuid, id);
    if (md === undefined) throw secretNotFound(id);
    return md;
  }

  // ---- hook commits ---------------------------------------------------------------------

  /**
   * Applies the secret changes of one hook as sent on the wire (the
   * `HookSecretsCommitter` seam of the unit-state service). Runs inside the
   * caller's transaction; any failure leaves nothing changed.
   */
  commitHookSecrets(modelUuid: string, unit: string, changes: RawHookSecretChanges): void {
    this.applyHookChanges(modelUuid, unit, decodeHookSecretChanges(changes));
  }

  /** Applies decoded hook changes: creates, updates, grants, revokes, deletes, then tracking. */
  applyHookChanges(modelUuid: string, unit: string, c: HookSecretsChange): void {
    this.atomically(() => {
      for (const create of c.creates) this.createNow(modelUuid, unit, create);
      for (const update of c.updates) this.updateNow(modelUuid, unit, update.id, update);
      for (const g of c.grants) this.grantNow(modelUuid, unit, g);
      for (const r of c.revokes) this.revokeNow(modelUuid, unit, r);
      for (const d of c.deletes) this.removeNow(modelUuid, unit, d.id, d.revisions);
      for (const id of c.trackLatest) {
        const md = this.state.secret(modelUuid, id);
        if (md === undefined) continue;
        const current = this.state.consumer(modelUuid, id, unit);
        this.state.upsertConsumer(modelUuid, {
          secretId: id,
          unit,
          label: current?.label ?? '',
          currentRevision: md.latestRevision,
        });
      }
    });
  }

  /** Owner check for management: app-owned needs the leader. */
  private checkCanManage(modelUuid: string, unit: string, md: { owner: SecretOwner }): void {
    if (md.owner.kind === 'unit') {
      if (md.owner.name !== unit) throw secretPermissionDenied();
      return;
    }
    if (md.owner.kind !== 'application' || md.owner.name !== unitApplication(unit))
      throw secretPermissionDenied();
    if (!this.deps.isLeader(modelUuid, md.owner.name, unit)) throw secretNotLeader();
  }

  private checkOwnerLabel(modelUuid: string, unit: string, label: string, exceptId?: string): void {
    if (label === '') return;
    for (const s of this.state.secretsOwnedBy(modelUuid, ownersOf(unit))) {
      if (s.label === label && s.id !== exceptId) throw secretLabelExists(label);
    }
  }

  /**
   * Rotation comes early when the latest revision would expire before it is
   * due (charm-contract §7), so the owner can replace it in time.
   */
  private rotateBeforeExpiry(policy: RotatePolicy, nextRotateTime: string, latestExpireTime: string): string {
    return willRotate(policy) ? earliest(nextRotateTime, latestExpireTime) : nextRotateTime;
  }

  private nextRotate(policy: RotatePolicy): string {
    const period = ROTATE_PERIOD_MS[policy];
    return period === undefined ? '' : new Date(this.clock.now().getTime() + period).toISOString();
  }

  private createNow(modelUuid: string, unit: string, p: CreateSecretParams): void {
    const owner: SecretOwner =
      p.ownerKind === 'unit'
        ? { kind: 'unit', name: unit }
        : { kind: 'application', name: unitApplication(unit) };
    this.checkCanManage(modelUuid, unit, { owner });
    if (this.state.secret(modelUuid, p.id) !== undefined) throw secretAlreadyExists(p.id);
    const data = p.data ?? {};
    if (Object.keys(data).length === 0) throw secretArgNotValid('missing secret value');
    this.checkOwnerLabel(modelUuid, unit, p.label ?? '');
    const now = this.now();
    const policy = p.rotatePolicy ?? '';
    const expireTime = normaliseExpiry(p.expireTime ?? '');
    this.state.insertSecret({
      modelUuid,
      id: p.id,
      owner,
      ownerApplication: unitApplication(unit),
      ownerUnit: owner.kind === 'unit' ? unit : null,
      label: p.label ?? '',
      description: p.description ?? '',
      rotatePolicy: policy,
      nextRotateTime: this.rotateBeforeExpiry(policy, this.nextRotate(policy), expireTime),
      now,
    });
    this.state.insertRevision({
      modelUuid,
      secretId: p.id,
      revision: 1,
      data,
      checksum: contentChecksum(data),
      expireTime,
      now,
    });
  }

  private updateNow(modelUuid: string, unit: string, id: string, p: UpsertSecretParams): void {
    const md = this.get(modelUuid, id);
    this.checkCanManage(modelUuid, unit, md);
    if (p.label !== undefined) this.checkOwnerLabel(modelUuid, unit, p.label, id);
    const now = this.now();
    let latest = md.latestRevision;
    let latestExpire = md.latestExpireTime;
    const data = p.data;
    if (data !== undefined && Object.keys(data).length > 0) {
      const checksum = contentChecksum(data);
      // Identical content makes no new revision.
      if (checksum !== md.latestChecksum) {
        latest = md.latestRevision + 1;
        latestExpire = normaliseExpiry(p.expireTime ?? '');
        this.state.insertRevision({
          modelUuid,
          secretId: id,
          revision: latest,
          data,
          checksum,
          expireTime: latestExpire,
          now,
        });
      } else if (p.expireTime !== undefined) {
        latestExpire = normaliseExpiry(p.expireTime);
        this.state.setRevisionExpiry(modelUuid, id, latest, latestExpire, now);
      }
    } else if (p.expireTime !== undefined) {
      latestExpire = normaliseExpiry(p.expireTime);
      this.state.setRevisionExpiry(modelUuid, id, latest, latestExpire, now);
    }
    const policy = p.rotatePolicy ?? md.rotatePolicy;
    const nextRotateTime = policy !== md.rotatePolicy ? this.nextRotate(policy) : md.nextRotateTime;
    this.state.updateSecret(modelUuid, id, {
      label: p.label ?? md.label,
      description: p.description ?? md.description,
      rotatePolicy: policy,
      nextRotateTime:
        latestExpire !== md.latestExpireTime || policy !== md.rotatePolicy
          ? this.rotateBeforeExpiry(policy, nextRotateTime, latestExpire)
          : nextRotateTime,
      latestRevision: latest,
      now,
    });
  }

  private removeNow(
    modelUuid: string,
    unit: string,
    id: string,
    revisions: readonly number[] | undefined,
  ): void {
    const md = this.state.secret(modelUuid, id);
    if (md === undefined) throw secretNotFound(id);
    this.checkCanManage(modelUuid, unit, md);
    if (revisions === undefined) {
      this.state.deleteSecret(modelUuid, id);
      return;
    }
    const existing = new Set(this.state.revisions(modelUuid, id).map((r) => r.revision));
    for (const r of revisions) if (!existing.has(r)) throw secretRevisionNotFound(id, r);
    const left = [...existing].filter((r) => !revisions.includes(r));
    if (left.length === 0) this.state.deleteSecret(modelUuid, id);
    else this.state.deleteRevisions(modelUuid, id, revisions);
  }

  private grantNow(modelUuid: string, unit: string, g: GrantChangeParams): void {
    const md = this.get(modelUuid, g.id);
    this.checkCanManage(modelUuid, unit, md);
    if (g.relationKey === undefined) throw secretArgNotValid('secret grant needs a relation scope');
    const rel = this.state.relationByKey(modelUuid, g.relationKey);
    if (rel === undefined) throw relationNotFound(g.relationKey);
    for (const s of g.subjects) {
      const app = s.kind === 'unit' ? unitApplication(s.name) : s.name;
      if (!rel.applications.includes(app)) throw grantSubjectNotValid(s.name, g.relationKey);
      this.state.upsertGrant(modelUuid, g.id, {
        subjectKind: s.kind,
        subjectName: s.name,
        role: g.role,
        scopeRelationId: rel.id,
        scopeRelationKey: g.relationKey,
      });
    }
  }

  private revokeNow(modelUuid: string, unit: string, g: GrantChangeParams): void {
    const md = this.get(modelUuid, g.id);
    this.checkCanManage(modelUuid, unit, md);
    const grants = this.state.grants(modelUuid, g.id);
    for (const s of g.subjects) {
      this.state.deleteGrant(modelUuid, g.id, s.kind, s.name);
      // Revoking an application also revokes its units.
      if (s.kind === 'application') {
        for (const existing of grants) {
          if (existing.subjectKind === 'unit' && unitApplication(existing.subjectName) === s.name)
            this.state.deleteGrant(modelUuid, g.id, 'unit', existing.subjectName);
        }
      }
    }
  }

  // ---- reads by units ---------------------------------------------------------------------

  /** Whether `unit` may read the secret: owner, or granted to it or its application. */
  canRead(modelUuid: string, unit: string, md: SecretMetadata): boolean {
    if (isOwner(md, unit)) return true;
    const app = unitApplication(unit);
    return this.state
      .grants(modelUuid, md.id)
      .some(
        (g) =>
          (g.subjectKind === 'application' && g.subjectName === app) ||
          (g.subjectKind === 'unit' && g.subjectName === unit),
      );
  }

  /**
   * `secret-get` on the controller (Juju's GetSecretContentInfo): finds the
   * secret by id (recording `label` as owner or consumer label) or by label,
   * checks access, and applies tracking at once: the first read tracks the
   * latest revision, `refresh` moves tracking to it, `peek` reads it without
   * moving. @throws `not found`, `consumer label "x" not found`, `permission denied`.
   */
  getContent(modelUuid: string, unit: string, p: GetContentParams): SecretContentResult {
    return this.atomically(() => {
      let md: SecretMetadata | undefined;
      let consumer: SecretConsumerInfo | undefined;
      const label = p.label ?? '';
      if (p.id !== undefined && p.id !== '') {
        md = this.get(modelUuid, p.id);
        if (!this.canRead(modelUuid, unit, md)) throw secretPermissionDenied();
        consumer = this.state.consumer(modelUuid, md.id, unit);
        if (label !== '' && isOwner(md, unit) && md.label !== label) {
          this.checkCanManage(modelUuid, unit, md);
          this.checkOwnerLabel(modelUuid, unit, label, md.id);
          this.state.updateSecret(modelUuid, md.id, {
            label,
            description: md.description,
            rotatePolicy: md.rotatePolicy,
            nextRotateTime: md.nextRotateTime,
            latestRevision: md.latestRevision,
            now: this.now(),
          });
        }
      } else if (label !== '') {
        md = this.state.secretsOwnedBy(modelUuid, ownersOf(unit)).find((s) => s.label === label);
        if (md === undefined) {
          consumer = this.state.consumerByLabel(modelUuid, unit, label);
          if (consumer === undefined) throw consumerLabelNotFound(label);
          md = this.get(modelUuid, consumer.secretId);
          if (!this.canRead(modelUuid, unit, md)) throw secretPermissionDenied();
        } else {
          consumer = this.state.consumer(modelUuid, md.id, unit);
        }
      } else {
        throw secretArgNotValid('empty URI and label not valid');
      }
      const owned = isOwner(md, unit);
      const consumerLabel = !owned && label !== '' ? label : (consumer?.label ?? '');
      let revision = consumer?.currentRevision;
      if (p.peek === true) {
        revision = md.latestRevision;
      } else if (p.refresh === true || revision === undefined) {
        revision = md.latestRevision;
      }
      const track = p.peek === true ? consumer?.currentRevision : revision;
      if (
        track !== undefined &&
        (track !== consumer?.currentRevision || consumerLabel !== (consumer?.label ?? ''))
      ) {
        this.state.upsertConsumer(modelUuid, {
          secretId: md.id,
          unit,
          label: consumerLabel,
          currentRevision: track,
        });
      } else if (track === undefined && consumerLabel !== '') {
        // --peek as the first read with a label: record the label, track latest.
        this.state.upsertConsumer(modelUuid, {
          secretId: md.id,
          unit,
          label: consumerLabel,
          currentRevision: md.latestRevision,
        });
      }
      const data = this.state.revisionContent(modelUuid, md.id, revision);
      if (data === undefined) throw secretRevisionNotFound(md.id, revision);
      return { revision, data };
    });
  }

  /** Secrets owned by the unit or its application, with access and revisions. */
  ownedSecrets(modelUuid: string, unit: string): SecretDetails[] {
    return this.state.secretsOwnedBy(modelUuid, ownersOf(unit)).map((md) => this.details(modelUuid, md));
  }

  private details(modelUuid: string, md: SecretMetadata): SecretDetails {
    return {
      ...md,
      access: this.state.grants(modelUuid, md.id),
      revisions: this.state.revisions(modelUuid, md.id),
    };
  }

  /**
   * Latest revision and the unit's consumer label of each secret (Juju's
   * GetConsumerSecretsRevisionInfo); an error per unknown or unreadable secret.
   */
  consumerRevisionInfo(
    modelUuid: string,
    unit: string,
    ids: readonly string[],
  ): ({ revision: number; label: string } | Error)[] {
    return ids.map((id) => {
      try {
        const md = this.get(modelUuid, id);
        if (!this.canRead(modelUuid, unit, md)) throw secretPermissionDenied();
        const consumer = this.state.consumer(modelUuid, id, unit);
        return { revision: md.latestRevision, label: consumer?.label ?? '' };
      } catch (err) {
        return err as Error;
      }
    });
  }

  /**
   * What the unit agent's secrets resolver decides on: the secrets the unit
   * consumes (not owns) with the revision it tracks and the latest one, and
   * the obsolete revisions (not latest, tracked by nobody) of the secrets it
   * manages: its own, and its application's when it leads.
   */
  unitSecretsState(modelUuid: string, unit: string): UnitSecretsState {
    const consumed: ConsumedSecretState[] = [];
    for (const c of this.state.consumersOfUnit(modelUuid, unit)) {
      const md = this.state.secret(modelUuid, c.secretId);
      // Owners get no secret-changed; nor do units that lost their grant.
      if (md === undefined || isOwner(md, unit) || !this.canRead(modelUuid, unit, md)) continue;
      consumed.push({
        id: md.id,
        label: c.label,
        currentRevision: c.currentRevision,
        latestRevision: md.latestRevision,
      });
    }
    const app = unitApplication(unit);
    const leader = this.deps.isLeader(modelUuid, app, unit);
    const obsolete: ObsoleteSecretState[] = [];
    for (const md of this.state.secretsOwnedBy(modelUuid, ownersOf(unit))) {
      if (md.owner.kind === 'application' && !leader) continue;
      const tracked = new Set(this.state.trackedRevisions(modelUuid, md.id));
      const revisions = this.state
        .revisions(modelUuid, md.id)
        .map((r) => r.revision)
        .filter((r) => r < md.latestRevision && !tracked.has(r));
      if (revisions.length > 0)
        obsolete.push({
          id: md.id,
          label: md.label,
          ownerKind: md.owner.kind === 'unit' ? 'unit' : 'application',
          revisions,
        });
    }
    consumed.sort((a, b) => a.id.localeCompare(b.id));
    obsolete.sort((a, b) => a.id.localeCompare(b.id));
    return { consumed, obsolete };
  }

  /** Secrets `unit` manages: its own, and its application's when it leads. */
  private managedSecrets(modelUuid: string, unit: string): SecretMetadata[] {
    const leader = this.deps.isLeader(modelUuid, unitApplication(unit), unit);
    return this.state
      .secretsOwnedBy(modelUuid, ownersOf(unit))
      .filter((md) => md.owner.kind === 'unit' || leader);
  }

  /**
   * The time-driven secret hooks of `unit` as of the service clock (Juju's
   * rotation and expiry triggers): managed secrets whose next rotate time has
   * passed, revisions whose expiry has passed (once per retry boundary, see
   * {@link ExpiredRevisionState.dueTime}), and the earliest future time one
   * more becomes due, so the agent knows when to look again.
   */
  unitSecretTriggers(modelUuid: string, unit: string): UnitSecretTriggers {
    const now = this.clock.now().getTime();
    const rotate: RotateDueState[] = [];
    const expired: ExpiredRevisionState[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const md of this.managedSecrets(modelUuid, unit)) {
      const ownerKind = md.owner.kind === 'unit' ? 'unit' : 'application';
      const rotateAt = md.nextRotateTime === '' ? Number.NaN : Date.parse(md.nextRotateTime);
      if (willRotate(md.rotatePolicy) && !Number.isNaN(rotateAt)) {
        if (rotateAt <= now)
          rotate.push({
            id: md.id,
            label: md.label,
            ownerKind,
            nextRotateTime: md.nextRotateTime,
            latestRevision: md.latestRevision,
          });
        else next = Math.min(next, rotateAt);
      }
      for (const r of this.state.revisions(modelUuid, md.id)) {
        const expireAt = r.expireTime === '' ? Number.NaN : Date.parse(r.expireTime);
        if (Number.isNaN(expireAt)) continue;
        if (expireAt > now) {
          next = Math.min(next, expireAt);
          continue;
        }
        const retries = Math.floor((now - expireAt) / EXPIRE_RETRY_DELAY_MS);
        const due = expireAt + retries * EXPIRE_RETRY_DELAY_MS;
        expired.push({
          id: md.id,
          label: md.label,
          ownerKind,
          revision: r.revision,
          expireTime: r.expireTime,
          dueTime: new Date(due).toISOString(),
        });
        next = Math.min(next, due + EXPIRE_RETRY_DELAY_MS);
      }
    }
    rotate.sort((a, b) => a.id.localeCompare(b.id));
    expired.sort((a, b) => a.id.localeCompare(b.id) || a.revision - b.revision);
    return {
      rotate,
      expired,
      nextDueTime: Number.isFinite(next) ? new Date(next).toISOString() : '',
    };
  }

  /**
   * Bookkeeping after a `secret-rotate` hook (Juju's SecretsRotated): when
   * the hook added a revision newer than `originalRevision` (or `skip`), the
   * next rotation is one policy period after the one just due; otherwise the
   * hook runs again {@link ROTATE_RETRY_DELAY_MS} from now. A time already in
   * the past (the agent was away) counts from now, so a backlog never fires
   * in a burst. A secret no longer set to rotate is left alone.
   * @throws `not found`, `permission denied`, not the leader.
   */
  secretRotated(modelUuid: string, unit: string, id: string, originalRevision: number, skip = false): void {
    this.atomically(() => {
      const md = this.get(modelUuid, id);
      this.checkCanManage(modelUuid, unit, md);
      const period = ROTATE_PERIOD_MS[md.rotatePolicy];
      if (period === undefined) return;
      const now = this.clock.now().getTime();
      const parsed = md.nextRotateTime === '' ? Number.NaN : Date.parse(md.nextRotateTime);
      const last = Number.isNaN(parsed) ? now : parsed;
      let next: number;
      if (skip || md.latestRevision > originalRevision) {
        next = last + period;
        if (next <= now) next = now + period;
      } else {
        next = Math.max(last, now) + ROTATE_RETRY_DELAY_MS;
      }
      this.state.updateSecret(modelUuid, id, {
        label: md.label,
        description: md.description,
        rotatePolicy: md.rotatePolicy,
        nextRotateTime: this.rotateBeforeExpiry(
          md.rotatePolicy,
          new Date(next).toISOString(),
          // Early rotation only for an expiry still ahead; a passed one is secret-expired's job.
          md.latestExpireTime !== '' && Date.parse(md.latestExpireTime) > now ? md.latestExpireTime : '',
        ),
        latestRevision: md.latestRevision,
        now: new Date(now).toISOString(),
      });
    });
  }

  // ---- reads by users ---------------------------------------------------------------------

  /**
   * Secrets of the model for `juju secrets` / `show-secret`, filtered by
   * owner, id or label (label also matches a user secret's name); with
   * `reveal`, the content of the latest (or `filter.revision`) revision.
   */
  list(modelUuid: string, filter: ListSecretsFilter = {}, reveal = false): SecretListing[] {
    let secrets = this.state.allSecrets(modelUuid);
    if (filter.id !== undefined) secrets = secrets.filter((s) => s.id === filter.id);
    if (filter.label !== undefined) secrets = secrets.filter((s) => s.label === filter.label);
    if (filter.ownerTag !== undefined && filter.ownerTag !== '') {
      const tag = filter.ownerTag;
      secrets = secrets.filter(
        (s) =>
          s.owner.name === tag ||
          `${s.owner.kind}-${s.owner.kind === 'unit' ? s.owner.name.replace('/', '-') : s.owner.name}` ===
            tag,
      );
    }
    return secrets.map((md) => {
      const details = this.details(modelUuid, md);
      if (!reveal) return details;
      const revision = filter.revision ?? md.latestRevision;
      const data = this.state.revisionContent(modelUuid, md.id, revision);
      if (data === undefined) throw secretRevisionNotFound(md.id, revision);
      return { ...details, data };
    });
  }
}
