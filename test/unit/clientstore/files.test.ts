/**
 * Every store file against golden text in the shape Juju 3.6 writes: reading
 * it through the store and writing it back must reproduce it byte for byte, and
 * writing the same data through the API must produce the same text.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientStore } from '../../../src/clientstore/index.js';
import { formatControllersFile, parseControllersFile } from '../../../src/clientstore/controllers-file.js';
import { formatModelsFile, parseModelsFile } from '../../../src/clientstore/models-file.js';
import { formatAccountsFile, parseAccountsFile } from '../../../src/clientstore/accounts-file.js';
import {
  formatBootstrapConfigFile,
  parseBootstrapConfigFile,
} from '../../../src/clientstore/bootstrap-config-file.js';
import { formatCloudsFile, parseCloudsFile } from '../../../src/clientstore/clouds-file.js';
import { formatCredentialsFile, parseCredentialsFile } from '../../../src/clientstore/credentials-file.js';
import { tempRoot } from './helpers.js';

const CONTROLLERS = `controllers:
  local-ctrl:
    uuid: 9d3e54a4-1b2c-4f51-8a0e-6f4b1c2d3e4f
    api-endpoints: ['10.1.0.2:17070', '10.1.0.3:17070', '10.1.0.4:17070']
    ca-cert: |
      -----BEGIN CERTIFICATE-----
      MIIBszCCAVmgAwIBAgIUbG9jYWw=
      -----END CERTIFICATE-----
    cloud: local
    region: default
    type: local
    agent-version: 3.6.4
    controller-machine-count: 3
    active-controller-machine-count: 2
  lxd:
    uuid: 5a1c7e1c-7b6b-4c1e-8c4a-2f0d3f7e9a10
    api-endpoints: ['10.0.0.2:17070', '[fd42::2]:17070']
    dns-cache: {ctrl.example.com: [10.0.0.2, 'fd42::2']}
    public-hostname: ctrl.example.com
    ca-cert: |
      -----BEGIN CERTIFICATE-----
      MIIBszCCAVmgAwIBAgIUbHhk
      -----END CERTIFICATE-----
    cloud: localhost
    region: localhost
    type: lxd
    agent-version: 3.6.4
    controller-machine-count: 1
    active-controller-machine-count: 1
    machine-count: 2
current-controller: lxd
`;

const MODELS = `controllers:
  local-ctrl:
    models:
      admin/controller:
        uuid: 0b7d3c7e-11aa-4c55-9e0f-0123456789ab
        type: iaas
        branch: master
  lxd:
    models:
      admin/controller:
        uuid: 6c0e2f5a-2f51-4f0c-8c4b-4b5b8e3f1a22
        type: iaas
        branch: master
      admin/default:
        uuid: 7d1f3a6b-3a62-4a1d-9d5c-5c6c9f4a2b33
        type: iaas
        branch: master
      bob/k8s:
        uuid: 8e2a4b7c-4b73-4b2e-8e6d-6d7dae5b3c44
        type: caas
        branch: master
    current-model: admin/default
    previous-model: admin/controller
`;

const ACCOUNTS = `controllers:
  local-ctrl:
    user: bob
    last-known-access: login
  lxd:
    user: admin
    password: 9f8b7c6d5e4f3a2b1c0d
    last-known-access: superuser
`;

const BOOTSTRAP_CONFIG = `controllers:
  lxd:
    controller-config:
      api-port: 17070
      audit-log-exclude-methods: []
      auditing-enabled: true
      controller-uuid: 5a1c7e1c-7b6b-4c1e-8c4a-2f0d3f7e9a10
      set-numa-control-policy: false
      state-port: 37017
    model-config:
      agent-version: 3.6.4
      apt-mirror: ""
      authorized-keys: |
        ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake juju-client-key
      default-base: ubuntu@22.04
      logging-config: <root>=INFO
      name: controller
      no-proxy: 127.0.0.1,localhost,::1
      type: lxd
      uuid: 6c0e2f5a-2f51-4f0c-8c4b-4b5b8e3f1a22
    controller-model-uuid: 6c0e2f5a-2f51-4f0c-8c4b-4b5b8e3f1a22
    credential: localhost
    cloud: localhost
    type: lxd
    region: localhost
    endpoint: https://10.0.0.1:8443
    ca-certificates:
    - |
      -----BEGIN CERTIFICATE-----
      MIIBszCCAVmgAwIBAgIUbHhkLWNh
      -----END CERTIFICATE-----
    skip-tls-verify: true
`;

const CLOUDS = `clouds:
  homestack:
    type: openstack
    description: Home OpenStack
    auth-types: [userpass, access-key]
    endpoint: http://homestack
    regions:
      london:
        endpoint: http://london/1.0
      new-york:
        endpoint: http://newyork/1.0
    config:
      network: default-net
      use-floating-ip: true
    region-config:
      london:
        external-network: public
  mymanual:
    type: manual
    auth-types: [empty]
    endpoint: ubuntu@10.0.0.7
    regions:
      default: {}
`;

const CREDENTIALS = `credentials:
  aws:
    default-credential: bob
    default-region: us-east-1
    alice:
      auth-type: access-key
      access-key: AKIAALICE
      secret-key: c2VjcmV0/YWxpY2U=
    bob:
      auth-type: access-key
      access-key: AKIABOB
      secret-key: "12345"
  localhost:
    localhost:
      auth-type: certificate
      client-cert: |
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUY2xpZW50
        -----END CERTIFICATE-----
      client-key: |
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIFakeKey
        -----END EC PRIVATE KEY-----
      server-cert: |
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUc2VydmVy
        -----END CERTIFICATE-----
`;

describe('store files round-trip Juju-shaped golden text', () => {
  it('controllers.yaml', () =>
    assert.equal(formatControllersFile(parseControllersFile(CONTROLLERS)), CONTROLLERS));
  it('models.yaml', () => assert.equal(formatModelsFile(parseModelsFile(MODELS)), MODELS));
  it('accounts.yaml', () => assert.equal(formatAccountsFile(parseAccountsFile(ACCOUNTS)), ACCOUNTS));
  it('bootstrap-config.yaml', () =>
    assert.equal(formatBootstrapConfigFile(parseBootstrapConfigFile(BOOTSTRAP_CONFIG)), BOOTSTRAP_CONFIG));
  it('clouds.yaml', () => assert.equal(formatCloudsFile(parseCloudsFile(CLOUDS)), CLOUDS));
  it('credentials.yaml', () =>
    assert.equal(formatCredentialsFile(parseCredentialsFile(CREDENTIALS)), CREDENTIALS));
});

describe('the API reads golden files and writes the same text back', () => {
  const { dataDir, cleanup } = tempRoot();
  after(cleanup);
  const source = join(dataDir, 'source');
  const target = join(dataDir, 'target');
  mkdirSync(source, { recursive: true });
  const golden: Record<string, string> = {
    'controllers.yaml': CONTROLLERS,
    'models.yaml': MODELS,
    'accounts.yaml': ACCOUNTS,
    'bootstrap-config.yaml': BOOTSTRAP_CONFIG,
    'clouds.yaml': CLOUDS,
    'credentials.yaml': CREDENTIALS,
  };
  for (const [name, text] of Object.entries(golden)) writeFileSync(join(source, name), text);
  const from = new ClientStore(source);
  const to = new ClientStore(target);

  it('decodes the fields Juju writes', () => {
    const lxd = from.controllerByName('lxd');
    assert.deepEqual(lxd.apiEndpoints, ['10.0.0.2:17070', '[fd42::2]:17070']);
    assert.deepEqual(lxd.dnsCache, { 'ctrl.example.com': ['10.0.0.2', 'fd42::2'] });
    assert.equal(lxd.machineCount, 2);
    assert.equal(from.controllerByName('local-ctrl').machineCount, undefined);
    assert.equal(from.currentController(), 'lxd');
    assert.deepEqual(from.modelByName('lxd', 'bob/k8s'), {
      uuid: '8e2a4b7c-4b73-4b2e-8e6d-6d7dae5b3c44',
      type: 'caas',
      branch: 'master',
    });
    assert.equal(from.accountDetails('local-ctrl').password, undefined);
    const bc = from.bootstrapConfig('lxd');
    assert.equal(bc.controllerConfig['api-port'], 17070);
    assert.equal(bc.modelConfig['apt-mirror'], '');
    assert.equal(bc.skipTlsVerify, true);
    assert.deepEqual(
      from.personalClouds()['homestack']?.regions.map((r) => r.name),
      ['london', 'new-york'],
    );
    assert.equal(from.credentialsForCloud('aws').credentials['bob']?.attributes['secret-key'], '12345');
  });

  it('writes each file identically through the API', () => {
    to.transaction((s) => {
      for (const [name, details] of Object.entries(from.allControllers())) s.addController(name, details);
      s.setCurrentController('lxd');
      for (const ctrl of ['local-ctrl', 'lxd']) {
        for (const [name, details] of Object.entries(from.allModels(ctrl)))
          s.updateModel(ctrl, name, details);
        s.updateAccount(ctrl, from.accountDetails(ctrl));
      }
      s.setCurrentModel('lxd', 'admin/controller');
      s.setCurrentModel('lxd', 'admin/default');
      s.updateBootstrapConfig('lxd', from.bootstrapConfig('lxd'));
      for (const [name, def] of Object.entries(from.personalClouds())) s.updatePersonalCloud(name, def);
      for (const [cloud, creds] of Object.entries(from.allCredentials())) {
        for (const [name, cred] of Object.entries(creds.credentials)) s.updateCredential(cloud, name, cred);
        if (creds.defaultCredential) s.setDefaultCredential(cloud, creds.defaultCredential);
        if (creds.defaultRegion) s.setDefaultRegion(cloud, creds.defaultRegion);
      }
    });
    for (const [name, text] of Object.entries(golden))
      assert.equal(readFileSync(join(target, name), 'utf8'), text, name);
  });
});
