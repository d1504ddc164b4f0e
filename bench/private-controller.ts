/**
 * A private controller for one benchmark group: bootstrapped on `local` with
 * its own JUJU_DATA, JUJU_LOCAL_ROOT, bridge and address range (as the e2e
 * fixture does) and always destroyed afterwards: on success, on error and on
 * SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { connect, type ApiConnection } from '../src/api/connection.js';
import { TestController } from '../test/helpers/controller-fixture.js';

const live = new Set<TestController>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`bench: ${signal}, destroying ${live.size} controller(s)\n`);
      void Promise.allSettled([...live].map((c) => c.destroy())).then(() => process.exit(130));
    });
  }
}

/** Bootstraps a controller, runs `fn` with it and destroys it whatever happens. */
export async function withController<T>(
  name: string,
  extraArgs: readonly string[],
  fn: (c: TestController) => Promise<T>,
): Promise<T> {
  installSignalHandlers();
  const c = await TestController.bootstrap(name, [...extraArgs]);
  live.add(c);
  try {
    return await fn(c);
  } finally {
    live.delete(c);
    await c.destroy();
  }
}

/** Runs `juju <args>` and returns stdout; throws with stderr on a non-zero exit. */
export async function jujuOk(c: TestController, args: readonly string[]): Promise<string> {
  const r = await c.juju([...args]);
  if (r.code !== 0) throw new Error(`juju ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** An admin API connection to model `model` (`admin/<model>`) of the controller. */
export async function adminConnection(c: TestController, model: string): Promise<ApiConnection> {
  const data = c.env.JUJU_DATA as string;
  const controllers = parse(readFileSync(join(data, 'controllers.yaml'), 'utf8')) as {
    controllers: Record<string, { 'api-endpoints': string[]; 'ca-cert': string }>;
  };
  const accounts = parse(readFileSync(join(data, 'accounts.yaml'), 'utf8')) as {
    controllers: Record<string, { password: string }>;
  };
  const models = parse(readFileSync(join(data, 'models.yaml'), 'utf8')) as {
    controllers: Record<string, { models: Record<string, { uuid: string }> }>;
  };
  const ctrl = controllers.controllers[c.name];
  const uuid = models.controllers[c.name]?.models[`admin/${model}`]?.uuid;
  const password = accounts.controllers[c.name]?.password;
  if (!ctrl || !uuid || !password)
    throw new Error(`no endpoint, model admin/${model} or password in ${data}`);
  const conn = await connect({ addresses: ctrl['api-endpoints'], caCert: ctrl['ca-cert'], modelUuid: uuid });
  await conn.login({ authTag: 'user-admin', credentials: password });
  return conn;
}

/** A machine of the local provider, from `<JUJU_LOCAL_ROOT>/registry.json`. */
export interface LocalMachine {
  readonly instanceId: string;
  readonly dataRoot: string;
  readonly namespace?: string;
}

/** Every machine the local provider has recorded for this controller's root. */
export function localMachines(c: TestController): LocalMachine[] {
  const root = c.env.JUJU_LOCAL_ROOT as string;
  const registry = JSON.parse(readFileSync(join(root, 'registry.json'), 'utf8')) as {
    machines?: Record<string, { dataRoot?: string; namespace?: string }>;
  };
  return Object.entries(registry.machines ?? {}).map(([instanceId, m]) => ({
    instanceId,
    dataRoot: m.dataRoot ?? join(root, 'machines', instanceId),
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
  }));
}
