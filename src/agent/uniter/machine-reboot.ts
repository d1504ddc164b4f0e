/**
 * `juju-reboot` in the unit agent (charm-contract §2.7): after a hook asked
 * for a reboot the agent shows `rebooting`, asks the machine agent to reboot
 * and stops; after the reboot the first start of the unit agent runs `start`
 * once for a unit that had started (Juju's reboot resolver), after any hook
 * that was queued or pending finishes.
 */
import { errorMessage } from '../../core/errors.js';
import type { LocalState } from './local-state.js';
import type { OperationContext } from './operation-context.js';
import type { Decision } from './resolver.js';

const MODULE = 'juju.worker.uniter';

/** Whether this unit agent can have its machine rebooted. */
export function canReboot(oc: OperationContext): boolean {
  return oc.requestReboot !== undefined;
}

/** Sets agent status `rebooting` (best effort) and asks the machine agent to reboot. */
export async function requestMachineReboot(oc: OperationContext): Promise<void> {
  try {
    await oc.setAgentStatus('rebooting');
  } catch (err) {
    oc.log('ERROR', MODULE, `updating agent status: ${errorMessage(err)}`);
  }
  oc.log('INFO', MODULE, 'requesting a machine reboot');
  oc.requestReboot?.();
}

/**
 * The implicit `start` after a reboot: a decision when it is due now, and
 * whether the reboot still waits to be acted on (false once `start` was
 * chosen, or when the unit never started).
 */
export function rebootStartDecision(local: LocalState): { decision?: Decision; stillPending: boolean } {
  if (!local.started) return { stillPending: false };
  if (local.op.kind !== 'continue') return { stillPending: true };
  return { decision: { kind: 'run-hook', hook: { kind: 'start' } }, stillPending: false };
}
