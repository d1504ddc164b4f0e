import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ControllerDetails } from '../../../src/clientstore/index.js';
import { ClientStore } from '../../../src/clientstore/index.js';
import type { FacadeDefinition } from '../../../src/controller/apiserver/types.js';
import { JujuError } from '../../../src/core/errors.js';
import { certificateFingerprint, createCA } from '../../../src/pki/certificates.js';
import { runJuju } from '../../helpers/cli-harness.js';
import { startTestServer, testLogin, type TestServer } from '../api/fixtures.js';

const UUID_A = 'aaaaaaaa-1111-4111-8111-111111111111';
const UUID_B = 'bbbbbbbb-2222-4222-8222-222222222222';
const M_CONTROLLER = 'cccccccc-3333-4333-8333-333333333333';
const M_DEFAULT = 'dddddddd-4444-4444-8444-444444444444';
const M_OTHER = 'eeeeeeee-5555-4555-8555-555555555555';

function details(uuid: string, caCert: string, endpoint = '127.0.0.1:1'): ControllerDetails {
  return {
    uuid,
    apiEndpoints: [endpoint],
    caCert,
    cloud: 'local',
    region: 'localhost',
    type: 'local',
    agentVersion: '3.6.4',
    controllerMachineCount: 1,
    activeControllerMachineCount: 1,
    machineCount: 2,
  };
}

describe('juju controllers family', () => {
  let root: string;
  let caCert: string;
  let n = 0;

  /** Two controllers: "lxd" (current, with models, admin) and "other" (no account). */
  const setup = (): { env: NodeJS.ProcessEnv; dir: string; store: ClientStore } => {
    const dir = join(root, `data-${n++}`);
    const store = new ClientStore(dir);
    store.addController('lxd', details(UUID_A, caCert));
    store.addController('other', {
      ...details(UUID_B, caCert),
      region: undefined as never,
      agentVersion: undefined as never,
    });
    store.updateAccount('lxd', { user: 'admin', password: 'pw', lastKnownAccess: 'superuser' });
    store.setModels('lxd', {
      'admin/controller': { uuid: M_CONTROLLER, type: 'iaas' },
      'admin/default': { uuid: M_DEFAULT, type: 'iaas' },
      'bob/prod': { uuid: M_OTHER, type: 'iaas' },
    });
    store.setCurrentModel('lxd', 'admin/default');
    store.setCurrentController('lxd');
    return { env: { JUJU_DATA: dir }, dir, store };
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'juju-ctrls-'));
    caCert = (await createCA('juju-ca')).certPem;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists controllers in tabular form with the refresh hint and the current one marked', async () => {
    const { env } = setup();
    const r = await runJuju(['controllers'], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Use --refresh option with this command to see the latest information.');
    assert.equal(lines[1], '');
    assert.match(
      lines[2] ?? '',
      /^Controller +Model +User +Access +Cloud\/Region +Models +Nodes +HA +Version$/,
    );
    assert.match(
      lines[3] ?? '',
      /^lxd\* +default +admin +superuser +local\/localhost +3 +2 +none +3\.6\.4 *$/,
    );
    assert.match(lines[4] ?? '', /^other +- +- +- +local +- +2 +none +\(unknown\) *$/);
    const alias = await runJuju(['list-controllers'], env);
    assert.equal(alias.stdout, r.stdout);
  });

  it('lists controllers as json and yaml with Juju keys', async () => {
    const { env } = setup();
    const j = await runJuju(['controllers', '--format=json'], env);
    assert.equal(j.code, 0, j.stderr);
    const parsed = JSON.parse(j.stdout) as {
      controllers: Record<string, Record<string, unknown>>;
      'current-controller': string;
    };
    assert.equal(parsed['current-controller'], 'lxd');
    assert.deepEqual(Object.keys(parsed.controllers['lxd'] ?? {}), [
      'current-model',
      'user',
      'access',
      'recent-server',
      'uuid',
      'api-endpoints',
      'ca-cert',
      'cloud',
      'region',
      'agent-version',
      'model-count',
      'machine-count',
      'controller-machines',
    ]);
    assert.equal(parsed.controllers['lxd']?.['uuid'], UUID_A);
    assert.equal(parsed.controllers['lxd']?.['current-model'], 'default');
    assert.deepEqual(parsed.controllers['lxd']?.['api-endpoints'], ['127.0.0.1:1']);
    assert.deepEqual(parsed.controllers['lxd']?.['controller-machines'], { Active: 1, Total: 1 });
    const y = await runJuju(['controllers', '--format', 'yaml'], env);
    assert.match(
      y.stdout,
      /^controllers:\n {2}lxd:\n {4}current-model: default\n {4}user: admin\n {4}access: superuser\n {4}recent-server: 127\.0\.0\.1:1\n {4}controller-uuid: aaaaaaaa/,
    );
    assert.match(y.stdout, /\n {4}api-endpoints: \['127\.0\.0\.1:1'\]\n/);
    assert.match(y.stdout, /\n {4}controller-machines:\n {6}active: 1\n {6}total: 1\n/);
    assert.match(y.stdout, /\ncurrent-controller: lxd\n$/);
  });

  it('fails in tabular form when there are no controllers, and prints empty sets otherwise', async () => {
    const env = { JUJU_DATA: join(root, 'none') };
    const r = await runJuju(['controllers'], env);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'ERROR No controllers registered.\n\nPlease either create a new controller using "juju bootstrap" or connect to\n' +
        'another controller that you have been given access to using "juju register".\n',
    );
    const j = await runJuju(['controllers', '--format', 'json'], env);
    assert.equal(j.stdout, '{"controllers":null,"current-controller":""}\n');
  });

  it('keeps going when a controller is unreachable during --refresh', async () => {
    const { env } = setup();
    const r = await runJuju(['controllers', '--refresh'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^error updating cached details for "lxd": cannot connect to API: 127\.0\.0\.1:1: connection refused$/m,
    );
    assert.match(r.stdout, /^Controller +Model/);
  });

  it('shows client-side controller details when the controller cannot be reached', async () => {
    const { env } = setup();
    const r = await runJuju(['show-controller'], env);
    assert.equal(r.code, 0, r.stderr);
    const fp = certificateFingerprint(caCert);
    assert.ok(
      r.stdout.startsWith(
        `lxd:\n  details:\n    controller-uuid: ${UUID_A}\n    api-endpoints: ['127.0.0.1:1']\n    cloud: local\n    region: localhost\n` +
          `    agent-version: 3.6.4\n    ca-fingerprint: ${fp}\n    ca-cert: |`,
      ),
      r.stdout,
    );
    assert.match(
      r.stdout,
      new RegExp(
        `\n  models:\n    bob/prod:\n      model-uuid: ${M_OTHER}\n    controller:\n      model-uuid: ${M_CONTROLLER}\n    default:\n      model-uuid: ${M_DEFAULT}\n` +
          "  current-model: admin/default\n  account:\n    user: admin\n    access: superuser\n  errors:\n  - 'cannot connect to API: .*connection refused'\n$",
      ),
    );
    const pw = await runJuju(['show-controller', 'lxd', '--show-password', '--format', 'json'], env);
    const parsed = JSON.parse(pw.stdout) as Record<
      string,
      { account: Record<string, string>; details: Record<string, unknown> }
    >;
    assert.deepEqual(parsed['lxd']?.account, { user: 'admin', access: 'superuser', password: 'pw' });
    assert.equal(parsed['lxd']?.details['uuid'], UUID_A);
    const missing = await runJuju(['show-controller', 'nope'], env);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'ERROR controller nope not found\n');
  });

  it('prints the current controller and model, and switches between them', async () => {
    const { env, store } = setup();
    const now = await runJuju(['switch'], env);
    assert.equal(now.stdout, 'lxd:admin/default\n');
    const toOther = await runJuju(['switch', 'other'], env);
    assert.equal(toOther.code, 0, toOther.stderr);
    assert.equal(toOther.stderr, 'lxd:admin/default -> other (controller)\n');
    assert.equal(store.currentController(), 'other');
    const printed = await runJuju(['switch'], env);
    assert.equal(printed.stdout, 'other\n');
    const back = await runJuju(['switch', 'lxd:'], env);
    assert.equal(back.stderr, 'other (controller) -> lxd:admin/default\n');
    const model = await runJuju(['switch', 'controller'], env);
    assert.equal(model.stderr, 'lxd:admin/default -> lxd:admin/controller\n');
    const qualified = await runJuju(['switch', 'lxd:bob/prod'], env);
    assert.equal(qualified.stderr, 'lxd:admin/controller -> lxd:bob/prod\n');
    const same = await runJuju(['switch', ':bob/prod'], env);
    assert.equal(same.stderr, 'lxd:bob/prod (no change)\n');
    const previous = await runJuju(['switch', '-'], env);
    assert.equal(previous.stderr, 'lxd:bob/prod -> lxd:admin/controller\n');
    const byFlag = await runJuju(['switch', '-m', 'default'], env);
    assert.equal(byFlag.stderr, 'lxd:admin/controller -> lxd:admin/default\n');
    assert.equal(store.currentModel('lxd'), 'admin/default');
  });

  it('refuses to switch while JUJU_MODEL or JUJU_CONTROLLER override the selection', async () => {
    const { env } = setup();
    const m = await runJuju(['switch', 'other'], { ...env, JUJU_MODEL: 'x' });
    assert.equal(m.code, 1);
    assert.equal(m.stderr, 'ERROR cannot switch when JUJU_MODEL is overriding the model (set to "x")\n');
    const c = await runJuju(['switch', 'other'], { ...env, JUJU_CONTROLLER: 'other' });
    assert.equal(
      c.stderr,
      'ERROR cannot switch when JUJU_CONTROLLER is overriding the controller (set to "other")\n',
    );
  });

  it('reports unknown switch targets', async () => {
    const env = { JUJU_DATA: join(root, 'switch-empty') };
    const r = await runJuju(['switch', 'nope'], env);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR "nope" is not the name of a model or controller\n');
    const none = await runJuju(['switch'], env);
    assert.equal(none.code, 1);
    assert.equal(
      none.stderr,
      'ERROR juju: no model name was passed. See "juju switch --help".\n\nDid you mean:\n\tjuju switch <model name>\n',
    );
    const { env: env2 } = setup();
    const unreachable = await runJuju(['switch', 'nope'], env2);
    assert.equal(unreachable.code, 1);
    assert.match(
      unreachable.stderr,
      /^ERROR refreshing models cache: cannot connect to API: .*connection refused\n$/,
    );
    const ctrl = await runJuju(['switch', 'nope:'], env2);
    assert.equal(ctrl.stderr, 'ERROR controller nope not found\n');
    const both = await runJuju(['switch', '-m', 'a', '-c', 'b'], env2);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'ERROR cannot specify both a --model and --controller\n');
    const extra = await runJuju(['switch', 'a', 'b'], env2);
    assert.equal(extra.code, 2);
    assert.equal(extra.stderr, 'ERROR unrecognized args: "b"\n');
  });

  it('shows who the user is in every format', async () => {
    const { env, store } = setup();
    const t = await runJuju(['whoami'], env);
    assert.equal(t.code, 0, t.stderr);
    assert.equal(t.stdout, 'Controller:  lxd\nModel:       default\nUser:        admin\n');
    const y = await runJuju(['whoami', '--format', 'yaml'], env);
    assert.equal(y.stdout, 'controller: lxd\nmodel: default\nuser: admin\n');
    const j = await runJuju(['whoami', '--format', 'json'], env);
    assert.equal(j.stdout, '{"controller":"lxd","model":"default","user":"admin"}\n');
    store.setCurrentModel('lxd', null);
    const noModel = await runJuju(['whoami'], env);
    assert.equal(noModel.stdout, 'Controller:  lxd\nModel:       <no-current-model>\nUser:        admin\n');
    const other = await runJuju(['whoami'], { ...env, JUJU_CONTROLLER: 'other' });
    assert.equal(other.code, 0);
    assert.equal(
      other.stderr,
      'You are not logged in to controller "other" and model "".\nRun juju login if you want to login.\n',
    );
    const none = await runJuju(['whoami'], { JUJU_DATA: join(root, 'whoami-empty') });
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
    assert.equal(
      none.stderr,
      'There is no current controller.\nRun juju list-controllers to see available controllers.\n',
    );
  });

  it('has help pages in Juju layout', async () => {
    for (const cmd of ['controllers', 'show-controller', 'switch', 'whoami']) {
      const r = await runJuju([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`^Usage: juju ${cmd} \\[options\\]`), cmd);
      for (const section of ['\nSummary:\n', '\nGlobal Options:\n', '\nCommand Options:\n', '\nDetails:\n']) {
        assert.ok(r.stdout.includes(section), `${cmd} help lacks ${section.trim()}`);
      }
    }
    const c = await runJuju(['controllers', '--help']);
    assert.match(c.stdout, /\n--refresh {2}\(= false\)\n/);
    assert.match(c.stdout, /\nAliases: list-controllers\n/);
    const bad = await runJuju(['controllers', 'x']);
    assert.equal(bad.code, 2);
  });

  describe('with a reachable controller', () => {
    let server: TestServer;
    const calls: { facade: string; method: string; params: unknown }[] = [];
    const record =
      (facade: string, method: string, reply: (params: unknown) => unknown) =>
      (_ctx: unknown, params: unknown): unknown => {
        calls.push({ facade, method, params });
        return reply(params);
      };
    const facades: FacadeDefinition[] = [
      {
        name: 'ModelManager',
        versions: [10],
        kinds: ['controller'],
        methods: {
          ListModels: record('ModelManager', 'ListModels', () => ({
            'user-models': [
              { model: { name: 'controller', uuid: M_CONTROLLER, type: 'iaas', 'owner-tag': 'user-admin' } },
              { model: { name: 'fresh', uuid: M_OTHER, type: 'iaas', 'owner-tag': 'user-admin' } },
            ],
          })),
        },
      },
      {
        name: 'Controller',
        versions: [11],
        kinds: ['controller'],
        methods: {
          ControllerVersion: record('Controller', 'ControllerVersion', () => ({
            version: '3.6.5',
            'git-commit': 'abc123',
          })),
        },
      },
      {
        name: 'Cloud',
        versions: [7],
        kinds: ['controller'],
        methods: {
          Clouds: record('Cloud', 'Clouds', () => ({
            clouds: {
              'cloud-local': { type: 'local', 'auth-types': ['empty'], regions: [{ name: 'localhost' }] },
            },
          })),
          AddCloud: record('Cloud', 'AddCloud', () => ({})),
          UpdateCloud: record('Cloud', 'UpdateCloud', () => ({ results: [{}] })),
          RemoveClouds: record('Cloud', 'RemoveClouds', () => ({
            results: [{ error: { message: 'cloud "gone" not found', code: 'not found' } }],
          })),
          UpdateCredentialsCheckModels: record('Cloud', 'UpdateCredentialsCheckModels', () => ({
            results: [{ tag: 'x' }],
          })),
          Cloud: record('Cloud', 'Cloud', () => {
            throw new JujuError('not implemented', 'Cloud is not implemented');
          }),
        },
      },
    ];

    before(async () => {
      server = await startTestServer({
        facades,
        login: async (conn, params) => {
          const r = await testLogin(conn, params);
          return {
            ...r,
            result: {
              ...(r.result as object),
              'user-info': {
                'display-name': '',
                identity: 'user-admin',
                'controller-access': 'superuser',
                'model-access': '',
              },
            },
          };
        },
      });
    });
    after(async () => {
      await server.server.stop();
    });

    const live = (): { env: NodeJS.ProcessEnv; dir: string; store: ClientStore } => {
      const dir = join(root, `live-${n++}`);
      const store = new ClientStore(dir);
      store.addController('live', details(UUID_A, server.caCert, server.address));
      store.updateAccount('live', { user: 'admin', password: 'secret' });
      store.setCurrentController('live');
      return { env: { JUJU_DATA: dir }, dir, store };
    };

    it('switches to a model only the controller knows, after refreshing the cache', async () => {
      const { env, store } = live();
      calls.length = 0;
      const r = await runJuju(['switch', 'fresh'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, 'live (controller) -> live:admin/fresh\n');
      assert.deepEqual(calls, [
        { facade: 'ModelManager', method: 'ListModels', params: { tag: 'user-admin' } },
      ]);
      assert.equal(store.currentModel('live'), 'admin/fresh');
      const unknown = await runJuju(['switch', 'nope'], env);
      assert.equal(unknown.code, 1);
      assert.equal(unknown.stderr, 'ERROR "nope" is not the name of a model or controller\n');
    });

    it('refreshes the model cache with controllers --refresh', async () => {
      const { env, store } = live();
      const r = await runJuju(['controllers', '--refresh'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /--refresh option/);
      assert.match(r.stdout, /^live\* +- +admin +superuser +local\/localhost +2 /m);
      assert.deepEqual(Object.keys(store.allModels('live')).sort(), ['admin/controller', 'admin/fresh']);
    });

    it('asks the controller for its version and models in show-controller', async () => {
      const { env, dir } = live();
      const r = await runJuju(['show-controller', '--format', 'json'], env);
      assert.equal(r.code, 0, r.stderr);
      const parsed = JSON.parse(r.stdout) as Record<
        string,
        { details: Record<string, unknown>; models: Record<string, unknown>; errors?: unknown }
      >;
      assert.equal(parsed['live']?.details['agent-version'], '3.6.5');
      assert.equal(parsed['live']?.details['agent-git-commit'], 'abc123');
      assert.deepEqual(parsed['live']?.models, {
        controller: { uuid: M_CONTROLLER },
        fresh: { uuid: M_OTHER },
      });
      assert.equal(parsed['live']?.errors, undefined);
      assert.match(readFileSync(join(dir, 'controllers.yaml'), 'utf8'), /agent-version: 3\.6\.5/);
    });

    it('sends clouds to the controller in Juju wire shapes', async () => {
      const { env } = live();
      const path = join(root, 'wire-cloud.yaml');
      writeFileSync(
        path,
        'clouds:\n  wire:\n    type: local\n    auth-types: [empty]\n    regions:\n      r1: {}\n',
      );
      calls.length = 0;
      const add = await runJuju(['add-cloud', 'wire', path, '-c', 'live', '--force'], env);
      assert.equal(add.code, 0, add.stderr);
      assert.deepEqual(calls[0], {
        facade: 'Cloud',
        method: 'AddCloud',
        params: {
          cloud: { type: 'local', 'auth-types': ['empty'], regions: [{ name: 'r1' }] },
          name: 'wire',
          force: true,
        },
      });
      assert.match(add.stderr, /^Cloud "wire" added to controller "live"\.\n/);
      calls.length = 0;
      const upd = await runJuju(['update-cloud', 'wire', '-f', path, '--controller', 'live'], env);
      assert.equal(upd.code, 0, upd.stderr);
      assert.deepEqual(calls[0]?.params, {
        clouds: [
          { name: 'wire', cloud: { type: 'local', 'auth-types': ['empty'], regions: [{ name: 'r1' }] } },
        ],
      });
      assert.equal(upd.stderr, 'Cloud "wire" updated on controller "live" using provided file.\n');
      calls.length = 0;
      const rm = await runJuju(['remove-cloud', 'gone', '-c', 'live'], env);
      assert.equal(rm.code, 0, rm.stderr);
      assert.deepEqual(calls[0]?.params, { entities: [{ tag: 'cloud-gone' }] });
      assert.equal(rm.stderr, 'No cloud called "gone" exists on controller "live"\n');
      const list = await runJuju(['clouds', '-c', 'live', '--client'], env);
      assert.equal(list.code, 0, list.stderr);
      assert.match(
        list.stdout,
        /^\nClouds available on the controller:\nCloud +Regions +Default +Type\nlocal +1 +localhost +local/,
      );
      assert.match(list.stdout, /\n\nClouds available on the client:\n/);
      const show = await runJuju(['show-cloud', '-c', 'live', 'local'], env);
      assert.equal(show.code, 1);
      assert.equal(show.stderr, 'ERROR Cloud is not implemented (not implemented)\n');
    });
  });
});
