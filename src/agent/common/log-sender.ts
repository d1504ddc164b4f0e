/**
 * Ships an agent's log records to the controller's logsink
 * (`/model/<uuid>/logsink?version=1`). `log()` only appends to a bounded
 * in-memory queue (dropping the oldest records when full) and returns; a
 * background loop connects, drains the queue, and reconnects with back-off
 * when the connection breaks, trying each controller address in turn.
 * Records dropped meanwhile are reported with one WARNING record, as Juju's
 * logsender does.
 */
import type { WebSocket } from 'ws';
import { errorMessage } from '../../core/errors.js';
import { BoundedLogQueue } from './log-sender-queue.js';
import { dialLogSink } from './log-sender-connection.js';

/** Level names accepted by {@link LogSender.log} (loggo's). */
export type LogSenderLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** Where and as whom to send. */
export interface LogSenderOptions {
  /** Controller `host:port` addresses (agent.conf `apiaddresses`). */
  readonly addresses: readonly string[];
  /** Controller CA (agent.conf `cacert`). */
  readonly caCert: string;
  readonly modelUuid: string;
  /** The agent's tag: `machine-1`, `unit-app-0`. */
  readonly tag: string;
  /** The agent's API password; a function is asked again at every connection (password rotation). */
  readonly password: string | (() => string);
  /** Machine agents: the provisioning nonce. */
  readonly nonce?: string;
  /** Records kept while disconnected. Default 10000. */
  readonly bufferSize?: number;
  /** First reconnect delay; doubles up to `maxRetryMs`. Defaults 250 ms and 30 s. */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Dial timeout per address. Default 10 s. */
  readonly dialTimeoutMs?: number;
  /** Connection problems, for the agent's local log (never sent through the sender itself). */
  readonly onError?: (message: string) => void;
}

/** A running log sender. */
export interface LogSender {
  /** Queues one record; never blocks or throws. `labels` are plain strings. */
  log(
    level: LogSenderLevel | number,
    module: string,
    location: string,
    message: string,
    labels?: readonly string[],
  ): void;
  /** Records waiting to be sent. */
  readonly pending: number;
  /** Whether a logsink connection is open now. */
  readonly connected: boolean;
  /**
   * Stops: tries for up to `timeoutMs` (default 2000) to send what is queued,
   * then closes the connection. Later `log()` calls are ignored.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** Bytes buffered on the socket above which the sender waits for it to drain. */
const HIGH_WATER_BYTES = 256 * 1024;
const LEVEL_NAMES = ['UNSPECIFIED', 'TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/** One logsink wire record. */
function encodeRecord(
  level: LogSenderLevel | number,
  module: string,
  location: string,
  message: string,
  labels: readonly string[] | undefined,
): string {
  const v = typeof level === 'number' ? (LEVEL_NAMES[level] ?? 'INFO') : level;
  const record: Record<string, unknown> = {
    t: new Date().toISOString(),
    m: module,
    l: location,
    v,
    x: message,
  };
  if (labels !== undefined && labels.length > 0) record['c'] = [...labels];
  return JSON.stringify(record);
}

/** Starts a log sender; see the module comment. */
export function createLogSender(opts: LogSenderOptions): LogSender {
  return new LogSenderImpl(opts);
}

class LogSenderImpl implements LogSender {
  readonly #opts: LogSenderOptions;
  readonly #queue: BoundedLogQueue;
  readonly #onError: (message: string) => void;
  #ws: WebSocket | null = null;
  #closing = false;
  #wake: (() => void) | null = null;
  /** Whether the current sleep ends when a record is logged (false while backing off). */
  #wakeOnLog = false;
  #retryTimer: NodeJS.Timeout | undefined;
  readonly #loop: Promise<void>;

  constructor(opts: LogSenderOptions) {
    if (opts.addresses.length === 0) throw new Error('log sender needs at least one controller address');
    this.#opts = opts;
    this.#queue = new BoundedLogQueue(opts.bufferSize ?? 10_000);
    this.#onError = opts.onError ?? (() => undefined);
    this.#loop = this.#run().catch((err: unknown) =>
      this.#onError(`log sender stopped: ${errorMessage(err)}`),
    );
  }

  get pending(): number {
    return this.#queue.length;
  }

  get connected(): boolean {
    return this.#ws !== null;
  }

  log(
    level: LogSenderLevel | number,
    module: string,
    location: string,
    message: string,
    labels?: readonly string[],
  ): void {
    if (this.#closing) return;
    try {
      this.#queue.push(encodeRecord(level, module, location, message, labels));
    } catch {
      return; // an unserialisable label must not hurt the agent
    }
    if (this.#wakeOnLog) this.#poke();
  }

  async close(timeoutMs = 2000): Promise<void> {
    if (this.#closing) return this.#loop;
    this.#closing = true;
    const deadline = Date.now() + timeoutMs;
    while (this.#ws !== null && this.#queue.length > 0 && Date.now() < deadline) {
      this.#poke();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (this.#ws !== null && this.#queue.length === 0) {
      // Let the last frames leave the socket before the close frame.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    this.#ws?.close(1000);
    this.#poke();
    await this.#loop;
    this.#ws = null;
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** Waits `ms`, or until closed (or, with `wakeOnLog`, a record is logged). */
  #sleep(ms: number, wakeOnLog: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.#wakeOnLog = wakeOnLog;
      this.#wake = () => {
        clearTimeout(this.#retryTimer);
        this.#retryTimer = undefined;
        resolve();
      };
      this.#retryTimer = setTimeout(() => {
        this.#wake = null;
        this.#retryTimer = undefined;
        resolve();
      }, ms);
      this.#retryTimer.unref();
    });
  }

  async #run(): Promise<void> {
    const min = this.#opts.minRetryMs ?? 250;
    const max = this.#opts.maxRetryMs ?? 30_000;
    let delay = min;
    let next = 0;
    while (!this.#closing) {
      const address = this.#opts.addresses[next % this.#opts.addresses.length] ?? '';
      next++;
      let ws: WebSocket;
      try {
        const password =
          typeof this.#opts.password === 'function' ? this.#opts.password() : this.#opts.password;
        ws = await dialLogSink({
          address,
          caCert: this.#opts.caCert,
          modelUuid: this.#opts.modelUuid,
          tag: this.#opts.tag,
          password,
          ...(this.#opts.nonce !== undefined ? { nonce: this.#opts.nonce } : {}),
          timeoutMs: this.#opts.dialTimeoutMs ?? 10_000,
        });
      } catch (err) {
        this.#onError(`cannot open logsink on ${address}: ${errorMessage(err)}`);
        if (this.#closing) return;
        // Only back off once every address failed in a row.
        if (next % this.#opts.addresses.length === 0) {
          await this.#sleep(delay * (0.75 + Math.random() * 0.5), false);
          delay = Math.min(max, delay * 2);
        }
        continue;
      }
      delay = min;
      await this.#pump(ws);
      if (!this.#closing) await this.#sleep(min, false); // a server that hangs up at once must not spin us
    }
  }

  /** Sends queued records over `ws` until it closes (or the sender is closed and drained). */
  async #pump(ws: WebSocket): Promise<void> {
    let open = true;
    ws.on('error', (err) => this.#onError(`logsink connection: ${err.message}`));
    ws.once('close', () => {
      open = false;
      if (this.#ws === ws) this.#ws = null;
      this.#poke();
    });
    this.#ws = ws;
    const dropped = this.#queue.takeDropped();
    if (dropped > 0) {
      this.#queue.unshift(
        encodeRecord(
          'WARNING',
          'juju.worker.logsender',
          '',
          `${dropped} log messages dropped due to lack of API connectivity`,
          undefined,
        ),
      );
    }
    while (open && ws.readyState === ws.OPEN) {
      const item = this.#queue.peek();
      if (item === undefined) {
        if (this.#closing) {
          ws.close(1000);
          return;
        }
        await this.#sleep(60_000, true);
        continue;
      }
      this.#queue.shift();
      if (ws.bufferedAmount > HIGH_WATER_BYTES) {
        await new Promise<void>((resolve) => ws.send(item, () => resolve()));
      } else {
        ws.send(item);
      }
    }
  }
}
