/**
 * `juju status <selector>` filtering on the controller, against the
 * scenarios of Juju's own filtering tests: two principals with a logging
 * subordinate each, a controller machine with a container.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { filterStatus } from '../../../src/controller/facades/status-filter.js';
import type {
  ApplicationStatusData,
  FullStatusData,
  MachineStatusData,
  UnitStatusData,
} from '../../../src/domain/status/types.js';

const SINCE = '2025-02-24T12:02:57.000Z';
const st = (s: string, info = '') => ({ status: s, info, data: {}, since: SINCE });

function machine(id: string, address: string, extra: Partial<MachineStatusData> = {}): MachineStatusData {
  return {
    id,
    life: 'alive',
    instanceId: `i-${id}`,
    hostname: '',
    base: { os: 'ubuntu', channel: '22.04' },
    jobs: ['JobHostUnits'],
    addresses: address === '' ? [] : [{ value: address, type: 'ipv4', scope: 'local-cloud' }],
    dnsName: address,
    hardware: {},
    constraints: {},
    agentStatus: st('started'),
    instanceStatus: st('running'),
    agentVersion: '3.6.4',
    containers: [],
    ...extra,
  };
}

function unit(name: string, machineId: string, extra: Partial<UnitStatusData> = {}): UnitStatusData {
  return {
    name,
    machine: machineId,
    life: 'alive',
    workloadStatus: st('active'),
    agentStatus: st('idle'),
    publicAddress: '',
    openPorts: [],
    leader: name.endsWith('/0'),
    workloadVersion: '',
    agentVersion: '3.6.4',
    charmUrl: null,
    subordinates: [],
    ...extra,
  };
}

function app(
  name: string,
  units: UnitStatusData[],
  extra: Partial<ApplicationStatusData> = {},
): ApplicationStatusData {
  return {
    name,
    charm: name,
    charmUrl: `ch:${name}-1`,
    charmOrigin: 'charm-hub',
    charmChannel: 'stable',
    charmRevision: 1,
    charmVersion: '',
    base: { os: 'ubuntu', channel: '22.04' },
    life: 'alive',
    subordinate: false,
    exposed: false,
    exposedEndpoints: {},
    status: st('active'),
    workloadVersion: '',
    relations: {},
    subordinateTo: [],
    endpointBindings: {},
    units,
    ...extra,
  };
}

interface Tweaks {
  mysqlAgent?: string;
  logging1Workload?: string;
  wordpressPorts?: string[];
  exposed?: string[];
}

function data(t: Tweaks = {}): FullStatusData {
  const exposed = new Set(t.exposed ?? ['logging']);
  const mysqlError = t.mysqlAgent === 'error';
  return {
    model: {
      uuid: 'u',
      name: 'm',
      owner: 'admin',
      type: 'iaas',
      cloud: 'local',
      cloudRegion: '',
      version: '3.6.4',
      life: 'alive',
      status: { current: 'available', message: '', since: SINCE },
      isControllerModel: false,
    },
    machines: [
      machine('0', '10.0.0.1', {
        jobs: ['JobManageModel'],
        containers: [machine('0/lxd/0', '', { agentStatus: st('pending') })],
      }),
      machine('1', '10.0.1.1'),
      machine('2', '10.0.2.1'),
    ],
    applications: [
      app('logging', [], {
        subordinate: true,
        subordinateTo: ['mysql', 'wordpress'],
        exposed: exposed.has('logging'),
      }),
      app(
        'mysql',
        [
          unit('mysql/0', '2', {
            // Juju shows an agent error as the workload's.
            ...(mysqlError ? { workloadStatus: st('error', 'mock error'), agentStatus: st('idle') } : {}),
            subordinates: [
              unit('logging/1', '2', {
                ...(t.logging1Workload !== undefined ? { workloadStatus: st(t.logging1Workload) } : {}),
              }),
            ],
          }),
        ],
        { exposed: exposed.has('mysql') },
      ),
      app(
        'wordpress',
        [
          unit('wordpress/0', '1', {
            openPorts: t.wordpressPorts ?? [],
            subordinates: [unit('logging/0', '1')],
          }),
        ],
        { exposed: exposed.has('wordpress') },
      ),
    ],
    remoteApplications: [],
    offers: [],
    relations: [],
    controllerTimestamp: SINCE,
  };
}

/** The principal units left, with their subordinates, like `--format oneline`. */
function units(d: FullStatusData): string[] {
  return d.applications
    .flatMap((a) => a.units)
    .flatMap((u) => [u.name, ...u.subordinates.map((s) => `  ${s.name}`)]);
}
const machines = (d: FullStatusData): string[] =>
  d.machines.flatMap((m) => [m.id, ...m.containers.map((c) => c.id)]);

describe('status selectors (Juju filtering scenarios)', () => {
  it('active: units whose workload is active and agent not in error', () => {
    assert.deepEqual(
      units(filterStatus(data({ mysqlAgent: 'error', logging1Workload: 'error' }), ['active'])),
      ['wordpress/0', '  logging/0'],
    );
  });

  it('a machine id brings its units; a host brings its containers; a container only itself', () => {
    const one = filterStatus(data(), ['1']);
    assert.deepEqual(units(one), ['wordpress/0', '  logging/0']);
    assert.deepEqual(machines(one), ['1']);
    assert.deepEqual(machines(filterStatus(data(), ['0'])), ['0', '0/lxd/0']);
    const container = filterStatus(data(), ['0/lxd/0']);
    assert.deepEqual(machines(container), ['0', '0/lxd/0']);
    assert.deepEqual(container.applications, []);
  });

  it('error: a principal whose subordinate is in error', () => {
    assert.deepEqual(units(filterStatus(data({ logging1Workload: 'error' }), ['error'])), [
      'mysql/0',
      '  logging/1',
    ]);
  });

  it('an application name, a unit name, a wildcard and the leader', () => {
    assert.deepEqual(units(filterStatus(data(), ['mysql'])), ['mysql/0', '  logging/1']);
    assert.deepEqual(units(filterStatus(data(), ['mysql/0'])), ['mysql/0', '  logging/1']);
    assert.deepEqual(units(filterStatus(data(), ['word*'])), ['wordpress/0', '  logging/0']);
    assert.deepEqual(units(filterStatus(data(), ['wordpress/leader'])), ['wordpress/0', '  logging/0']);
    // Names are not case-folded for units; application names are.
    const upper = filterStatus(data(), ['MYSQL']);
    assert.deepEqual(
      upper.applications.map((a) => [a.name, a.units.length]),
      [['mysql', 0]],
    );
  });

  it('a subordinate name selects every principal it runs under', () => {
    assert.deepEqual(units(filterStatus(data(), ['logging'])), [
      'mysql/0',
      '  logging/1',
      'wordpress/0',
      '  logging/0',
    ]);
  });

  it('exposed and not exposed', () => {
    const d = data({ exposed: ['mysql'] });
    assert.deepEqual(units(filterStatus(d, ['exposed'])), ['mysql/0', '  logging/1']);
    assert.deepEqual(units(filterStatus(data({ exposed: ['mysql', 'logging'] }), ['not', 'exposed'])), [
      'wordpress/0',
      '  logging/0',
    ]);
  });

  it('machine addresses and subnets, open ports', () => {
    assert.deepEqual(units(filterStatus(data(), ['10.0.1.1'])), ['wordpress/0', '  logging/0']);
    assert.deepEqual(units(filterStatus(data(), ['10.0.2.0/24'])), ['mysql/0', '  logging/1']);
    assert.deepEqual(units(filterStatus(data({ wordpressPorts: ['80/tcp'] }), ['80/tcp'])), [
      'wordpress/0',
      '  logging/0',
    ]);
    assert.deepEqual(units(filterStatus(data({ wordpressPorts: ['8000-8100/tcp'] }), ['8080/tcp'])), [
      'wordpress/0',
      '  logging/0',
    ]);
  });

  it('several selectors of either kind add up', () => {
    const expected = ['mysql/0', '  logging/1', 'wordpress/0', '  logging/0'];
    assert.deepEqual(units(filterStatus(data(), ['wordpress/0', 'mysql/0'])), expected);
    assert.deepEqual(units(filterStatus(data(), ['wordpress/0', 'active'])), expected);
  });

  it('nothing matched leaves nothing', () => {
    const none = filterStatus(data(), ['nothing']);
    assert.deepEqual(none.applications, []);
    assert.deepEqual(none.machines, []);
  });
});
