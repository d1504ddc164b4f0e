import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  StatusFormatter,
  isEmptyStatus,
  jsonShape,
  yamlShape,
} from '../../../src/cli/commands/status/formatted.js';
import type { FormatOptions } from '../../../src/cli/commands/status/formatted.js';
import { naturalCompare } from '../../../src/cli/commands/status/natural-sort.js';
import { formatStatusOneline } from '../../../src/cli/commands/status/oneline.js';
import { formatPorts } from '../../../src/cli/commands/status/ports.js';
import { formatStatusSummary, goTabwriter } from '../../../src/cli/commands/status/summary.js';
import { applicationScale, formatStatusTabular } from '../../../src/cli/commands/status/tabular.js';
import { formatJson, formatYaml } from '../../../src/cli/output/formats.js';
import type {
  DetailedStatus,
  FullStatus,
  MachineStatus,
  UnitStatus,
} from '../../../src/rpc/params/status.js';

const SINCE = '2025-02-24T12:02:57Z';
const OPTS: FormatOptions = {
  controllerName: 'lxd',
  isoTime: true,
  showRelations: true,
  includeStorage: true,
};

function st(status: string, info = '', extra: Partial<DetailedStatus> = {}): DetailedStatus {
  return { status, info, data: {}, since: SINCE, kind: '', version: '', life: '', ...extra };
}

function machine(id: string, extra: Partial<MachineStatus> = {}): MachineStatus {
  return {
    'agent-status': st('started', '', { version: '3.6.4' }),
    'instance-status': st('running', 'Running'),
    'modification-status': st('idle'),
    hostname: `juju-abc-${id}`,
    'dns-name': `10.0.0.1${id}`,
    'ip-addresses': [`10.0.0.1${id}`],
    'instance-id': `juju-abc-${id}`,
    'display-name': '',
    base: { name: 'ubuntu', channel: '22.04/stable' },
    id,
    containers: {},
    constraints: '',
    hardware: 'arch=amd64 cores=2 mem=4096M availability-zone=zone-a',
    jobs: ['JobHostUnits'],
    'has-vote': false,
    'wants-vote': false,
    ...extra,
  };
}

function unit(machineId: string, extra: Partial<UnitStatus> = {}): UnitStatus {
  return {
    'agent-status': st('idle', '', { version: '3.6.4' }),
    'workload-status': st('active'),
    'workload-version': '',
    machine: machineId,
    'opened-ports': [],
    'public-address': `10.0.0.1${machineId}`,
    charm: '',
    subordinates: {},
    ...extra,
  };
}

function emptyStatus(): FullStatus {
  return {
    model: {
      name: 'tt',
      type: 'iaas',
      'cloud-tag': 'cloud-localhost',
      region: 'localhost',
      version: '3.6.4',
      'available-version': '',
      'model-status': st('available'),
      'meter-status': { color: '', message: '' },
      sla: 'unsupported',
    },
    machines: {},
    applications: {},
    'remote-applications': {},
    offers: {},
    relations: [],
    'controller-timestamp': '2025-02-24T12:04:55Z',
    branches: {},
  };
}

function busyStatus(): FullStatus {
  const fs = emptyStatus();
  fs.machines = {
    '10': machine('0'),
    '2': machine('2', {
      containers: { '2/lxd/0': machine('3', { id: '2/lxd/0', 'instance-id': 'pending', 'dns-name': '' }) },
    }),
  };
  fs.machines['10'] = { ...machine('9'), id: '10' };
  fs.applications = {
    mysql: {
      charm: 'ch:amd64/jammy/mysql-240',
      'charm-version': '',
      'charm-profile': '',
      'charm-channel': '8.0/stable',
      base: { name: 'ubuntu', channel: '22.04/stable' },
      exposed: false,
      life: '',
      relations: { juju_info: ['nrpe'] },
      'can-upgrade-to': '',
      'subordinate-to': [],
      units: {
        'mysql/0': unit('2', {
          leader: true,
          'opened-ports': ['3306/tcp'],
          subordinates: {
            'nrpe/0': unit('2', {
              'workload-status': st('blocked', 'Nagios server not configured'),
              'opened-ports': ['icmp', '5666/tcp'],
            }),
          },
        }),
      },
      'meter-statuses': {},
      status: st('active'),
      'workload-version': '8.0.36',
      'endpoint-bindings': { '': 'alpha' },
      'public-address': '',
    },
    nrpe: {
      charm: 'ch:amd64/jammy/nrpe-165',
      'charm-version': '',
      'charm-profile': '',
      'charm-channel': 'latest/stable',
      base: { name: 'ubuntu', channel: '22.04/stable' },
      exposed: false,
      life: '',
      relations: { 'general-info': ['mysql'] },
      'can-upgrade-to': '',
      'subordinate-to': ['mysql'],
      units: {},
      'meter-statuses': {},
      status: st('blocked', 'Nagios server not configured'),
      'workload-version': '',
      'endpoint-bindings': {},
      'public-address': '',
    },
    app: {
      charm: 'local:testapp-0',
      'charm-version': '',
      'charm-profile': '',
      base: { name: 'ubuntu', channel: '22.04/stable' },
      exposed: true,
      life: '',
      relations: {},
      'can-upgrade-to': '',
      'subordinate-to': [],
      units: {
        'app/10': unit('10', {
          'agent-status': st('allocating', 'waiting for machine'),
          'workload-status': st('waiting', ''),
        }),
        'app/2': unit('10', {
          'agent-status': st('executing', 'running install hook'),
          'workload-status': st('maintenance', 'installing'),
        }),
      },
      'meter-statuses': {},
      status: st('maintenance', 'installing'),
      'workload-version': '',
      'endpoint-bindings': {},
      'public-address': '',
    },
  };
  fs.relations = [
    {
      id: 1,
      key: 'nrpe:general-info mysql:juju-info',
      interface: 'juju-info',
      scope: 'container',
      endpoints: [
        { application: 'mysql', name: 'juju-info', role: 'provider', subordinate: false },
        { application: 'nrpe', name: 'general-info', role: 'requirer', subordinate: true },
      ],
      status: st('joined'),
    },
  ];
  return fs;
}

describe('status formatting: empty model', () => {
  it('prints Juju’s JSON for an empty model', () => {
    const fs = new StatusFormatter(emptyStatus(), OPTS).format();
    assert.equal(
      formatJson(jsonShape(fs)),
      '{"model":{"name":"tt","type":"iaas","controller":"lxd","cloud":"localhost","region":"localhost","version":"3.6.4",' +
        '"model-status":{"current":"available","since":"2025-02-24 12:02:57Z"},"sla":"unsupported"},' +
        '"machines":{},"applications":{},"storage":{},"controller":{"timestamp":"12:04:55"}}\n',
    );
    assert.ok(isEmptyStatus(emptyStatus()));
  });

  it('prints the model line and nothing else in tabular form', () => {
    const fs = new StatusFormatter(emptyStatus(), { ...OPTS, includeStorage: false }).format();
    assert.equal(
      formatStatusTabular(fs, false),
      'Model  Controller  Cloud/Region         Version  SLA          Timestamp\n' +
        'tt     lxd         localhost/localhost  3.6.4    unsupported  12:04:55\n',
    );
  });

  it('uses local times with the zone unless --utc', () => {
    const fs = new StatusFormatter(emptyStatus(), {
      ...OPTS,
      isoTime: false,
      utcOffsetMinutes: 780,
    }).format();
    assert.equal(fs.controller?.timestamp, '01:04:55+13:00');
    assert.equal(fs.model['model-status'].since, '25 Feb 2025 01:02:57+13:00');
  });
});

describe('status formatting: applications, units, machines', () => {
  const fs = new StatusFormatter(busyStatus(), OPTS).format();

  it('keeps Juju’s key order and always-present status blocks in JSON', () => {
    const json = JSON.parse(formatJson(jsonShape(fs))) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    assert.deepEqual(Object.keys(json), ['model', 'machines', 'applications', 'storage', 'controller']);
    assert.deepEqual(Object.keys(json['machines'] ?? {}), ['2', '10']);
    const m2 = json['machines']?.['2'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(m2), [
      'juju-status',
      'hostname',
      'dns-name',
      'ip-addresses',
      'instance-id',
      'machine-status',
      'modification-status',
      'base',
      'containers',
      'hardware',
    ]);
    assert.deepEqual(m2['base'], { name: 'ubuntu', channel: '22.04' });
    const mysql = json['applications']?.['mysql'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(mysql), [
      'charm',
      'base',
      'charm-origin',
      'charm-name',
      'charm-rev',
      'charm-channel',
      'exposed',
      'application-status',
      'relations',
      'units',
      'version',
      'endpoint-bindings',
    ]);
    assert.equal(mysql['charm'], 'mysql');
    assert.equal(mysql['charm-origin'], 'charmhub');
    assert.equal(mysql['charm-rev'], 240);
    assert.deepEqual(mysql['relations'], { juju_info: [] }, 'relation details come from the relation list');
    const app = json['applications']?.['app'] as Record<string, unknown>;
    assert.equal(app['charm'], 'local:testapp-0');
    assert.equal(app['charm-origin'], 'local');
    const units = mysql['units'] as Record<string, Record<string, unknown>>;
    assert.equal(units['mysql/0']?.['leader'], true);
    assert.deepEqual(Object.keys(units['mysql/0']?.['subordinates'] ?? {}), ['nrpe/0']);
    const nrpe = json['applications']?.['nrpe'] as Record<string, unknown>;
    assert.equal(nrpe['units'], undefined, 'subordinate applications have no units key');
    assert.deepEqual(nrpe['relations'], {
      'general-info': [{ 'related-application': 'mysql', interface: 'juju-info', scope: 'container' }],
    });
  });

  it('drops blank status blocks in YAML but keeps application-status', () => {
    const status = emptyStatus();
    status.applications = {
      a: {
        ...(busyStatus().applications['app'] as NonNullable<FullStatus['applications'][string]>),
        status: st(''),
        units: { 'a/0': unit('0', { 'workload-status': st('') }) },
      },
    };
    const f = new StatusFormatter(status, OPTS).format();
    const json = JSON.parse(formatJson(jsonShape(f))) as {
      applications: { a: { units: Record<string, Record<string, unknown>>; 'application-status': unknown } };
    };
    assert.deepEqual(json.applications.a.units['a/0']?.['workload-status'], {});
    const yaml = parseYaml(formatYaml(yamlShape(f))) as typeof json;
    assert.equal(yaml.applications.a.units['a/0']?.['workload-status'], undefined);
    assert.ok(yaml.applications.a['application-status'] !== undefined, 'application-status is kept');
  });

  it('lays out the tabular sections like Juju', () => {
    assert.equal(
      formatStatusTabular(fs, false),
      [
        'Model  Controller  Cloud/Region         Version  SLA          Timestamp',
        'tt     lxd         localhost/localhost  3.6.4    unsupported  12:04:55',
        '',
        'App    Version  Status       Scale  Charm    Channel        Rev  Exposed  Message',
        'app             maintenance    1/2  testapp                   0  yes      installing',
        'mysql  8.0.36   active           1  mysql    8.0/stable     240  no       ',
        'nrpe            blocked          1  nrpe     latest/stable  165  no       Nagios server not configured',
        '',
        'Unit      Workload     Agent       Machine  Public address  Ports     Message',
        'app/2     maintenance  executing   10       10.0.0.110                (install) installing',
        'app/10    waiting      allocating  10       10.0.0.110                waiting for machine',
        'mysql/0*  active       idle        2        10.0.0.12       3306/tcp  ',
        '  nrpe/0  blocked      idle        2        10.0.0.12       5666/tcp  Nagios server not configured',
        '',
        'Machine  State    Address    Inst id     Base          AZ      Message',
        '2        started  10.0.0.12  juju-abc-2  ubuntu@22.04  zone-a  Running',
        '2/lxd/0  started             pending     ubuntu@22.04  zone-a  Running',
        '10       started  10.0.0.19  juju-abc-9  ubuntu@22.04  zone-a  Running',
        '',
        'Integration provider  Requirer           Interface  Type         Message',
        'mysql:juju-info       nrpe:general-info  juju-info  subordinate  ',
        '',
      ].join('\n'),
    );
  });

  it('counts subordinate scale from the principals’ units', () => {
    assert.deepEqual(applicationScale(fs, 'nrpe'), { text: '1', warn: false });
    assert.deepEqual(applicationScale(fs, 'app'), { text: '1/2', warn: true });
  });

  it('prints one line per unit', () => {
    assert.equal(
      formatStatusOneline(fs),
      '- app/2: 10.0.0.110 (agent:executing, workload:maintenance)\n' +
        '- app/10: 10.0.0.110 (agent:allocating, workload:waiting)\n' +
        '- mysql/0: 10.0.0.12 (agent:idle, workload:active) 3306/tcp\n' +
        '  - nrpe/0: 10.0.0.12 (agent:idle, workload:blocked) 5666/tcp\n',
    );
  });

  it('summarises counts', () => {
    const text = formatStatusSummary(fs);
    assert.match(text, /^Running on subnets: {2}10\.0\.0\.12\/8 {2}\n/);
    assert.match(text, /# Machines: {2}\(2\)\n/);
    assert.match(text, /# Units: {2}\(4\)\n/);
    assert.match(text, /# Applications: {2}\(3\)\n/);
  });
});

describe('status helpers', () => {
  it('groups ports per protocol and merges ranges', () => {
    assert.equal(
      formatPorts(['80/tcp', '443/tcp', '53/udp', 'icmp', '8000-8002/tcp', '8003/tcp']),
      '80,443,8000-8003/tcp 53/udp',
    );
    assert.equal(formatPorts([]), '');
  });

  it('sorts naturally', () => {
    assert.deepEqual(['app/10', 'app/2', 'app/1', '10', '9', '2/lxd/10', '2/lxd/9'].sort(naturalCompare), [
      '2/lxd/9',
      '2/lxd/10',
      '9',
      '10',
      'app/1',
      'app/2',
      'app/10',
    ]);
  });

  it('right-aligns like Go tabwriter with AlignRight', () => {
    // Go pads on the left of right-aligned cells, the widest one included.
    assert.equal(
      goTabwriter(['# Machines:\t(1)\t', 'started:\t 1 \t', ' \t'], true),
      '  # Machines:  (1)\n     started:   1 \n             \n',
    );
  });
});
