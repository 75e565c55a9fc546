// Runs the labgen CLI in-process with captured stdout/stderr (the same code path as bin/labgen).
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function labgen(...args: string[]): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const code = await runCli(['node', 'labgen', ...args], { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}
