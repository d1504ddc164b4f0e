/**
 * The `/model/:uuid/logsink` endpoint and the agents' LogSender, against a
 * real ApiServer, database and services: agent authentication, record
 * decoding, batching, rate limiting, and the sender's buffering and
 * reconnection (both ends real).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { pinnedTlsOptions } from '../../../src/api/tls.js';
import { createLogSender } from '../../../src/agent/common/log-sender.js';
import type { LogRecord } from '../../../src/domain/logs/types.js';
import { deployCharm } from '../domain/charm-fixtures.js';
import { ADMIN_PASSWORD, eventually, startLogController, type LogController } from './fixture.js';

const MACHINE_PASSWORD = 'machine-one-password-123';
const UNIT_PASSWORD = 'unit-mysql-zero-password';
const NONCE = 'machine-1-nonce';

/** A raw logsink client: the initial line, then whatever we send. */
async function openSink(
  c: LogController,
  auth: { tag: string; password: string; nonce?: string },
  query = 'version=1',
): Promise<{ ws: WebSocket; initial: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${auth.tag}:${auth.password}`).toString('base64')}`,
  };
  if (auth.nonce !== undefined) headers['X-Juju-Nonce'] = auth.nonce;
  const ws = new WebSocket(`wss://${c.address}/model/${c.modelUuid}/logsink?${query}`, {
    ...pinnedTlsOptions(c.caCert),
    headers,
  });
  const initial = await new Promise<Record<string, unknown>>((resolve, reject) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.once('error', reject);
  });
  return { ws, initial };
}

function closeWs(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

describe('logsink endpoint', () => {
  let c: LogController;
  const stored = (entity: string): LogRecord[] =>
    c.f.services.logs.query(c.modelUuid, { includeEntity: [entity], limit: 100_000 });

  before(async () => {
    c = await startLogController({ rateLimitBurst: 20, rateLimitRefillMs: 10, batchIntervalMs: 20 });
    const m = c.f.services.machine.add(c.modelUuid, {});
    assert.equal(m.id, '0');
    c.f.services.machine.add(c.modelUuid, { nonce: NONCE, instanceId: 'i-1' });
    c.f.services.machine.setPassword(c.modelUuid, '1', MACHINE_PASSWORD);
    deployCharm(c.f.services, c.modelUuid, 'mysql', 'mysql', 1);
    c.f.services.application.setUnitPassword(c.modelUuid, 'mysql/0', UNIT_PASSWORD);
  });
  after(async () => {
    await c?.close();
  });

  it('refuses bad credentials, users and a wrong nonce in the initial line', async () => {
    const cases: [{ tag: string; password: string; nonce?: string }, string, string][] = [
      [
        { tag: 'machine-1', password: 'wrong-password-wrong-password' },
        'authentication failed: invalid entity name or password',
        'unauthorized access',
      ],
      [
        { tag: 'user-admin', password: ADMIN_PASSWORD },
        'authorization failed: tag kind user not valid',
        'not valid',
      ],
      [
        { tag: 'machine-1', password: MACHINE_PASSWORD, nonce: 'other' },
        'authentication failed: machine 1 not provisioned',
        'not provisioned',
      ],
    ];
    for (const [auth, message, code] of cases) {
      const { ws, initial } = await openSink(c, auth);
      assert.deepEqual(initial, { error: { message, code } });
      await closeWs(ws);
    }
    const { ws, initial } = await openSink(
      c,
      { tag: 'machine-1', password: MACHINE_PASSWORD, nonce: NONCE },
      'version=2',
    );
    assert.deepEqual(initial, { error: { message: 'unknown version 2', code: '' } });
    await closeWs(ws);
  });

  it('stores records from a machine agent under its tag, whatever entity they claim', async () => {
    const { ws, initial } = await openSink(c, { tag: 'machine-1', password: MACHINE_PASSWORD, nonce: NONCE });
    assert.deepEqual(initial, {});
    ws.send(
      JSON.stringify({
        t: '2024-10-16T12:34:56.123456789Z',
        m: 'juju.worker.machiner',
        l: 'machiner.go:12',
        v: 'INFO',
        x: 'hello',
        c: ['one'],
        e: 'machine-99',
      }),
    );
    ws.send(
      JSON.stringify({ t: '2024-10-16T14:34:57+02:00', m: 'juju.worker', l: '', v: 5, x: 'numeric level' }),
    );
    ws.send(JSON.stringify({ t: 'garbage', m: 'm', v: 'NOPE', x: 'odd level', c: { k: 'v' } }));
    ws.send('not json');
    await eventually(() => stored('machine-1').length === 3, 5000, 'records stored');
    const [a, b, d] = stored('machine-1');
    assert.deepEqual(
      {
        entity: a?.entity,
        ts: a?.timestamp,
        module: a?.module,
        loc: a?.location,
        level: a?.levelName,
        msg: a?.message,
        lab: a?.labels,
      },
      {
        entity: 'machine-1',
        ts: Date.parse('2024-10-16T12:34:56Z') * 1000 + 123456,
        module: 'juju.worker.machiner',
        loc: 'machiner.go:12',
        level: 'INFO',
        msg: 'hello',
        lab: ['one'],
      },
    );
    assert.equal(b?.timestamp, Date.parse('2024-10-16T12:34:57Z') * 1000);
    assert.equal(b?.levelName, 'ERROR');
    assert.equal(d?.levelName, 'INFO');
    assert.deepEqual(d?.labels, ['k=v']);
    assert.ok((d?.timestamp ?? 0) > Date.parse('2024-10-16T12:34:57Z') * 1000, 'bad time is arrival time');
    assert.equal(stored('machine-99').length, 0);
    await closeWs(ws);
  });

  it('accepts unit agents', async () => {
    const { ws, initial } = await openSink(c, { tag: 'unit-mysql-0', password: UNIT_PASSWORD });
    assert.deepEqual(initial, {});
    ws.send(
      JSON.stringify({
        t: new Date().toISOString(),
        m: 'unit.mysql/0.juju-log',
        l: '',
        v: 'WARNING',
        x: 'from the charm',
      }),
    );
    await eventually(() => stored('unit-mysql-0').length === 1, 5000, 'unit record');
    assert.equal(stored('unit-mysql-0')[0]?.message, 'from the charm');
    await closeWs(ws);
  });

  it('rate limits a flood without losing records', async () => {
    const { ws } = await openSink(c, { tag: 'unit-mysql-0', password: UNIT_PASSWORD });
    const before = stored('unit-mysql-0').length;
    const started = Date.now();
    // burst 20, then one per 10 ms: 60 records need about 400 ms.
    for (let i = 0; i < 60; i++)
      ws.send(
        JSON.stringify({ t: new Date().toISOString(), m: 'flood', l: '', v: 'DEBUG', x: `flood ${i}` }),
      );
    await eventually(() => stored('unit-mysql-0').length === before + 60, 10_000, 'flood stored');
    const took = Date.now() - started;
    assert.ok(took >= 250, `60 records took only ${took}ms`);
    const flood = stored('unit-mysql-0')
      .filter((r) => r.module === 'flood')
      .map((r) => r.message);
    assert.deepEqual(
      flood,
      Array.from({ length: 60 }, (_, i) => `flood ${i}`),
    );
    await closeWs(ws);
  });

  it('ships records from a LogSender', async () => {
    const errors: string[] = [];
    const sender = createLogSender({
      addresses: [c.address],
      caCert: c.caCert,
      modelUuid: c.modelUuid,
      tag: 'machine-1',
      password: () => MACHINE_PASSWORD,
      nonce: NONCE,
      onError: (m) => errors.push(m),
    });
    try {
      sender.log('INFO', 'juju.worker.sender', 'sender.go:1', 'via the sender', ['lbl']);
      sender.log(4, 'juju.worker.sender', 'sender.go:2', 'numeric warning');
      await eventually(
        () => stored('machine-1').some((r) => r.message === 'numeric warning'),
        5000,
        'sent records',
      );
      const mine = stored('machine-1').filter((r) => r.module === 'juju.worker.sender');
      assert.deepEqual(
        mine.map((r) => [r.levelName, r.location, r.message, r.labels]),
        [
          ['INFO', 'sender.go:1', 'via the sender', ['lbl']],
          ['WARNING', 'sender.go:2', 'numeric warning', []],
        ],
      );
      assert.equal(sender.connected, true);
    } finally {
      await sender.close();
    }
    assert.deepEqual(errors, []);
    assert.equal(sender.connected, false);
  });
});

describe('LogSender across a controller restart', () => {
  let c: LogController;
  before(async () => {
    c = await startLogController({ batchIntervalMs: 10 });
    c.f.services.machine.add(c.modelUuid, {});
    c.f.services.machine.add(c.modelUuid, { nonce: NONCE, instanceId: 'i-1' });
    c.f.services.machine.setPassword(c.modelUuid, '1', MACHINE_PASSWORD);
  });
  after(async () => {
    await c?.close();
  });

  it('buffers boundedly while down, never blocks, reconnects and reports what it dropped', async () => {
    const sender = createLogSender({
      addresses: ['127.0.0.1:1', c.address], // the first address never answers
      caCert: c.caCert,
      modelUuid: c.modelUuid,
      tag: 'machine-1',
      password: MACHINE_PASSWORD,
      nonce: NONCE,
      bufferSize: 3,
      minRetryMs: 20,
      maxRetryMs: 100,
    });
    const messages = (): string[] =>
      c.f.services.logs
        .query(c.modelUuid, { includeEntity: ['machine-1'] })
        .map((r) => `${r.levelName} ${r.message}`);
    try {
      sender.log('INFO', 'juju.test', '', 'first');
      await eventually(() => messages().length === 1, 5000, 'first record');
      await c.stopServer();
      await eventually(() => !sender.connected, 5000, 'disconnect noticed');
      const started = Date.now();
      for (let i = 0; i < 5; i++) sender.log('INFO', 'juju.test', '', `while down ${i}`);
      assert.ok(Date.now() - started < 50, 'log() does not block');
      assert.equal(sender.pending, 3);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await c.startServer();
      await eventually(() => messages().length === 5, 5000, 'records after reconnect');
      assert.deepEqual(messages(), [
        'INFO first',
        'WARNING 2 log messages dropped due to lack of API connectivity',
        'INFO while down 2',
        'INFO while down 3',
        'INFO while down 4',
      ]);
    } finally {
      await sender.close();
    }
  });

  it('gives up waiting on close when it cannot connect', async () => {
    const sender = createLogSender({
      addresses: ['127.0.0.1:1'],
      caCert: c.caCert,
      modelUuid: c.modelUuid,
      tag: 'machine-1',
      password: MACHINE_PASSWORD,
      minRetryMs: 10,
    });
    sender.log('INFO', 'juju.test', '', 'never sent');
    const started = Date.now();
    await sender.close(100);
    assert.ok(Date.now() - started < 2000);
    sender.log('INFO', 'juju.test', '', 'ignored after close');
    assert.equal(sender.pending, 1);
  });
});
