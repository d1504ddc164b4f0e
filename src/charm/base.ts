/**
 * Operating system bases (`ubuntu@22.04`), the legacy series names that map onto
 * them (`jammy`), and the rule deciding whether a charm may run on a machine's base.
 */
import { notValid } from '../core/errors.js';

/** An OS and channel, as on the wire: `{name: "ubuntu", channel: "22.04"}`. */
export interface Base {
  /** OS name, lowercase: `ubuntu`, `debian`, `centos`. */
  name: string;
  /** `track` for the stable risk (`22.04`), else `track/risk` (`24.04/edge`). */
  channel: string;
}

/** A base a charm declares, optionally restricted to some architectures. */
export interface CharmBase extends Base {
  /** Architectures the charm was built for; empty means any. */
  architectures: string[];
}

/** Operating systems a base may name. `debian` is ours: local-cloud machines run the host's Debian. */
export const BASE_OS_NAMES: readonly string[] = [
  'ubuntu',
  'debian',
  'centos',
  'opensuse',
  'genericlinux',
  'windows',
];

const RISKS = ['stable', 'candidate', 'beta', 'edge'];
const TRACK_RE = /^[a-z0-9][a-z0-9._-]*$/;

/** Ubuntu (and a few Debian/CentOS) series names and the base each one means. */
const SERIES_BASES: Readonly<Record<string, Base>> = {
  precise: { name: 'ubuntu', channel: '12.04' },
  quantal: { name: 'ubuntu', channel: '12.10' },
  raring: { name: 'ubuntu', channel: '13.04' },
  saucy: { name: 'ubuntu', channel: '13.10' },
  trusty: { name: 'ubuntu', channel: '14.04' },
  utopic: { name: 'ubuntu', channel: '14.10' },
  vivid: { name: 'ubuntu', channel: '15.04' },
  wily: { name: 'ubuntu', channel: '15.10' },
  xenial: { name: 'ubuntu', channel: '16.04' },
  yakkety: { name: 'ubuntu', channel: '16.10' },
  zesty: { name: 'ubuntu', channel: '17.04' },
  artful: { name: 'ubuntu', channel: '17.10' },
  bionic: { name: 'ubuntu', channel: '18.04' },
  cosmic: { name: 'ubuntu', channel: '18.10' },
  disco: { name: 'ubuntu', channel: '19.04' },
  eoan: { name: 'ubuntu', channel: '19.10' },
  focal: { name: 'ubuntu', channel: '20.04' },
  groovy: { name: 'ubuntu', channel: '20.10' },
  hirsute: { name: 'ubuntu', channel: '21.04' },
  impish: { name: 'ubuntu', channel: '21.10' },
  jammy: { name: 'ubuntu', channel: '22.04' },
  kinetic: { name: 'ubuntu', channel: '22.10' },
  lunar: { name: 'ubuntu', channel: '23.04' },
  mantic: { name: 'ubuntu', channel: '23.10' },
  noble: { name: 'ubuntu', channel: '24.04' },
  oracular: { name: 'ubuntu', channel: '24.10' },
  plucky: { name: 'ubuntu', channel: '25.04' },
  questing: { name: 'ubuntu', channel: '25.10' },
  bullseye: { name: 'debian', channel: '11' },
  bookworm: { name: 'debian', channel: '12' },
  trixie: { name: 'debian', channel: '13' },
  centos7: { name: 'centos', channel: '7' },
  centos8: { name: 'centos', channel: '8' },
  centos9: { name: 'centos', channel: '9' },
};

/**
 * Parse `ubuntu@22.04`, `ubuntu@22.04/stable` or `ubuntu@24.04/edge`. A stable risk is
 * dropped from the channel so equal bases compare equal.
 * @throws JujuError `not valid`: `invalid base string "x": expected "<os>@<channel>"`, ...
 */
export function parseBase(text: string): Base {
  const bad = (why: string): never => {
    throw notValid(`invalid base string ${JSON.stringify(text)}: ${why}`);
  };
  const at = text.indexOf('@');
  if (at < 0 || at !== text.lastIndexOf('@')) bad('expected "<os>@<channel>"');
  const name = text.slice(0, at).toLowerCase();
  const channel = text.slice(at + 1);
  if (name === '') bad('missing os name');
  if (!BASE_OS_NAMES.includes(name)) bad(`os ${JSON.stringify(name)} not valid`);
  if (channel === '') bad('missing channel');
  return { name, channel: normaliseChannel(channel, bad) };
}

function normaliseChannel(channel: string, bad: (why: string) => never): string {
  const parts = channel.split('/');
  if (parts.length > 3) bad(`channel ${JSON.stringify(channel)} not valid`);
  const [track = '', risk = 'stable', branch] = parts;
  if (!TRACK_RE.test(track)) bad(`channel ${JSON.stringify(channel)} not valid`);
  if (!RISKS.includes(risk)) bad(`risk ${JSON.stringify(risk)} not valid`);
  if (branch !== undefined && branch === '') bad(`channel ${JSON.stringify(channel)} not valid`);
  if (risk === 'stable' && branch === undefined) return track;
  return branch === undefined ? `${track}/${risk}` : `${track}/${risk}/${branch}`;
}

/** True when `text` parses with {@link parseBase}. */
export function isValidBase(text: string): boolean {
  try {
    parseBase(text);
    return true;
  } catch {
    return false;
  }
}

/** `ubuntu@22.04` (the stable risk is implied), `ubuntu@24.04/edge`. */
export function formatBase(base: Base): string {
  return `${base.name}@${base.channel}`;
}

/** `ubuntu@22.04/stable`: the form `juju deploy` prints ("... on ubuntu@22.04/stable"). */
export function formatBaseWithRisk(base: Base): string {
  return base.channel.includes('/') ? formatBase(base) : `${formatBase(base)}/stable`;
}

/** The track of a base's channel (`22.04` for `22.04/edge`). */
export function baseTrack(base: Base): string {
  return base.channel.split('/')[0] ?? base.channel;
}

/** Two bases name the same OS release (risks are ignored). */
export function sameBase(a: Base, b: Base): boolean {
  return a.name === b.name && baseTrack(a) === baseTrack(b);
}

/** `jammy` -> ubuntu@22.04; undefined for an unknown series. */
export function baseFromSeries(series: string): Base | undefined {
  const base = SERIES_BASES[series];
  return base === undefined ? undefined : { ...base };
}

/** ubuntu@22.04 -> `jammy`; undefined when the base has no series name. */
export function seriesFromBase(base: Base): string | undefined {
  for (const [series, b] of Object.entries(SERIES_BASES)) if (sameBase(b, base)) return series;
  return undefined;
}

/** Known series names. */
export function isValidSeries(series: string): boolean {
  return Object.hasOwn(SERIES_BASES, series);
}

/**
 * The distinct bases (OS + channel, architectures dropped) of a loaded charm, in the
 * order the charm lists them; the first one is the default for deploy.
 */
export function charmBases(charm: { readonly bases: readonly CharmBase[] }): Base[] {
  const out: Base[] = [];
  for (const b of charm.bases) {
    if (!out.some((o) => sameBase(o, b))) out.push({ name: b.name, channel: b.channel });
  }
  return out;
}

/** Outcome of {@link baseCompatibility}. */
export type BaseCompatibility = { ok: true; note?: string } | { ok: false; error: string };

/** Options for {@link baseCompatibility}. */
export interface BaseCompatibilityOptions {
  /** `--force`: deploy even when the charm does not declare the machine's base. */
  force?: boolean;
  /** The machine's architecture; checked against bases that list architectures. */
  arch?: string;
}

/**
 * May a charm run on a machine with `machineBase` in a cloud of type `cloudType`?
 *
 * - The charm declares the base (and architecture, when both are known): ok.
 * - Cloud type `local`: machines are network namespaces running the host's OS
 *   (usually Debian), so a charm declaring any Ubuntu base deploys there without
 *   --force; the result carries a note saying so.
 * - Otherwise Juju's rule: the base must be one of the charm's bases unless forced.
 *   A charm that declares no bases at all is accepted on `local` and with --force.
 */
export function baseCompatibility(
  charm: { readonly meta: { readonly name: string }; readonly bases: readonly CharmBase[] },
  machineBase: Base,
  cloudType: string,
  options: BaseCompatibilityOptions = {},
): BaseCompatibility {
  const declared = charmBases(charm);
  const shown = formatBase(machineBase);
  const matching = charm.bases.filter((b) => sameBase(b, machineBase));
  const archOk = (b: CharmBase): boolean =>
    options.arch === undefined || b.architectures.length === 0 || b.architectures.includes(options.arch);
  if (matching.length > 0) {
    if (matching.some(archOk)) return { ok: true };
    const archs = [...new Set(matching.flatMap((b) => b.architectures))].join(', ');
    const error = `charm ${JSON.stringify(charm.meta.name)} does not support architecture ${JSON.stringify(options.arch)} on base ${JSON.stringify(shown)} (supported: ${archs})`;
    return options.force ? { ok: true, note: `${error}; deploying anyway (--force)` } : { ok: false, error };
  }
  const list = declared.map(formatBase).join(', ');
  if (cloudType === 'local') {
    if (declared.length === 0) {
      return {
        ok: true,
        note: `charm ${JSON.stringify(charm.meta.name)} declares no bases; running it on ${shown}`,
      };
    }
    if (declared.some((b) => b.name === 'ubuntu')) {
      return {
        ok: true,
        note: `charm ${JSON.stringify(charm.meta.name)} declares ${list}; local cloud machines run the host's ${shown}`,
      };
    }
  }
  if (declared.length === 0) {
    const error = `charm ${JSON.stringify(charm.meta.name)} does not declare any bases`;
    return options.force
      ? { ok: true, note: `${error}; deploying on ${shown} (--force)` }
      : { ok: false, error };
  }
  const error = `base ${JSON.stringify(shown)} not supported by charm, the charm supported bases are: ${list}`;
  if (options.force) return { ok: true, note: `${error}; deploying anyway (--force)` };
  return { ok: false, error };
}
