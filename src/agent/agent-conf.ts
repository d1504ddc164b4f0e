/**
 * `agent.conf` (Juju's "format 2.0" YAML) for one agent: who it is, where the
 * controller is, and its passwords. Controller agents also carry their serving
 * certificate and CA key. Written atomically with mode 0600.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

export interface AgentConf {
  tag: string;
  datadir: string;
  logdir: string;
  nonce?: string;
  jobs?: string[];
  upgradedToVersion: string;
  cacert: string;
  controller: string;
  model: string;
  apiaddresses: string[];
  apipassword?: string;
  oldpassword?: string;
  loggingconfig?: string;
  values: Record<string, string>;
  // Controller machines only.
  controllercert?: string;
  controllerkey?: string;
  caprivatekey?: string;
  apiport?: number;
}

const HEADER = '# format 2.0\n';

/** Path of an agent's config under a data dir: `<datadir>/agents/<tag>/agent.conf`. */
export function agentConfPath(dataDir: string, tag: string): string {
  return join(dataDir, 'agents', tag, 'agent.conf');
}

/**
 * Parsed files by path, valid while the file's identity, size and mtime are
 * unchanged: agents re-read their conf many times (every connection, every
 * log batch) and YAML parsing showed as a large share of an agent's start.
 */
const parsed = new Map<string, { readonly stamp: string; readonly conf: AgentConf }>();

function stampOf(path: string): string {
  const st = statSync(path, { bigint: true });
  return `${st.ino}:${st.size}:${st.mtimeNs}`;
}

export function readAgentConf(path: string): AgentConf {
  const stamp = stampOf(path);
  const hit = parsed.get(path);
  if (hit !== undefined && hit.stamp === stamp) return structuredClone(hit.conf);
  const doc = parse(readFileSync(path, 'utf8')) as AgentConf | null;
  if (!doc || typeof doc !== 'object' || typeof doc.tag !== 'string') {
    throw new Error(`${path}: not a valid agent.conf`);
  }
  parsed.set(path, { stamp, conf: structuredClone(doc) });
  return doc;
}

export function writeAgentConf(path: string, conf: AgentConf): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const clean = Object.fromEntries(Object.entries(conf).filter(([, v]) => v !== undefined && v !== ''));
  const text = HEADER + stringify(clean, { indentSeq: false, lineWidth: 0 });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
