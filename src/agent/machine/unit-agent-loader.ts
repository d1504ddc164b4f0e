/**
 * Finds the unit agent (`startUnitAgent` exported by `src/agent/uniter/index.ts`).
 * Loaded at run time so a machine agent built without a uniter still manages
 * unit agent directories and passwords.
 */
import type { StartUnitAgent } from '../uniter/api.js';

/** The uniter entry point, or why it is not available. */
export type UnitAgentEntry =
  { readonly start: StartUnitAgent } | { readonly start: null; readonly reason: string };

export async function loadUnitAgent(): Promise<UnitAgentEntry> {
  try {
    const mod = (await import('../uniter/index.js')) as { startUnitAgent?: unknown };
    if (typeof mod.startUnitAgent !== 'function')
      return { start: null, reason: 'the uniter exports no startUnitAgent' };
    return { start: mod.startUnitAgent as StartUnitAgent };
  } catch (err) {
    return { start: null, reason: err instanceof Error ? err.message : String(err) };
  }
}
