// Progress display for long jobs: a bar with ETA on a terminal, one plain line per event otherwise.
import type { ProgressEvent } from '../pipeline/generate.js';
import type { CliIo } from './cli-context.js';

export function createProgressPrinter(io: CliIo, quiet: boolean): (e: ProgressEvent) => void {
  const tty = Boolean(io.stderr.isTTY);
  let started = 0;
  let target = 0;
  let accepted = 0;
  let rejected = 0;
  const line = (text: string) => io.stderr.write(`${text}\n`);
  const bar = (robot: string) => {
    const width = 24;
    const done = Math.min(width, Math.round((accepted / Math.max(1, target)) * width));
    const elapsedS = (performance.now() - started) / 1000;
    const etaS = accepted > 0 ? (elapsedS / accepted) * (target - accepted) : Number.NaN;
    const eta = Number.isFinite(etaS) ? `ETA ${Math.ceil(etaS)}s` : 'ETA --';
    io.stderr.write(
      `\r${robot} [${'#'.repeat(done)}${'-'.repeat(width - done)}] ${accepted}/${target} accepted, ${rejected} rejected, ${eta}   `,
    );
  };
  return (e) => {
    if (quiet) return;
    switch (e.type) {
      case 'robot-start':
        started = performance.now();
        target = e.target;
        accepted = 0;
        rejected = 0;
        if (tty) bar(e.robot);
        else line(`${e.robot}: generating ${e.target} episode(s), at most ${e.maxAttempts} attempts`);
        break;
      case 'attempt':
        if (e.accepted) accepted++;
        else rejected++;
        if (tty) bar(e.robot);
        else
          line(
            `${e.robot}: slot ${e.slot} attempt ${e.attempt}: ${e.accepted ? `accepted (${e.frames} frames)` : `rejected: ${e.reason}`}`,
          );
        break;
      case 'robot-failed':
        line(`${e.robot}: skipped: ${e.message}`);
        break;
      case 'robot-done':
        if (tty) io.stderr.write('\n');
        line(`${e.robot}: ${e.accepted} accepted of ${e.attempted} attempted`);
        break;
    }
  };
}
