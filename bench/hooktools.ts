/**
 * Hook-tool round trip over the agent's real transport: a HookToolServer on an
 * abstract unix socket (as the unit agent listens) answering from an in-memory
 * hook context, called
 * - directly over the socket with the Node jujuc client (the agent-side cost),
 * - as a charm calls it, spawning `tools/config-get title` as installHookTools
 *   lays it out by default: a symlink to the native jujuc (dist/native/jujuc),
 * - and the same with the Node fallback (`sh` wrapper → `node jujuc-main.cjs`).
 * Bare `node -e ""` startup is measured alongside as the floor of the Node path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InMemoryHookContext } from '../src/agent/hooktools/in-memory-context.js';
import client from '../src/agent/hooktools/jujuc-client.cjs';
import {
  HookToolServer,
  JUJUC_ENTRY_PATH,
  installHookTools,
  nativeJujucPath,
  newContextId,
} from '../src/agent/hooktools/transport.js';
import { median, type Row } from './table.js';

const CALLS = Number(process.env.BENCH_HOOKTOOL_CALLS ?? 200);
const WARMUP = 20;

function runProcess(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${cmd} exited ${code}: ${stderr}`)),
    );
  });
}

/** Socket round trip and whole-process time of `config-get title`, p50 of CALLS each. */
export async function hookToolGroup(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hooktools-'));
  const server = new HookToolServer({ address: `@${dir}/agent.socket` });
  try {
    await server.listen();
    const unitName = 'benchapp/0';
    const contextId = newContextId(unitName, 'config-changed');
    server.register(
      contextId,
      new InMemoryHookContext({
        unitName,
        modelUuid: 'a1b2c3d4-1111-4222-8333-444455556666',
        modelName: 'bench',
        hookName: 'config-changed',
        config: { title: 'My Title', message: 'ready' },
        leader: true,
      }),
    );
    const nativeDir = join(dir, 'tools-native');
    const nodeDir = join(dir, 'tools-node');
    const native = nativeJujucPath();
    if (native !== undefined) installHookTools(nativeDir, process.execPath, JUJUC_ENTRY_PATH, native);
    installHookTools(nodeDir, process.execPath, JUJUC_ENTRY_PATH, null);
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      LANG: 'C.UTF-8',
      JUJU_CONTEXT_ID: contextId,
      JUJU_UNIT_NAME: unitName,
      ...server.env(),
    };
    const socket = { network: server.network, address: server.address };
    const call = { contextId, dir, command: 'config-get', args: ['title'], readStdin: () => Buffer.alloc(0) };

    const rtt: number[] = [];
    for (let i = 0; i < WARMUP + CALLS; i++) {
      const t0 = performance.now();
      const reply = await client.callHookTool(socket, call);
      if (i >= WARMUP) rtt.push(performance.now() - t0);
      if (reply.stdout !== 'My Title\n') throw new Error(`config-get answered ${JSON.stringify(reply)}`);
    }
    // Async spawns: the server runs in this process and must keep answering.
    const timeTool = async (toolsDir: string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now();
        const out = await runProcess(join(toolsDir, 'config-get'), ['title'], env, dir);
        times.push(performance.now() - t0);
        if (out !== 'My Title\n') throw new Error(`config-get printed ${JSON.stringify(out)}`);
      }
      return times;
    };
    const nativeTimes = native !== undefined ? await timeTool(nativeDir) : [];
    const nodeTimes = await timeTool(nodeDir);
    const bare: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      await runProcess(process.execPath, ['-e', ''], env, dir);
      bare.push(performance.now() - t0);
    }
    return [
      {
        what: `hook tool socket round trip, config-get (p50 of ${CALLS})`,
        value: median(rtt),
        unit: 'ms',
        target: 5,
      },
      {
        what: `hook tool process, native jujuc (default), config-get (p50 of ${CALLS})`,
        value: native !== undefined ? median(nativeTimes) : NaN,
        unit: 'ms',
        target: 5,
      },
      {
        what: `  Node client fallback (sh + node jujuc-main.cjs) (p50 of ${CALLS})`,
        value: median(nodeTimes),
        unit: 'ms',
        target: NaN,
      },
      {
        what: `  reference: bare 'node -e ""' startup (p50 of ${CALLS})`,
        value: median(bare),
        unit: 'ms',
        target: NaN,
      },
    ];
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
