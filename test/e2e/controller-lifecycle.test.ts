/**
 * End to end: bootstrap on the local cloud, controller-config, bad input at
 * bootstrap, destroy-controller and kill-controller — checking the client
 * store after each step and that no namespace or process is left behind.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { JUJU_BIN, TestController, isolatedEnv, juju } from '../helpers/controller-fixture.js';

const asRoot = process.getuid?.() === 0;

function namespacesOf(uuid: string): string[] {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(`juju-${uuid.slice(0, 6)}-`));
}

function readYaml(env: NodeJS.ProcessEnv, file: string): Record<string, unknown> {
  const path = join(env.JUJU_DATA as string, file);
  return existsSync(path)
    ? ((parse(readFileSync(path, 'utf8')) as Record<string, unknown> | null) ?? {})
    : {};
}

function agentPids(env: NodeJS.ProcessEnv): number[] {
  const root = env.JUJU_LOCAL_ROOT as string;
  const registry = JSON.parse(readFileSync(join(root, 'registry.json'), 'utf8')) as {
    machines: Record<string, { agentPid?: number }>;
  };
  return Object.values(registry.machines).flatMap((m) => (m.agentPid ? [m.agentPid] : []));
}

/** Whether a process still runs (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function eventuallyGone(pids: number[], ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((p) => !alive(p))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('controller lifecycle on the local cloud', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;

  before(async () => {
    c = await TestController.bootstrap('life', [
      '--config',
      'audit-log-max-backups=3',
      '--model-default',
      'update-status-hook-interval=10m',
    ]);
  });
  after(async () => {
    await c?.destroy();
  });

  it('records the controller in the client store', () => {
    const controllers = readYaml(c.env, 'controllers.yaml') as {
      controllers: Record<string, Record<string, unknown>>;
      'current-controller': string;
    };
    const d = controllers.controllers.life as Record<string, unknown>;
    assert.equal(controllers['current-controller'], 'life');
    assert.equal(d.cloud, 'local');
    assert.equal(d.region, 'localhost');
    assert.equal(d.type, 'local');
    assert.match(String(d['ca-cert']), /BEGIN CERTIFICATE/);
    assert.match(String((d['api-endpoints'] as string[])[0]), /^10\.\d+\.\d+\.\d+:17070$/);
    const accounts = readYaml(c.env, 'accounts.yaml') as {
      controllers: Record<string, Record<string, string>>;
    };
    assert.equal(accounts.controllers.life?.user, 'admin');
    assert.ok((accounts.controllers.life?.password ?? '').length >= 16);
    const models = readYaml(c.env, 'models.yaml') as {
      controllers: Record<string, { models: Record<string, unknown> }>;
    };
    assert.ok(models.controllers.life?.models['admin/controller']);
    const text = readFileSync(join(c.env.JUJU_DATA as string, 'controllers.yaml'), 'utf8');
    assert.match(text, /api-endpoints: \['10\./);
    assert.equal(namespacesOf(c.uuid()).length, 1);
  });

  it('shows and changes controller config, refusing read-only keys', async () => {
    const one = await c.juju(['controller-config', 'audit-log-max-backups']);
    assert.equal(one.stdout, '3\n');
    const all = await c.juju(['controller-config', '--format', 'json']);
    const cfg = JSON.parse(all.stdout) as Record<string, unknown>;
    assert.equal(cfg['controller-uuid'], c.uuid());
    assert.equal(cfg['api-port'], 17070);
    const set = await c.juju(['controller-config', 'audit-log-max-backups=7']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await c.juju(['controller-config', 'audit-log-max-backups'])).stdout, '7\n');
    const ro = await c.juju(['controller-config', 'api-port=1234']);
    assert.equal(ro.code, 1);
    assert.equal(ro.stderr, 'ERROR can\'t change "api-port" after bootstrap (not valid)\n');
    const unknown = await c.juju(['controller-config', 'nope=1']);
    assert.equal(unknown.stderr, 'ERROR unknown controller config setting "nope" (not valid)\n');
    const table = await c.juju(['controller-config']);
    assert.match(table.stdout, /^Attribute +Value\n/);
  });

  it('refuses a second bootstrap with the same name and writes nothing', async () => {
    const before = readFileSync(join(c.env.JUJU_DATA as string, 'controllers.yaml'), 'utf8');
    const r = await c.juju(['bootstrap', 'local', 'life']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR controller "life" already exists\n');
    assert.equal(readFileSync(join(c.env.JUJU_DATA as string, 'controllers.yaml'), 'utf8'), before);
    assert.equal(namespacesOf(c.uuid()).length, 1);
  });

  it('rejects bad bootstrap config before creating anything', async () => {
    const env = isolatedEnv();
    try {
      const r = await juju(env, ['bootstrap', 'local', 'bad', '--config', 'audit-log-max-backups=many']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^ERROR audit-log-max-backups: expected int, got "many"\n$/);
      assert.equal(existsSync(join(env.JUJU_DATA as string, 'controllers.yaml')), false);
      const bad2 = await juju(env, ['bootstrap', 'nocloud']);
      assert.equal(bad2.code, 1);
      assert.match(bad2.stderr, /unknown cloud "nocloud"/);
      const usage = await juju(env, ['bootstrap', 'local', 'x', '--bogus']);
      assert.equal(usage.code, 2);
    } finally {
      rmSync(env.JUJU_DATA as string, { recursive: true, force: true });
      rmSync(env.JUJU_LOCAL_ROOT as string, { recursive: true, force: true });
    }
  });

  it('explains that the local cloud needs root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juju-nonroot-'));
    chmodSync(dir, 0o777);
    try {
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [JUJU_BIN, 'bootstrap', 'local', 'x'], {
          uid: 65534,
          gid: 65534,
          env: { PATH: process.env.PATH, JUJU_DATA: join(dir, 'data'), HOME: dir },
        });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
      });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /the "local" cloud needs root/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a crashed controller agent', { skip: !asRoot && 'needs root' }, () => {
  it('is restarted by its supervisor and serves again', async () => {
    const c = await TestController.bootstrap('phoenix');
    try {
      const [ns] = namespacesOf(c.uuid());
      const nodePids = (): number[] =>
        execFileSync('ip', ['netns', 'pids', ns as string], { encoding: 'utf8' })
          .split('\n')
          .filter(Boolean)
          .map(Number)
          .filter((p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node');
      const [agent] = nodePids();
      assert.ok(agent);
      process.kill(agent, 'SIGKILL');
      let answered = false;
      for (let i = 0; i < 50 && !answered; i++) {
        await new Promise((r) => setTimeout(r, 200));
        answered = (await c.juju(['controller-config', 'api-port'])).code === 0;
      }
      assert.ok(answered, 'controller did not come back');
      assert.notDeepEqual(nodePids(), [agent]);
    } finally {
      await c.destroy();
    }
  });
});

describe('destroying and killing controllers', { skip: !asRoot && 'needs root' }, () => {
  it('destroy-controller asks, then removes processes, namespaces and store entries', async () => {
    const c = await TestController.bootstrap('gone');
    try {
      const uuid = c.uuid();
      const pids = agentPids(c.env);
      assert.ok(pids.length > 0 && pids.every(alive));
      const abort = await c.juju(['destroy-controller', 'gone'], 'nope\n');
      assert.equal(abort.code, 1);
      assert.match(abort.stderr, /ERROR controller destruction: aborted\n$/);
      assert.equal(namespacesOf(uuid).length, 1);
      const r = await c.juju(['destroy-controller', 'gone'], 'gone\n');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(namespacesOf(uuid), []);
      assert.ok(await eventuallyGone(pids), 'agent processes still running');
      const controllers = readYaml(c.env, 'controllers.yaml') as { controllers?: Record<string, unknown> };
      assert.equal(controllers.controllers?.gone, undefined);
      const accounts = readYaml(c.env, 'accounts.yaml') as { controllers?: Record<string, unknown> };
      assert.equal(accounts.controllers?.gone, undefined);
      const again = await c.juju(['destroy-controller', 'gone', '--no-prompt']);
      assert.equal(again.code, 1);
      assert.equal(again.stderr, 'ERROR controller gone not found\n');
    } finally {
      await c.destroy();
    }
  });

  it('kill-controller removes a controller whose agent is dead', async () => {
    const c = await TestController.bootstrap('dead');
    try {
      const uuid = c.uuid();
      // Kill everything in the controller's namespace: supervisor and agent alike.
      for (const ns of namespacesOf(uuid)) {
        const pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
          .split('\n')
          .filter(Boolean);
        for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
      }
      const r = await c.juju(['kill-controller', 'dead', '--no-prompt', '-t', '2s']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(namespacesOf(uuid), []);
      const controllers = readYaml(c.env, 'controllers.yaml') as { controllers?: Record<string, unknown> };
      assert.equal(controllers.controllers?.dead, undefined);
    } finally {
      await c.destroy();
    }
  });
});
