/**
 * How the controller starts and stops cloud instances. Normally that is the
 * provider's Environ called in-process. A controller running inside one of
 * its own `local` machines cannot do the provider's host work from its
 * namespaces (see host-namespace.ts), so there the calls go to a helper
 * process, `jujud environ-helper`, started with `nsenter` in the host's
 * network and mount namespaces and spoken to in JSON lines over its stdio.
 * The helper dies with the controller (its stdin closes).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { errorMessage } from '../../core/errors.js';
import { getProvider } from '../../providers/registry.js';
import type { Environ, Instance } from '../../providers/types.js';
import { fromWireError, toWireError, type WireError } from '../../rpc/errors.js';
import { machineAgentLauncher, type MachineAgentPlan } from './agent-plan.js';
import { findHostNamespacePid } from './host-namespace.js';

/** The instance operations the provisioner and model teardown need. */
export interface InstanceBroker {
  /** Starts an instance for the plan's machine, with its agent installed and running. */
  startInstance(modelUuid: string, plan: MachineAgentPlan): Promise<Instance>;
  /** Stops and deletes instances; unknown ids are ignored. */
  stopInstances(ids: readonly string[]): Promise<void>;
  allInstances(modelUuid?: string): Promise<Instance[]>;
  /** Releases the broker (ends the helper process, if any). */
  close(): Promise<void>;
}

/** What opens the controller's Environ, as plain data. */
export interface EnvironSpec {
  readonly providerType: string;
  readonly controllerUuid: string;
  readonly cloudConfig: Readonly<Record<string, unknown>>;
}

export type BrokerLog = (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', message: string) => void;

/** Calls the Environ in this process. */
export class DirectBroker implements InstanceBroker {
  constructor(private readonly environ: Environ) {}

  startInstance(modelUuid: string, plan: MachineAgentPlan): Promise<Instance> {
    return this.environ.startInstance({
      machineId: plan.machineId,
      modelUuid,
      agent: machineAgentLauncher(plan),
    });
  }

  stopInstances(ids: readonly string[]): Promise<void> {
    return ids.length === 0 ? Promise.resolve() : this.environ.stopInstances(ids);
  }

  allInstances(modelUuid?: string): Promise<Instance[]> {
    return this.environ.allInstances(modelUuid);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function openEnviron(spec: EnvironSpec): Environ {
  return getProvider(spec.providerType).open({
    controllerUuid: spec.controllerUuid,
    cloudConfig: spec.cloudConfig,
  });
}

/** One request to the helper; `open` comes first. */
type HelperCall =
  | { op: 'open'; spec: EnvironSpec }
  | { op: 'startInstance'; modelUuid: string; plan: MachineAgentPlan }
  | { op: 'stopInstances'; ids: string[] }
  | { op: 'allInstances'; modelUuid?: string };
type HelperRequest = HelperCall & { id: number };

interface HelperResponse {
  id: number;
  result?: unknown;
  error?: WireError;
}

function findExecutable(name: string): string | undefined {
  const dirs = [
    ...(process.env['PATH'] ?? '').split(delimiter).filter((d) => d.startsWith('/')),
    '/usr/local/sbin',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/bin',
    '/sbin',
    '/bin',
  ];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // keep looking
    }
  }
  return undefined;
}

interface Helper {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pending: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
  /** Settles once the helper has opened the Environ. */
  ready: Promise<unknown>;
}

/** Calls the Environ in a helper process in the host's namespaces. */
export class HostNamespaceBroker implements InstanceBroker {
  private helper: Helper | undefined;
  private nextId = 1;

  constructor(
    private readonly spec: EnvironSpec,
    private readonly jujudPath: string,
    private readonly log: BrokerLog,
  ) {}

  async startInstance(modelUuid: string, plan: MachineAgentPlan): Promise<Instance> {
    return (await this.request({ op: 'startInstance', modelUuid, plan })) as Instance;
  }

  async stopInstances(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.request({ op: 'stopInstances', ids: [...ids] });
  }

  async allInstances(modelUuid?: string): Promise<Instance[]> {
    return (await this.request({
      op: 'allInstances',
      ...(modelUuid !== undefined ? { modelUuid } : {}),
    })) as Instance[];
  }

  async close(): Promise<void> {
    const helper = this.helper;
    this.helper = undefined;
    if (!helper || helper.child.exitCode !== null || helper.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => helper.child.once('exit', () => resolve()));
    helper.child.stdin.end();
    const timer = setTimeout(() => helper.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  private async request(body: HelperCall): Promise<unknown> {
    const helper = this.ensureHelper();
    await helper.ready;
    return this.send(helper, body);
  }

  private send(helper: Helper, body: HelperCall): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      helper.pending.set(id, { resolve, reject });
      helper.child.stdin.write(`${JSON.stringify({ ...body, id })}\n`, (err) => {
        if (err && helper.pending.delete(id)) reject(new Error(`environ helper: ${err.message}`));
      });
    });
  }

  private ensureHelper(): Helper {
    if (this.helper) return this.helper;
    const pid = findHostNamespacePid();
    const nsenter = findExecutable('nsenter');
    if (pid === null) throw new Error('environ helper: already in the host namespaces');
    if (nsenter === undefined)
      throw new Error('the controller needs "nsenter" (util-linux) to manage local machines');
    const child = spawn(
      nsenter,
      ['--target', String(pid), '--net', '--mount', '--', process.execPath, this.jujudPath, 'environ-helper'],
      { stdio: ['pipe', 'pipe', 'pipe'], cwd: '/', env: process.env },
    );
    const helper: Helper = { child, pending: new Map(), ready: Promise.resolve() };
    const failAll = (why: string): void => {
      if (this.helper === helper) this.helper = undefined;
      for (const p of helper.pending.values()) p.reject(new Error(`environ helper ${why}`));
      helper.pending.clear();
    };
    child.on('error', (err) => failAll(`failed: ${err.message}`));
    child.on('exit', (code, signal) => failAll(`exited (${signal ?? code})`));
    child.stdin.on('error', () => undefined); // reported through 'exit'
    createInterface({ input: child.stdout }).on('line', (line) => {
      let msg: HelperResponse;
      try {
        msg = JSON.parse(line) as HelperResponse;
      } catch {
        this.log('WARNING', `environ helper: ${line}`);
        return;
      }
      const p = helper.pending.get(msg.id);
      if (!p) return;
      helper.pending.delete(msg.id);
      if (msg.error) p.reject(fromWireError(msg.error));
      else p.resolve(msg.result);
    });
    createInterface({ input: child.stderr }).on('line', (line) =>
      this.log('WARNING', `environ helper: ${line}`),
    );
    this.log('INFO', `started environ helper in the host namespaces (joined through pid ${pid})`);
    this.helper = helper;
    helper.ready = this.send(helper, { op: 'open', spec: this.spec });
    helper.ready.catch(() => undefined);
    return helper;
  }
}

/**
 * The broker for this process: direct when it runs in the host's namespaces
 * (or when that cannot be told), through the helper otherwise.
 */
export function openInstanceBroker(spec: EnvironSpec, jujudPath: string, log: BrokerLog): InstanceBroker {
  let pid: number | null = null;
  try {
    pid = findHostNamespacePid();
  } catch (err) {
    log('WARNING', `${errorMessage(err)}; calling the provider from the controller's own namespaces`);
  }
  if (pid === null) return new DirectBroker(openEnviron(spec));
  return new HostNamespaceBroker(spec, jujudPath, log);
}

/**
 * The helper's side (`jujud environ-helper`): answers requests from `input`
 * on `output` until `input` ends. Requests run concurrently.
 */
export async function serveEnvironHelper(input: Readable, output: Writable): Promise<void> {
  let environ: Environ | undefined;
  let broker: DirectBroker | undefined;
  const inflight = new Set<Promise<void>>();
  // When the controller dies (even SIGKILL) its end of the pipes closes: the helper still
  // finishes what it began, so no instance is left half-made, and replies go nowhere.
  let outputBroken = false;
  output.on('error', () => (outputBroken = true));
  const reply = (msg: HelperResponse): void => {
    if (!outputBroken) output.write(`${JSON.stringify(msg)}\n`);
  };
  const handle = async (req: HelperRequest): Promise<unknown> => {
    switch (req.op) {
      case 'open':
        environ = openEnviron(req.spec);
        broker = new DirectBroker(environ);
        return {};
      case 'startInstance':
        return requireBroker(broker).startInstance(req.modelUuid, req.plan);
      case 'stopInstances':
        await requireBroker(broker).stopInstances(req.ids);
        return {};
      case 'allInstances':
        return requireBroker(broker).allInstances(req.modelUuid);
    }
  };
  const lines = createInterface({ input });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let req: HelperRequest;
    try {
      req = JSON.parse(line) as HelperRequest;
    } catch {
      continue;
    }
    const work = handle(req).then(
      (result) => reply({ id: req.id, result: result ?? {} }),
      (err: unknown) => reply({ id: req.id, error: toWireError(err) }),
    );
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  }
  await Promise.allSettled([...inflight]);
}

function requireBroker(broker: DirectBroker | undefined): DirectBroker {
  if (broker === undefined) throw new Error('environ helper: not opened');
  return broker;
}
