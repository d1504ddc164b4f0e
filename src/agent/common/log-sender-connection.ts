/**
 * One logsink connection for the log sender: a CA-pinned websocket to
 * `/model/<uuid>/logsink?version=1` with Basic auth, open once the server's
 * initial ErrorResult line says `{}`.
 */
import { WebSocket, type RawData } from 'ws';
import { parseHostPort, pinnedTlsOptions, API_SERVER_NAME } from '../../api/tls.js';
import { ApiConnectionError, describeDialError } from '../../api/errors.js';
import { JujuError, errorMessage } from '../../core/errors.js';
import { JUJU_VERSION } from '../../core/version.js';
import { frameText } from '../../rpc/envelope.js';
import { fromWireError } from '../../rpc/errors.js';

/** Who connects, and where. */
export interface LogSinkDialOptions {
  readonly address: string;
  readonly caCert: string;
  readonly modelUuid: string;
  readonly tag: string;
  readonly password: string;
  readonly nonce?: string;
  readonly timeoutMs: number;
}

/** Opens a logsink websocket; rejects with the server's JujuError or a connection error. */
export function dialLogSink(opts: LogSinkDialOptions): Promise<WebSocket> {
  const { authority } = parseHostPort(opts.address);
  const headers: Record<string, string> = {
    'X-Juju-ClientVersion': JUJU_VERSION,
    Authorization: `Basic ${Buffer.from(`${opts.tag}:${opts.password}`, 'utf8').toString('base64')}`,
  };
  if (opts.nonce !== undefined && opts.nonce !== '') headers['X-Juju-Nonce'] = opts.nonce;
  const ws = new WebSocket(
    `wss://${authority}/model/${encodeURIComponent(opts.modelUuid)}/logsink?version=1`,
    {
      ...pinnedTlsOptions(opts.caCert),
      headers,
      handshakeTimeout: opts.timeoutMs,
      perMessageDeflate: false,
    },
  );
  return new Promise<WebSocket>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(new ApiConnectionError(`cannot connect to logsink: ${authority}: timed out`)),
      opts.timeoutMs,
    );
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(err);
    };
    ws.once('error', (err) =>
      fail(
        new ApiConnectionError(
          `cannot connect to logsink: ${authority}: ${describeDialError(err, API_SERVER_NAME)}`,
        ),
      ),
    );
    ws.once('close', () =>
      fail(new ApiConnectionError(`cannot connect to logsink: ${authority}: connection closed`)),
    );
    ws.once('message', (data: RawData) => {
      let outcome: JujuError | null;
      try {
        const doc = JSON.parse(frameText(data)) as {
          error?: { message?: unknown; code?: unknown } | null;
        } | null;
        outcome = doc?.error ? fromWireError(doc.error) : null;
      } catch (err) {
        outcome = new JujuError('', `logsink: invalid initial message: ${errorMessage(err)}`);
      }
      if (outcome !== null) {
        fail(outcome);
        return;
      }
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners();
      resolve(ws);
    });
  });
}
