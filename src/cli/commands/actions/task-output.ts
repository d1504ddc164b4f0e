/**
 * How a task is shown: the map `juju run`, `juju exec` and `juju show-task`
 * print per task (`id`, `status`, `unit`/`machine`, `message`, `results`,
 * `log`, `timing`), the `plain` layouts of run/show-task and of exec, and
 * log lines.
 */
import type { ActionResultWire } from '../../../rpc/params/action.js';
import { naturalCompare } from '../status/natural-sort.js';
import { tagIdOf } from './action-api.js';
import {
  formatGoYaml,
  formatTimestamp,
  goClock,
  goSprint,
  goTimeString,
  isZeroTime,
  marshalGoYaml,
} from './go-output.js';

/** A task's output as the commands print it (a Go map). */
export type TaskMap = Record<string, unknown>;

/**
 * The agent's results with `stdout`/`stderr` kept only when non-empty (CRLF
 * made LF) and `return-code` made an int; returns the exit code too (-1 when
 * there is none).
 */
export function convertActionOutput(output: Readonly<Record<string, unknown>> | undefined): {
  values: Record<string, unknown> | undefined;
  code: number;
} {
  if (output === undefined) return { values: undefined, code: -1 };
  const values: Record<string, unknown> = { ...output };
  for (const key of ['stdout', 'stderr']) {
    const text = values[key];
    if (typeof text === 'string' && text.length > 0) values[key] = text.replace(/\r\n/g, '\n');
    else delete values[key];
  }
  let code = -1;
  const rc = values['return-code'];
  const rcText = rc === undefined || rc === null ? '' : goSprint(rc);
  if (rcText !== '') {
    const text = rcText;
    code = /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : 0;
    if (/^[+-]?\d+$/.test(text)) values['return-code'] = code;
  } else {
    delete values['return-code'];
  }
  return { values, code };
}

/** `<time> <message>`: Go's full time for results, `15:04:05` for progress lines. */
export function formatLogMessage(
  message: { timestamp: string; message: string },
  progress: boolean,
  utc: boolean,
): string {
  const time = isZeroTime(message.timestamp)
    ? ''
    : progress
      ? goClock(message.timestamp, utc)
      : goTimeString(message.timestamp, utc);
  return `${time} ${message.message}`;
}

/** The kind and id of a receiver tag (`unit-app-0` -> `unit`, `app/0`). */
export function receiverOf(tag: string): { kind: string; id: string } | undefined {
  if (tag.startsWith('unit-')) {
    const rest = tag.slice('unit-'.length);
    const dash = rest.lastIndexOf('-');
    return dash > 0 ? { kind: 'unit', id: `${rest.slice(0, dash)}/${rest.slice(dash + 1)}` } : undefined;
  }
  if (tag.startsWith('machine-'))
    return { kind: 'machine', id: tag.slice('machine-'.length).replaceAll('-', '/') };
  return undefined;
}

/** `unit app/0`, `machine 0` (names.ReadableString). */
export function readableReceiver(tag: string): string | undefined {
  const r = receiverOf(tag);
  return r === undefined ? undefined : `${r.kind} ${r.id}`;
}

/** Juju's `formatActionResult`: the task map and its exit code (-1 when none). */
export function formatActionResult(
  id: string,
  result: ActionResultWire,
  utc: boolean,
): { map: TaskMap; code: number } {
  const map: TaskMap = { id, status: result.status ?? '' };
  if (result.error) map['error'] = result.error.message;
  if (result.action) {
    const receiver = receiverOf(result.action.receiver);
    if (receiver !== undefined) map[receiver.kind] = receiver.id;
  }
  if (result.message) map['message'] = result.message;
  const { values, code } = convertActionOutput(result.output);
  if (result.output !== undefined && Object.keys(result.output).length > 0) map['results'] = values;
  if (result.log && result.log.length > 0)
    map['log'] = result.log.map((m) => formatLogMessage(m, false, utc));
  if (isZeroTime(result.enqueued) && isZeroTime(result.started) && isZeroTime(result.completed)) {
    return { map, code };
  }
  const timing: Record<string, string> = {};
  for (const [key, value] of [
    ['enqueued', result.enqueued],
    ['started', result.started],
    ['completed', result.completed],
  ] as const) {
    const text = formatTimestamp(value, utc);
    if (text !== '') timing[key] = text;
  }
  map['timing'] = timing;
  return { map, code };
}

const FILTERED_OUTPUT_KEYS = new Set([
  'return-code',
  'stdout',
  'stderr',
  'stdout-encoding',
  'stderr-encoding',
]);

const trimNewlines = (s: string): string => s.replace(/^\n+|\n+$/g, '');

/**
 * The `plain` layout of `juju run` and `juju show-task`: for one task, a
 * failure line when it failed, the charm's results as YAML (or `Task 2
 * completed` when there are none) and a newline, then its stdout and stderr;
 * for several, a YAML map `{receiver: {id, message?, output, status}}`.
 */
export function printPlainOutput(info: Readonly<Record<string, unknown>>): string {
  const actionInfo: Record<string, Record<string, unknown>> = {};
  let stdout = '';
  let stderr = '';
  for (const [key, raw] of Object.entries(info)) {
    const meta = (raw ?? {}) as Record<string, unknown>;
    const data = meta['results'];
    let output = '';
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const copy: Record<string, unknown> = {};
      for (const [k0, v] of Object.entries(data as Record<string, unknown>)) {
        const k = k0.toLowerCase();
        if (k === 'stdout' && v !== '') stdout = goSprint(v);
        if (k === 'stderr' && v !== '') stderr = goSprint(v);
        if (!FILTERED_OUTPUT_KEYS.has(k)) copy[k] = v;
      }
      if (Object.keys(copy).length > 0) output = marshalGoYaml(copy);
    } else {
      const status = typeof meta['status'] === 'string' ? meta['status'] : 'has unknown status';
      output = `Task ${goSprint(meta['id'])} ${status}\n`;
    }
    const entry: Record<string, unknown> = { id: meta['id'], output, status: meta['status'] };
    if (meta['message'] !== undefined) entry['message'] = meta['message'];
    actionInfo[key] = entry;
  }
  const entries = Object.values(actionInfo);
  if (entries.length > 1) return formatGoYaml(actionInfo);
  let text = '';
  for (const entry of entries) {
    if (entry['status'] === 'failed') {
      text += `Action id ${goSprint(entry['id'])} failed: ${goSprint(entry['message'])}\n`;
    }
    text += `${goSprint(entry['output'])}\n`;
  }
  if (stdout !== '') text += `${trimNewlines(stdout)}\n`;
  if (stderr !== '') text += `${trimNewlines(stderr)}\n`;
  return text;
}

const forceNewline = (s: string): string => (s.length > 0 && !s.endsWith('\n') ? `${s}\n` : s);

/**
 * The `plain` layout of `juju exec`: each target's stdout then stderr; with
 * several targets each is headed `name:` and followed by a blank line.
 */
export function printExecOutput(info: Readonly<Record<string, unknown>>): string {
  const outputs = new Map<string, string>();
  const names = Object.keys(info);
  for (const name of names) {
    const meta = (info[name] ?? {}) as Record<string, unknown>;
    const data = meta['results'];
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const results = data as Record<string, unknown>;
      let text = outputs.get(name) ?? '';
      if (typeof results['stdout'] === 'string') text += forceNewline(results['stdout']);
      if (typeof results['stderr'] === 'string') text += forceNewline(results['stderr']);
      outputs.set(name, text);
    }
  }
  let text = '';
  for (const name of [...names].sort(naturalCompare)) {
    if (outputs.size > 1) text += `${name}:\n`;
    text += outputs.get(name) ?? '';
    if (outputs.size > 1) text += '\n';
  }
  return text;
}

/** The receiver id a task is reported under (`app/0`, `0`), or the receiver text. */
export function receiverId(receiver: string): string {
  return receiverOf(receiver)?.id ?? receiver;
}

/** `2` from `action-2`. */
export const taskIdOf = tagIdOf;
