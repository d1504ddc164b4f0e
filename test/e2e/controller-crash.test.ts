/**
 * Crash recovery of the controller: while `deploy -n 10` is being
 * provisioned, the controller's jujud is killed with SIGKILL. The supervisor
 * of the controller machine restarts it; the restarted controller must
 * converge without losing or duplicating anything: ten workload machines
 * (no duplicate instances, no orphan namespaces), every unit on a machine,
 * all ten units active/idle and all ten in the peer relation.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;
const UNITS = 10;

/** A charm whose every hook reports the number of peers it sees as its active status. */
function writePeerCharm(dir: string): void {
  mkdirSync(join(dir, 'hooks'), { recursive: true });
  writeFileSync(
    join(dir, 'metadata.yaml'),
    'name: crashpeer\nsummary: controller crash test charm\ndescription: controller crash test charm\n' +
      'peers:\n  peer:\n    interface: crashpeer-peer\n',
  );
  const hook =
    '#!/bin/bash\nset -eu\n' +
    'rid="$(relation-ids peer)"\n' +
    'n=0\n' +
    'if [ -n "$rid" ]; then n=$(relation-list -r "$rid" | wc -l); fi\n' +
    'status-set active "peers: $n"\n';
  for (const name of [
    'install',
    'start',
    'config-changed',
    'peer-relation-created',
    'peer-relation-joined',
    'peer-relation-changed',
    'peer-relation-departed',
  ]) {
    writeFileSync(join(dir, 'hooks', name), hook, { mode: 0o755 });
  }
}

interface RegistryMachine {
  id: string;
  controllerUuid: string;
  modelUuid: string;
  machineId: string;
  dataRoot: string;
  state: string;
  agentPid?: number;
}

function registryMachines(localRoot: string, controllerUuid: string): RegistryMachine[] {
  let doc: { machines?: Record<string, RegistryMachine> };
  try {
    doc = JSON.parse(readFileSync(join(localRoot, 'registry.json'), 'utf8')) as typeof doc;
  } catch {
    return [];
  }
  return Object.values(doc.machines ?? {}).filter((m) => m.controllerUuid === controllerUuid);
}

/** The `jujud` child of the controller machine's supervisor (whose PID the provider records). */
function controllerJujudPid(supervisorPid: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== supervisorPid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[1]?.endsWith('jujud.js') && argv[2] === 'machine') return Number(entry);
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The controller's provisioning log lines (from its agent.log), for failure messages. */
function provisionerLog(dataRoot: string): string {
  try {
    return readFileSync(join(dataRoot, 'agent.log'), 'utf8')
      .split('\n')
      .filter((l) => /instance|provisioner|environ|restarting|ERROR/.test(l))
      .join('\n');
  } catch {
    return '';
  }
}

function namespaces(prefix: string): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(prefix))
    .sort();
}

interface Status {
  model: { name: string };
  machines: Record<string, { 'instance-id'?: string; 'juju-status'?: { current: string } }>;
  applications: Record<
    string,
    {
      units?: Record<
        string,
        {
          machine?: string;
          'workload-status'?: { current: string; message?: string };
          'juju-status'?: { current: string };
        }
      >;
    }
  >;
}

describe('controller crash during a 10-unit deploy', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController | undefined;
  let charmDir = '';
  let prefix = '';

  before(async () => {
    c = await TestController.bootstrap('ctlcrash');
    prefix = `juju-${c.uuid().replace(/-/g, '').slice(0, 6)}-`;
    const r = await c.juju(['add-model', 'work']);
    assert.equal(r.code, 0, r.stderr);
    charmDir = mkdtempSync(join(tmpdir(), 'crashpeer-'));
    writePeerCharm(charmDir);
  });
  after(async () => {
    // destroy() kills every process in this controller's namespaces and removes them, also on failure.
    try {
      await c?.destroy();
    } finally {
      if (charmDir) rmSync(charmDir, { recursive: true, force: true });
    }
    if (prefix) assert.deepEqual(namespaces(prefix), [], 'no namespaces of this test are left');
  });

  it('restarts, converges and loses nothing', async (t) => {
    assert.ok(c);
    const ctl = c;
    const localRoot = ctl.env.JUJU_LOCAL_ROOT as string;
    const uuid = ctl.uuid();
    const before = registryMachines(localRoot, uuid);
    assert.equal(before.length, 1, 'only the controller machine exists before the deploy');
    const controllerMachine = before[0] as RegistryMachine;
    assert.ok(controllerMachine.agentPid, 'the controller machine has a supervisor pid');
    const supervisorPid = controllerMachine.agentPid;
    const recordedPid = Number(readFileSync(join(controllerMachine.dataRoot, 'agent.pid'), 'utf8').trim());
    assert.equal(recordedPid, supervisorPid);
    const jujudPid = controllerJujudPid(supervisorPid);
    assert.ok(jujudPid, 'controller jujud found under its supervisor');

    const dep = await ctl.juju(['deploy', charmDir, '-n', String(UNITS)]);
    assert.equal(dep.code, 0, dep.stderr);
    // Kill as soon as the provisioner has begun creating instances: the rest are mid-flight.
    const startedBeforeKill = await waitFor(
      'provisioning to begin',
      () => {
        const n = registryMachines(localRoot, uuid).length - 1;
        return n > 0 ? n : undefined;
      },
      30_000,
      20,
    );
    process.kill(jujudPid, 'SIGKILL');
    const restarted = await waitFor('the controller to restart', () => {
      const pid = controllerJujudPid(supervisorPid);
      return pid !== undefined && pid !== jujudPid ? pid : undefined;
    });
    assert.notEqual(restarted, jujudPid);

    let status: Status | undefined;
    try {
      status = await waitFor(
        'all units active/idle with 9 peers each',
        async () => {
          const r = await ctl.juju(['status', '-m', 'work', '--format=json']);
          if (r.code !== 0) return undefined;
          const s = JSON.parse(r.stdout) as Status;
          const units = Object.values(s.applications['crashpeer']?.units ?? {});
          if (units.length !== UNITS) return undefined;
          const done = units.every(
            (u) =>
              u['workload-status']?.current === 'active' &&
              u['workload-status'].message === `peers: ${UNITS - 1}` &&
              u['juju-status']?.current === 'idle',
          );
          return done ? s : undefined;
        },
        90_000,
        1000,
      );
    } catch (err) {
      const r = await ctl.juju(['status', '-m', 'work']);
      const tail = (path: string): string => {
        try {
          return readFileSync(path, 'utf8')
            .split('\n')
            .filter((l) => !l.includes(' DEBUG '))
            .slice(-25)
            .join('\n');
        } catch {
          return '(none)';
        }
      };
      const workload = registryMachines(localRoot, uuid).find((m) => m.id !== controllerMachine.id);
      throw new Error(
        `${(err as Error).message}\n(${startedBeforeKill} instance(s) recorded at the kill)\n` +
          `${r.stdout}${r.stderr}\nprovisioner:\n${provisionerLog(controllerMachine.dataRoot)}\n` +
          `agent.log of ${workload?.id ?? '?'} (machine ${workload?.machineId ?? '?'}):\n` +
          tail(join(workload?.dataRoot ?? '/nonexistent', 'agent.log')),
      );
    }

    // juju status: ten machines, each hosting exactly one unit, each with its own instance.
    const machineIds = Object.keys(status.machines).sort();
    assert.equal(machineIds.length, UNITS, `machines: ${machineIds.join(', ')}`);
    const instanceIds = machineIds.map((id) => status.machines[id]?.['instance-id'] ?? '');
    assert.equal(new Set(instanceIds).size, UNITS, `instance ids: ${instanceIds.join(', ')}`);
    for (const id of machineIds) assert.equal(status.machines[id]?.['juju-status']?.current, 'started');
    const unitMachines = Object.values(status.applications['crashpeer']?.units ?? {}).map((u) => u.machine);
    assert.deepEqual([...unitMachines].sort(), machineIds);

    const log = provisionerLog(controllerMachine.dataRoot).split('\n');
    t.diagnostic(
      `killed with ${startedBeforeKill} instance(s) recorded; after the restart ` +
        `${log.filter((l) => l.includes('adopted instance')).length} adopted, ` +
        `${log.filter((l) => l.includes('stopping instance')).length} stopped`,
    );

    // The provider: exactly the controller plus ten instances, matching namespaces.
    const recorded = registryMachines(localRoot, uuid);
    assert.equal(
      recorded.length,
      UNITS + 1,
      `${recorded.map((m) => `${m.id}=${m.machineId}/${m.state}`).join(', ')}\n${provisionerLog(controllerMachine.dataRoot)}`,
    );
    assert.ok(recorded.every((m) => m.state === 'running'));
    assert.deepEqual(namespaces(prefix), recorded.map((m) => m.id).sort());
    assert.deepEqual(
      recorded
        .filter((m) => m.id !== controllerMachine.id)
        .map((m) => m.id)
        .sort(),
      [...instanceIds].sort(),
    );

    // The database: nothing half-written.
    const db = new Database(join(controllerMachine.dataRoot, 'var/lib/juju/db/controller.db'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const model = db.prepare(`SELECT uuid FROM model WHERE name = 'work'`).get() as { uuid: string };
      const machines = db
        .prepare(`SELECT id, life, instance_id, nonce FROM machine WHERE model_uuid = ?`)
        .all(model.uuid) as { id: string; life: string; instance_id: string; nonce: string }[];
      assert.equal(machines.length, UNITS);
      for (const m of machines) {
        assert.equal(m.life, 'alive');
        assert.notEqual(m.instance_id, '', `machine ${m.id} has an instance`);
        assert.notEqual(m.nonce, '', `machine ${m.id} has a nonce`);
      }
      const units = db
        .prepare(`SELECT name, machine_id, life FROM unit WHERE model_uuid = ?`)
        .all(model.uuid) as { name: string; machine_id: string; life: string }[];
      assert.equal(units.length, UNITS);
      const known = new Set(machines.map((m) => m.id));
      for (const u of units) {
        assert.equal(u.life, 'alive');
        assert.ok(known.has(u.machine_id), `unit ${u.name} is on an existing machine (${u.machine_id})`);
      }
      const peers = db
        .prepare(
          `SELECT r.id AS id, COUNT(s.unit_name) AS n FROM relation r
             LEFT JOIN relation_scope s ON s.model_uuid = r.model_uuid AND s.relation_id = r.id
            WHERE r.model_uuid = ? GROUP BY r.id`,
        )
        .all(model.uuid) as { id: number; n: number }[];
      assert.equal(peers.length, 1, 'one peer relation');
      assert.equal(peers[0]?.n, UNITS, 'all units are in the peer relation scope');
    } finally {
      db.close();
    }

    // Destroy, and nothing of this controller stays on the host.
    await ctl.destroy();
    c = undefined;
    assert.deepEqual(namespaces(prefix), []);
    assert.deepEqual(registryMachines(localRoot, uuid), []);
  });
});
