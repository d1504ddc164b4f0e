/**
 * Shared pieces of the unit agent's facades: who is calling (a unit agent on a
 * model connection), checks that a tag names the caller's own unit or
 * application, and the bulk-call pattern (one result or error per entry;
 * anything the caller may not touch is `permission denied`).
 */
import { ErrorCode, JujuError, unauthorized } from '../../core/errors.js';
import { parseTag, unitApplication } from '../../core/names.js';
import { errorResult, type ErrorResult } from '../../rpc/errors.js';
import type { CallContext } from '../apiserver/types.js';
import { callerAgent } from './auth.js';

/** The calling unit agent. */
export interface UnitCaller {
  readonly modelUuid: string;
  /** `app/0`. */
  readonly unit: string;
  /** `app`. */
  readonly application: string;
}

/** The unit agent calling; anyone else is refused with `permission denied`. */
export function unitCaller(ctx: CallContext): UnitCaller {
  const { id, modelUuid } = callerAgent(ctx, 'unit');
  if (id === '') throw unauthorized();
  return { modelUuid, unit: id, application: unitApplication(id) };
}

function parsed(tag: unknown): { kind: string; id: string } {
  if (typeof tag !== 'string') throw unauthorized();
  try {
    return parseTag(tag);
  } catch {
    throw unauthorized();
  }
}

/** The caller's own unit name from `tag`; any other tag is `permission denied`. */
export function ownUnit(caller: UnitCaller, tag: unknown): string {
  const t = parsed(tag);
  if (t.kind !== 'unit' || t.id !== caller.unit) throw unauthorized();
  return t.id;
}

/** The caller's unit or application from `tag`. */
export function ownUnitOrApplication(
  caller: UnitCaller,
  tag: unknown,
): { kind: 'unit' | 'application'; id: string } {
  const t = parsed(tag);
  if (t.kind === 'unit' && t.id === caller.unit) return { kind: 'unit', id: t.id };
  if (t.kind === 'application' && t.id === caller.application) return { kind: 'application', id: t.id };
  throw unauthorized();
}

/** A relation key from a relation tag. @throws `not valid`. */
export function relationKeyFromTag(tag: unknown): string {
  if (typeof tag !== 'string') throw new JujuError(ErrorCode.NotValid, 'relation tag missing');
  return parseTag(tag, 'relation').id;
}

/** An action (task) id from an action tag. @throws `not valid`. */
export function actionIdFromTag(tag: unknown): string {
  if (typeof tag !== 'string') throw new JujuError(ErrorCode.NotValid, 'action tag missing');
  return parseTag(tag, 'action').id;
}

/** Maps each entry to a result, turning a thrown error into that entry's error. */
export function bulk<I, R extends ErrorResult>(
  items: readonly I[] | undefined,
  fn: (item: I) => R,
): { results: R[] } {
  return {
    results: (items ?? []).map((item) => {
      try {
        return fn(item);
      } catch (err) {
        return errorResult(err) as R;
      }
    }),
  };
}

/** Like {@link bulk} for entries that have no result beyond success. */
export function bulkErrors<I>(
  items: readonly I[] | undefined,
  fn: (item: I) => void,
): { results: ErrorResult[] } {
  return bulk(items, (item) => {
    fn(item);
    return {};
  });
}

/** The tag list of `Entities` params. */
export function entityTags(params: { entities?: { tag?: unknown }[] } | undefined): unknown[] {
  return (params?.entities ?? []).map((e) => e.tag);
}

/** `this unit is not the leader` (permission denied), as Juju's uniter says it. */
export const notLeaderError = (): JujuError =>
  new JujuError(ErrorCode.Unauthorized, 'this unit is not the leader');
