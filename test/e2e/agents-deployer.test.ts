/**
 * The deployer of a machine agent, end to end: an application deployed
 * through the API gets a machine, the machine agent writes the unit's agent
 * directory with its own agent.conf and an initial password set on the
 * controller, and records the unit in `deployed-units`. Force-removing the
 * unit makes the agent clean the directory up; the machine, left without
 * units, then sets itself dead and the provisioner deletes it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { connect, type ApiConnection } from '../../src/api/connection.js';
import { readLocalCharm, uploadCharm } from '../../src/cli/commands/application/charm-upload.js';
import { ErrorCode, isJujuError } from '../../src/core/errors.js';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;
const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

interface StoreFiles {
  controllers: { controllers: Record<string, { 'api-endpoints': string[]; 'ca-cert': string }> };
  accounts: { controllers: Record<string, { user: string; password: string }> };
  models: { controllers: Record<string, { models: Record<string, { uuid: string }> }> };
}

function readStore<K extends keyof StoreFiles>(env: NodeJS.ProcessEnv, file: K): StoreFiles[K] {
  return parse(readFileSync(join(env.JUJU_DATA as string, `${file}.yaml`), 'utf8')) as StoreFiles[K];
}

interface AgentConfFile {
  tag: string;
  nonce?: string;
  model: string;
  cacert: string;
  apiaddresses: string[];
  apipassword?: string;
  oldpassword?: string;
  values: Record<string, string>;
}

function readConf(path: string): AgentConfFile {
  return parse(readFileSync(path, 'utf8')) as AgentConfFile;
}

interface Status {
  machines: Record<string, { 'agent-status': { status: string }; 'instance-id': string }>;
  applications: Record<string, { units?: Record<string, unknown> }>;
}

function namespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter(Boolean);
}

describe('the deployer in a machine agent', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let admin: ApiConnection;
  let modelUuid = '';
  let skipReason: string | false = false;
  let instanceId = '';
  let dataDir = '';

  before(async () => {
    c = await TestController.bootstrap('deployer');
    assert.equal((await c.juju(['add-model', 'work'])).code, 0);
    const details = readStore(c.env, 'controllers').controllers[c.name];
    const account = readStore(c.env, 'accounts').controllers[c.name];
    modelUuid = readStore(c.env, 'models').controllers[c.name]?.models['admin/work']?.uuid ?? '';
    assert.ok(details && account && modelUuid);
    admin = await connect({ addresses: details['api-endpoints'], caCert: details['ca-cert'], modelUuid });
    await admin.login({ authTag: `user-${account.user}`, credentials: account.password });
    if (!admin.serverFacades.has('Application')) skipReason = 'the Application facade is not available';
  });

  after(async () => {
    await admin?.close().catch(() => undefined);
    await c?.destroy();
  });

  async function status(): Promise<Status> {
    return admin.call<Status>('Client', 'FullStatus', { patterns: [] });
  }

  it('writes the unit agent directory with an initial password', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const local = await readLocalCharm(join(REPO, 'testcharms', 'hooktrace'), './hooktrace');
    const url = await uploadCharm(admin, modelUuid, local);
    const res = await admin.call<{ results: { error?: { message: string } }[] }>('Application', 'Deploy', {
      applications: [
        {
          application: 'trace',
          'charm-url': url,
          'charm-origin': { source: 'local', type: 'charm' },
          'num-units': 1,
        },
      ],
    });
    assert.equal(res.results[0]?.error, undefined, JSON.stringify(res.results[0]?.error));
    instanceId = await waitFor('machine 0 to start', async () => {
      const m = (await status()).machines['0'];
      return m?.['agent-status'].status === 'started' ? m['instance-id'] : undefined;
    });
    dataDir = join(c.env.JUJU_LOCAL_ROOT as string, 'machines', instanceId, 'var/lib/juju');
    const unitConfPath = join(dataDir, 'agents/unit-trace-0/agent.conf');
    await waitFor('the unit agent.conf', () => (existsSync(unitConfPath) ? true : undefined));
    const machineConf = readConf(join(dataDir, 'agents/machine-0/agent.conf'));
    const unitConf = readConf(unitConfPath);
    assert.equal(unitConf.tag, 'unit-trace-0');
    assert.equal(unitConf.nonce, 'unused');
    assert.equal(unitConf.model, machineConf.model);
    assert.equal(unitConf.cacert, machineConf.cacert);
    assert.deepEqual(unitConf.apiaddresses, machineConf.apiaddresses);
    assert.equal(unitConf.oldpassword?.length, 24);
    assert.equal(unitConf.values.PROVIDER_TYPE, 'local');
    await waitFor('deployed-units to name the unit', () =>
      readConf(join(dataDir, 'agents/machine-0/agent.conf')).values['deployed-units'] === 'trace/0'
        ? true
        : undefined,
    );

    // The machine agent set the unit's password: its deployer view says so, and only for its own units.
    const agent = await connect({
      addresses: machineConf.apiaddresses,
      caCert: machineConf.cacert,
      modelUuid,
    });
    try {
      await agent.login({
        authTag: 'machine-0',
        credentials: machineConf.apipassword ?? '',
        nonce: machineConf.nonce ?? '',
      });
      const units = await agent.call<{
        units: { name: string; tag: string; life: string; 'password-set': boolean }[];
      }>('Deployer', 'Units');
      assert.deepEqual(units.units, [
        { name: 'trace/0', tag: 'unit-trace-0', life: 'alive', 'password-set': true },
      ]);
      const life = await agent.call<{ results: { life?: string; error?: { code: string } }[] }>(
        'Deployer',
        'Life',
        {
          entities: [{ tag: 'unit-trace-0' }, { tag: 'unit-other-0' }],
        },
      );
      assert.equal(life.results[0]?.life, 'alive');
      assert.equal(life.results[1]?.error?.code, ErrorCode.Unauthorized);
      const removed = await agent.call<{ results: { error?: { code: string; message: string } }[] }>(
        'Deployer',
        'Remove',
        {
          entities: [{ tag: 'unit-trace-0' }],
        },
      );
      assert.equal(removed.results[0]?.error?.code, ErrorCode.NotValid, 'a live unit is not removed');
    } finally {
      await agent.close();
    }
  });

  it('cleans up a removed unit, then the machine goes', async (t) => {
    if (skipReason || !dataDir) return t.skip(skipReason || 'nothing deployed');
    try {
      const res = await admin.call<{ results: { error?: { message: string } }[] }>(
        'Application',
        'DestroyUnit',
        {
          units: [{ 'unit-tag': 'unit-trace-0', force: true, 'max-wait': 0 }],
        },
      );
      assert.equal(res.results[0]?.error, undefined, JSON.stringify(res.results[0]?.error));
    } catch (err) {
      if (isJujuError(err, ErrorCode.NotImplemented))
        return t.skip('Application.DestroyUnit is not available');
      throw err;
    }
    await waitFor(
      'the machine and its namespace to go',
      async () => {
        const s = await status();
        return Object.keys(s.machines).length === 0 && !namespaces().includes(instanceId) ? true : undefined;
      },
      20_000,
    );
    assert.equal(existsSync(dataDir), false);
  });
});
