/**
 * Keeps the latest `SecretsManager.SecretsRemoteState` of the unit, like
 * {@link RemoteWatcher} does for the Uniter's: registers the watcher, reads
 * once, re-reads whenever it fires and calls `onChange`. A controller
 * without the facade leaves the snapshot empty (no secret hooks) instead of
 * failing the agent.
 */
import type { SecretsSnapshot } from './secret-resolver.js';
import type { UniterApi } from './uniter-api.js';

export class SecretsWatcher {
  private current: SecretsSnapshot | undefined;
  private stopped = false;

  constructor(
    private readonly api: UniterApi,
    private readonly onChange: () => void,
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
    void this.loop(id);
  }

  /** Re-reads now (after the agent's own changes). */
  async refresh(): Promise<void> {
    if (this.current === undefined) return;
    try {
      this.current = await this.api.secretsRemoteState();
    } catch {
      // keep the last snapshot; the connection loss is noticed elsewhere
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(id: string): Promise<void> {
    try {
      while (!this.stopped) {
        await this.api.watcherNext(id);
        if (this.stopped) return;
        this.current = await this.api.secretsRemoteState();
        this.onChange();
      }
    } catch {
      // the connection ended; the session restarts and re-registers
    }
  }
}
