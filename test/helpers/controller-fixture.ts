/**
 * A real controller for end-to-end tests: bootstraps the `local` cloud with the
 * real `juju` binary into a private JUJU_DATA, bridge, address range and state
 * root, and tears everything down afterwards (also when the test failed).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { getProvider } from '../../src/providers/registry.js';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const JUJU_BIN = join(REPO, 'bin', 'juju');

/** The parts of `juju status --format=json` the fixture reads itself. */
export interface StatusJson {
  applications: Record<string, { units?: Record<string, { machine?: string }> }>;
  machines: Record<string, { 'instance-id': string }>;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment for an isolated client + local cloud (private bridge and range). */
export function isolatedEnv(): NodeJS.ProcessEnv {
  const id = randomBytes(3).toString('hex');
  const octet = 100 + ((randomBytes(1)[0] as number) % 100);
  const third = randomBytes(1)[0] as number;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    JUJU_DATA: mkdtempSync(join(tmpdir(), 'juju-data-')),
    JUJU_LOCAL_ROOT: mkdtempSync(join(tmpdir(), 'juju-local-')),
    JUJU_LOCAL_BRIDGE: `jt${id}`,
    JUJU_LOCAL_CIDR: `10.${octet}.${third}.0/24`,
  };
}

/** Run the real `juju` binary as a child process. */
export function juju(env: NodeJS.ProcessEnv, args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [JUJU_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export class TestController {
  private constructor(
    readonly name: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Bootstrap a controller named `name` on `local`; throws with juju's output on failure. */
  static async bootstrap(
    name = 'test',
    extraArgs: string[] = [],
    env = isolatedEnv(),
  ): Promise<TestController> {
    const c = new TestController(name, env);
    const r = await juju(env, ['bootstrap', 'local', name, ...extraArgs]);
    if (r.code !== 0) {
      await c.destroy();
      throw new Error(`bootstrap failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    return c;
  }

  juju(args: string[], stdin = ''): Promise<CliRun> {
    return juju(this.env, args, stdin);
  }

  /** Runs juju and returns its stdout; throws with juju's stderr when it exits non-zero. */
  async ok(args: string[], stdin = ''): Promise<string> {
    const r = await this.juju(args, stdin);
    if (r.code !== 0) throw new Error(`juju ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  /** `juju status --format=json` of the current model. */
  async status(): Promise<StatusJson> {
    return JSON.parse(await this.ok(['status', '--format=json'])) as StatusJson;
  }

  /** A unit's agent directory on its machine (undefined while the unit has no machine). */
  async unitAgentDir(unit: string): Promise<string | undefined> {
    const s = await this.status();
    const u = s.applications[unit.split('/')[0] ?? '']?.units?.[unit];
    const instance = u?.machine === undefined ? undefined : s.machines[u.machine]?.['instance-id'];
    if (instance === undefined) return undefined;
    return join(
      this.env.JUJU_LOCAL_ROOT as string,
      'machines',
      instance,
      'var/lib/juju/agents',
      `unit-${unit.replace('/', '-')}`,
    );
  }

  /** Non-empty lines of a file in a unit's agent directory ([] while it does not exist). */
  async unitAgentFile(unit: string, file: string): Promise<string[]> {
    const dir = await this.unitAgentDir(unit);
    if (dir === undefined) return [];
    try {
      return readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
    } catch {
      return [];
    }
  }

  /** Controller UUID from controllers.yaml ('' when not recorded). */
  uuid(): string {
    try {
      const doc = parse(readFileSync(join(this.env.JUJU_DATA as string, 'controllers.yaml'), 'utf8')) as {
        controllers?: Record<string, { uuid?: string }>;
      };
      return doc.controllers?.[this.name]?.uuid ?? '';
    } catch {
      return '';
    }
  }

  /** Remove every machine, namespace and file of this controller, whatever state it is in. */
  async destroy(): Promise<void> {
    const uuid = this.uuid();
    const provider = getProvider('local', this.env);
    if (uuid) await provider.open({ controllerUuid: uuid }).destroy();
    await provider.open({ controllerUuid: '00000000-0000-0000-0000-000000000000' }).destroy();
    rmSync(this.env.JUJU_DATA as string, { recursive: true, force: true });
    rmSync(this.env.JUJU_LOCAL_ROOT as string, { recursive: true, force: true });
  }
}
