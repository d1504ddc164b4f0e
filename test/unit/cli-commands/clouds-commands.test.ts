import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Context } from '../../../src/cli/framework/context.js';
import { buildJuju } from '../../../src/cli/juju.js';
import { runJuju } from '../../helpers/cli-harness.js';

const CLOUDS_FILE = `clouds:
  mymaas:
    type: maas
    auth-types: [oauth1]
    endpoint: http://10.0.0.1/MAAS
  myos:
    type: openstack
    auth-types: [userpass, access-key]
    endpoint: https://os.example.com:5000/v3
    regions:
      london:
        endpoint: https://london.example.com:5000/v3
      paris: {}
`;

/** jubilant writes mappings with PyYAML safe_dump: block style, sorted keys. */
const JUBILANT_FILE = `clouds:
  jcloud:
    auth-types:
    - certificate
    endpoint: https://10.1.1.1:8443
    regions:
      r1:
        endpoint: https://10.1.1.1:8443
    type: lxd
`;

/** Runs juju with a stdin that claims to be a terminal, feeding `input`. */
async function runJujuTty(args: string[], env: NodeJS.ProcessEnv, input: string) {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = true;
  stdin.end(input);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const ctx = new Context(
    { stdin, stdout: out, stderr: err },
    { PATH: process.env.PATH, ...env },
    process.cwd(),
  );
  const code = await buildJuju().run(args, ctx);
  return { code, stdout, stderr };
}

describe('juju clouds family', () => {
  let root: string;
  let n = 0;
  const fresh = (): { env: NodeJS.ProcessEnv; dir: string } => {
    const dir = join(root, `data-${n++}`);
    return { env: { JUJU_DATA: dir }, dir };
  };
  const file = (name: string, text: string): string => {
    const p = join(root, name);
    writeFileSync(p, text);
    return p;
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'juju-clouds-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists the built-in clouds in tabular form with the local cloud', async () => {
    const { env } = fresh();
    const r = await runJuju(['clouds'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'You can bootstrap a new controller using one of these clouds...\n' +
        '\n' +
        'Clouds available on the client:\n' +
        'Cloud      Regions  Default    Type   Credentials  Source    Description\n' +
        'local            1  localhost  local  0            built-in  Network-namespace machines on this host\n' +
        'localhost        1  localhost  lxd    0            built-in  LXD Container Hypervisor\n',
    );
    const alias = await runJuju(['list-clouds', '--client', '--all'], env);
    assert.equal(alias.stdout, r.stdout);
  });

  it('lists clouds as yaml and json', async () => {
    const { env } = fresh();
    const y = await runJuju(['clouds', '--format', 'yaml'], env);
    assert.equal(y.code, 0);
    assert.match(
      y.stdout,
      /^local:\n {2}defined: built-in\n {2}type: local\n {2}description: Network-namespace machines on this host\n {2}auth-types: \[empty\]\n {2}regions:\n {4}localhost: \{\}\nlocalhost:\n/,
    );
    const j = await runJuju(['clouds', '--format=json'], env);
    const parsed = JSON.parse(j.stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual(parsed['local'], {
      defined: 'built-in',
      type: 'local',
      description: 'Network-namespace machines on this host',
      'auth-types': ['empty'],
      regions: { localhost: {} },
    });
    assert.equal(j.stdout.split('\n').length, 2, 'compact single-line JSON');
  });

  it('adds a cloud from a file on the client and writes clouds.yaml as Juju does', async () => {
    const { env, dir } = fresh();
    const path = file('clouds1.yaml', CLOUDS_FILE);
    const r = await runJuju(['add-cloud', 'myos', path], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      'This operation can be applied to both a copy on this client and to the one on a controller.\n' +
        'No current controller was detected and there are no registered controllers on this client: either bootstrap one or register one.\n' +
        'Cloud "myos" successfully added to your local client.\n' +
        'You will need to add a credential for this cloud (`juju add-credential myos`)\n' +
        'before you can use it to bootstrap a controller (`juju bootstrap myos`) or\n' +
        'to create a model (`juju add-model <your model name> myos`).\n',
    );
    const r2 = await runJuju(['add-cloud', '--client', 'mymaas', '-f', path], env);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(
      readFileSync(join(dir, 'clouds.yaml'), 'utf8'),
      'clouds:\n' +
        '  mymaas:\n' +
        '    type: maas\n' +
        '    description: Metal As A Service\n' +
        '    auth-types: [oauth1]\n' +
        '    endpoint: http://10.0.0.1/MAAS\n' +
        '    regions:\n' +
        '      default: {}\n' +
        '  myos:\n' +
        '    type: openstack\n' +
        '    description: Openstack Cloud\n' +
        '    auth-types: [userpass, access-key]\n' +
        '    endpoint: https://os.example.com:5000/v3\n' +
        '    regions:\n' +
        '      london:\n' +
        '        endpoint: https://london.example.com:5000/v3\n' +
        '      paris: {}\n',
    );
    const list = await runJuju(['clouds'], env);
    assert.match(list.stdout, /^myos +2 +london +openstack +0 +local +Openstack Cloud$/m);
    assert.match(list.stdout, /^mymaas +1 +default +maas +0 +local +Metal As A Service$/m);

    const again = await runJuju(['add-cloud', '--client', 'myos', path], env);
    assert.equal(again.code, 1);
    assert.equal(
      again.stderr,
      'ERROR use `update-cloud myos --client` to override known definition: local cloud "myos" already exists\n',
    );
  });

  it("accepts jubilant's add-cloud and update-cloud argument forms", async () => {
    const { env, dir } = fresh();
    const path = file('jubilant.yaml', JUBILANT_FILE);
    const r = await runJuju(['add-cloud', 'jcloud', '--client', '--file', path], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'clouds.yaml'), 'utf8'), /jcloud:\n {4}type: lxd\n/);
    const updated = file(
      'jubilant2.yaml',
      JUBILANT_FILE.replace('10.1.1.1', '10.2.2.2').replace('10.1.1.1', '10.2.2.2'),
    );
    const u = await runJuju(['update-cloud', 'jcloud', '--client', '-f', updated], env);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(u.stderr, 'Cloud "jcloud" updated on this client using provided file.\n');
    const show = await runJuju(['show-cloud', '--client', 'jcloud'], env);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /endpoint: https:\/\/10\.2\.2\.2:8443/);
    const noFile = await runJuju(['update-cloud', 'jcloud', '--file', updated], env);
    assert.equal(noFile.code, 2);
    assert.equal(noFile.stderr, 'ERROR option provided but not defined: --file\n');
    const rm = await runJuju(['remove-cloud', '--client', 'jcloud'], env);
    assert.equal(rm.code, 0);
    assert.equal(rm.stderr, 'Removed details of cloud "jcloud" from this client\n');
    assert.equal(readFileSync(join(dir, 'clouds.yaml'), 'utf8'), 'clouds: {}\n');
  });

  it('validates cloud files with errors naming the file and field', async () => {
    const { env } = fresh();
    const path = file('clouds2.yaml', CLOUDS_FILE);
    const missing = await runJuju(['add-cloud', '--client', 'nope', path], env);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, `ERROR cloud "nope" not found in file ${JSON.stringify(path)}\n`);
    const two = await runJuju(['add-cloud', '--client', '-f', path], env);
    assert.equal(
      two.stderr,
      `ERROR there is more than one cloud defined in file ${JSON.stringify(path)}, specify a cloud name to select one\n`,
    );
    const badType = file('bad-type.yaml', 'clouds:\n  x:\n    type: nimbus\n    auth-types: [userpass]\n');
    const t = await runJuju(['add-cloud', '--client', 'x', badType], env);
    assert.equal(t.code, 1);
    assert.equal(
      t.stderr,
      `ERROR cloud "x" in file ${JSON.stringify(badType)}: no registered provider for "nimbus"\n`,
    );
    const noAuth = file('no-auth.yaml', 'clouds:\n  x:\n    type: lxd\n    endpoint: https://1.2.3.4:8443\n');
    const a = await runJuju(['add-cloud', '--client', 'x', noAuth], env);
    assert.equal(
      a.stderr,
      `ERROR cloud "x" in file ${JSON.stringify(noAuth)}: auth-types: missing auth-types (valid auth types for lxd clouds: certificate, interactive)\n`,
    );
    const badAuth = file('bad-auth.yaml', 'clouds:\n  x:\n    type: lxd\n    auth-types: [oauth1]\n');
    const b = await runJuju(['add-cloud', '--client', 'x', badAuth], env);
    assert.match(b.stderr, /^ERROR cloud "x" in file ".*": auth type "oauth1" not supported/);
    const noType = file('no-type.yaml', 'clouds:\n  x:\n    auth-types: [empty]\n');
    const c = await runJuju(['add-cloud', '--client', 'x', noType], env);
    assert.equal(c.stderr, `ERROR cloud "x" in file ${JSON.stringify(noType)}: type: missing cloud type\n`);
    const badRegions = file('bad-regions.yaml', 'clouds:\n  x:\n    type: manual\n    regions: [a, b]\n');
    const d = await runJuju(['add-cloud', '--client', 'x', badRegions], env);
    assert.equal(
      d.stderr,
      `ERROR cloud "x" in file ${JSON.stringify(badRegions)}: regions: expected a mapping of region names\n`,
    );
    const none = await runJuju(['add-cloud', '--client', 'x', join(root, 'does-not-exist.yaml')], env);
    assert.equal(none.stderr, `ERROR open ${join(root, 'does-not-exist.yaml')}: no such file or directory\n`);
    const empty = file('empty.yaml', 'foo: bar\n');
    const e = await runJuju(['add-cloud', '--client', 'x', empty], env);
    assert.equal(
      e.stderr,
      `ERROR no clouds found in file ${JSON.stringify(empty)}, please validate yaml keys\n`,
    );
  });

  it('refuses to add a cloud without a file when there is no terminal', async () => {
    const { env } = fresh();
    const r = await runJuju(['add-cloud', '--client', 'newcloud'], env);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'ERROR no cloud definition file given and no terminal to ask for one: use "juju add-cloud <cloud name> -f <cloud definition file>"\n',
    );
    const builtin = await runJuju(['add-cloud', '--client', 'local'], env);
    assert.equal(builtin.code, 1);
    assert.match(builtin.stderr, /local cloud "local" already exists/);
  });

  it('asks for the cloud type, name, endpoint and regions on a terminal', async () => {
    const { env, dir } = fresh();
    const r = await runJujuTty(
      ['add-cloud', '--client'],
      env,
      'lxd\nmylxd\nhttps://10.0.0.9:8443\neast\ny\nwest\nn\n',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Cloud Types\n {2}lxd\n {2}maas\n {2}manual\n {2}openstack\n {2}vsphere\n\nSelect cloud type: /,
    );
    assert.match(r.stdout, /Enter a name for your lxd cloud: /);
    assert.match(r.stdout, /Enter region name: /);
    assert.match(r.stdout, /Enter another region\? \(y\/N\): /);
    assert.match(r.stderr, /Cloud "mylxd" successfully added to your local client\./);
    assert.equal(
      readFileSync(join(dir, 'clouds.yaml'), 'utf8'),
      'clouds:\n  mylxd:\n    type: lxd\n    description: LXD Container Hypervisor\n    auth-types: [certificate, interactive]\n' +
        '    endpoint: https://10.0.0.9:8443\n    regions:\n      east: {}\n      west: {}\n',
    );
  });

  it('shows a cloud in display, yaml and json formats', async () => {
    const { env } = fresh();
    await runJuju(['add-cloud', '--client', 'myos', file('clouds3.yaml', CLOUDS_FILE)], env);
    const d = await runJuju(['show-cloud', 'myos'], env);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(
      d.stdout,
      'Client cloud "myos":\n\n' +
        'defined: local\ntype: openstack\ndescription: Openstack Cloud\nauth-types: [userpass, access-key]\n' +
        'endpoint: https://os.example.com:5000/v3\nregions:\n  london:\n    endpoint: https://london.example.com:5000/v3\n  paris: {}\n',
    );
    const y = await runJuju(['show-cloud', 'myos', '--format', 'yaml'], env);
    assert.match(y.stdout, /^name: myos\nsummary: Client cloud "myos"\ndefined: local\ntype: openstack\n/);
    const j = await runJuju(['show-cloud', 'myos', '--format', 'json'], env);
    const parsed = JSON.parse(j.stdout) as Record<string, unknown>[];
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0]?.['name'], 'myos');
    assert.equal(parsed[0]?.['endpoint'], 'https://os.example.com:5000/v3');
    assert.deepEqual(parsed[0]?.['regions'], {
      london: { endpoint: 'https://london.example.com:5000/v3' },
      paris: {},
    });
    const cfg = await runJuju(['show-cloud', 'local', '--include-config'], env);
    assert.match(
      cfg.stdout,
      /\nThe available config options specific to local clouds are:\nbridge:\n {2}type: string\n/,
    );
  });

  it('reports an unknown cloud with the alternatives and exit 1', async () => {
    const { env } = fresh();
    const r = await runJuju(['show-cloud', 'nope'], env);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'ERROR cloud nope not found, possible alternative clouds:\n\n  - local\n  - localhost\n',
    );
    const reg = await runJuju(['regions', 'nope'], env);
    assert.equal(reg.code, 1);
    assert.equal(reg.stderr, 'ERROR cloud nope not found\n');
  });

  it('lists regions in every format', async () => {
    const { env } = fresh();
    await runJuju(['add-cloud', '--client', 'myos', file('clouds4.yaml', CLOUDS_FILE)], env);
    const t = await runJuju(['regions', 'myos'], env);
    assert.equal(t.stdout, '\nClient Cloud Regions\nlondon\nparis\n');
    const y = await runJuju(['list-regions', 'myos', '--format', 'yaml'], env);
    assert.equal(
      y.stdout,
      'client-cloud-regions:\n  london:\n    endpoint: https://london.example.com:5000/v3\n  paris:\n    endpoint: https://os.example.com:5000/v3\n',
    );
    const j = await runJuju(['regions', 'local', '--format', 'json'], env);
    assert.equal(j.stdout, '{"client-cloud-regions":{"localhost":{}}}\n');
  });

  it('removes clouds and explains what it cannot remove', async () => {
    const { env, dir } = fresh();
    await runJuju(['add-cloud', '--client', 'mymaas', file('clouds5.yaml', CLOUDS_FILE)], env);
    const builtin = await runJuju(['remove-cloud', 'local', '--client'], env);
    assert.equal(builtin.code, 0);
    assert.equal(builtin.stderr, 'Cannot remove built-in cloud "local" from client\n');
    const unknown = await runJuju(['remove-cloud', 'nope', '--client'], env);
    assert.equal(unknown.stderr, 'No cloud called "nope" exists on this client\n');
    const ok = await runJuju(['remove-cloud', 'mymaas'], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /Removed details of cloud "mymaas" from this client\n$/);
    assert.equal(readFileSync(join(dir, 'clouds.yaml'), 'utf8'), 'clouds: {}\n');
  });

  it('rejects bad usage with exit 2', async () => {
    const { env, dir } = fresh();
    const cases: [string[], string][] = [
      [['show-cloud'], 'ERROR no cloud specified\n'],
      [['show-cloud', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
      [['regions'], 'ERROR no cloud specified\n'],
      [['clouds', 'extra'], 'ERROR unrecognized args: "extra"\n'],
      [
        ['clouds', '--format', 'xml'],
        'ERROR invalid value "xml" for option --format: unknown format "xml"\n',
      ],
      [['add-cloud', 'bad_name!'], 'ERROR cloud name "bad_name!" not valid\n'],
      [['add-cloud', 'a', 'f1', '-f', 'f2'], 'ERROR cannot specify cloud file with option and argument\n'],
      [['add-cloud', 'a', 'f1', 'f2'], 'ERROR unrecognized args: "f2"\n'],
      [['update-cloud'], 'ERROR cloud name required\n'],
      [['remove-cloud'], 'ERROR Usage: juju remove-cloud <cloud name>\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await runJuju(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, stderr, args.join(' '));
    }
    assert.equal(existsSync(join(dir, 'clouds.yaml')), false);
  });

  it('requires --client or --controller when piped with a current controller', async () => {
    const { env, dir } = fresh();
    const { ClientStore } = await import('../../../src/clientstore/index.js');
    const store = new ClientStore(dir);
    store.addController('ctrl', {
      uuid: '11111111-1111-4111-8111-111111111111',
      apiEndpoints: ['127.0.0.1:1'],
      caCert: 'CA',
      cloud: 'local',
      controllerMachineCount: 1,
      activeControllerMachineCount: 1,
    });
    store.setCurrentController('ctrl');
    const r = await runJuju(['add-cloud', 'myos', file('clouds6.yaml', CLOUDS_FILE)], env);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'This operation can be applied to both a copy on this client and to the one on a controller.\n' +
        'ERROR The command is piped and Juju cannot prompt to clarify whether the --client or a --controller is to be used.\n' +
        'Please clarify by re-running the command with the desired option(s).\n',
    );
    // Read-only commands just read the client copy.
    const list = await runJuju(['clouds'], env);
    assert.equal(list.code, 0);
  });

  it('has help pages in Juju layout', async () => {
    for (const cmd of ['clouds', 'show-cloud', 'regions', 'add-cloud', 'update-cloud', 'remove-cloud']) {
      const r = await runJuju([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`^Usage: juju ${cmd} \\[options\\]`), cmd);
      for (const section of ['\nSummary:\n', '\nGlobal Options:\n', '\nCommand Options:\n', '\nDetails:\n']) {
        assert.ok(r.stdout.includes(section), `${cmd} help lacks ${section.trim()}`);
      }
      assert.match(r.stdout, /\n--client {2}\(= false\)\n/, cmd);
      assert.match(r.stdout, /\n-c, --controller \(= ""\)\n/, cmd);
    }
    const h = await runJuju(['help', 'clouds']);
    assert.match(h.stdout, /\nAliases: list-clouds\n/);
    const add = await runJuju(['add-cloud', '--help']);
    assert.match(add.stdout, /^Usage: juju add-cloud \[options\] <cloud name> \[<cloud definition file>\]\n/);
    assert.match(add.stdout, /\n--target-controller \(= ""\)\n/);
    assert.match(add.stdout, /\n-f, --file \(= ""\)\n/);
  });
});
