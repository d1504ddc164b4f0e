/**
 * Workload machines end to end on the local cloud: the controller's
 * provisioner starts an instance for a machine added through the API, the
 * machine agent logs in (rotating its password), reports `started` with its
 * address, survives its own crash and a controller crash (both restarted by
 * their supervisors; the agent reconnects), the Agent/Machiner/Deployer
 * facades only serve the caller's own entities, and removing the machine
 * stops it and deletes its namespace.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { connect, type ApiConnection } from '../../src/api/connection.js';
import { ErrorCode, isJujuError } from '../../src/core/errors.js';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

interface StoreFiles {
  controllers: { controllers: Record<string, { 'api-endpoints': string[]; 'ca-cert': string }> };
  accounts: { controllers: Record<string, { user: string; password: string }> };
  models: { controllers: Record<string, { models: Record<string, { uuid: string }> }> };
}

function readStore<K extends keyof StoreFiles>(env: NodeJS.ProcessEnv, file: K): StoreFiles[K] {
  return parse(readFileSync(join(env.JUJU_DATA as string, `${file}.yaml`), 'utf8')) as StoreFiles[K];
}

/** The fields of a machine agent.conf the tests look at. */
interface MachineConf {
  tag: string;
  jobs: string[];
  nonce: string;
  model: string;
  cacert: string;
  apiaddresses: string[];
  apipassword?: string;
  values: Record<string, string>;
}

/** A logged-in model connection as the controller's admin. */
async function adminModelConnection(c: TestController, model: string): Promise<ApiConnection> {
  const details = readStore(c.env, 'controllers').controllers[c.name];
  const account = readStore(c.env, 'accounts').controllers[c.name];
  const uuid = readStore(c.env, 'models').controllers[c.name]?.models[`admin/${model}`]?.uuid;
  assert.ok(details && account && uuid, 'controller, account and model are recorded');
  const conn = await connect({
    addresses: details['api-endpoints'],
    caCert: details['ca-cert'],
    modelUuid: uuid,
  });
  await conn.login({ authTag: `user-${account.user}`, credentials: account.password });
  return conn;
}

interface MachineStatus {
  'agent-status': { status: string; info: string; version: string };
  'instance-status': { status: string; info: string };
  'instance-id': string;
  'ip-addresses': string[];
  hostname?: string;
}

async function machines(conn: ApiConnection): Promise<Record<string, MachineStatus>> {
  const s = await conn.call<{ machines: Record<string, MachineStatus> }>('Client', 'FullStatus', {
    patterns: [],
  });
  return s.machines ?? {};
}

function namespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter(Boolean);
}

/** PIDs of the node processes (agents) in a namespace; their supervisors are `sh`. */
function nodePidsIn(ns: string): number[] {
  return execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node';
      } catch {
        return false;
      }
    });
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('workload machines and their agents', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let admin: ApiConnection;
  let skipReason: string | false = false;
  let instanceId = '';
  let dataRoot = '';
  let controllerNs = '';

  before(async () => {
    c = await TestController.bootstrap('agents');
    const r = await c.juju(['add-model', 'work']);
    assert.equal(r.code, 0, r.stderr);
    admin = await adminModelConnection(c, 'work');
    controllerNs =
      namespaces().find((n) => n.startsWith(`juju-${c.uuid().replace(/-/g, '').slice(0, 6)}-`)) ?? '';
    try {
      await admin.call('MachineManager', 'AddMachines', { params: [] });
    } catch (err) {
      if (isJujuError(err, ErrorCode.NotImplemented) || isJujuError(err, ErrorCode.NotSupported)) {
        skipReason = `MachineManager.AddMachines is not available: ${(err as Error).message}`;
      } else throw err;
    }
  });

  after(async () => {
    await admin?.close().catch(() => undefined);
    await c?.destroy();
  });

  it('provisions an added machine: instance, address, started, rotated password', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const res = await admin.call<{ machines: { machine: string; error?: unknown }[] }>(
      'MachineManager',
      'AddMachines',
      {
        params: [{ jobs: ['JobHostUnits'] }],
      },
    );
    assert.deepEqual(res.machines, [{ machine: '0' }]);
    const m = await waitFor('machine 0 to be started', async () => {
      const st = (await machines(admin))['0'];
      return st?.['agent-status'].status === 'started' && st['ip-addresses'].length > 0 ? st : undefined;
    });
    instanceId = m['instance-id'];
    assert.match(instanceId, /^juju-[0-9a-f]{6}-[0-9]+$/);
    assert.equal(m['instance-status'].status, 'running');
    assert.match(m['ip-addresses'][0] ?? '', /^10\.\d+\.\d+\.\d+$/);
    assert.equal(m.hostname, instanceId);
    assert.ok(namespaces().includes(instanceId), 'the machine namespace exists');
    await waitFor('the agent version', async () =>
      (await machines(admin))['0']?.['agent-status'].version === '3.6.4' ? true : undefined,
    );

    dataRoot = join(c.env.JUJU_LOCAL_ROOT as string, 'machines', instanceId);
    const conf = parse(
      readFileSync(join(dataRoot, 'var/lib/juju/agents/machine-0/agent.conf'), 'utf8'),
    ) as MachineConf;
    assert.equal(conf.tag, 'machine-0');
    assert.deepEqual(conf.jobs, ['JobHostUnits']);
    assert.match(conf.nonce, /^machine-0:[0-9a-f-]{36}$/);
    assert.equal(conf.values.AGENT_SERVICE_NAME, 'jujud-machine-0');
    assert.equal(conf.values.PROVIDER_TYPE, 'local');
    // The provisioner writes only `oldpassword`; `apipassword` is the agent's own, rotated one.
    assert.equal(typeof conf.apipassword, 'string');
    assert.equal(conf.apipassword?.length, 24);

    const log = readFileSync(join(dataRoot, 'agent.log'), 'utf8');
    assert.match(
      log,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ machine-0 INFO juju\.worker\.machiner machine-0 started$/m,
    );
    assert.ok(existsSync(join(dataRoot, 'var/log/juju/machine-0.log')));
  });

  it('serves the agent facades only for the caller’s own entities', async (t) => {
    if (skipReason || !dataRoot) return t.skip(skipReason || 'no machine');
    const conf = parse(
      readFileSync(join(dataRoot, 'var/lib/juju/agents/machine-0/agent.conf'), 'utf8'),
    ) as MachineConf;
    const agent = await connect({
      addresses: conf.apiaddresses,
      caCert: conf.cacert,
      modelUuid: conf.model.slice('model-'.length),
    });
    try {
      await agent.login({ authTag: 'machine-0', credentials: conf.apipassword ?? '', nonce: conf.nonce });
      const entities = await agent.call<{ entities: { life: string; jobs: string[] }[] }>(
        'Agent',
        'GetEntities',
        {
          entities: [{ tag: 'machine-0' }, { tag: 'machine-1' }],
        },
      );
      assert.deepEqual(entities.entities[0], { life: 'alive', jobs: ['JobHostUnits'], 'container-type': '' });
      assert.equal(
        (entities.entities[1] as { error?: { code: string } }).error?.code,
        ErrorCode.Unauthorized,
      );

      const pw = await agent.call<{ results: { error?: { code: string; message: string } }[] }>(
        'Agent',
        'SetPasswords',
        {
          changes: [
            { tag: 'machine-0', password: 'short' },
            { tag: 'machine-1', password: 'x'.repeat(24) },
            { tag: 'unit-nope-0', password: 'x'.repeat(24) },
          ],
        },
      );
      assert.equal(pw.results[0]?.error?.code, ErrorCode.NotValid);
      assert.match(pw.results[0]?.error?.message ?? '', /not a valid Agent password/);
      assert.equal(pw.results[1]?.error?.code, ErrorCode.Unauthorized);
      assert.equal(pw.results[2]?.error?.code, ErrorCode.Unauthorized);

      const life = await agent.call<{ results: { life?: string; error?: { code: string } }[] }>(
        'Machiner',
        'Life',
        {
          entities: [{ tag: 'machine-0' }, { tag: 'machine-7' }],
        },
      );
      assert.equal(life.results[0]?.life, 'alive');
      assert.equal(life.results[1]?.error?.code, ErrorCode.Unauthorized);

      const hostPorts = await agent.call<{ servers: { value: string; port: number }[][] }>(
        'Machiner',
        'APIHostPorts',
      );
      assert.deepEqual(
        hostPorts.servers[0]?.map((hp) => `${hp.value}:${hp.port}`),
        conf.apiaddresses,
      );
      const units = await agent.call<{ units: unknown[] }>('Deployer', 'Units');
      assert.deepEqual(units.units, []);
      const dead = await agent.call<{ results: { error?: { code: string } }[] }>('Machiner', 'EnsureDead', {
        entities: [{ tag: 'machine-3' }],
      });
      assert.equal(dead.results[0]?.error?.code, ErrorCode.Unauthorized);
      // Users are not agents.
      await assert.rejects(admin.call('Deployer', 'Units'), (err: unknown) =>
        isJujuError(err, ErrorCode.Unauthorized),
      );
    } finally {
      await agent.close();
    }
  });

  it('a crashed machine agent is restarted and reconnects', async (t) => {
    if (skipReason || !instanceId) return t.skip(skipReason || 'no machine');
    const logPath = join(dataRoot, 'agent.log');
    const before = count(readFileSync(logPath, 'utf8'), 'connected to the controller at');
    const [agentPid] = nodePidsIn(instanceId);
    assert.ok(agentPid, 'machine agent process');
    process.kill(agentPid, 'SIGKILL');
    await waitFor('the machine agent to reconnect', () =>
      count(readFileSync(logPath, 'utf8'), 'connected to the controller at') > before ? true : undefined,
    );
    assert.notDeepEqual(nodePidsIn(instanceId), [agentPid]);
    assert.equal((await machines(admin))['0']?.['agent-status'].status, 'started');
  });

  it('after a controller crash the agent reconnects and nothing is provisioned twice', async (t) => {
    if (skipReason || !instanceId) return t.skip(skipReason || 'no machine');
    assert.ok(controllerNs, 'controller namespace');
    const logPath = join(dataRoot, 'agent.log');
    const before = count(readFileSync(logPath, 'utf8'), 'connected to the controller at');
    const [controllerPid] = nodePidsIn(controllerNs);
    assert.ok(controllerPid, 'controller agent process');
    process.kill(controllerPid, 'SIGKILL');
    await waitFor('the machine agent to notice', () =>
      readFileSync(logPath, 'utf8').includes('connection to the controller lost') ? true : undefined,
    );
    await waitFor(
      'the machine agent to reconnect to the restarted controller',
      () =>
        count(readFileSync(logPath, 'utf8'), 'connected to the controller at') > before ? true : undefined,
      30_000,
    );
    await admin.close();
    admin = await adminModelConnection(c, 'work');
    const ms = await machines(admin);
    assert.deepEqual(Object.keys(ms), ['0']);
    assert.equal(ms['0']?.['instance-id'], instanceId);
    assert.equal(ms['0']?.['agent-status'].status, 'started');
    const prefix = instanceId.replace(/[0-9]+$/, '');
    assert.deepEqual(
      namespaces().filter((n) => n.startsWith(prefix) && n !== controllerNs),
      [instanceId],
      'no second instance',
    );
  });

  it('removing the machine stops its agent and deletes its namespace', async (t) => {
    if (skipReason || !instanceId) return t.skip(skipReason || 'no machine');
    const res = await admin.call<{ results: { error?: { message: string } }[] }>(
      'MachineManager',
      'DestroyMachineWithParams',
      {
        'machine-tags': ['machine-0'],
      },
    );
    assert.equal(res.results[0]?.error, undefined);
    await waitFor('the machine to be removed', async () =>
      Object.keys(await machines(admin)).length === 0 ? true : undefined,
    );
    await waitFor('the namespace to go', () => (namespaces().includes(instanceId) ? undefined : true));
    assert.equal(existsSync(dataRoot), false);
    // The controller keeps serving.
    assert.equal((await c.juju(['models'])).code, 0);
  });
});
