/**
 * Charm URLs as Juju 3.6 writes them: `local:testapp-0` for local charms and
 * `ch:amd64/jammy/mysql-42` for Charmhub charms (architecture, series and revision
 * optional on input).
 */
import { notValid } from '../core/errors.js';
import { isValidSeries } from './base.js';
import { isValidCharmName } from './metadata.js';

/** Where a charm comes from. */
export type CharmSchema = 'local' | 'ch';

/** A parsed charm URL. */
export interface CharmURL {
  schema: CharmSchema;
  name: string;
  /** -1 when the URL carries no revision. */
  revision: number;
  /** Legacy series segment (`jammy`), if any. */
  series?: string;
  architecture?: string;
}

const ARCH_RE = /^[a-z]+(?:[a-z0-9]+)?$/;
const SERIES_RE = /^[a-z]+(?:[a-z0-9]+)?$/;

/** Split `name-42` into `name` and 42; no numeric suffix means revision -1. */
function splitRevision(nameRev: string): [string, number] {
  const m = /^(.+)-([0-9]+)$/.exec(nameRev);
  if (m === null || m[1] === undefined || m[2] === undefined) return [nameRev, -1];
  return [m[1], Number(m[2])];
}

/**
 * Parse `local:[series/]name[-rev]`, `ch:[arch/][series/]name[-rev]` or a bare
 * `name` (Charmhub).
 * @throws JujuError `not valid`: `cannot parse charm or bundle URL: "x"`, ...
 */
export function parseCharmURL(url: string): CharmURL {
  const shown = JSON.stringify(url);
  if (url === '' || /[?#\s]/.test(url)) throw notValid(`cannot parse charm or bundle URL: ${shown}`);
  const colon = url.indexOf(':');
  const schemaText = colon < 0 ? 'ch' : url.slice(0, colon);
  const path = colon < 0 ? url : url.slice(colon + 1);
  if (schemaText !== 'local' && schemaText !== 'ch') {
    throw notValid(
      `cannot parse charm or bundle URL: ${shown}: schema ${JSON.stringify(schemaText)} not valid`,
    );
  }
  if (path.startsWith('~')) throw notValid(`charm or bundle URL with user name: ${shown}`);
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  const result: CharmURL = { schema: schemaText, name: '', revision: -1 };
  let nameRev: string;
  if (schemaText === 'local') {
    if (parts.length > 2) throw notValid(`charm or bundle URL has invalid form: ${shown}`);
    if (parts.length === 2) result.series = parts[0] as string;
    nameRev = parts[parts.length - 1] as string;
  } else {
    if (parts.length > 3) throw notValid(`charm or bundle URL ${shown} malformed`);
    if (parts.length === 3) {
      result.architecture = parts[0] as string;
      result.series = parts[1] as string;
    } else if (parts.length === 2) {
      // One qualifier: an architecture when it is one, else a series.
      const first = parts[0] as string;
      if (['amd64', 'arm64', 'ppc64el', 's390x', 'riscv64', 'i386', 'armhf'].includes(first))
        result.architecture = first;
      else result.series = first;
    }
    nameRev = parts[parts.length - 1] as string;
  }
  if (nameRev === '') throw notValid(`URL without charm or bundle name: ${shown}`);
  const [name, revision] = splitRevision(nameRev);
  if (!isValidCharmName(name))
    throw notValid(`cannot parse URL ${shown}: invalid charm or bundle name ${JSON.stringify(name)}`);
  result.name = name;
  result.revision = revision;
  if (result.architecture !== undefined && !ARCH_RE.test(result.architecture)) {
    throw notValid(`in URL ${shown}: architecture name ${JSON.stringify(result.architecture)} not valid`);
  }
  if (result.series !== undefined && (!SERIES_RE.test(result.series) || !isValidSeries(result.series))) {
    throw notValid(`in URL ${shown}: series name ${JSON.stringify(result.series)} not valid`);
  }
  return result;
}

/** The canonical text: `local:testapp-0`, `ch:amd64/jammy/mysql-42`, `ch:mysql`. */
export function formatCharmURL(url: CharmURL): string {
  const parts: string[] = [];
  if (url.architecture !== undefined) parts.push(url.architecture);
  if (url.series !== undefined) parts.push(url.series);
  parts.push(url.revision >= 0 ? `${url.name}-${url.revision}` : url.name);
  return `${url.schema}:${parts.join('/')}`;
}

/** The 3.6 URL of a local charm: `local:<name>-<revision>`. */
export function localCharmURL(name: string, revision: number): string {
  return formatCharmURL({ schema: 'local', name, revision });
}

/** A Charmhub URL with every part: `ch:<arch>/<series>/<name>-<rev>`. */
export function charmhubCharmURL(arch: string, series: string, name: string, revision: number): string {
  return formatCharmURL({ schema: 'ch', architecture: arch, series, name, revision });
}

/** True for `local:` URLs. */
export function isLocalCharmURL(url: string): boolean {
  return url.startsWith('local:');
}

/**
 * Whether a deploy argument names a local charm path rather than a store name:
 * it starts with `.` or `/` (Juju asks for `./x` to disambiguate a bare word).
 */
export function isLocalCharmPath(arg: string): boolean {
  return arg.startsWith('.') || arg.startsWith('/');
}
