/**
 * The Client facade (v6, v7, v8) on model connections: `FullStatus`, the
 * whole model's status from one consistent read, and `StatusHistory`.
 */
import type { FullStatus, StatusParams } from '../../rpc/params/status.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';
import { filterStatus, fullStatusWire } from './status-full.js';
import { statusHistory } from './status-history.js';
import type { StatusHistoryRequests, StatusHistoryResults } from '../../rpc/params/status-history.js';

export function clientFacade(deps: FacadeDeps): FacadeDefinition {
  return {
    name: 'Client',
    versions: [6, 7, 8],
    kinds: ['model'],
    methods: {
      FullStatus: (ctx: CallContext, p: StatusParams): FullStatus => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        const data = deps.services.status.fullStatus(uuid);
        // Storage is not modelled yet: with include-storage there is simply none to list.
        return fullStatusWire(filterStatus(data, p?.patterns ?? []));
      },
      StatusHistory: (ctx: CallContext, p: StatusHistoryRequests): StatusHistoryResults =>
        statusHistory(deps, ctx, p),
    },
  };
}
