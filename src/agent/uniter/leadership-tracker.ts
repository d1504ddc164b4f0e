/**
 * The unit's view of leadership (charm-contract §6): claim a 60 s lease and
 * renew it every 30 s while leader; while not leader, wait for the lease to
 * be released (`BlockUntilLeadershipReleased`) and claim again. `is-leader`
 * answers true only while a claim made in the last 30 s holds, so a true
 * answer guarantees leadership for at least 30 s.
 */
import { errorMessage } from '../../core/errors.js';
import { sleep } from '../common/backoff.js';
import type { UniterApi } from './uniter-api.js';

export interface LeadershipTrackerOptions {
  readonly leaseSeconds?: number;
  readonly renewMs?: number;
  readonly onChange: (leader: boolean) => void;
  readonly log: (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', message: string) => void;
}

export class LeadershipTracker {
  private leaderNow = false;
  private claimedAt = 0;
  private readonly leaseSeconds: number;
  private readonly renewMs: number;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly api: UniterApi,
    private readonly opts: LeadershipTrackerOptions,
  ) {
    this.leaseSeconds = opts.leaseSeconds ?? 60;
    this.renewMs = opts.renewMs ?? 30_000;
  }

  get leader(): boolean {
    return this.leaderNow;
  }

  /** Makes the first claim, then keeps claiming in the background. */
  async start(): Promise<void> {
    await this.claim();
    this.loop = this.run();
  }

  /** Stops the background loop (a pending BlockUntilLeadershipReleased ends with the connection). */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop?.catch(() => undefined);
  }

  /** For `is-leader`: true only under a claim younger than the renew interval (claiming now if needed). */
  async checkLeader(): Promise<boolean> {
    if (this.leaderNow && Date.now() - this.claimedAt < this.renewMs) return true;
    return this.claim();
  }

  private async claim(): Promise<boolean> {
    const ok = await this.api.claimLeadership(this.leaseSeconds);
    if (ok) this.claimedAt = Date.now();
    this.set(ok);
    return ok;
  }

  private set(leader: boolean): void {
    if (leader === this.leaderNow) return;
    this.leaderNow = leader;
    this.opts.log('INFO', leader ? 'leadership acquired' : 'leadership lost');
    this.opts.onChange(leader);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    try {
      while (!signal.aborted) {
        if (this.leaderNow) {
          const wait = Math.max(0, this.renewMs - (Date.now() - this.claimedAt));
          await sleep(wait, signal);
          if (signal.aborted) return;
          await this.claim();
        } else {
          const released = this.api.blockUntilLeadershipReleased();
          // Settled later by the connection closing when the race is lost to a stop.
          released.catch(() => undefined);
          await Promise.race([
            released,
            new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
          ]);
          if (signal.aborted) return;
          await this.claim();
        }
      }
    } catch (err) {
      if (!signal.aborted) this.opts.log('DEBUG', `leadership tracker stopped: ${errorMessage(err)}`);
    }
  }
}
