import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterStatus, fullStatusWire, hardwareText } from '../../../src/controller/facades/status-full.js';
import type {
  ApplicationStatusData,
  FullStatusData,
  MachineStatusData,
  UnitStatusData,
} from '../../../src/domain/status/types.js';

const SINCE = '2025-02-24T12:02:57.000Z';
const status = (s: string, info = '') => ({ status: s, info, data: {}, since: SINCE });

function machine(id: string, extra: Partial<MachineStatusData> = {}): MachineStatusData {
  return {
    id,
    life: 'alive',
    instanceId: `juju-abc-${id}`,
    hostname: `juju-abc-${id}`,
    base: { os: 'debian', channel: '12' },
    jobs: ['JobHostUnits'],
    addresses: [
      { value: `10.0.0.${id}`, type: 'ipv4', scope: 'local-cloud' },
      { value: '127.0.0.1', type: 'ipv4', scope: 'local-machine' },
    ],
    dnsName: `10.0.0.${id}`,
    hardware: { arch: 'amd64', cpuCores: 2, mem: 4096 },
    constraints: { rootDisk: 8192, arch: 'amd64' },
    agentStatus: status('started'),
    instanceStatus: status('running', 'Running'),
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
    workloadStatus: status('active'),
    agentStatus: status('idle'),
    publicAddress: `10.0.0.${machineId}`,
    openPorts: [],
    leader: false,
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
    charmUrl: `ch:amd64/jammy/${name}-7`,
    charmOrigin: 'charm-hub',
    charmChannel: 'latest/stable',
    charmRevision: 7,
    charmVersion: '',
    base: { os: 'ubuntu', channel: '22.04' },
    life: 'alive',
    subordinate: false,
    exposed: false,
    exposedEndpoints: {},
    status: status('active'),
    workloadVersion: '1.0',
    relations: {},
    subordinateTo: [],
    endpointBindings: { '': 'alpha' },
    units,
    ...extra,
  };
}

function data(): FullStatusData {
  return {
    model: {
      uuid: 'u',
      name: 'm',
      owner: 'admin',
      type: 'iaas',
      cloud: 'local',
      cloudRegion: 'localhost',
      version: '3.6.4',
      life: 'alive',
      status: { current: 'available', message: '', since: SINCE },
      isControllerModel: false,
    },
    machines: [
      machine('0', { jobs: ['JobManageModel', 'JobHostUnits'] }),
      machine('1', { instanceId: null }),
    ],
    applications: [
      app('db', [unit('db/0', '0', { leader: true, charmUrl: 'ch:amd64/jammy/db-7' })], {
        relations: { db: ['web'] },
      }),
      app('web', [unit('web/0', '1', { charmUrl: 'ch:amd64/jammy/web-6' })], { relations: { db: ['db'] } }),
      app('other', [unit('other/0', '1')]),
    ],
    remoteApplications: [],
    offers: [],
    relations: [
      {
        id: 3,
        key: 'web:db db:db',
        interface: 'mysql',
        scope: 'global',
        endpoints: [
          { application: 'db', name: 'db', role: 'provider', subordinate: false },
          { application: 'web', name: 'db', role: 'requirer', subordinate: false },
        ],
        status: { status: 'joined', info: '', since: SINCE },
        life: 'alive',
        suspended: false,
      },
    ],
    controllerTimestamp: SINCE,
  };
}

describe('FullStatus wire encoding', () => {
  it('encodes the model and machines in Juju’s shape', () => {
    const wire = fullStatusWire(data());
    assert.deepEqual(Object.keys(wire), [
      'model',
      'machines',
      'applications',
      'remote-applications',
      'offers',
      'relations',
      'controller-timestamp',
      'branches',
    ]);
    assert.equal(wire.model['cloud-tag'], 'cloud-local');
    assert.equal(wire.model.sla, 'unsupported');
    const m0 = wire.machines['0'];
    assert.ok(m0);
    assert.deepEqual(m0.base, { name: 'debian', channel: '12' });
    assert.deepEqual(m0['ip-addresses'], ['10.0.0.0'], 'machine-local addresses are not listed');
    assert.equal(m0.constraints, 'arch=amd64 root-disk=8192M');
    assert.equal(m0.hardware, 'arch=amd64 cores=2 mem=4096M');
    assert.equal(m0['agent-status'].version, '3.6.4');
    assert.equal(m0['has-vote'], true);
    assert.equal(wire.machines['1']?.['instance-id'], 'pending');
    assert.equal(wire.machines['1']?.['has-vote'], false);
  });

  it('encodes applications, units and relations', () => {
    const wire = fullStatusWire(data());
    const db = wire.applications['db'];
    assert.ok(db);
    assert.equal(db.charm, 'ch:amd64/jammy/db-7');
    assert.deepEqual(db.relations, { db: ['web'] });
    assert.equal(db.units['db/0']?.leader, true);
    assert.equal(db.units['db/0']?.charm, '', 'a unit on its application’s charm reports none');
    assert.equal(
      wire.applications['web']?.units['web/0']?.charm,
      'ch:amd64/jammy/web-6',
      'a unit mid-upgrade does',
    );
    assert.equal(wire.relations[0]?.key, 'web:db db:db');
    assert.equal(wire.relations[0]?.status.status, 'joined');
  });

  it('filters by selector, keeping integrated applications', () => {
    const byUnit = filterStatus(data(), ['web/0']);
    assert.deepEqual(
      byUnit.applications.map((a) => a.name),
      ['web', 'db'],
    );
    assert.deepEqual(byUnit.applications.find((a) => a.name === 'db')?.units, []);
    assert.deepEqual(
      byUnit.machines.map((m) => m.id),
      ['1'],
    );
    assert.equal(byUnit.relations.length, 1);

    const byMachine = filterStatus(data(), ['0']);
    assert.deepEqual(
      byMachine.machines.map((m) => m.id),
      ['0'],
    );
    assert.deepEqual(
      byMachine.applications.map((a) => a.name),
      ['db', 'web'],
    );

    const byGlob = filterStatus(data(), ['oth*']);
    assert.deepEqual(
      byGlob.applications.map((a) => a.name),
      ['other'],
    );
    assert.equal(byGlob.relations.length, 0);

    const none = filterStatus(data(), ['nothing']);
    assert.deepEqual(none.machines, []);
    assert.deepEqual(none.applications, []);
  });

  it('writes hardware like Juju', () => {
    assert.equal(
      hardwareText({
        arch: 'arm64',
        cpuCores: 4,
        cpuPower: 100,
        mem: 1024,
        rootDisk: 2048,
        availabilityZone: 'z',
        virtType: 'vm',
      }),
      'arch=arm64 cores=4 cpu-power=100 mem=1024M root-disk=2048M availability-zone=z virt-type=vm',
    );
  });
});
