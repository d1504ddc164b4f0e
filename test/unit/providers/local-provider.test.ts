/**
 * The local provider against the real kernel: namespaces, veths, a bridge and
 * agent processes. Runs as root (skipped otherwise) on a private bridge,
 * subnet and state root so it never meets real use of the local cloud.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { isJujuError } from '../../../src/core/errors.js';
import { collectLocalGarbage, LocalProvider } from '../../../src/providers/local/index.js';
import type { Environ, Instance } from '../../../src/providers/types.js';

const isRoot = process.getuid?.() === 0;
const AGENT_PORT = 17070;

/** A tiny agent: answers every TCP connection with what it sees of its machine. */
const AGENT_SCRIPT = `
const net = require('node:net');
const os = require('node:os');
const fs = require('node:fs');
const [address, port] = process.argv.slice(2);
const server = net.createServer((socket) => {
  socket.end(JSON.stringify({
    hostname: os.hostname(),
    address,
    pid: process.pid,
    cwd: process.cwd(),
    resolv: fs.readFileSync('/etc/resolv.conf', 'utf8'),
    marker: process.env.AGENT_MARKER ?? null,
  }));
});
server.listen(Number(port), address, () => console.log('listening on ' + address + ':' + port));
`;

/** Small client for the agent; retries until it answers or `timeoutMs` passes. */
async function askAgent(address: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise((resolve, reject) => {
        const socket = connect({ host: address, port: AGENT_PORT, timeout: 1000 });
        let data = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (data += chunk));
        socket.on('end', () => {
          try {
            resolve(JSON.parse(data) as Record<string, unknown>);
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
        socket.on('timeout', () => socket.destroy(new Error('timeout')));
        socket.on('error', reject);
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function run(file: string, args: readonly string[], timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) =>
      err ? reject(new Error(`${file} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function registryMachines(
  root: string,
): Record<string, { index: number; address: string; controllerUuid: string }> {
  const path = join(root, 'registry.json');
  if (!existsSync(path)) return {};
  return (JSON.parse(readFileSync(path, 'utf8')) as { machines: Record<string, never> }).machines;
}

/** `juju-abcdef-3` -> `vjabcdef3` (hostVethName). */
function vethOf(instanceId: string): string {
  const [, hex = '', index = ''] = /^juju-([0-9a-f]{6})-(\d+)$/.exec(instanceId) ?? [];
  return `vj${hex}${index}`;
}

describe('local provider with real namespaces', { skip: !isRoot && 'needs root' }, () => {
  const bridge = `jujutest${randomBytes(3).toString('hex').slice(0, 5)}`;
  const subnet = `10.233.${Math.floor(Math.random() * 250) + 1}`;
  const cloudConfig = { bridge, cidr: `${subnet}.0/24` };
  let root = '';
  let agentScript = '';
  let provider: LocalProvider;
  const controllers: string[] = [];
  const environs: Environ[] = [];
  const timings: string[] = [];

  function openEnviron(controllerUuid: string = randomUUID()): Environ {
    controllers.push(controllerUuid);
    const env = provider.open({ controllerUuid, cloudConfig });
    environs.push(env);
    return env;
  }

  function agentFor(marker?: string) {
    return (instance: Instance) => ({
      argv: [process.execPath, agentScript, instance.addresses[0] ?? '', String(AGENT_PORT)],
      ...(marker === undefined ? {} : { env: { AGENT_MARKER: marker } }),
    });
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'juju-local-test-'));
    agentScript = join(root, 'agent.cjs');
    writeFileSync(agentScript, AGENT_SCRIPT);
    provider = new LocalProvider({ root, stopGraceMs: 1000 });
  });

  after(async () => {
    // Through the provider first, then by hand for anything a failed test left behind.
    for (const env of environs) await env.destroy().catch(() => undefined);
    const prefixes = controllers.map((uuid) => `juju-${uuid.replace(/-/g, '').slice(0, 6)}-`);
    const leftovers = existsSync('/run/netns')
      ? (await fs.readdir('/run/netns')).filter((n) => prefixes.some((p) => n.startsWith(p)))
      : [];
    for (const ns of leftovers) {
      const pids = await run('ip', ['netns', 'pids', ns]).catch(() => '');
      for (const pid of pids.split(/\s+/).filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // gone
        }
      }
      await run('ip', ['netns', 'del', ns]).catch(() => undefined);
      rmSync(join('/etc/netns', ns), { recursive: true, force: true });
    }
    await run('ip', ['link', 'del', 'dev', bridge]).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    if (timings.length > 0) console.log(`local provider timings:\n  ${timings.join('\n  ')}`);
  });

  let envA: Environ;
  let machine0: Instance;
  let machine1: Instance;
  const modelA = randomUUID();
  const modelB = randomUUID();

  it('starts two machines whose agents serve TCP on their own addresses', async () => {
    envA = openEnviron();
    let t = performance.now();
    machine0 = await envA.startInstance({ machineId: '0', modelUuid: modelA, agent: agentFor('zero') });
    const first = performance.now() - t;
    t = performance.now();
    machine1 = await envA.startInstance({ machineId: '1', modelUuid: modelB, agent: agentFor() });
    timings.push(
      `startInstance: ${first.toFixed(0)} ms, ${(performance.now() - t).toFixed(0)} ms (first creates the bridge)`,
    );

    assert.equal(machine0.addresses[0], `${subnet}.10`);
    assert.equal(machine1.addresses[0], `${subnet}.11`);
    assert.match(machine0.id, /^juju-[0-9a-f]{6}-\d+$/);
    assert.equal(machine0.hostname, machine0.id);
    assert.equal(machine0.status, 'running');
    assert.deepEqual(machine0.base, {
      os: /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, ''),
      channel: /^VERSION_ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, ''),
    });

    t = performance.now();
    const seen0 = await askAgent(machine0.addresses[0] ?? '');
    timings.push(`agent answering after start: ${(performance.now() - t).toFixed(0)} ms`);
    const seen1 = await askAgent(machine1.addresses[0] ?? '');
    assert.equal(seen0['hostname'], machine0.id);
    assert.equal(seen1['hostname'], machine1.id);
    assert.equal(seen0['resolv'], 'nameserver 127.0.0.1\n');
    assert.equal(seen0['cwd'], machine0.dataRoot);
    assert.equal(seen0['marker'], 'zero');

    // Data root layout, recorded PID, output log, /etc/netns overlay.
    assert.ok(existsSync(join(machine0.dataRoot, 'var/lib/juju')));
    assert.ok(existsSync(join(machine0.dataRoot, 'var/log/juju')));
    assert.equal(Number(readFileSync(join(machine0.dataRoot, 'agent.pid'), 'utf8')), seen0['pid']);
    assert.match(readFileSync(join(machine0.dataRoot, 'agent.log'), 'utf8'), /listening on /);
    assert.match(
      readFileSync(join('/etc/netns', machine0.id, 'hosts'), 'utf8'),
      new RegExp(`${machine0.id}`),
    );
    assert.notEqual((await run('hostname', [])).trim(), machine0.id, 'the host keeps its own hostname');
    assert.equal(
      readFileSync(join('/proc/sys/net/ipv4/conf', bridge, 'forwarding'), 'utf8').trim(),
      '0',
      'nothing from the machines is routed off the host',
    );

    const all = await envA.allInstances();
    assert.deepEqual(
      all.map((i) => i.id),
      [machine0.id, machine1.id],
    );
    assert.deepEqual(
      (await envA.allInstances(modelB)).map((i) => i.id),
      [machine1.id],
    );
    assert.ok(all.every((i) => i.status === 'running'));
  });

  it('lets machines reach each other across the bridge', async () => {
    const probe = `
      const s = require('node:net').connect(${AGENT_PORT}, ${JSON.stringify(machine1.addresses[0])});
      let d = ''; s.on('data', (c) => (d += c)); s.on('end', () => console.log(d));
      s.on('error', (e) => { console.error(e.message); process.exit(1); });`;
    const out = await run('ip', ['netns', 'exec', machine0.id, process.execPath, '-e', probe]);
    assert.equal((JSON.parse(out) as { hostname: string }).hostname, machine1.id);
  });

  it('refuses a different range on a bridge already in use', async () => {
    const other = provider.open({
      controllerUuid: randomUUID(),
      cloudConfig: { bridge, cidr: '10.234.0.0/24' },
    });
    await assert.rejects(
      other.startInstance({ machineId: '0', modelUuid: modelA, agent: agentFor() }),
      (err: unknown) => isJujuError(err, 'not valid') && /already serves/.test(err.message),
    );
  });

  it('rolls a failed start back completely', async () => {
    const before = Object.keys(registryMachines(root)).sort();
    const netnsBefore = (await fs.readdir('/run/netns')).sort();
    await assert.rejects(
      envA.startInstance({ machineId: '9', modelUuid: modelA, agent: () => ({ argv: [] }) }),
      (err: unknown) => isJujuError(err, 'not valid') && /agent command/.test(err.message),
    );
    assert.deepEqual(Object.keys(registryMachines(root)).sort(), before);
    assert.deepEqual((await fs.readdir('/run/netns')).sort(), netnsBefore);
    assert.deepEqual((await fs.readdir(join(root, 'machines'))).sort(), [machine0.id, machine1.id].sort());
  });

  it('stopInstances kills the agent and removes namespace, veth and files', async () => {
    const pid = Number(readFileSync(join(machine1.dataRoot, 'agent.pid'), 'utf8'));
    assert.ok(pidAlive(pid));
    const t = performance.now();
    await envA.stopInstances([machine1.id, 'juju-000000-999']);
    timings.push(
      `stopInstances (1 machine, agent exits on SIGTERM): ${(performance.now() - t).toFixed(0)} ms`,
    );

    assert.ok(!pidAlive(pid), 'agent process gone');
    assert.ok(!existsSync(join('/run/netns', machine1.id)), 'namespace gone');
    assert.ok(!existsSync(join('/sys/class/net', vethOf(machine1.id))), 'veth gone');
    assert.ok(!existsSync(join('/etc/netns', machine1.id)), '/etc/netns overlay gone');
    assert.ok(!existsSync(machine1.dataRoot), 'data root gone');
    assert.equal(registryMachines(root)[machine1.id], undefined);
    assert.deepEqual(
      (await envA.allInstances()).map((i) => i.id),
      [machine0.id],
    );
    assert.ok(existsSync(join('/sys/class/net', bridge)), 'bridge stays while machines use it');

    await envA.stopInstances([machine1.id]); // idempotent
    await assert.rejects(askAgent(machine1.addresses[0] ?? '', 300));
  });

  it('kills agents that ignore SIGTERM within the grace period', async () => {
    const stubborn = await envA.startInstance({
      machineId: '2',
      modelUuid: modelA,
      agent: () => ({
        argv: [process.execPath, '-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);"],
      }),
    });
    await new Promise((r) => setTimeout(r, 300)); // let node install its handler
    const pid = Number(readFileSync(join(stubborn.dataRoot, 'agent.pid'), 'utf8'));
    const t = performance.now();
    await envA.stopInstances([stubborn.id]);
    const took = performance.now() - t;
    timings.push(`stopInstances (agent ignores SIGTERM, grace 1 s): ${took.toFixed(0)} ms`);
    assert.ok(!pidAlive(pid));
    assert.ok(took < 3000);
    assert.ok(!existsSync(join('/run/netns', stubborn.id)));
  });

  const envs2: Environ[] = [];
  it('gives distinct addresses to machines started concurrently by two environs and another process', async () => {
    const envB = openEnviron();
    const envC = openEnviron();
    envs2.push(envB, envC);
    const childController = randomUUID();
    const childEnv = openEnviron(childController); // used to clean up and to list the child's machines
    const moduleUrl = new URL('../../../src/providers/local/index.js', import.meta.url).href;
    const childScript = `
      const { LocalProvider } = await import(${JSON.stringify(moduleUrl)});
      const env = new LocalProvider({ root: ${JSON.stringify(root)} })
        .open({ controllerUuid: ${JSON.stringify(childController)}, cloudConfig: ${JSON.stringify(cloudConfig)} });
      const agent = (i) => ({ argv: [process.execPath, ${JSON.stringify(agentScript)}, i.addresses[0], '${AGENT_PORT}'] });
      const made = await Promise.all(['0', '1', '2'].map((machineId) =>
        env.startInstance({ machineId, modelUuid: 'child-model', agent })));
      console.log(JSON.stringify(made.map((i) => i.addresses[0])));`;

    const t = performance.now();
    const [childOut, ...ours] = await Promise.all([
      run(process.execPath, ['--input-type=module', '-e', childScript], 30_000),
      ...['0', '1', '2'].map((machineId) =>
        envB.startInstance({ machineId, modelUuid: modelA, agent: agentFor() }),
      ),
      ...['0', '1', '2'].map((machineId) =>
        envC.startInstance({ machineId, modelUuid: modelA, agent: agentFor() }),
      ),
    ]);
    timings.push(
      `9 machines started concurrently (2 environs + 1 other process): ${(performance.now() - t).toFixed(0)} ms`,
    );

    const childAddresses = JSON.parse(childOut) as string[];
    const addresses = [...childAddresses, ...ours.map((i) => i.addresses[0])];
    assert.equal(new Set(addresses).size, 9, `distinct addresses: ${addresses.join(' ')}`);
    const registry = registryMachines(root);
    const indexes = Object.values(registry).map((m) => m.index);
    assert.equal(new Set(indexes).size, indexes.length, 'distinct host-wide indexes');
    assert.equal(Object.keys(registry).length, 10); // machine0 + 9
    assert.equal((await childEnv.allInstances()).length, 3);

    // Every one of them answers on its own address, including the reused address of the
    // stopped machine 1 (its MAC is derived from the address, so cached ARP entries stay right).
    assert.ok(addresses.includes(`${subnet}.11`));
    const answers = await Promise.all(addresses.map((a) => askAgent(a ?? '', 2000)));
    assert.deepEqual(
      answers.map((a) => a['address']),
      addresses,
    );
  });

  it('collects stale namespaces and abandoned machines, and leaves live ones alone', async () => {
    const staleController = randomUUID();
    controllers.push(staleController);
    const prefix = `juju-${staleController.replace(/-/g, '').slice(0, 6)}-`;
    const staleNs = `${prefix}900`;
    const pendingId = `${prefix}901`;
    // A namespace entry as a reboot leaves it: a plain file, no nsfs mount.
    writeFileSync(join('/run/netns', staleNs), '');
    await fs.mkdir(join('/etc/netns', staleNs), { recursive: true });
    const registryPath = join(root, 'registry.json');
    const registry = JSON.parse(readFileSync(registryPath, 'utf8')) as { machines: Record<string, unknown> };
    const fake = (id: string, index: number, state: string) => ({
      id,
      index,
      controllerUuid: staleController,
      modelUuid: 'x',
      machineId: String(index),
      bridge,
      cidr: cloudConfig.cidr,
      address: `${subnet}.${200 + index - 900}`,
      hostVeth: `vj${index}`,
      dataRoot: join(root, 'machines', id),
      state,
      creator: { pid: 999_999_999, startTime: '1', bootId: 'a-previous-boot' },
      createdAt: new Date().toISOString(),
    });
    registry.machines[staleNs] = fake(staleNs, 900, 'running');
    registry.machines[pendingId] = fake(pendingId, 901, 'pending');
    await fs.mkdir(join(root, 'machines', staleNs, 'var/lib/juju'), { recursive: true });
    writeFileSync(registryPath, JSON.stringify(registry));

    const result = await collectLocalGarbage({ root });
    assert.ok(result.staleNamespaces.includes(staleNs));
    assert.deepEqual(result.machines.sort(), [staleNs, pendingId].sort());
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.bridges, []);
    assert.ok(!existsSync(join('/run/netns', staleNs)));
    assert.ok(!existsSync(join('/etc/netns', staleNs)));
    assert.ok(!existsSync(join(root, 'machines', staleNs)));
    const after = registryMachines(root);
    assert.equal(after[staleNs], undefined);
    assert.equal(after[pendingId], undefined);
    assert.equal(Object.keys(after).length, 10, 'live machines untouched');
    assert.equal((await askAgent(machine0.addresses[0] ?? ''))['hostname'], machine0.id);
  });

  it('destroy removes every machine of its controller, and the bridge once no controller uses it', async () => {
    const before = registryMachines(root);
    const countA = Object.values(before).filter((m) => m.controllerUuid === controllers[0]).length;
    assert.equal(countA, 1);
    let t = performance.now();
    await envA.destroy();
    timings.push(`destroy (1 machine): ${(performance.now() - t).toFixed(0)} ms`);
    assert.ok(!existsSync(join('/run/netns', machine0.id)));
    assert.ok(!existsSync(machine0.dataRoot));
    assert.equal(Object.keys(registryMachines(root)).length, 9);
    assert.ok(existsSync(join('/sys/class/net', bridge)), 'bridge kept for the other controllers');

    t = performance.now();
    const rest = environs.filter((e) => e !== envA);
    await Promise.all(rest.map((e) => e.destroy()));
    timings.push(`destroy (9 machines, 3 controllers in parallel): ${(performance.now() - t).toFixed(0)} ms`);
    assert.deepEqual(registryMachines(root), {});
    assert.ok(!existsSync(join('/sys/class/net', bridge)), 'bridge removed');
    const ours = existsSync('/run/netns')
      ? (await fs.readdir('/run/netns')).filter((n) =>
          controllers.some((c) => n.startsWith(`juju-${c.replace(/-/g, '').slice(0, 6)}-`)),
        )
      : [];
    assert.deepEqual(ours, []);
    const machinesDir = join(root, 'machines');
    assert.deepEqual(existsSync(machinesDir) ? await fs.readdir(machinesDir) : [], []);

    await envA.destroy(); // idempotent
  });

  it('creates and destroys machines quickly (timings)', async () => {
    const env = openEnviron();
    const n = 8;
    let t = performance.now();
    const made: Instance[] = [];
    for (let i = 0; i < n; i++) {
      made.push(await env.startInstance({ machineId: String(i), modelUuid: modelA, agent: agentFor() }));
    }
    const create = (performance.now() - t) / n;
    t = performance.now();
    await Promise.all(made.map((m) => askAgent(m.addresses[0] ?? '')));
    const ready = performance.now() - t;
    t = performance.now();
    for (const m of made) await env.stopInstances([m.id]);
    const stop = (performance.now() - t) / n;
    t = performance.now();
    await env.destroy();
    const destroyEmpty = performance.now() - t;
    timings.push(
      `${n} machines one by one: create ${create.toFixed(0)} ms/machine, all agents answering +${ready.toFixed(0)} ms, ` +
        `stop ${stop.toFixed(0)} ms/machine, final destroy (bridge) ${destroyEmpty.toFixed(0)} ms`,
    );
    assert.ok(!existsSync(join('/sys/class/net', bridge)));
  });
});
