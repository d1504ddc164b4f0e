/**
 * Model configuration (Juju 3.6 `model-config`): the key table, validation of a
 * model's complete config, the keys `model-config` refuses to set, and the
 * default -> controller -> region -> model inheritance used to report each value's
 * source.
 *
 * Keys outside the table are allowed (the CLI warns about them) and kept as given.
 */

import { parse as parseYaml } from 'yaml';

import { isValidCidr } from '../cidr.js';
import { parseDuration } from '../duration.js';
import { notValid } from '../errors.js';
import { isValidModelName, isValidSpaceName, isValidUUID } from '../names.js';
import { ConfigSchema } from './schema.js';
import type { ConfigField } from './schema.js';

/** Both no-proxy keys default to the loopback names and addresses. */
const DEFAULT_NO_PROXY = '127.0.0.1,localhost,::1';
const ALLOW_ALL_CIDRS = '0.0.0.0/0,::/0';

export const FIREWALL_MODES = ['instance', 'global', 'none'] as const;
export const HARVEST_MODES = ['all', 'none', 'unknown', 'destroyed'] as const;
/** Values allowed in the comma-separated `mode` key (`strict` is accepted but unused). */
export const MODEL_MODES = ['requires-prompts', 'strict'] as const;
export const LOGGING_OUTPUTS = ['database', 'syslog'] as const;
export const CONTAINER_NETWORKING_METHODS = ['fan', 'provider', 'local'] as const;
/** Host properties `container-inherit-properties` may copy into containers. */
export const CONTAINER_INHERITABLE_PROPERTIES = [
  'apt-primary',
  'apt-security',
  'apt-sources',
  'ca-certs',
] as const;
/** Upper bounds (inclusive) for the provisioner worker counts. */
export const MAX_PROVISION_WORKERS = 100;
export const MAX_CONTAINER_PROVISION_WORKERS = 25;
/** Prefix reserved for Juju's own cloud resource tags. */
export const RESERVED_RESOURCE_TAG_PREFIX = 'juju-';

/** Keys that identify the model; shown by show-model, hidden by model-config. */
export const MODEL_IDENTITY_KEYS: readonly string[] = ['name', 'type', 'uuid'];

/** Keys fixed once the model exists. */
export const IMMUTABLE_MODEL_CONFIG_KEYS: readonly string[] = [
  'name',
  'type',
  'uuid',
  'firewall-mode',
  'charmhub-url',
];

const str = (
  key: string,
  description: string,
  defaultValue?: string,
  extra: Partial<Omit<ConfigField, 'key' | 'type' | 'description' | 'default'>> = {},
): ConfigField => ({
  key,
  type: 'string',
  description,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
  ...extra,
});

const bool = (key: string, description: string, defaultValue: boolean, group?: string): ConfigField => ({
  key,
  type: 'bool',
  description,
  default: defaultValue,
  ...(group === undefined ? {} : { group }),
});

const MODEL_CONFIG_FIELDS: readonly ConfigField[] = [
  // Identity.
  str('name', 'Name of the model', undefined, { immutable: true, group: 'identity' }),
  str('type', 'Provider type of the model, such as lxd, manual or kubernetes', undefined, {
    immutable: true,
    group: 'identity',
  }),
  str('uuid', 'Unique identifier of the model', undefined, { immutable: true, group: 'identity' }),

  // Agents and images.
  str('agent-version', 'Agent binary version the model should run (changed with upgrade-model)', undefined, {
    group: 'agent',
  }),
  str(
    'agent-stream',
    'Simplestreams stream agent binaries are taken from (released, proposed, testing, devel)',
    'released',
    {
      group: 'agent',
    },
  ),
  str('agent-metadata-url', 'Location of a private agent binary metadata source', '', { group: 'agent' }),
  str('image-stream', 'Simplestreams stream searched for machine images', 'released', { group: 'image' }),
  str('image-metadata-url', 'Location of a private machine image metadata source', '', { group: 'image' }),
  bool('image-metadata-defaults-disabled', 'Ignore the built-in image metadata sources', false, 'image'),
  str('container-image-stream', 'Simplestreams stream searched for container images', 'released', {
    group: 'image',
  }),
  str('container-image-metadata-url', 'Location of a private container image metadata source', '', {
    group: 'image',
  }),
  bool(
    'container-image-metadata-defaults-disabled',
    'Ignore the built-in image metadata sources for containers',
    false,
    'image',
  ),

  // Proxies.
  str('http-proxy', 'Legacy HTTP proxy, exported as http_proxy on machines and in hooks', '', {
    group: 'proxy',
  }),
  str('https-proxy', 'Legacy HTTPS proxy, exported as https_proxy on machines and in hooks', '', {
    group: 'proxy',
  }),
  str('ftp-proxy', 'Legacy FTP proxy, exported as ftp_proxy on machines and in hooks', '', {
    group: 'proxy',
  }),
  str('no-proxy', 'Comma-separated hosts the legacy proxies are bypassed for', DEFAULT_NO_PROXY, {
    group: 'proxy',
  }),
  str('juju-http-proxy', 'HTTP proxy for Juju agents, given to charms as JUJU_CHARM_HTTP_PROXY', '', {
    group: 'proxy',
  }),
  str('juju-https-proxy', 'HTTPS proxy for Juju agents, given to charms as JUJU_CHARM_HTTPS_PROXY', '', {
    group: 'proxy',
  }),
  str('juju-ftp-proxy', 'FTP proxy for Juju agents, given to charms as JUJU_CHARM_FTP_PROXY', '', {
    group: 'proxy',
  }),
  str(
    'juju-no-proxy',
    'Comma-separated hosts or CIDRs the Juju proxies are bypassed for, given to charms as JUJU_CHARM_NO_PROXY',
    DEFAULT_NO_PROXY,
    { group: 'proxy' },
  ),
  str('apt-http-proxy', 'HTTP proxy for APT (falls back to the Juju, then legacy, HTTP proxy)', '', {
    group: 'apt',
  }),
  str('apt-https-proxy', 'HTTPS proxy for APT (falls back to the Juju, then legacy, HTTPS proxy)', '', {
    group: 'apt',
  }),
  str('apt-ftp-proxy', 'FTP proxy for APT (falls back to the Juju, then legacy, FTP proxy)', '', {
    group: 'apt',
  }),
  str('apt-no-proxy', 'Comma-separated hosts APT reaches without a proxy', '', { group: 'apt' }),
  str('apt-mirror', 'Mirror APT sources are rewritten to', '', { group: 'apt' }),
  str('snap-http-proxy', 'HTTP proxy snapd uses on machines', '', { group: 'snap' }),
  str('snap-https-proxy', 'HTTPS proxy snapd uses on machines', '', { group: 'snap' }),
  str('snap-store-proxy', 'Identifier of a snap store proxy', '', { group: 'snap' }),
  str('snap-store-assertions', 'Assertions acknowledged for the snap store proxy', '', { group: 'snap' }),
  str(
    'snap-store-proxy-url',
    'Address of a snap store proxy whose assertions are fetched automatically',
    '',
    {
      group: 'snap',
    },
  ),

  // Charms and workloads.
  str('default-base', 'Base used for charms that do not name one, such as ubuntu@22.04', '', {
    group: 'charm',
  }),
  str('default-series', 'Deprecated spelling of default-base, given as a series name', '', {
    group: 'charm',
  }),
  {
    key: 'update-status-hook-interval',
    type: 'duration',
    description: 'How often the update-status hook runs (between 1m and 60m)',
    default: '5m',
    group: 'charm',
  },
  bool(
    'automatically-retry-hooks',
    'Retry failed hooks automatically, backing off between attempts',
    true,
    'charm',
  ),
  str(
    'mode',
    'Comma-separated model modes; requires-prompts makes removal commands ask first',
    'requires-prompts',
    {
      group: 'charm',
    },
  ),
  str('secret-backend', 'Backend new secrets are stored in: auto, internal, or a backend name', 'auto', {
    group: 'secrets',
  }),
  str('charmhub-url', 'Charmhub API address the model uses', 'https://api.charmhub.io', {
    immutable: true,
    group: 'charm',
  }),
  bool('development', 'Marks the model as used for development', false, 'charm'),
  bool('test-mode', 'Marks the model as used for testing, so store statistics ignore it', false, 'charm'),
  bool('disable-telemetry', 'Turn off telemetry about the model', false, 'charm'),
  bool(
    'transmit-vendor-metrics',
    'Send metrics declared by charms for anonymous aggregate analysis',
    true,
    'charm',
  ),
  str('extra-info', 'Free text stored with the model', undefined, { group: 'charm' }),

  // Logging.
  str('logging-config', 'Agent log levels, such as <root>=INFO;unit=DEBUG', '', { group: 'logging' }),
  str('logging-output', 'Where agent logs go: database and/or syslog, comma-separated', '', {
    group: 'logging',
  }),
  bool('logforward-enabled', 'Forward logs to a syslog server', false, 'syslog'),
  str('syslog-host', 'host:port of the syslog server logs are forwarded to', undefined, { group: 'syslog' }),
  str('syslog-ca-cert', 'PEM certificate of the CA that signed the syslog server certificate', undefined, {
    group: 'syslog',
  }),
  str('syslog-client-cert', 'PEM client certificate for syslog forwarding', undefined, { group: 'syslog' }),
  str('syslog-client-key', 'PEM client key for syslog forwarding', undefined, { group: 'syslog' }),

  // Machines and provisioning.
  str('firewall-mode', 'Firewalling: instance (per machine), global (shared), or none', 'instance', {
    immutable: true,
    values: FIREWALL_MODES,
    group: 'network',
  }),
  str('authorized-keys', 'SSH public keys installed for the ubuntu user on every machine', undefined, {
    group: 'provisioning',
  }),
  str(
    'provisioner-harvest-mode',
    'Which instances the provisioner may stop: all, none, unknown or destroyed',
    'destroyed',
    {
      values: HARVEST_MODES,
      group: 'provisioning',
    },
  ),
  {
    key: 'num-provision-workers',
    type: 'int',
    description: 'Machines provisioned in parallel per model',
    default: 16,
    group: 'provisioning',
  },
  {
    key: 'num-container-provision-workers',
    type: 'int',
    description: 'Containers provisioned in parallel per machine',
    default: 4,
    group: 'provisioning',
  },
  bool('enable-os-refresh-update', 'Refresh the package index on new machines', true, 'provisioning'),
  bool('enable-os-upgrade', 'Upgrade packages on new machines', true, 'provisioning'),
  str('cloudinit-userdata', 'Extra cloud-init user data (YAML) for new machines', '', {
    group: 'provisioning',
  }),
  str('container-inherit-properties', 'Comma-separated host properties copied into new containers', '', {
    group: 'provisioning',
  }),
  str(
    'lxd-snap-channel',
    'Snap channel LXD is installed from on machines that host containers',
    '5.0/stable',
    {
      group: 'provisioning',
    },
  ),
  str('backup-dir', 'Directory backups are staged in on the controller', '', { group: 'provisioning' }),

  // Networking.
  str('container-networking-method', 'How containers are networked: fan, provider or local', '', {
    group: 'network',
  }),
  str('fan-config', 'Fan overlay networks, as underlay=overlay pairs', '', { group: 'network' }),
  {
    key: 'net-bond-reconfigure-delay',
    type: 'int',
    description: 'Seconds to wait between taking a bonded interface down and up when bridging it',
    default: 17,
    group: 'network',
  },
  bool('disable-network-management', 'Leave network configuration to the provider', false, 'network'),
  bool('ignore-machine-addresses', 'Do not record addresses discovered on machines', false, 'network'),
  str('default-space', 'Space used for endpoint bindings that name none', '', { group: 'network' }),
  str('egress-subnets', 'Comma-separated CIDRs traffic leaving this model appears to come from', '', {
    group: 'network',
  }),
  str('ssh-allow', 'Comma-separated CIDRs allowed to reach SSH on machines', ALLOW_ALL_CIDRS, {
    group: 'network',
  }),
  str(
    'saas-ingress-allow',
    'Comma-separated CIDRs allowed as ingress to offers from this model',
    ALLOW_ALL_CIDRS,
    {
      group: 'network',
    },
  ),
  bool('ssl-hostname-verification', 'Check host names in TLS certificates', true, 'network'),
  bool('proxy-ssh', 'Route juju ssh through the controller', false, 'network'),
  {
    key: 'resource-tags',
    type: 'attrs',
    description: 'key=value tags put on cloud resources Juju creates',
    default: {},
    group: 'provisioning',
  },

  // Storage.
  str('storage-default-block-source', 'Storage pool used for block storage when none is named', undefined, {
    group: 'storage',
  }),
  str(
    'storage-default-filesystem-source',
    'Storage pool used for filesystem storage when none is named',
    undefined,
    {
      group: 'storage',
    },
  ),

  // Pruning.
  {
    key: 'max-status-history-age',
    type: 'duration',
    description: 'Status history older than this is pruned',
    default: '336h',
    group: 'pruning',
  },
  {
    key: 'max-status-history-size',
    type: 'size',
    description: 'Status history is pruned once it grows past this size',
    default: '5G',
    group: 'pruning',
  },
  {
    key: 'max-action-results-age',
    type: 'duration',
    description: 'Task results older than this are pruned',
    default: '336h',
    group: 'pruning',
  },
  {
    key: 'max-action-results-size',
    type: 'size',
    description: 'Task results are pruned once they grow past this size',
    default: '5G',
    group: 'pruning',
  },
];

/** Every model-config key Juju 3.6 defines, with type, default and description. */
export const modelConfigSchema: ConfigSchema = new ConfigSchema(MODEL_CONFIG_FIELDS);

/**
 * Keys `juju model-config k=v` refuses, with the error it reports. For the identity
 * keys the real error names both values; {@link modelConfigSetRefusal} builds it.
 */
export const MODEL_CONFIG_SET_REFUSALS: Readonly<Record<string, string>> = {
  'agent-version': '"agent-version" must be set via "upgrade-model"',
  'charmhub-url': '"charmhub-url" must be set via "add-model"',
  'authorized-keys': 'authorized-keys cannot be set',
  name: 'cannot change name',
  type: 'cannot change type',
  uuid: 'cannot change uuid',
};

/** How Go's `%#v` shows a config value inside an error. */
function goValue(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  // JSON covers strings, numbers, booleans, arrays and objects; nothing else reaches here.
  return JSON.stringify(v) ?? '<unknown>';
}

/**
 * The error for setting `key` to `value` with `model-config`, or undefined when the
 * change is allowed. Identity keys may be "set" to their current value; any other
 * value gives `cannot change name from "a" to "b"`.
 */
export function modelConfigSetRefusal(
  key: string,
  value: unknown,
  current?: Readonly<Record<string, unknown>>,
): string | undefined {
  if (MODEL_IDENTITY_KEYS.includes(key)) {
    const old = current?.[key];
    if (old === undefined) return MODEL_CONFIG_SET_REFUSALS[key];
    if (old === value) return undefined;
    return `cannot change ${key} from ${goValue(old)} to ${goValue(value)}`;
  }
  return MODEL_CONFIG_SET_REFUSALS[key];
}

/** Series names Juju still maps to Ubuntu bases (for the deprecated `default-series`). */
const SERIES_TO_CHANNEL: Readonly<Record<string, string>> = {
  bionic: '18.04',
  focal: '20.04',
  jammy: '22.04',
  mantic: '23.10',
  noble: '24.04',
  oracular: '24.10',
  plucky: '25.04',
};

/** `jammy` -> `ubuntu@22.04`; undefined for unknown series. */
export function baseForSeries(series: string): string | undefined {
  const channel = SERIES_TO_CHANNEL[series];
  return channel === undefined ? undefined : `ubuntu@${channel}`;
}

/** `ubuntu@22.04` (or `ubuntu@22.04/stable`) -> `jammy`; undefined when no series matches. */
export function seriesForBase(base: string): string | undefined {
  const [os, channel = ''] = base.split('@');
  if (os !== 'ubuntu') return undefined;
  const track = channel.split('/')[0];
  return Object.entries(SERIES_TO_CHANNEL).find(([, c]) => c === track)?.[0];
}

const LOG_LEVELS: ReadonlySet<string> = new Set([
  'UNSPECIFIED',
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'WARNING',
  'ERROR',
  'CRITICAL',
]);

/** Why a loggo spec (`<root>=INFO;unit=DEBUG`) is malformed; undefined when it parses. */
export function loggingConfigError(spec: string): string | undefined {
  const trimmed = spec.trim();
  if (trimmed === '' || LOG_LEVELS.has(trimmed.toUpperCase())) return undefined;
  for (const entry of trimmed.split(/[;,]/).filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    if (eq < 0) return `logger specification expected '=', found ${JSON.stringify(entry)}`;
    const name = entry.slice(0, eq).trim();
    const level = entry.slice(eq + 1).trim();
    if (name === '' || level === '')
      return `logger specification ${JSON.stringify(entry)} has blank name or level`;
    if (!LOG_LEVELS.has(level.toUpperCase())) return `unknown severity level ${JSON.stringify(level)}`;
  }
  return undefined;
}

/** Whether the loggo spec asks for TRACE on any module (only controller admins may). */
export function loggingConfigHasTrace(spec: string): boolean {
  if (loggingConfigError(spec) !== undefined) return false;
  const trimmed = spec.trim();
  if (trimmed.toUpperCase() === 'TRACE') return true;
  return trimmed.split(/[;,]/).some(
    (entry) =>
      entry.includes('=') &&
      entry
        .slice(entry.indexOf('=') + 1)
        .trim()
        .toUpperCase() === 'TRACE',
  );
}

const AGENT_VERSION_RE = /^\d{1,9}\.\d{1,9}(?:(?:\.|-[a-z]+)\d{1,9})?(?:\.\d{1,9})?$/;

/** Comma-separated words with blanks dropped. */
const commaWords = (s: string): string[] =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');

const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

function checkCloudInitUserData(raw: string): void {
  let doc: unknown;
  try {
    doc = parseYaml(raw);
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    throw notValid(`cloudinit-userdata: must be valid YAML: ${reason}`);
  }
  if (doc === null || doc === undefined) return;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw notValid('cloudinit-userdata: must be valid YAML: expected a mapping');
  }
  const data = doc as Record<string, unknown>;
  const packages = data['packages'];
  if (Array.isArray(packages) && !packages.every((p) => typeof p === 'string')) {
    throw notValid('cloudinit-userdata: packages must be a list of strings');
  }
  if ('users' in data) throw notValid('cloudinit-userdata: users not allowed');
  if ('runcmd' in data)
    throw notValid('cloudinit-userdata: runcmd not allowed, use preruncmd or postruncmd instead');
  if ('bootcmd' in data) throw notValid('cloudinit-userdata: bootcmd not allowed');
}

function checkCidrList(values: readonly string[]): void {
  for (const cidr of values) {
    if (!isValidCidr(cidr)) throw notValid(`cidr ${JSON.stringify(cidr)} not valid`);
  }
}

const sameValue = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Validate a model's complete config (after a change has been applied), and the
 * change itself when `old` is given. Values may be raw user input ("5" for an int);
 * each known key is first coerced to its type. Unknown keys are ignored.
 * @throws JujuError `not valid` with Juju's message for the first problem found.
 */
export function validateModelConfig(
  cfg: Readonly<Record<string, unknown>>,
  old?: Readonly<Record<string, unknown>>,
): void {
  const c = modelConfigSchema.coerceAll(cfg);

  for (const key of MODEL_IDENTITY_KEYS) {
    if (c[key] === '') throw notValid(`empty ${key} in model configuration`);
  }
  const name = c['name'];
  if (typeof name === 'string' && !isValidModelName(name)) {
    throw notValid(
      `${JSON.stringify(name)} is not a valid name: model names may only contain lowercase letters, digits and hyphens`,
    );
  }
  const agentVersion = c['agent-version'];
  if (typeof agentVersion === 'string' && !AGENT_VERSION_RE.test(agentVersion)) {
    throw notValid(`invalid agent version in model configuration: ${JSON.stringify(agentVersion)}`);
  }
  const loggingConfig = c['logging-config'];
  if (typeof loggingConfig === 'string') {
    const problem = loggingConfigError(loggingConfig);
    if (problem !== undefined) throw notValid(problem);
  }
  const uuid = c['uuid'];
  if (typeof uuid === 'string' && !isValidUUID(uuid)) {
    throw notValid(`uuid: expected UUID, got string(${JSON.stringify(uuid)})`);
  }
  const resourceTags = c['resource-tags'];
  if (resourceTags !== undefined) {
    for (const tag of Object.keys(resourceTags as Record<string, string>)) {
      if (tag.startsWith(RESERVED_RESOURCE_TAG_PREFIX)) {
        throw notValid(
          `validating resource tags: tag ${JSON.stringify(tag)} uses reserved prefix ${JSON.stringify(RESERVED_RESOURCE_TAG_PREFIX)}`,
        );
      }
    }
  }

  const interval = c['update-status-hook-interval'];
  if (typeof interval === 'string') {
    const ms = parseDuration(interval);
    if (ms < 60_000) throw notValid('update-status-hook-interval cannot be less than 1m');
    if (ms > 60 * 60_000) throw notValid('update-status-hook-interval cannot be greater than 60m');
  }

  for (const cidr of commaWords(asString(c['egress-subnets']))) {
    if (!isValidCidr(cidr)) throw notValid(`invalid egress subnet: ${cidr}: invalid CIDR address: ${cidr}`);
    if (cidr === '0.0.0.0/0') throw notValid(`CIDR ${JSON.stringify(cidr)} not allowed`);
  }

  const networking = c['container-networking-method'];
  if (typeof networking === 'string' && networking !== '') {
    if (!(CONTAINER_NETWORKING_METHODS as readonly string[]).includes(networking)) {
      throw notValid(`Invalid value for container-networking-method - ${networking}`);
    }
    if (networking === 'fan' && asString(c['fan-config']) === '') {
      throw notValid("container-networking-method cannot be set to 'fan' without fan-config set");
    }
  }

  const userData = c['cloudinit-userdata'];
  if (typeof userData === 'string' && userData !== '') checkCloudInitUserData(userData);

  const inherit = asString(c['container-inherit-properties']);
  if (inherit !== '') {
    const props = new Set(inherit.split(',').map((p) => p.trim()));
    const bad = [...props]
      .filter((p) => !(CONTAINER_INHERITABLE_PROPERTIES as readonly string[]).includes(p))
      .sort();
    if (bad.length > 0) throw notValid(`container-inherit-properties: ${bad.join(', ')} not allowed`);
  }

  const charmhubUrl = c['charmhub-url'];
  if (typeof charmhubUrl === 'string') {
    if (charmhubUrl === '') throw notValid('charm-hub url not valid');
    if (!URL.canParse(charmhubUrl) && !charmhubUrl.startsWith('/')) {
      throw notValid(`charm-hub url ${JSON.stringify(charmhubUrl)} not valid`);
    }
  }

  const defaultSpace = c['default-space'];
  if (typeof defaultSpace === 'string' && defaultSpace !== '' && !isValidSpaceName(defaultSpace)) {
    throw notValid(`default space name ${JSON.stringify(defaultSpace)} not valid`);
  }

  const defaultBase = asString(c['default-base']);
  if (defaultBase !== '' && !/^[a-z]+@[0-9][0-9.]*(?:\/[a-z]+)?$/.test(defaultBase)) {
    throw notValid(`invalid default base ${JSON.stringify(defaultBase)}: expected <os>@<channel>`);
  }
  const defaultSeries = asString(c['default-series']);
  if (defaultSeries !== '' && defaultBase !== '') {
    throw notValid('cannot set both default-series and default-base');
  }

  const badModes = [...new Set(commaWords(asString(c['mode'])))]
    .filter((m) => !(MODEL_MODES as readonly string[]).includes(m))
    .sort();
  if (badModes.length > 0) throw notValid(`mode(s) ${JSON.stringify(badModes.join(', '))} not valid`);

  const sshAllow = c['ssh-allow'];
  if (typeof sshAllow === 'string' && sshAllow !== '') checkCidrList(sshAllow.split(','));
  const saasIngress = c['saas-ingress-allow'];
  if (typeof saasIngress === 'string') {
    if (saasIngress === '') throw notValid('empty cidrs not valid');
    checkCidrList(saasIngress.split(','));
  }

  for (const output of commaWords(asString(c['logging-output']))) {
    if (!(LOGGING_OUTPUTS as readonly string[]).includes(output)) {
      throw notValid(`logging-output ${JSON.stringify(output)} not valid`);
    }
  }

  const workers = c['num-provision-workers'];
  if (typeof workers === 'number' && workers > MAX_PROVISION_WORKERS) {
    throw notValid(`num-provision-workers: must be less than ${MAX_PROVISION_WORKERS}`);
  }
  const containerWorkers = c['num-container-provision-workers'];
  if (typeof containerWorkers === 'number' && containerWorkers > MAX_CONTAINER_PROVISION_WORKERS) {
    throw notValid(`num-container-provision-workers: must be less than ${MAX_CONTAINER_PROVISION_WORKERS}`);
  }

  if (old !== undefined) {
    for (const key of IMMUTABLE_MODEL_CONFIG_KEYS) {
      if (!(key in old)) continue;
      const before = old[key];
      const after = c[key];
      if (!sameValue(before, after)) {
        throw notValid(`cannot change ${key} from ${goValue(before)} to ${goValue(after)}`);
      }
    }
    if (asString(old['agent-version']) !== '' && asString(c['agent-version']) === '') {
      throw notValid('cannot clear agent-version');
    }
    if (asString(old['apt-mirror']) !== '' && asString(c['apt-mirror']) === '') {
      throw notValid('cannot clear apt-mirror');
    }
  }

  const legacyProxy = ['http-proxy', 'https-proxy', 'ftp-proxy'].some((k) => asString(c[k]) !== '');
  const jujuProxy = ['juju-http-proxy', 'juju-https-proxy', 'juju-ftp-proxy'].some(
    (k) => asString(c[k]) !== '',
  );
  if (legacyProxy && jujuProxy)
    throw notValid('cannot specify both legacy proxy values and juju proxy values');
}

/** Where an effective model-config value comes from. */
export type ModelConfigSource = 'default' | 'controller' | 'region' | 'model';

/** The four layers model config is composed from, lowest first. */
export interface ModelConfigLayers {
  /** Juju and provider schema defaults. */
  readonly default: Readonly<Record<string, unknown>>;
  /** `juju model-defaults k=v` (stored per cloud). */
  readonly controller: Readonly<Record<string, unknown>>;
  /** `juju model-defaults <cloud>/<region> k=v`. */
  readonly region: Readonly<Record<string, unknown>>;
  /** `juju model-config k=v`. */
  readonly model: Readonly<Record<string, unknown>>;
}

export interface ResolvedConfigValue {
  readonly value: unknown;
  readonly source: ModelConfigSource;
}

/**
 * Effective value and source of every key in any layer, sorted by key. The value is
 * the model's if set, else the region's, else the controller's, else the default. The
 * source is the highest of region, controller and default holding an equal value, and
 * `model` only when none does (so a model value equal to the default reads `default`).
 */
export function resolveModelConfigSources(layers: ModelConfigLayers): Record<string, ResolvedConfigValue> {
  const inherited: readonly [Exclude<ModelConfigSource, 'model'>, Readonly<Record<string, unknown>>][] = [
    ['region', layers.region],
    ['controller', layers.controller],
    ['default', layers.default],
  ];
  const keys = new Set([
    ...Object.keys(layers.default),
    ...Object.keys(layers.controller),
    ...Object.keys(layers.region),
    ...Object.keys(layers.model),
  ]);
  const result: Record<string, ResolvedConfigValue> = {};
  for (const key of [...keys].sort()) {
    let value: unknown;
    if (Object.hasOwn(layers.model, key)) value = layers.model[key];
    else value = inherited.find(([, layer]) => Object.hasOwn(layer, key))?.[1][key];
    const match = inherited.find(([, layer]) => Object.hasOwn(layer, key) && sameValue(layer[key], value));
    result[key] = { value, source: match?.[0] ?? 'model' };
  }
  return result;
}
