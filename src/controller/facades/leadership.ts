/**
 * The `LeadershipService` facade (v2) for unit agents: `ClaimLeadership`
 * claims or extends the application's lease for the calling unit (machine
 * agents ask for 60 s and renew every 30 s), `BlockUntilLeadershipReleased`
 * waits until the application has no live leader.
 */
import { ErrorCode, JujuError, unauthorized } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import type { ApplicationTagParam, ClaimLeadershipBulkParams } from '../../rpc/params/uniter.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';
import { bulkErrors, unitCaller, type UnitCaller } from './uniter-common.js';

/** Longest lease a unit may ask for (Juju caps claims at a few minutes). */
const MAX_LEASE_MS = 5 * 60 * 1000;

function ownApplication(caller: UnitCaller, tag: unknown): string {
  if (typeof tag !== 'string') throw unauthorized();
  let id: string;
  try {
    id = parseTag(tag, 'application').id;
  } catch {
    throw unauthorized();
  }
  if (id !== caller.application) throw unauthorized();
  return id;
}

function ownUnitTag(caller: UnitCaller, tag: unknown): string {
  if (typeof tag !== 'string') throw unauthorized();
  let id: string;
  try {
    id = parseTag(tag, 'unit').id;
  } catch {
    throw unauthorized();
  }
  if (id !== caller.unit) throw unauthorized();
  return id;
}

/** Waits `ms` or until `signal` aborts (then rejects). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new JujuError(ErrorCode.Stopped, 'connection closed'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new JujuError(ErrorCode.Stopped, 'connection closed'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function leadershipFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'LeadershipService',
    versions: [2],
    kinds: ['model'],
    methods: {
      ClaimLeadership: (ctx: CallContext, p: ClaimLeadershipBulkParams) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.params, (claim) => {
          const app = ownApplication(caller, claim['application-tag']);
          const unit = ownUnitTag(caller, claim['unit-tag']);
          const seconds = Number(claim.duration);
          if (!Number.isFinite(seconds) || seconds <= 0)
            throw new JujuError(ErrorCode.NotValid, `invalid duration ${JSON.stringify(claim.duration)}`);
          services.leadership.claim(caller.modelUuid, app, unit, Math.min(seconds * 1000, MAX_LEASE_MS));
        });
      },

      /** Returns `{}` once the application has no live leader (a lease lapsed or was released). */
      BlockUntilLeadershipReleased: async (ctx: CallContext, p: ApplicationTagParam) => {
        const caller = unitCaller(ctx);
        const name = p?.Name ?? p?.name ?? '';
        const app = name.startsWith('application-')
          ? ownApplication(caller, name)
          : ownApplication(caller, `application-${name}`);
        for (;;) {
          const lease = services.leadership.lease(caller.modelUuid, app);
          if (lease === null) return {};
          const untilExpiry = new Date(lease.expiry).getTime() - services.clock.now().getTime();
          // Wake at expiry, or earlier to notice a release (unit removal).
          await sleep(Math.max(50, Math.min(untilExpiry + 10, 1000)), ctx.conn.signal);
        }
      },
    },
  };
}
