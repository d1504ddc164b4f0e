import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, JujuError, isJujuError } from '../../../src/core/errors.js';
import { JUJU_VERSION } from '../../../src/core/version.js';
import { connect, type ApiConnection } from '../../../src/api/connection.js';
import { isApiConnectionError } from '../../../src/api/errors.js';
import { RequestError } from '../../../src/rpc/errors.js';
import { apiHttpRequest } from '../../../src/api/http.js';
import { createCA } from '../../../src/pki/certificates.js';
import { readJsonBody, sendJson } from '../../../src/controller/apiserver/http-util.js';
import { MODEL_UUID, RawClient, startTestServer, type TestServer } from './fixtures.js';

const NOT_IMPLEMENTED = 'not implemented';

void describe('api server and client', () => {
  let ts: TestServer;
  const open: Array<{ close(): unknown }> = [];

  before(async () => {
    ts = await startTestServer();
    ts.server.addHttpRoute('GET', '/model/:uuid/charms', (_req, res, route) =>
      sendJson(res, 200, { uuid: route.params['uuid'], url: route.url.searchParams.get('url') }),
    );
    ts.server.addHttpRoute('POST', '/echo', async (req, res) =>
      sendJson(res, 200, await readJsonBody(req, 1024)),
    );
    ts.server.addHttpRoute('GET', '/missing', () => {
      throw new JujuError(ErrorCode.NotFound, 'charm "x" not found');
    });
    ts.server.addWebSocketRoute('/model/:uuid/log', (ws) => {
      ws.send('{}');
      ws.send('{"line":1}');
      ws.send('{"line":2}');
      ws.close();
    });
    ts.server.addWebSocketRoute('/denied', (ws) => {
      ws.send('{"error":{"message":"permission denied","code":"unauthorized access"}}');
      ws.close();
    });
  });

  after(async () => {
    for (const c of open) await c.close();
    await ts.server.stop();
  });

  async function client(
    modelUuid?: string,
    extra: { clientFacades?: Record<string, number[]> } = {},
  ): Promise<ApiConnection> {
    const conn = await connect({
      addresses: [ts.address],
      caCert: ts.caCert,
      ...(modelUuid === undefined ? {} : { modelUuid }),
      ...extra,
    });
    open.push(conn);
    return conn;
  }

  async function raw(path = '/api'): Promise<RawClient> {
    const rc = await RawClient.open(ts.address, ts.caCert, path);
    open.push(rc);
    return rc;
  }

  void it('answers /health', async () => {
    const res = await apiHttpRequest({ address: ts.address, caCert: ts.caCert }, 'GET', '/health');
    assert.equal(res.status, 200);
    assert.equal(res.text(), 'running\n');
  });

  void it('logs in on a controller connection and lists only controller facades', async () => {
    const conn = await client();
    const result = await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    assert.equal(result['server-version'], JUJU_VERSION);
    assert.equal(result['controller-tag'], 'controller-11111111-2222-3333-4444-555555555555');
    assert.deepEqual(result.facades, [
      { name: 'ModelManager', versions: [9, 10] },
      { name: 'NotifyWatcher', versions: [1] },
      { name: 'Pinger', versions: [1] },
      { name: 'Test', versions: [1, 2] },
    ]);
    const echoed = await conn.call<{ kind: string; model: null; tag: string; version: number }>(
      'Test',
      'Echo',
      { a: 1 },
    );
    assert.deepEqual(echoed, {
      params: { a: 1 },
      version: 2,
      kind: 'controller',
      model: null,
      tag: 'user-admin',
    });
    assert.deepEqual(await conn.call('Pinger', 'Ping'), {});
  });

  void it('logs in on a model connection and lists only model facades', async () => {
    const conn = await client(MODEL_UUID, { clientFacades: { Test: [1], Application: [18, 19] } });
    const result = await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    assert.equal(result['model-tag'], `model-${MODEL_UUID}`);
    assert.deepEqual(
      result.facades.map((f) => f.name),
      ['Application', 'NotifyWatcher', 'Pinger', 'Test'],
    );
    assert.equal(conn.bestVersion('Application', [18, 19, 20]), 20);
    assert.equal(conn.bestVersion('Application', [18]), 0);
    assert.equal(conn.bestVersion('Nope', [1]), 0);
    // The client table limits Test to version 1.
    const echoed = await conn.call<{ version: number; model: string; kind: string }>('Test', 'Echo');
    assert.equal(echoed.version, 1);
    assert.equal(echoed.model, MODEL_UUID);
    assert.equal(echoed.kind, 'model');
    await assert.rejects(
      conn.call('ModelManager', 'ListModels'),
      /facade "ModelManager" not supported by this controller/,
    );
  });

  void it('rebuilds server errors as JujuError with code and info', async () => {
    const conn = await client();
    await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    await assert.rejects(conn.call('Test', 'Fail'), (err: unknown) => {
      assert.ok(isJujuError(err, ErrorCode.NotFound));
      // Call-level errors read as Juju's rpc client prints them: message (code).
      assert.equal(err.message, 'thing "x" not found (not found)');
      assert.ok(err instanceof RequestError);
      assert.equal(err.reason, 'thing "x" not found');
      assert.deepEqual(err.info, { thing: 'x' });
      return true;
    });
    await assert.rejects(conn.call('Test', 'Crash'), (err: unknown) => {
      assert.ok(err instanceof JujuError);
      assert.equal(err.code, '');
      assert.equal(err.message, 'boom');
      return true;
    });
    assert.ok(ts.logs.some((line) => line.includes('Test(2).Crash failed') && line.includes('boom')));
  });

  void it('rejects a bad login and allows a retry', async () => {
    const conn = await client();
    await assert.rejects(conn.login({ authTag: 'user-admin', credentials: 'wrong' }), (err: unknown) => {
      assert.ok(isJujuError(err, ErrorCode.Unauthorized));
      assert.equal(err.message, 'invalid entity name or password (unauthorized access)');
      return true;
    });
    await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    await assert.rejects(
      conn.login({ authTag: 'user-admin', credentials: 'secret' }),
      /^JujuError: already logged in$/,
    );
  });

  void describe('exact wire replies', () => {
    void it('before login only Admin exists', async () => {
      const rc = await raw();
      assert.deepEqual(await rc.roundTrip({ 'request-id': 1, type: 'Test', version: 1, request: 'Echo' }), {
        'request-id': 1,
        error: 'unknown version (1) of interface "Test"',
        'error-code': NOT_IMPLEMENTED,
      });
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 2, type: 'Admin', version: 2, request: 'Login', params: {} }),
        {
          'request-id': 2,
          error: 'this version of Juju does not support login from old clients',
          'error-code': 'not supported',
        },
      );
      assert.deepEqual(await rc.roundTrip({ 'request-id': 3, type: 'Admin', version: 3, request: 'Bogus' }), {
        'request-id': 3,
        error: 'no such request - method Admin(3).Bogus is not implemented',
        'error-code': NOT_IMPLEMENTED,
      });
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 4, type: 'Admin', version: 3, id: 'x', request: 'Login' }),
        {
          'request-id': 4,
          error: 'id not found',
          'error-code': 'not found',
        },
      );
      assert.deepEqual(await rc.roundTrip({ 'request-id': 5, type: 'Pinger', version: 1, request: 'Ping' }), {
        'request-id': 5,
        error: 'unknown version (1) of interface "Pinger"',
        'error-code': NOT_IMPLEMENTED,
      });
    });

    void it('after login: unknown facade, version, method; kind restrictions; void replies', async () => {
      const rc = await raw();
      const login = await rc.login();
      assert.equal(login['request-id'], 1000);
      assert.ok('response' in login);
      assert.deepEqual(await rc.roundTrip({ 'request-id': 1, type: 'Foo', version: 1, request: 'Bar' }), {
        'request-id': 1,
        error: 'unknown object type "Foo"',
        'error-code': NOT_IMPLEMENTED,
      });
      assert.deepEqual(await rc.roundTrip({ 'request-id': 2, type: 'Test', version: 9, request: 'Echo' }), {
        'request-id': 2,
        error: 'unknown version (9) of interface "Test"',
        'error-code': NOT_IMPLEMENTED,
      });
      assert.deepEqual(await rc.roundTrip({ 'request-id': 3, type: 'Test', version: 2, request: 'Bogus' }), {
        'request-id': 3,
        error: 'no such request - method Test(2).Bogus is not implemented',
        'error-code': NOT_IMPLEMENTED,
      });
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 4, type: 'Test', version: 2, request: 'constructor' }),
        {
          'request-id': 4,
          error: 'no such request - method Test(2).constructor is not implemented',
          'error-code': NOT_IMPLEMENTED,
        },
      );
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 5, type: 'Application', version: 20, request: 'Get' }),
        {
          'request-id': 5,
          error: 'facade "Application" not supported for controller API connection',
          'error-code': 'not supported',
        },
      );
      assert.deepEqual(
        await rc.roundTrip({
          'request-id': 6,
          type: 'Admin',
          version: 3,
          request: 'Login',
          params: { 'auth-tag': 'user-admin', credentials: 'secret' },
        }),
        { 'request-id': 6, error: 'already logged in' },
      );
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 7, type: 'Test', version: 1, id: 'w1', request: 'Echo' }),
        {
          'request-id': 7,
          error: 'id not found',
          'error-code': 'not found',
        },
      );
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 8, type: 'NotifyWatcher', version: 1, id: 'w1', request: 'Next' }),
        {
          'request-id': 8,
          response: { id: 'w1' },
        },
      );
      rc.sendText(JSON.stringify({ 'request-id': 9, type: 'Test', version: 1, request: 'Void' }));
      assert.equal(await rc.next(), '{"request-id":9,"response":{}}');
      rc.sendText(JSON.stringify({ 'request-id': 10, type: 'Pinger', version: 1, id: '', request: 'Ping' }));
      assert.equal(await rc.next(), '{"request-id":10,"response":{}}');
      assert.deepEqual(await rc.roundTrip({ 'request-id': 11, type: 'Test', version: 1, request: 'Fail' }), {
        'request-id': 11,
        error: 'thing "x" not found',
        'error-code': 'not found',
        'error-info': { thing: 'x' },
      });
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 12, type: 'Test', version: '1', request: 'Echo' }),
        {
          'request-id': 12,
          error: 'invalid request: "version" must be a number',
          'error-code': 'bad request',
        },
      );
    });

    void it('model connections refuse controller-only facades', async () => {
      const rc = await raw(`/model/${MODEL_UUID}/api`);
      await rc.login();
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 1, type: 'ModelManager', version: 10, request: 'ListModels' }),
        {
          'request-id': 1,
          error: 'facade "ModelManager" not supported for model API connection',
          'error-code': 'not supported',
        },
      );
      assert.deepEqual(
        await rc.roundTrip({ 'request-id': 2, type: 'Application', version: 20, request: 'Get' }),
        {
          'request-id': 2,
          response: {},
        },
      );
    });

    void it('treats / like /api', async () => {
      const rc = await raw('/');
      const login = await rc.login();
      const facades = (login['response'] as { facades: Array<{ name: string }> }).facades.map((f) => f.name);
      assert.ok(facades.includes('ModelManager'));
      assert.ok(!facades.includes('Application'));
    });

    void it('answers legacy v0 requests in the legacy format', async () => {
      const rc = await raw();
      const reply = await rc.roundTrip({
        RequestId: 5,
        Type: 'Admin',
        Version: 3,
        Request: 'Login',
        Params: { 'auth-tag': 'user-admin', credentials: 'secret' },
      });
      assert.equal(reply['RequestId'], 5);
      assert.equal((reply['Response'] as { 'server-version': string })['server-version'], JUJU_VERSION);
      assert.deepEqual(await rc.roundTrip({ RequestId: 6, Type: 'Foo', Version: 1, Request: 'X' }), {
        RequestId: 6,
        Error: 'unknown object type "Foo"',
        ErrorCode: NOT_IMPLEMENTED,
      });
    });

    void it('drops the connection on a message that is not JSON', async () => {
      const rc = await raw();
      rc.sendText('{not json');
      const { code } = await rc.closed;
      assert.equal(code, 1007);
    });
  });

  void it('pipelines concurrent calls and matches replies by request id', async () => {
    const conn = await client();
    await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    const finished: number[] = [];
    const slow = conn.call<{ value: number }>('Test', 'Sleep', { ms: 150, value: -1 }).then((r) => {
      finished.push(r.value);
      return r;
    });
    const calls = Array.from({ length: 300 }, (_, i) =>
      conn.call<{ value: number }>('Test', 'Sleep', { ms: i % 7, value: i }).then((r) => {
        finished.push(r.value);
        return r;
      }),
    );
    const results = await Promise.all(calls);
    results.forEach((r, i) => assert.equal(r.value, i));
    assert.equal((await slow).value, -1);
    assert.equal(finished[finished.length - 1], -1, 'the slow call issued first answers last');
  });

  void it('measures call round-trip time', async (t) => {
    const conn = await client();
    await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    for (let i = 0; i < 200; i++) await conn.call('Test', 'Echo', { i }); // warm-up
    const n = 2000;
    let start = performance.now();
    for (let i = 0; i < n; i++) await conn.call('Test', 'Echo', { i });
    const sequentialUs = ((performance.now() - start) * 1000) / n;
    start = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => conn.call('Test', 'Echo', { i })));
    const pipelinedMs = performance.now() - start;
    const line = `rpc round trip: ${sequentialUs.toFixed(1)} us/call sequential; ${n} pipelined calls in ${pipelinedMs.toFixed(1)} ms (${Math.round((n / pipelinedMs) * 1000)} calls/s)`;
    t.diagnostic(line);
    assert.ok(sequentialUs < 5000, 'a loopback call takes well under 5 ms');
  });

  void it('rejects a server whose certificate is not signed by the pinned CA', async () => {
    const other = await createCA('other');
    await assert.rejects(connect({ addresses: [ts.address], caCert: other.certPem }), (err: unknown) => {
      assert.ok(isApiConnectionError(err));
      assert.equal(
        err.message,
        `cannot connect to API: ${ts.address}: x509: certificate signed by unknown authority`,
      );
      return true;
    });
  });

  void it('tries each address in turn and reports every failure', async () => {
    const dead = await startTestServer();
    const deadAddress = dead.address;
    await dead.server.stop();
    const conn = await connect({ addresses: [deadAddress, ts.address], caCert: ts.caCert });
    open.push(conn);
    assert.equal(conn.address, ts.address);
    await assert.rejects(
      connect({ addresses: [deadAddress, 'not-an-address'], caCert: ts.caCert }),
      new RegExp(
        `^ApiConnectionError: cannot connect to API: ${deadAddress}: connection refused; not-an-address: invalid API address`,
      ),
    );
  });

  void it('serves added HTTP routes with Juju error bodies', async () => {
    const target = { address: ts.address, caCert: ts.caCert };
    const ok = await apiHttpRequest(target, 'GET', `/model/${MODEL_UUID}/charms`, {
      query: { url: 'ch:foo' },
    });
    assert.deepEqual(ok.json(), { uuid: MODEL_UUID, url: 'ch:foo' });
    const echo = await apiHttpRequest(target, 'POST', '/echo', { body: { a: [1] } });
    assert.deepEqual(echo.json(), { a: [1] });
    const missing = await apiHttpRequest(target, 'GET', '/missing', { allowErrorStatus: true });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-type'], 'application/json');
    assert.deepEqual(missing.json(), { error: { message: 'charm "x" not found', code: 'not found' } });
    await assert.rejects(apiHttpRequest(target, 'GET', '/missing'), (err: unknown) =>
      isJujuError(err, ErrorCode.NotFound),
    );
    const wrongMethod = await apiHttpRequest(target, 'PUT', '/echo', { allowErrorStatus: true });
    assert.equal(wrongMethod.status, 405);
    const nowhere = await apiHttpRequest(target, 'GET', '/nowhere', { allowErrorStatus: true });
    assert.equal(nowhere.status, 404);
    const plainApi = await apiHttpRequest(target, 'GET', '/api', { allowErrorStatus: true });
    assert.equal(plainApi.status, 400);
  });

  void it('serves websocket side streams', async () => {
    const conn = await client(MODEL_UUID);
    await conn.login({ authTag: 'user-admin', credentials: 'secret' });
    const stream = await conn.openStream(`/model/${MODEL_UUID}/log`);
    const lines: string[] = [];
    for await (const line of stream) lines.push(line);
    assert.deepEqual(lines, ['{"line":1}', '{"line":2}']);
    await assert.rejects(conn.openStream('/denied'), (err: unknown) => {
      assert.ok(isJujuError(err, ErrorCode.Unauthorized));
      assert.equal(err.message, 'permission denied');
      return true;
    });
  });
});

void describe('api server lifecycle', () => {
  void it('stop() closes live connections promptly and fails pending calls', async () => {
    const ts = await startTestServer();
    try {
      const conn = await connect({ addresses: [ts.address], caCert: ts.caCert });
      await conn.login({ authTag: 'user-admin', credentials: 'secret' });
      const pending = assert.rejects(
        conn.call('Test', 'Sleep', { ms: 10_000, value: 1 }),
        /connection is shut down/,
      );
      const idle = await RawClient.open(ts.address, ts.caCert);
      const started = performance.now();
      await ts.server.stop();
      const took = performance.now() - started;
      assert.ok(took < 1000, `stop took ${took} ms`);
      await pending;
      await conn.closed;
      assert.equal(conn.isClosed, true);
      await idle.closed;
      await assert.rejects(conn.call('Test', 'Echo'), /connection is shut down/);
    } finally {
      await ts.server.stop();
    }
  });

  void it('disconnects agents that stop pinging, but not ones that ping', async () => {
    const ts = await startTestServer({ agentPingTimeoutMs: 200 });
    try {
      const quiet = await connect({ addresses: [ts.address], caCert: ts.caCert, pingIntervalMs: 0 });
      const pinging = await connect({ addresses: [ts.address], caCert: ts.caCert, pingIntervalMs: 50 });
      const user = await connect({ addresses: [ts.address], caCert: ts.caCert, pingIntervalMs: 0 });
      await quiet.login({ authTag: 'machine-0', credentials: 'agentpw' });
      await pinging.login({ authTag: 'machine-0', credentials: 'agentpw' });
      await user.login({ authTag: 'user-admin', credentials: 'secret' });
      await quiet.closed;
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(pinging.isClosed, false);
      assert.equal(user.isClosed, false);
      await pinging.close();
      await user.close();
    } finally {
      await ts.server.stop();
    }
  });
});
