/**
 * `juju show-status-log` against an in-process controller: the unit, agent,
 * workload, application, machine and model histories in tabular, YAML and
 * JSON, the -n/--days/--from-date filters, and Juju's argument errors.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { formatHistoryTabular, parseBacklogDate } from '../../../src/cli/commands/status/show-status-log.js';
import { CHARMS, appFixture, type AppFixture } from './app-fixture.js';

const PINGER = join(CHARMS, 'pinger');

describe('juju show-status-log', () => {
  let fx: AppFixture;
  before(async () => {
    fx = await appFixture();
    const r = await fx.juju(['deploy', PINGER]);
    assert.equal(r.code, 0, r.stderr);
    const { services } = fx.f;
    const step = (): void => fx.f.clock.advance(1000);
    step();
    services.machine.setInstanceStatus(fx.model, '0', { status: 'running', info: 'Running' });
    services.machine.setAgentStatus(fx.model, '0', { status: 'started' });
    step();
    services.application.setUnitAgentStatus(fx.model, 'pinger/0', {
      status: 'executing',
      info: 'running install hook',
    });
    services.application.setUnitWorkloadStatus(fx.model, 'pinger/0', {
      status: 'maintenance',
      info: 'installing charm software',
    });
    step();
    services.application.setUnitAgentStatus(fx.model, 'pinger/0', {
      status: 'executing',
      info: 'running start hook',
    });
    step();
    services.application.setUnitWorkloadStatus(fx.model, 'pinger/0', {
      status: 'active',
      info: 'ready',
      data: { port: 80 },
    });
    services.application.setUnitAgentStatus(fx.model, 'pinger/0', { status: 'idle' });
    // update-status re-setting the same status adds nothing.
    step();
    services.application.setUnitWorkloadStatus(fx.model, 'pinger/0', {
      status: 'active',
      info: 'ready',
      data: { port: 80 },
    });
  });
  after(async () => {
    await fx?.close();
  });

  it('prints the unit history (workload and agent) as a table, oldest first', async () => {
    const r = await fx.juju(['show-status-log', 'pinger/0', '--utc']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'Time                  Type       Status       Message',
        '2024-05-01 10:00:00Z  workload   waiting      waiting for machine',
        '2024-05-01 10:00:00Z  juju-unit  allocating   ',
        '2024-05-01 10:00:02Z  workload   maintenance  installing charm software',
        '2024-05-01 10:00:02Z  juju-unit  executing    running install hook',
        '2024-05-01 10:00:03Z  juju-unit  executing    running start hook',
        '2024-05-01 10:00:04Z  juju-unit  idle         ',
        '2024-05-01 10:00:05Z  workload   active       ready',
        '',
      ].join('\n'),
    );
    // Local time by default (the fixture runs with TZ=UTC), ISO with JUJU_STATUS_ISO_TIME.
    const local = await fx.juju(['show-status-log', 'pinger/0', '-n', '1']);
    assert.match(local.stdout, /\n01 May 2024 10:00:05Z {2}workload {2}active {2}ready\n$/);
  });

  it('prints YAML and JSON with Juju keys, empty fields left out', async () => {
    const y = await fx.juju(['show-status-log', 'pinger/0', '--format', 'yaml', '--type', 'workload']);
    assert.equal(y.code, 0, y.stderr);
    assert.equal(
      y.stdout,
      `- status: waiting
  message: waiting for machine
  since: 2024-05-01T10:00:00Z
  type: workload
- status: maintenance
  message: installing charm software
  since: 2024-05-01T10:00:02Z
  type: workload
- status: active
  message: ready
  data:
    port: 80
  since: 2024-05-01T10:00:05Z
  type: workload
`,
    );
    const j = await fx.juju(['show-status-log', 'pinger/0', '--format', 'json', '-n', '2']);
    assert.equal(j.code, 0, j.stderr);
    assert.equal(
      j.stdout,
      '[{"status":"idle","since":"2024-05-01T10:00:04Z","type":"juju-unit"},' +
        '{"status":"active","message":"ready","data":{"port":80},"since":"2024-05-01T10:00:05Z","type":"workload"}]\n',
    );
  });

  it('reads agent-only, machine, application and model histories', async () => {
    const lines = async (...args: string[]): Promise<string[]> => {
      const r = await fx.juju(['show-status-log', '--utc', ...args]);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.trimEnd());
    };
    assert.deepEqual(await lines('--type', 'juju-unit', '-n', '2', 'pinger/0'), [
      '2024-05-01 10:00:03Z  juju-unit  executing  running start hook',
      '2024-05-01 10:00:04Z  juju-unit  idle',
    ]);
    assert.deepEqual(await lines('--type', 'machine', '0'), [
      '2024-05-01 10:00:00Z  machine  pending',
      '2024-05-01 10:00:01Z  machine  running  Running',
    ]);
    assert.deepEqual(await lines('--type', 'juju-machine', '0'), [
      '2024-05-01 10:00:00Z  juju-machine  pending',
      '2024-05-01 10:00:01Z  juju-machine  started',
    ]);
    assert.deepEqual(await lines('--type', 'application', 'pinger'), [
      '2024-05-01 10:00:00Z  application  unset',
    ]);
    assert.deepEqual(await lines('--type', 'model'), ['2024-05-01 10:00:00Z  model  available']);
  });

  it('filters by days back and by date', async () => {
    const days = await fx.juju(['show-status-log', '--days', '1', 'pinger/0']);
    assert.equal(days.code, 0, days.stderr);
    assert.equal(days.stdout.trimEnd().split('\n').length, 8);
    const date = await fx.juju(['show-status-log', '--from-date', '2024-05-01', 'pinger/0']);
    assert.equal(date.stdout.trimEnd().split('\n').length, 8);
    const later = await fx.juju(['show-status-log', '--from-date', '2024-05-02', 'pinger/0']);
    assert.equal(later.code, 1);
    assert.equal(later.stderr, 'ERROR no status history available\n');
  });

  it('reports missing entities and bad names as Juju does', async () => {
    const cases: [string[], number, string][] = [
      [
        ['pinger/7'],
        1,
        'ERROR while processing the request: fetching status history for "unit-pinger-7": unit "pinger/7" not found\n',
      ],
      [['Bad'], 1, 'ERROR "Bad" is not a valid name for a unit\n'],
      [['--type', 'juju-machine', 'x'], 1, 'ERROR "x" is not a valid name for a juju-machine\n'],
      [['--type', 'application', 'a/0'], 1, 'ERROR "a/0" is not a valid name for an application\n'],
      [
        ['--type', 'saas', 'db'],
        1,
        'ERROR while processing the request: fetching status history for "application-db": saas application "db" not found\n',
      ],
      [
        ['--type', 'machine', '9'],
        1,
        'ERROR while processing the request: fetching status history for "machine-9": machine 9 not found\n',
      ],
      [[], 2, 'ERROR entity name is missing.\n'],
      [['a/0', 'b/0'], 2, 'ERROR unexpected arguments after entity name.\n'],
      [['--type', 'foo', 'a/0'], 2, 'ERROR unexpected status type "foo"\n'],
      [
        ['-n', '3', '--days', '1', 'a/0'],
        2,
        'ERROR backlog size, backlog date and backlog days back cannot be specified together\n',
      ],
      // Removed in Juju 3.0 (it had no effect since 2.3: update-status runs are not recorded).
      [
        ['--include-status-updates', 'a/0'],
        2,
        'ERROR option provided but not defined: --include-status-updates\n',
      ],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await fx.juju(['show-status-log', ...args]);
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.code, code, args.join(' '));
    }
  });

  it('answers Client.StatusHistory with per-request errors for bad filters', async () => {
    const { statusHistory } = await import('../../../src/controller/facades/status-history.js');
    const reply = statusHistory(
      fx.deps,
      { ...fx.ctx(), facade: 'Client' },
      {
        requests: [
          { historyKind: 'unit', tag: 'unit-pinger-0', filter: {} },
          { historyKind: 'unit', tag: 'unit-pinger-0', filter: { size: 1, delta: 1e9 } },
          { historyKind: 'workload', tag: 'unit-pinger-0', filter: { size: 1, exclude: ['ready'] } },
        ],
      },
    );
    assert.deepEqual(reply.results[0]?.error, {
      message: 'cannot validate status history filter: missing filter parameters not valid',
      code: 'not valid',
    });
    assert.equal(
      reply.results[1]?.error?.message,
      'cannot validate status history filter: Size and Delta together not valid',
    );
    assert.deepEqual(reply.results[2], {
      history: {
        statuses: [
          {
            status: 'maintenance',
            info: 'installing charm software',
            data: {},
            since: '2024-05-01T10:00:02Z',
            kind: 'workload',
            version: '',
            life: '',
          },
        ],
      },
    });
  });
});

describe('show-status-log helpers', () => {
  it('colours status words in the table when asked', () => {
    const out = formatHistoryTabular(
      [
        { status: 'active', message: 'ready', since: '2024-05-01T10:00:05Z', type: 'workload' },
        { status: 'waiting', since: '2024-05-01T10:00:06Z', type: 'workload' },
      ],
      true,
      true,
    );
    assert.equal(
      out,
      'Time                  Type      Status   Message\n' +
        '2024-05-01 10:00:05Z  workload  \x1b[32mactive\x1b[0m   ready\n' +
        '2024-05-01 10:00:06Z  workload  waiting  \n',
    );
  });

  it('parses --from-date like Go time.Parse("2006-01-02")', () => {
    assert.equal(parseBacklogDate('2024-02-29').toISOString(), '2024-02-29T00:00:00.000Z');
    assert.throws(() => parseBacklogDate('2024-13-01'), {
      message: 'parsing time "2024-13-01": month out of range',
    });
    assert.throws(() => parseBacklogDate('2023-02-29'), {
      message: 'parsing time "2023-02-29": day out of range',
    });
    assert.throws(() => parseBacklogDate('24-01-01'), {
      message: 'parsing time "24-01-01" as "2006-01-02": cannot parse "24-01-01" as "2006"',
    });
    assert.throws(() => parseBacklogDate('2024-01-01x'), {
      message: 'parsing time "2024-01-01x": extra text: "x"',
    });
  });
});
