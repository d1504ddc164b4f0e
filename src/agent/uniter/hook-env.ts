/**
 * The hook environment, built from scratch (charm-contract §3): never the
 * agent's own environment, only the `JUJU_*` variables describing the event,
 * the charm dir, the hook-tool socket, proxies from model config, a `PATH`
 * with the unit's tools dir first, and the locale.
 */
import { readFileSync } from 'node:fs';
import { JUJU_VERSION } from '../../core/version.js';

/** Facts about the unit that every hook gets. */
export interface UnitEnvFacts {
  readonly unitName: string;
  readonly charmDir: string;
  readonly toolsDir: string;
  readonly modelUuid: string;
  readonly modelName: string;
  readonly apiAddresses: readonly string[];
  readonly machineId: string;
  readonly principal: string;
  readonly availabilityZone: string;
  readonly socketAddress: string;
  readonly socketNetwork: string;
  /** Model config (proxies). */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  /** The agent's PATH, appended after the tools dir. */
  readonly basePath: string;
}

/** The event: a hook (with its relation details) or an action. */
export interface EventEnv {
  readonly contextId: string;
  /** `hooks/<name>` or `actions/<name>`. */
  readonly dispatchPath: string;
  /** '' for actions. */
  readonly hookName: string;
  readonly relation?: {
    readonly endpoint: string;
    readonly id: number;
    readonly remoteUnit: string;
    readonly remoteApp: string;
    readonly departingUnit?: string;
  };
  readonly action?: { readonly name: string; readonly id: string };
  /** Storage hooks: `JUJU_STORAGE_ID`, `JUJU_STORAGE_KIND`, `JUJU_STORAGE_LOCATION`. */
  readonly storage?: { readonly id: string; readonly kind: string; readonly location: string };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function isUbuntu(): boolean {
  try {
    return /^ID=("?)ubuntu\1$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** Legacy proxy variables, exported (lower and upper case) only when set. */
function legacyProxies(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const env: Record<string, string> = {};
  const pairs: [string, string][] = [
    ['http-proxy', 'http_proxy'],
    ['https-proxy', 'https_proxy'],
    ['ftp-proxy', 'ftp_proxy'],
    ['no-proxy', 'no_proxy'],
  ];
  for (const [key, name] of pairs) {
    const value = str(config[key]);
    if (value === '') continue;
    env[name] = value;
    env[name.toUpperCase()] = value;
  }
  return env;
}

/** The complete environment of one hook or action process. */
export function buildHookEnv(unit: UnitEnvFacts, event: EventEnv): Record<string, string> {
  const c = unit.modelConfig;
  const env: Record<string, string> = {
    CHARM_DIR: unit.charmDir,
    JUJU_CHARM_DIR: unit.charmDir,
    JUJU_CONTEXT_ID: event.contextId,
    JUJU_HOOK_NAME: event.hookName,
    JUJU_DISPATCH_PATH: event.dispatchPath,
    JUJU_AGENT_SOCKET_ADDRESS: unit.socketAddress,
    JUJU_AGENT_SOCKET_NETWORK: unit.socketNetwork,
    JUJU_UNIT_NAME: unit.unitName,
    JUJU_MODEL_UUID: unit.modelUuid,
    JUJU_MODEL_NAME: unit.modelName,
    JUJU_API_ADDRESSES: unit.apiAddresses.join(' '),
    JUJU_SLA: 'unsupported',
    JUJU_MACHINE_ID: unit.machineId,
    JUJU_PRINCIPAL_UNIT: unit.principal,
    JUJU_AVAILABILITY_ZONE: unit.availabilityZone,
    JUJU_VERSION,
    CLOUD_API_VERSION: '',
    JUJU_CHARM_HTTP_PROXY: str(c['juju-http-proxy']),
    JUJU_CHARM_HTTPS_PROXY: str(c['juju-https-proxy']),
    JUJU_CHARM_FTP_PROXY: str(c['juju-ftp-proxy']),
    JUJU_CHARM_NO_PROXY: str(c['juju-no-proxy']),
    ...legacyProxies(c),
    PATH: unit.basePath === '' ? unit.toolsDir : `${unit.toolsDir}:${unit.basePath}`,
    LANG: 'C.UTF-8',
    TERM: 'tmux-256color',
  };
  if (isUbuntu()) {
    env.DEBIAN_FRONTEND = 'noninteractive';
    env.APT_LISTCHANGES_FRONTEND = 'none';
  }
  const r = event.relation;
  if (r !== undefined) {
    env.JUJU_RELATION = r.endpoint;
    env.JUJU_RELATION_ID = `${r.endpoint}:${r.id}`;
    env.JUJU_REMOTE_UNIT = r.remoteUnit;
    env.JUJU_REMOTE_APP = r.remoteApp;
    if (r.departingUnit !== undefined) env.JUJU_DEPARTING_UNIT = r.departingUnit;
  }
  const a = event.action;
  if (a !== undefined) {
    env.JUJU_ACTION_NAME = a.name;
    env.JUJU_ACTION_UUID = a.id;
    env.JUJU_ACTION_TAG = `action-${a.id}`;
  }
  const st = event.storage;
  if (st !== undefined) {
    env.JUJU_STORAGE_ID = st.id;
    env.JUJU_STORAGE_KIND = st.kind;
    env.JUJU_STORAGE_LOCATION = st.location;
  }
  return env;
}
