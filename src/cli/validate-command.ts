// `labgen validate DIR`: check any LeRobot dataset (ours or not) against the rules lerobot relies on.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { validateDataset } from '../dataset/validate.js';
import type { ValidationReport } from '../dataset/validation-report.js';
import { UserInputError } from '../errors.js';
import { type CliContext, printJson } from './cli-context.js';

export function validateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('Validate a LeRobot dataset directory (v3.0; v2.1 layout checks too), ours or not')
    .argument('<dir>', 'dataset root (the folder holding meta/ and data/), e.g. out/quickstart/franka-panda')
    .option('--json', 'print the full report as JSON')
    .addHelpText(
      'after',
      `
Exit code 0 when no rule is broken (warnings allowed), 1 when the dataset has errors (each names the
file, the episode and the rule), 2 when DIR does not exist.

Example:
  labgen validate out/quickstart/franka-panda`,
    )
    .action(async (dir: string, flags: { json?: boolean }) => {
      const root = resolve(dir);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        throw new UserInputError('no-such-dataset', `${dir}: no such directory`, { file: dir });
      }
      const report: ValidationReport = await validateDataset(root);
      if (flags.json) printJson(ctx.io, report);
      else {
        const s = report.summary;
        ctx.io.stdout.write(
          `${dir}: LeRobot ${s.version ?? '?'}, ${s.episodes ?? '?'} episodes, ${s.frames ?? '?'} frames, ${s.errors} error(s), ${s.warnings} warning(s)\n`,
        );
        for (const p of report.problems) {
          const ep = p.episode !== undefined ? ` episode ${p.episode}` : '';
          ctx.io.stdout.write(`  ${p.severity} [${p.rule}] ${p.file}${ep}: ${p.message}\n`);
        }
      }
      if (!report.ok) ctx.exitCode = 1;
    });
}
