/**
 * Keeps the latest `SecretsManager.SecretsRemoteState` of the unit, like
 * {@link RemoteWatcher} does for the Uniter's: registers the watcher, reads
 * once, re-reads whenever it fires and calls `onChange`. A controller
 * without the facade leaves the snapshot empty (no secret hooks) instead of
 * failing the agent.
 *
 * Rotations and expiries become due with time, not with a write, so no
 * watcher fires for them: when the snapshot names a `nextDueTime`, a timer
 * re-reads it then (at least {@link MIN_DUE_DELAY_MS} later, so a clock
 * skewed against the controller's cannot spin) and calls `onChange`.
 */
import type { SecretsSnapshot } from './secret-resolver.js';
import type { UniterApi } from './uniter-api.js';

/** Shortest wait before re-reading for a due time. */
export const MIN_DUE_DELAY_MS = 1_000;
/** Longest single timer; a later due time is re-armed after a read. */
const MAX_DUE_DELAY_MS = 3_600_000;

/** Milliseconds until `due` (RFC 3339), clamped; undefined when there is none. */
export function dueDelay(due: string | undefined, now: number): number | undefined {
  if (due === undefined || due === '') return undefined;
  const at = Date.parse(due);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_DUE_DELAY_MS, Math.max(MIN_DUE_DELAY_MS, at - now));
}

export class SecretsWatcher {
  private current: SecretsSnapshot | undefined;
  private stopped = false;
  private dueTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly api: UniterApi,
    private readonly onChange: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last snapshot read (undefined when unavailable). */
  get latest(): SecretsSnapshot | undefined {
    return this.current;
  }

  /** Registers the watcher and reads the snapshot; never throws. */
  async start(): Promise<void> {
    let id: string;
    try {
      id = await this.api.watchSecretsRemoteState();
      this.current = await this.api.secretsRemoteState();
    } catch {
      this.current = undefined;
      return;
    }
    this.armDueTimer();
    void this.loop(id);
  }

  /** Re-reads now (after the agent's own changes). */
  async refresh(): Promise<void> {
    if (this.current === undefined) return;
    try {
      this.current = await this.api.secretsRemoteState();
      this.armDueTimer();
    } catch {
      // keep the last snapshot; the connection loss is noticed elsewhere
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.dueTimer !== undefined) clearTimeout(this.dueTimer);
    this.dueTimer = undefined;
  }

  /** (Re)arms the timer for the snapshot's next due time. */
  private armDueTimer(): void {
    if (this.dueTimer !== undefined) clearTimeout(this.dueTimer);
    this.dueTimer = undefined;
    const delay = dueDelay(this.current?.nextDueTime, this.now());
    if (this.stopped || delay === undefined) return;
    this.dueTimer = setTimeout(() => {
      this.dueTimer = undefined;
      if (this.stopped) return;
      void this.refresh().then(() => {
        if (!this.stopped) this.onChange();
      });
    }, delay);
    // The agent's own loop keeps the process alive; this timer must not.
    this.dueTimer.unref();
  }

  private async loop(id: string): Promise<void> {
    try {
      while (!this.stopped) {
        await this.api.watcherNext(id);
        if (this.stopped) return;
        this.current = await this.api.secretsRemoteState();
        this.armDueTimer();
        this.onChange();
      }
    } catch {
      // the connection ended; the session restarts and re-registers
    }
  }
}
