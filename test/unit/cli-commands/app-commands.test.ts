/**
 * The application and machine commands other than deploy, against an
 * in-process controller: config, integrate/remove-relation, expose,
 * show-application/show-unit, add-unit/remove-unit/remove-application with
 * prompts and dry runs, constraints, resolved, refresh, scale-application,
 * add-machine/remove-machine, machines/show-machine; and the facades' wire
 * shapes and error codes.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   replies are checked as the untyped JSON a client sees. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';

import { applicationFacade } from '../../../src/controller/facades/application.js';
import { machineManagerFacade } from '../../../src/controller/facades/machine-manager.js';
import { modelTarget } from '../../../src/domain/index.js';
import { CHARMS, appFixture, type AppFixture } from './app-fixture.js';

const PINGER = join(CHARMS, 'pinger');
const PONGER = join(CHARMS, 'ponger');

async function ok(fx: AppFixture, args: string[], stdin = ''): Promise<{ stdout: string; stderr: string }> {
  const r = await fx.juju(args, stdin);
  assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
  return r;
}

describe('application commands', () => {
  let fx: AppFixture;
  before(async () => {
    fx = await appFixture();
    await ok(fx, ['deploy', PINGER]);
    await ok(fx, ['deploy', PONGER]);
  });
  after(async () => {
    await fx?.close();
  });

  describe('config', () => {
    it('shows every option with default, description, source, type and value (json)', async () => {
      const r = await ok(fx, ['config', 'ponger', '--format', 'json']);
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(doc), ['application', 'application-config', 'charm', 'settings']);
      assert.equal(doc.application, 'ponger');
      assert.equal(doc.charm, 'ponger');
      assert.deepEqual(Object.keys(doc.settings.port), ['default', 'description', 'source', 'type', 'value']);
      assert.equal(doc.settings.port.value, 8080);
      assert.equal(doc.settings.port.source, 'default');
      assert.equal(doc.settings.port.type, 'int');
      assert.equal(doc.settings['fail-hook'].value, '');
      assert.equal(doc['application-config'].trust.value, false);
    });

    it('defaults to YAML', async () => {
      const r = await ok(fx, ['config', 'ponger']);
      const doc = parseYaml(r.stdout);
      assert.equal(doc.settings.message.value, 'ready');
    });

    it('sets, reads back and resets values', async () => {
      await ok(fx, ['config', 'ponger', 'port=9090', 'message=hi there']);
      assert.equal((await ok(fx, ['config', 'ponger', 'port'])).stdout, '9090\n');
      const doc = JSON.parse((await ok(fx, ['config', 'ponger', '--format', 'json'])).stdout);
      assert.equal(doc.settings.port.source, 'user');
      assert.equal(doc.settings.message.value, 'hi there');
      await ok(fx, ['config', 'ponger', '--reset', 'port,message']);
      assert.equal((await ok(fx, ['config', 'ponger', 'port'])).stdout, '8080\n');
    });

    it('refuses bad values and unknown options, changing nothing', async () => {
      await ok(fx, ['config', 'ponger', 'port=9000']);
      const bad = await fx.juju(['config', 'ponger', 'message=changed', 'port=abc']);
      assert.equal(bad.code, 1);
      assert.equal(bad.stderr, 'ERROR option "port" expected int, got "abc"\n');
      const unknown = await fx.juju(['config', 'ponger', 'foo=1']);
      assert.equal(unknown.code, 1);
      assert.equal(unknown.stderr, 'ERROR unknown option "foo"\n');
      assert.equal((await ok(fx, ['config', 'ponger', 'port'])).stdout, '9000\n');
      assert.equal((await ok(fx, ['config', 'ponger', 'message'])).stdout, 'ready\n');
      const get = await fx.juju(['config', 'ponger', 'foo']);
      assert.equal(
        get.stderr,
        'ERROR key "foo" not found in "ponger" application config or charm settings.\n',
      );
      const reset = await fx.juju(['config', 'ponger', '--reset', 'foo']);
      assert.equal(reset.stderr, 'ERROR unknown option "foo"\n');
    });

    it('sets trust and values from a YAML file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'juju-cfg-'));
      try {
        writeFileSync(join(dir, 'c.yaml'), 'ponger:\n  message: from file\n');
        await ok(fx, ['config', 'ponger', '--file', join(dir, 'c.yaml')]);
        assert.equal((await ok(fx, ['config', 'ponger', 'message'])).stdout, 'from file\n');
        await ok(fx, ['config', 'ponger', 'trust=true']);
        const doc = JSON.parse((await ok(fx, ['config', 'ponger', '--format', 'json'])).stdout);
        assert.equal(doc['application-config'].trust.value, true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('integrations and exposure', () => {
    it('integrates and shows the relation; a duplicate is explained', async () => {
      await ok(fx, ['integrate', 'pinger', 'ponger']);
      const tab = await ok(fx, ['status', '--relations']);
      assert.match(tab.stdout, /\nIntegration provider\s+Requirer\s+Interface\s+Type\s+Message\n/);
      assert.match(tab.stdout, /ponger:pong\s+pinger:ping\s+ping\s+regular/);
      const s = await fx.status();
      assert.deepEqual(s.applications.pinger.relations.ping, [
        { 'related-application': 'ponger', interface: 'ping', scope: 'global' },
      ]);
      const again = await fx.juju(['relate', 'pinger:ping', 'ponger']);
      assert.equal(again.code, 1);
      assert.equal(
        again.stderr,
        'ERROR cannot add relation "pinger:ping ponger:pong"\nrelation pinger:ping ponger:pong already exists (already exists)\nUse \'juju status --relations\' to view the current relations.\n',
      );
      const one = await fx.juju(['integrate', 'pinger']);
      assert.equal(one.code, 2);
      assert.equal(one.stderr, 'ERROR an integration must involve two applications\n');
    });

    it('removes a relation by endpoints', async () => {
      await ok(fx, ['remove-relation', 'pinger', 'ponger']);
      assert.equal((await fx.status()).applications.pinger.relations.ping, undefined);
    });

    it('removes a relation by id', async () => {
      await ok(fx, ['integrate', 'pinger', 'ponger']);
      const rel = fx.f.services.relation.list(fx.model).find((r) => !r.isPeer);
      assert.ok(rel);
      await ok(fx, ['remove-relation', String(rel.id)]);
      assert.equal(fx.f.services.relation.list(fx.model).filter((r) => !r.isPeer).length, 0);
    });

    it('exposes and unexposes', async () => {
      await ok(fx, ['expose', 'ponger']);
      assert.equal((await fx.status()).applications.ponger.exposed, true);
      const shown = JSON.parse((await ok(fx, ['show-application', 'ponger', '--format', 'json'])).stdout);
      assert.deepEqual(shown.ponger['exposed-endpoints'], {
        '': { 'expose-to-cidrs': ['0.0.0.0/0', '::/0'] },
      });
      await ok(fx, ['unexpose', 'ponger']);
      assert.equal((await fx.status()).applications.ponger.exposed, false);
    });
  });

  describe('show-application and show-unit', () => {
    it('shows an application', async () => {
      const doc = JSON.parse((await ok(fx, ['show-application', 'pinger', '--format', 'json'])).stdout);
      const app = doc.pinger;
      assert.equal(app.charm, 'pinger');
      assert.equal(app.principal, true);
      assert.equal(app.exposed, false);
      assert.equal(app.remote, false);
      assert.equal(app.life, 'alive');
      assert.deepEqual(app['endpoint-bindings'], {
        '': 'alpha',
        cluster: 'alpha',
        'juju-info': 'alpha',
        ping: 'alpha',
        web: 'alpha',
      });
      const missing = await fx.juju(['show-application', 'nope']);
      assert.equal(missing.stderr, 'ERROR application "nope" not found\n');
    });

    it('shows a unit with the keys jubilant requires', async () => {
      const doc = JSON.parse((await ok(fx, ['show-unit', 'pinger/0', '--format', 'json'])).stdout);
      const unit = doc['pinger/0'];
      assert.deepEqual(unit['opened-ports'], []);
      assert.equal(unit.charm, 'local:pinger-1');
      assert.equal(unit.leader, false);
      assert.equal(unit.life, 'alive');
      assert.equal(unit.machine, '0');
      const missing = await fx.juju(['show-unit', 'pinger/9']);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, 'ERROR unit "pinger/9" not found\n');
    });

    it('lists relation data the unit can see', async () => {
      await ok(fx, ['integrate', 'pinger', 'ponger']);
      const rel = fx.f.services.relation.list(fx.model).find((r) => !r.isPeer);
      assert.ok(rel);
      fx.f.services.relation.enterScope(fx.model, rel.id, 'ponger/0', { pong: 'ponger/0' });
      const doc = JSON.parse((await ok(fx, ['show-unit', 'pinger/0', '--format', 'json'])).stdout);
      const info = doc['pinger/0']['relation-info'];
      assert.deepEqual(info, [
        {
          'relation-id': rel.id,
          endpoint: 'ping',
          'related-endpoint': 'pong',
          'application-data': {},
          'local-unit': { 'in-scope': false, data: {} },
          'related-units': { 'ponger/0': { 'in-scope': true, data: { pong: 'ponger/0' } } },
        },
      ]);
      fx.f.services.relation.leaveScope(fx.model, rel.id, 'ponger/0');
      await ok(fx, ['remove-relation', 'pinger', 'ponger']);
    });
  });

  describe('units', () => {
    it('adds units, on new machines or where told', async () => {
      await ok(fx, ['add-unit', 'pinger', '-n', '2']);
      await ok(fx, ['add-unit', 'pinger', '--to', '0']);
      const units = (await fx.status()).applications.pinger.units;
      assert.deepEqual(Object.keys(units), ['pinger/0', 'pinger/1', 'pinger/2', 'pinger/3']);
      assert.equal(units['pinger/3'].machine, '0');
    });

    it('asks before removing a unit and stops on no', async () => {
      const r = await fx.juju(['remove-unit', 'pinger/3'], 'n\n');
      assert.equal(r.code, 1);
      assert.equal(r.stdout, 'will remove unit pinger/3\n');
      assert.equal(
        r.stderr,
        'WARNING This command will perform the following actions:\n\nContinue [y/N]? ERROR unit removal: aborted\n',
      );
      assert.ok((await fx.status()).applications.pinger.units['pinger/3']);
    });

    it('only lists with --dry-run, removes on yes', async () => {
      const dry = await ok(fx, ['remove-unit', 'pinger/3', '--dry-run']);
      assert.equal(dry.stdout, 'will remove unit pinger/3\n');
      assert.ok((await fx.status()).applications.pinger.units['pinger/3']);
      const yes = await ok(fx, ['remove-unit', 'pinger/3'], 'y\n');
      assert.equal(yes.stdout, 'will remove unit pinger/3\nwill remove unit pinger/3\n');
      assert.equal((await fx.status()).applications.pinger.units['pinger/3'], undefined);
    });

    it('removes without asking with --no-prompt and reports unknown units', async () => {
      await ok(fx, ['remove-unit', 'pinger/2', '--no-prompt']);
      const s = await fx.status();
      assert.equal(s.applications.pinger.units['pinger/2'], undefined);
      const missing = await fx.juju(['remove-unit', 'pinger/9', '--no-prompt']);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, 'ERROR removing unit pinger/9 failed: unit "pinger/9" not found\n');
      const usage = await fx.juju(['remove-unit', 'pinger', '--no-prompt']);
      assert.equal(usage.code, 2);
      const noWait = await fx.juju(['remove-unit', 'pinger/1', '--no-wait']);
      assert.equal(noWait.stderr, 'ERROR --no-wait without --force not valid\n');
    });

    it('marks units in error resolved, and explains when they are not', async () => {
      const r = await fx.juju(['resolved', 'pinger/0']);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'ERROR unit "pinger/0" is not in an error state\n');
      fx.f.services.application.setUnitAgentStatus(fx.model, 'pinger/0', {
        status: 'error',
        info: 'hook failed: "install"',
      });
      await ok(fx, ['resolve', 'pinger/0', '--no-retry']);
      assert.equal(fx.f.services.application.resolved(fx.model, 'pinger/0'), 'no-hooks');
      fx.f.services.application.clearResolved(fx.model, 'pinger/0');
      await ok(fx, ['resolved', '--all']);
      assert.equal(fx.f.services.application.resolved(fx.model, 'pinger/0'), 'retry-hooks');
      fx.f.services.application.clearResolved(fx.model, 'pinger/0');
      fx.f.services.application.setUnitAgentStatus(fx.model, 'pinger/0', { status: 'allocating' });
    });

    it("gives Juju's answer to scale-application on a machine model", async () => {
      const r = await fx.juju(['scale-application', 'pinger', '2']);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'ERROR scaling applications on a non-container model not supported (not supported)\n',
      );
    });
  });

  describe('constraints and refresh', () => {
    it('sets and shows application constraints', async () => {
      assert.equal((await ok(fx, ['constraints', 'ponger'])).stdout, '');
      await ok(fx, ['set-constraints', 'ponger', 'mem=4G', 'cores=2']);
      assert.equal((await ok(fx, ['constraints', 'ponger'])).stdout, 'cores=2 mem=4096M\n');
      assert.deepEqual(JSON.parse((await ok(fx, ['constraints', 'ponger', '--format', 'json'])).stdout), {
        cores: 2,
        mem: 4096,
      });
    });

    it('refreshes to a new local charm version', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'juju-refresh-'));
      try {
        cpSync(PONGER, dir, { recursive: true });
        writeFileSync(join(dir, 'version'), '2.0.0\n');
        const before = fx.f.services.application.get(fx.model, 'ponger').charmModifiedVersion;
        const r = await ok(fx, ['refresh', 'ponger', '--path', dir]);
        assert.equal(r.stderr, 'Added local charm "ponger", revision 2, to the model\n');
        const app = fx.f.services.application.get(fx.model, 'ponger');
        assert.equal(app.charmUrl, 'local:ponger-2');
        assert.equal(app.charmModifiedVersion, before + 1);
        const wrong = await fx.juju(['refresh', 'ponger', '--path', PINGER]);
        assert.equal(wrong.code, 1);
        assert.match(wrong.stderr, /is "pinger", the application runs "ponger"/);
        const hub = await fx.juju(['refresh', 'ponger']);
        assert.match(hub.stderr, /refreshing from Charmhub is not supported/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('remove-application', () => {
    it('lists what goes, then removes it with --no-prompt', async () => {
      await ok(fx, ['deploy', PINGER, 'gone', '-n', '2']);
      const dry = await ok(fx, ['remove-application', 'gone', '--dry-run']);
      assert.equal(
        dry.stdout,
        'will remove application gone\n- will remove unit gone/0\n- will remove unit gone/1\n',
      );
      const r = await ok(fx, ['remove-application', 'gone', '--no-prompt']);
      assert.equal(
        r.stdout,
        'will remove application gone\n- will remove unit gone/0\n- will remove unit gone/1\n',
      );
      assert.equal((await fx.status()).applications.gone, undefined);
      const missing = await fx.juju(['remove-application', 'gone', '--no-prompt']);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, 'ERROR removing application gone failed: application "gone" not found\n');
    });

    it('aborts when the answer is not yes', async () => {
      const r = await fx.juju(['remove-application', 'ponger'], '\n');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /ERROR application removal: aborted\n$/);
      assert.ok((await fx.status()).applications.ponger);
    });
  });
});

describe('machine commands', () => {
  let fx: AppFixture;
  before(async () => {
    fx = await appFixture('machines');
  });
  after(async () => {
    await fx?.close();
  });

  it('adds machines and prints their ids', async () => {
    const r = await ok(fx, ['add-machine']);
    assert.equal(r.stderr, 'created machine 0\n');
    const two = await ok(fx, ['add-machine', '-n', '2', '--constraints', 'mem=2G']);
    assert.equal(two.stderr, 'created machine 1\ncreated machine 2\n');
    const m = fx.f.services.machine.get(fx.model, '1');
    assert.deepEqual(m.constraints, { mem: 2048 });
  });

  it('refuses containers on the local cloud', async () => {
    const r = await fx.juju(['add-machine', 'lxd:0']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR placement "lxd:0" is not supported on the local cloud\n');
    const lxd = await fx.juju(['add-machine', 'lxd']);
    assert.equal(lxd.stderr, 'ERROR placement "lxd" is not supported on the local cloud\n');
    const ssh = await fx.juju(['add-machine', 'ssh:ubuntu@10.0.0.1']);
    assert.equal(ssh.code, 2);
  });

  it('lists machines and shows one', async () => {
    const tab = await ok(fx, ['machines']);
    assert.match(
      tab.stdout,
      /^Machine\s+State\s+Address\s+Inst id\s+Base\s+AZ\s+Message\n0\s+pending\s+pending\s/,
    );
    const shown = JSON.parse((await ok(fx, ['show-machine', '1', '--format', 'json'])).stdout);
    assert.equal(shown.model, 'machines');
    assert.deepEqual(Object.keys(shown.machines), ['1']);
    assert.equal(shown.machines['1']['juju-status'].current, 'pending');
  });

  it('refuses to remove a machine with units unless forced', async () => {
    await ok(fx, ['deploy', PINGER, '--to', '2']);
    const r = await fx.juju(['remove-machine', '2', '--no-prompt']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR removing machine 2 failed: machine 2 has unit "pinger/0" assigned\n');
    const facade = machineManagerFacade(fx.deps);
    const reply: any = facade.methods['DestroyMachineWithParams']?.(fx.ctx(), {
      'machine-tags': ['machine-2'],
    });
    assert.equal(reply.results[0].error.code, 'machine has assigned units');
    const forced = await ok(fx, ['remove-machine', '2', '--force', '--no-wait', '--no-prompt']);
    assert.equal(forced.stdout, 'will remove machine 2\n- will remove unit pinger/0\n');
    assert.equal((await fx.status()).applications.pinger.units, undefined);
    assert.equal(fx.f.services.machine.get(fx.model, '2').life, 'dying');
  });

  it('removes an empty machine after asking', async () => {
    const r = await ok(fx, ['remove-machine', '0'], 'yes\n');
    assert.equal(r.stdout, 'will remove machine 0\nwill remove machine 0\n');
    assert.equal(fx.f.services.machine.get(fx.model, '0').life, 'dying');
  });
});

describe('Application facade wire shapes', () => {
  let fx: AppFixture;
  before(async () => {
    fx = await appFixture('wire');
    await ok(fx, ['deploy', PONGER, '-n', '0']);
  });
  after(async () => {
    await fx?.close();
  });

  it('serves versions 19 and 20 on model connections', () => {
    const facade = applicationFacade(fx.deps);
    assert.deepEqual(facade.versions, [19, 20]);
    assert.deepEqual(facade.kinds, ['model']);
    assert.deepEqual(machineManagerFacade(fx.deps).versions, [9, 10]);
  });

  it('deploys from config-yaml, config strings and a machine placement', async () => {
    fx.f.services.machine.add(fx.model);
    const facade = applicationFacade(fx.deps);
    const reply: any = await facade.methods['Deploy']?.(fx.ctx(), {
      applications: [
        {
          application: 'p2',
          'charm-url': 'local:ponger-1',
          'charm-origin': { source: 'local', type: 'charm', revision: 1 },
          'num-units': 2,
          'config-yaml': 'p2:\n  port: 7000\n',
          config: { message: 'yo', trust: 'true' },
          placement: [{ scope: '#', directive: '0' }],
        },
        { application: 'p3', 'charm-url': 'local:nope-0', 'num-units': 1 },
      ],
    });
    assert.deepEqual(reply.results[0], {});
    assert.deepEqual(reply.results[1].error, {
      message: 'charm "local:nope-0" not found',
      code: 'not found',
    });
    const app = fx.f.services.application.get(fx.model, 'p2');
    assert.deepEqual(app.config, { port: 7000, message: 'yo' });
    assert.equal(app.trust, true);
    assert.deepEqual(
      fx.f.services.application.units(fx.model, 'p2').map((u) => u.machineId),
      ['0', '1'],
    );
    const rel: any = facade.methods['AddRelation'];
    assert.ok(rel);
  });

  it('answers CharmConfig per option', () => {
    const facade = applicationFacade(fx.deps);
    const reply: any = facade.methods['CharmConfig']?.(fx.ctx(), {
      args: [{ application: 'p2' }, { application: 'x' }],
    });
    assert.deepEqual(reply.results[0].config.port, {
      default: 8080,
      description: 'TCP port the unit opens (open-port); the previous one is closed on change.',
      source: 'user',
      type: 'int',
      value: 7000,
    });
    assert.equal(reply.results[1].error.message, 'application "x" not found');
  });

  it('refuses changes to read-only users', () => {
    fx.f.services.user.addUser({ name: 'reader', password: 'pw-reader', createdBy: 'admin' });
    fx.f.services.access.grant({
      user: 'reader',
      target: modelTarget(fx.model),
      access: 'read',
      grantedBy: 'admin',
    });
    const facade = applicationFacade(fx.deps);
    assert.throws(
      () => facade.methods['SetConstraints']?.(fx.ctx('reader'), { application: 'p2', constraints: {} }),
      /permission denied/,
    );
    const info: any = facade.methods['ApplicationsInfo']?.(fx.ctx('reader'), {
      entities: [{ tag: 'application-p2' }],
    });
    assert.equal(info.results[0].result.charm, 'ponger');
  });
});
