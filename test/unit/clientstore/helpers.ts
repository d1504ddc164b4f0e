/** Shared fixtures for the client store tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ControllerDetails } from '../../../src/clientstore/index.js';

export const PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUFakeCertificateBody\n-----END CERTIFICATE-----\n';

/** A fresh temp directory; the data dir is `<root>/juju` (not yet created). */
export function tempRoot(): { root: string; dataDir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'clientstore-'));
  return { root, dataDir: join(root, 'juju'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function controller(uuid: string, extra: Partial<ControllerDetails> = {}): ControllerDetails {
  return {
    uuid,
    apiEndpoints: ['10.0.0.2:17070'],
    caCert: PEM,
    cloud: 'local',
    region: 'default',
    type: 'local',
    agentVersion: '3.6.4',
    controllerMachineCount: 1,
    activeControllerMachineCount: 1,
    ...extra,
  };
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const childScript = join(dirname(fileURLToPath(import.meta.url)), 'store-child.js');

/** Start the store child with the given scenario; `onStdout` sees output as it arrives. */
export function startChild(
  args: object,
  onStdout?: (text: string) => void,
): { pid: number; done: Promise<ChildResult> } {
  const child = spawn(process.execPath, [childScript, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
    onStdout?.(stdout);
  });
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  if (child.pid === undefined) throw new Error('child did not start');
  return { pid: child.pid, done };
}

/** Run the store child to completion. */
export function runChild(args: object): Promise<ChildResult> {
  return startChild(args).done;
}

/** The PID of a process that has already exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.on('close', resolve));
  if (pid === undefined) throw new Error('child did not start');
  return pid;
}
