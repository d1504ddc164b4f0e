/**
 * The `/model/:uuid/log` and `/log` endpoints over real websockets: the
 * initial line, every query parameter and its errors, authentication and
 * access, following new records, and the maximum stream duration.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStream, type ApiStream, type HttpAuth } from '../../../src/api/http.js';
import { isJujuError } from '../../../src/core/errors.js';
import { modelTarget } from '../../../src/domain/access/types.js';
import type { LogRecordParams } from '../../../src/domain/logs/types.js';
import { ADMIN_PASSWORD, startLogController, type LogController } from './fixture.js';

const T0 = Date.parse('2024-05-01T10:00:00.000Z') * 1000;
const ADMIN: HttpAuth = { tag: 'user-admin', password: ADMIN_PASSWORD };

const SEED: LogRecordParams[] = [
  {
    entity: 'machine-0',
    timestamp: T0 + 123_456,
    module: 'juju.worker.deployer',
    location: 'deployer.go:10',
    level: 'INFO',
    message: 'deploying',
  },
  {
    entity: 'unit-mysql-0',
    timestamp: T0 + 1_000_000,
    module: 'juju.worker.uniter',
    level: 'DEBUG',
    message: 'starting',
  },
  {
    entity: 'unit-mysql-0',
    timestamp: T0 + 2_000_000,
    module: 'unit.mysql/0.juju-log',
    level: 'WARNING',
    message: 'careful',
    labels: ['http'],
  },
  {
    entity: 'unit-mysql-1',
    timestamp: T0 + 3_000_000,
    module: 'juju.worker.uniter.operation',
    level: 'INFO',
    message: 'ran "install" hook',
  },
  {
    entity: 'unit-wordpress-0',
    timestamp: T0 + 4_000_000,
    module: 'juju.worker.uniter',
    level: 'ERROR',
    message: 'hook failed',
    labels: ['hook', 'install'],
  },
  {
    entity: 'machine-1',
    timestamp: T0 + 5_000_000,
    module: 'juju.worker.machiner',
    level: 'TRACE',
    message: 'tick',
  },
];

/** Every message until the server closes the stream. */
async function collect(stream: ApiStream): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const text of stream) out.push(JSON.parse(text) as Record<string, unknown>);
  return out;
}

describe('debug-log stream endpoint', () => {
  let c: LogController;
  const open = (query: string, auth: HttpAuth = ADMIN, path?: string): Promise<ApiStream> =>
    openStream(
      { address: c.address, caCert: c.caCert },
      `${path ?? `/model/${c.modelUuid}/log`}${query === '' ? '' : `?${query}`}`,
      { auth },
    );
  const messages = async (query: string): Promise<string[]> =>
    (await collect(await open(query))).map((m) => String(m['msg']));
  const openError = async (
    query: string,
    auth: HttpAuth = ADMIN,
    path?: string,
  ): Promise<{ message: string; code: string }> => {
    try {
      const s = await open(query, auth, path);
      s.close();
    } catch (err) {
      assert.ok(isJujuError(err), String(err));
      return { message: err.message, code: err.code };
    }
    assert.fail('stream opened');
  };

  before(async () => {
    c = await startLogController();
    c.f.services.logs.append(c.modelUuid, SEED);
    const users = c.f.services.user;
    users.addUser({ name: 'bob', password: 'bob-password', createdBy: 'admin' });
    users.addUser({ name: 'carol', password: 'carol-password', createdBy: 'admin' });
    c.f.services.access.grant({
      user: 'carol',
      target: modelTarget(c.modelUuid),
      access: 'read',
      grantedBy: 'admin',
    });
  });
  after(async () => {
    await c?.close();
  });

  it('replays the whole log in Juju wire form and closes with noTail', async () => {
    const all = await collect(await open('replay=true&noTail=true'));
    assert.equal(all.length, 6);
    assert.deepEqual(all[0], {
      tag: 'machine-0',
      ts: '2024-05-01T10:00:00.123456Z',
      sev: 'INFO',
      mod: 'juju.worker.deployer',
      loc: 'deployer.go:10',
      msg: 'deploying',
      lab: [],
    });
    assert.deepEqual(all[4], {
      tag: 'unit-wordpress-0',
      ts: '2024-05-01T10:00:04Z',
      sev: 'ERROR',
      mod: 'juju.worker.uniter',
      loc: '',
      msg: 'hook failed',
      lab: ['hook', 'install'],
    });
    assert.deepEqual(
      all.map((m) => m['sev']),
      ['INFO', 'DEBUG', 'WARNING', 'INFO', 'ERROR', 'TRACE'],
    );
  });

  it('sends the newest N lines for backlog, and nothing stored without backlog or replay', async () => {
    assert.deepEqual(await messages('backlog=2&noTail=true'), ['hook failed', 'tick']);
    assert.deepEqual(await messages('noTail=true'), []);
    // replay wins over backlog
    assert.equal((await messages('replay=true&backlog=1&noTail=true')).length, 6);
  });

  it('filters by entity with * wildcards, ORing includes and excludes', async () => {
    assert.deepEqual(await messages('replay=true&noTail=true&includeEntity=unit-mysql-*'), [
      'starting',
      'careful',
      'ran "install" hook',
    ]);
    assert.deepEqual(
      await messages('replay=true&noTail=true&includeEntity=machine-0&includeEntity=unit-wordpress-0'),
      ['deploying', 'hook failed'],
    );
    assert.deepEqual(
      await messages('replay=true&noTail=true&excludeEntity=machine-*&excludeEntity=unit-mysql-0'),
      ['ran "install" hook', 'hook failed'],
    );
  });

  it('filters by module prefix', async () => {
    assert.deepEqual(await messages('replay=true&noTail=true&includeModule=juju.worker.uniter'), [
      'starting',
      'ran "install" hook',
      'hook failed',
    ]);
    assert.deepEqual(
      await messages('replay=true&noTail=true&excludeModule=juju.worker&excludeModule=nothing'),
      ['careful'],
    );
  });

  it('filters by label', async () => {
    assert.deepEqual(await messages('replay=true&noTail=true&includeLabel=http&includeLabel=install'), [
      'careful',
      'hook failed',
    ]);
    assert.deepEqual(await messages('replay=true&noTail=true&excludeLabel=hook&includeEntity=unit-*'), [
      'starting',
      'careful',
      'ran "install" hook',
    ]);
  });

  it('filters by minimum level and combines filters with AND', async () => {
    assert.deepEqual(await messages('replay=true&noTail=true&level=WARNING'), ['careful', 'hook failed']);
    assert.deepEqual(
      await messages('replay=true&noTail=true&level=info&includeEntity=unit-*&excludeModule=unit'),
      ['ran "install" hook', 'hook failed'],
    );
  });

  it('starts at startTime and stops after maxLines, even while tailing', async () => {
    assert.deepEqual(await messages('noTail=true&startTime=2024-05-01T10:00:03Z'), [
      'ran "install" hook',
      'hook failed',
      'tick',
    ]);
    assert.deepEqual(await messages('replay=true&maxLines=2'), ['deploying', 'starting']);
    assert.deepEqual(await messages('backlog=3&maxLines=1'), ['ran "install" hook']);
  });

  it('rejects invalid parameters with Juju messages in the initial line', async () => {
    const cases: [string, string][] = [
      ['maxLines=x', 'maxLines value "x" is not a valid unsigned number'],
      ['backlog=-1', 'backlog value "-1" is not a valid unsigned number'],
      ['replay=maybe', 'replay value "maybe" is not a valid boolean'],
      ['noTail=yes', 'noTail value "yes" is not a valid boolean'],
      ['level=CRITICAL', 'level value "CRITICAL" is not one of "TRACE", "DEBUG", "INFO", "WARNING", "ERROR"'],
      ['startTime=yesterday', 'start time "yesterday" is not a valid time in RFC3339 format'],
    ];
    for (const [query, message] of cases) {
      assert.deepEqual(await openError(query), { message, code: '' }, query);
    }
  });

  it('authenticates users and checks model read access', async () => {
    assert.deepEqual(await openError('', { tag: 'user-admin', password: 'wrong' }), {
      message: 'authentication failed: invalid entity name or password',
      code: 'unauthorized access',
    });
    assert.deepEqual(await openError('', { tag: 'nobody', password: 'x' }), {
      message: 'authentication failed: invalid entity name or password',
      code: 'unauthorized access',
    });
    assert.deepEqual(await openError('', { tag: 'user-bob', password: 'bob-password' }), {
      message: 'authorization failed: permission denied',
      code: 'unauthorized access',
    });
    const carol = await collect(
      await open('replay=true&noTail=true', { tag: 'user-carol', password: 'carol-password' }),
    );
    assert.equal(carol.length, 6);
    assert.deepEqual(await openError('', ADMIN, '/model/00000000-0000-4000-8000-000000000000/log'), {
      message: 'unknown model: "00000000-0000-4000-8000-000000000000"',
      code: 'model not found',
    });
  });

  it('refuses a stream without credentials', async () => {
    try {
      await openStream({ address: c.address, caCert: c.caCert }, `/model/${c.modelUuid}/log`);
      assert.fail('opened');
    } catch (err) {
      assert.ok(isJujuError(err));
      assert.equal(err.message, 'authentication failed: no credentials provided');
      assert.equal(err.code, 'no credentials provided');
    }
  });

  it('serves the controller model at /log', async () => {
    c.f.services.logs.append(c.controllerModelUuid, [
      { entity: 'machine-0', level: 'INFO', module: 'juju.cmd.jujud', message: 'controller up' },
    ]);
    const all = await collect(await open('replay=true&noTail=true', ADMIN, '/log'));
    assert.deepEqual(
      all.map((m) => `${String(m['tag'])} ${String(m['msg'])}`),
      ['machine-0 controller up'],
    );
  });

  it('follows new records as they are committed, filtered, in order', async () => {
    const stream = await open('backlog=1&includeEntity=unit-app-*');
    const it = stream[Symbol.asyncIterator]();
    const next = async (): Promise<string> => {
      const r = await it.next();
      assert.equal(r.done, false);
      return String((JSON.parse(r.value) as Record<string, unknown>)['msg']);
    };
    c.f.services.logs.append(c.modelUuid, [
      { entity: 'unit-app-0', level: 'INFO', message: 'one' },
      { entity: 'machine-0', level: 'INFO', message: 'filtered out' },
    ]);
    assert.equal(await next(), 'one');
    c.f.services.logs.append(c.modelUuid, [{ entity: 'unit-app-1', level: 'INFO', message: 'two' }]);
    c.f.services.logs.append(c.modelUuid, [{ entity: 'unit-app-0', level: 'ERROR', message: 'three' }]);
    assert.equal(await next(), 'two');
    assert.equal(await next(), 'three');
    stream.close();
    await stream.closed;
  });

  it('pages through a log larger than one query', async () => {
    const many: LogRecordParams[] = Array.from({ length: 1200 }, (_, i) => ({
      entity: 'unit-bulk-0',
      level: 'INFO',
      message: `bulk ${i}`,
    }));
    c.f.services.logs.append(c.modelUuid, many);
    const got = await messages('replay=true&noTail=true&includeEntity=unit-bulk-0');
    assert.equal(got.length, 1200);
    assert.equal(got[0], 'bulk 0');
    assert.equal(got[1199], 'bulk 1199');
  });
});

describe('debug-log stream duration', () => {
  let c: LogController;
  before(async () => {
    c = await startLogController({ maxDurationMs: 300 });
  });
  after(async () => {
    await c?.close();
  });

  it('closes a tailing stream after max-debug-log-duration', async () => {
    const started = Date.now();
    const stream = await openStream({ address: c.address, caCert: c.caCert }, `/model/${c.modelUuid}/log`, {
      auth: ADMIN,
    });
    assert.deepEqual(await collect(stream), []);
    const took = Date.now() - started;
    assert.ok(took >= 250 && took < 5000, `closed after ${took}ms`);
  });
});
