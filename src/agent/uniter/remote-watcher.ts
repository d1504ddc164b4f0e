/**
 * Keeps the latest `Uniter.RemoteState` of the unit: registers
 * `WatchRemoteState`, reads the state once, then re-reads it every time the
 * watcher fires, calling `onChange` after each read (and when the watch
 * fails, leaving the error in `error`).
 */
import type { RemoteState } from '../../rpc/params/uniter.js';
import type { UniterApi } from './uniter-api.js';

export class RemoteWatcher {
  private current: RemoteState | undefined;
  private failure: unknown;
  private stopped = false;

  constructor(
    private readonly api: UniterApi,
    private readonly onChange: () => void,
  ) {}

  /** The last state read. @throws before `start` resolved. */
  get latest(): RemoteState {
    if (this.current === undefined) throw new Error('remote state not read yet');
    return this.current;
  }

  /** Why watching stopped, if it failed. */
  get error(): unknown {
    return this.failure;
  }

  /** Registers the watcher, reads the state, and keeps watching in the background. */
  async start(): Promise<void> {
    const id = await this.api.watchRemoteState();
    this.current = await this.api.remoteState();
    void this.loop(id);
  }

  /** Reads the state now (after the agent's own writes). */
  async refresh(): Promise<void> {
    this.current = await this.api.remoteState();
  }

  /** Stops reacting; the pending `Next` ends with the connection. */
  stop(): void {
    this.stopped = true;
  }

  private async loop(id: string): Promise<void> {
    try {
      while (!this.stopped) {
        await this.api.watcherNext(id);
        if (this.stopped) return;
        this.current = await this.api.remoteState();
        this.onChange();
      }
    } catch (err) {
      if (this.stopped) return;
      this.failure = err;
      this.onChange();
    }
  }
}
