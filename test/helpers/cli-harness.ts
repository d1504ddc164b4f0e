/** Runs the real `juju` super-command in-process with captured streams. */
import { PassThrough } from 'node:stream';
import { Context } from '../../src/cli/framework/context.js';
import { buildJuju } from '../../src/cli/juju.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runJuju(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliResult> {
  const input = new PassThrough();
  input.end(stdin);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const ctx = new Context(
    { stdin: input, stdout: out, stderr: err },
    { PATH: process.env.PATH, ...env },
    process.cwd(),
  );
  const code = await buildJuju().run(args, ctx);
  return { code, stdout, stderr };
}
