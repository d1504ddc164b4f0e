/**
 * Runs the controller's long-lived workers: each is an async function that
 * works until its abort signal fires. A worker that fails is logged and
 * restarted after a back-off; `stop` aborts them all and waits (bounded) for
 * them to finish.
 */
import { errorMessage } from '../../core/errors.js';

/** A worker body: resolves when `signal` aborts (or its job is done), rejects on failure. */
export type Worker = (signal: AbortSignal) => Promise<void>;

export type RunnerLog = (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', message: string) => void;

const RESTART_MIN_MS = 1000;
const RESTART_MAX_MS = 30_000;

export class WorkerRunner {
  private readonly abort = new AbortController();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly log: RunnerLog) {}

  /** Starts `worker` under `name`, restarting it when it fails. */
  start(name: string, worker: Worker): void {
    if (this.running.has(name)) throw new Error(`worker ${name} already started`);
    const signal = this.abort.signal;
    const loop = async (): Promise<void> => {
      let delay = RESTART_MIN_MS;
      while (!signal.aborted) {
        const started = Date.now();
        try {
          await worker(signal);
          if (!signal.aborted) this.log('INFO', `worker ${name} finished`);
          return;
        } catch (err) {
          if (signal.aborted) return;
          if (Date.now() - started > RESTART_MAX_MS) delay = RESTART_MIN_MS;
          this.log('ERROR', `worker ${name} failed: ${errorMessage(err)}; restarting in ${delay / 1000}s`);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
          });
          delay = Math.min(delay * 2, RESTART_MAX_MS);
        }
      }
    };
    this.running.set(name, loop());
  }

  /** Aborts every worker and waits for them, at most `timeoutMs`. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    const all = Promise.allSettled([...this.running.values()]).then(() => true);
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const finished = await Promise.race([all, late]);
    clearTimeout(timer);
    if (!finished) this.log('WARNING', `workers did not stop within ${timeoutMs / 1000}s`);
  }
}
