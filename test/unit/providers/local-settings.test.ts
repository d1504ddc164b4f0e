/**
 * Pure parts of the local provider: settings resolution, IPv4 ranges,
 * os-release parsing, the cloud definition, the provider registry and the host
 * check (with an injected uid and a real unprivileged child process).
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { isJujuError } from '../../../src/core/errors.js';
import {
  checkLocalHost,
  localCloudDefinition,
  LocalProvider,
  resolveNetworkSettings,
  resolveStateRoot,
} from '../../../src/providers/local/index.js';
import { macForAddress } from '../../../src/providers/local/host-network.js';
import { parseOsRelease } from '../../../src/providers/local/host-os.js';
import {
  formatIpv4,
  networksOverlap,
  parseIpv4,
  parseIpv4Network,
} from '../../../src/providers/local/ipv4.js';
import { getProvider, providerTypes } from '../../../src/providers/registry.js';

const ROOT_MESSAGE =
  'the "local" cloud needs root: it creates network namespaces and a bridge on this machine ' +
  '(run juju as root, or use another cloud)';

describe('local provider settings', () => {
  it('defaults to jujubr0 and 10.232.0.0/24 with the bridge on .1 and machines from .10', () => {
    const s = resolveNetworkSettings(undefined, {});
    assert.equal(s.bridge, 'jujubr0');
    assert.equal(s.range.cidr, '10.232.0.0/24');
    assert.equal(s.gateway, '10.232.0.1');
    assert.equal(formatIpv4(s.firstMachineAddress), '10.232.0.10');
    assert.equal(formatIpv4(s.lastMachineAddress), '10.232.0.254');
  });

  it('reads the environment, and cloud config wins over it', () => {
    const env = { JUJU_LOCAL_BRIDGE: 'envbr', JUJU_LOCAL_CIDR: '10.240.0.0/16' };
    const fromEnv = resolveNetworkSettings(undefined, env);
    assert.equal(fromEnv.bridge, 'envbr');
    assert.equal(fromEnv.range.cidr, '10.240.0.0/16');
    const fromConfig = resolveNetworkSettings({ bridge: 'cfgbr', cidr: '10.241.8.0/24' }, env);
    assert.equal(fromConfig.bridge, 'cfgbr');
    assert.equal(fromConfig.gateway, '10.241.8.1');
  });

  it('rejects bad bridge names and ranges with "not valid"', () => {
    const bad: Array<Record<string, unknown>> = [
      { bridge: 'a-name-longer-than-15' },
      { bridge: 'bad/name' },
      { bridge: 7 },
      { cidr: '10.232.0.5/24' },
      { cidr: '10.232.0.0/30' },
      { cidr: '300.1.1.0/24' },
      { cidr: 'nonsense' },
    ];
    for (const cloudConfig of bad) {
      assert.throws(
        () => resolveNetworkSettings(cloudConfig, {}),
        (err: unknown) => isJujuError(err, 'not valid'),
        JSON.stringify(cloudConfig),
      );
    }
  });

  it('takes the state root from JUJU_LOCAL_ROOT, else /var/lib/juju-ts/local', () => {
    assert.equal(resolveStateRoot({}), '/var/lib/juju-ts/local');
    assert.equal(resolveStateRoot({ JUJU_LOCAL_ROOT: '/tmp/x' }), '/tmp/x');
  });
});

describe('ipv4 helpers', () => {
  it('parses, formats and compares ranges', () => {
    assert.equal(parseIpv4('10.232.0.1'), 0x0ae80001);
    assert.equal(parseIpv4('10.232.0'), undefined);
    assert.equal(parseIpv4('01.2.3.4'), undefined);
    assert.equal(formatIpv4(0xffffffff), '255.255.255.255');
    const a = parseIpv4Network('10.232.0.0/24');
    const b = parseIpv4Network('10.232.0.128/25');
    const c = parseIpv4Network('10.233.0.0/24');
    assert.ok(a && b && c);
    assert.ok(networksOverlap(a, b));
    assert.ok(!networksOverlap(a, c));
  });
});

describe('machine MAC addresses', () => {
  it('derives a locally administered unicast MAC from the IPv4 address', () => {
    assert.equal(macForAddress('10.232.0.10'), '02:6a:0a:e8:00:0a');
    assert.equal(macForAddress('10.232.0.1'), '02:6a:0a:e8:00:01');
  });
});

describe('host base and cloud definition', () => {
  it('parses os-release into a base', () => {
    const fields = parseOsRelease(
      'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    );
    assert.equal(fields['ID'], 'debian');
    assert.equal(fields['VERSION_ID'], '12');
    assert.equal(fields['PRETTY_NAME'], 'Debian GNU/Linux 12 (bookworm)');
  });

  it('describes the built-in local cloud', () => {
    assert.deepEqual(localCloudDefinition(), {
      name: 'local',
      type: 'local',
      description: 'Network-namespace machines on this host',
      authTypes: ['empty'],
      regions: [{ name: 'localhost' }],
    });
  });

  it('registers the local provider by type', () => {
    assert.equal(getProvider('local').type, 'local');
    assert.equal(getProvider('local'), getProvider('local'));
    assert.deepEqual(providerTypes(), ['local']);
    assert.throws(
      () => getProvider('ec2'),
      (err: unknown) => isJujuError(err, 'not found'),
    );
  });
});

describe('local host check', () => {
  it('refuses a non-root user (injected uid)', async () => {
    assert.throws(
      () => checkLocalHost({ uid: 1000 }),
      (err: unknown) => isJujuError(err, 'not supported') && err.message === ROOT_MESSAGE,
    );
    await assert.rejects(new LocalProvider({ uid: 1000 }).checkHost(), (err: unknown) =>
      isJujuError(err, 'not supported'),
    );
  });

  it('names the missing ip command', () => {
    const empty = mkdtempSync(join(tmpdir(), 'juju-no-tools-'));
    try {
      assert.throws(
        () => checkLocalHost({ uid: 0, searchDirs: [empty] }),
        (err: unknown) => isJujuError(err, 'not supported') && /"ip" command from iproute2/.test(err.message),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it(
    'refuses a real unprivileged process',
    { skip: process.getuid?.() !== 0 && 'needs root to drop to nobody' },
    async () => {
      const moduleUrl = new URL('../../../src/providers/local/index.js', import.meta.url).href;
      const script = `
      process.setuid(65534);
      const { LocalProvider } = await import(${JSON.stringify(moduleUrl)});
      try { await new LocalProvider().checkHost(); console.log(JSON.stringify({ ok: true })); }
      catch (err) { console.log(JSON.stringify({ code: err.code, message: err.message })); }
    `;
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--input-type=module', '-e', script],
          { timeout: 10_000 },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
        );
      });
      assert.deepEqual(JSON.parse(out), { code: 'not supported', message: ROOT_MESSAGE });
    },
  );
});
