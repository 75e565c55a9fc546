// validateDataset: checks any LeRobot v3.0 / v2.1 dataset directory and reports problems; never throws on bad data.

import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserInputError } from '../errors.js';
import { INFO_PATH } from './lerobot-layout.js';
import { checkInfo, type InfoView } from './validate-info.js';
import { V3Validator } from './validate-v3.js';
import { V21Validator } from './validate-v21.js';
import { ProblemList, type ValidationReport, type ValidationSummary } from './validation-report.js';

export type { ValidationProblem, ValidationReport, ValidationSummary } from './validation-report.js';

/**
 * Validates the dataset at `dir` against what lerobot checks on load plus the consistency rules it assumes
 * (lerobot-format.md §7). Unreadable, truncated or inconsistent files become error entries naming the file,
 * the episode where known, and the rule. Throws only UserInputError, when `dir` is not an existing directory.
 */
export async function validateDataset(dir: string): Promise<ValidationReport> {
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new UserInputError(
      'DATASET_NOT_FOUND',
      `${dir} is not an existing directory; pass the root of a LeRobot dataset`,
      {
        file: dir,
      },
    );
  }
  const p = new ProblemList();
  let info: InfoView | null = null;
  let videoProbe: ValidationSummary['videoProbe'] = 'no-videos';
  try {
    let text: string | null = null;
    try {
      text = await readFile(resolve(root, INFO_PATH), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      p.error(
        'info-missing',
        INFO_PATH,
        code === 'ENOENT' ? 'missing: this is not a finished LeRobot dataset' : `cannot read: ${String(err)}`,
      );
    }
    if (text !== null) info = checkInfo(text, p);
    if (info !== null) {
      if (info.major >= 3) {
        if (info.minor > 0)
          p.warn(
            'info-version',
            INFO_PATH,
            `codebase_version ${info.version} is newer than v3.0; checked as v3.0`,
          );
        ({ videoProbe } = await new V3Validator(root, info, p).run());
      } else {
        ({ videoProbe } = await new V21Validator(root, info, p).run());
      }
    }
  } catch (err) {
    // A bug in a check must not hide the report gathered so far, nor crash the CLI.
    p.error(
      'internal',
      '.',
      `validation stopped early on an unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  }
  const problems = p.finish();
  const errors = problems.filter((x) => x.severity === 'error').length;
  return {
    dir: root,
    ok: errors === 0,
    problems,
    summary: {
      version: info?.version ?? null,
      episodes: info?.totalEpisodes ?? null,
      frames: info?.totalFrames ?? null,
      tasks: info?.totalTasks ?? null,
      features: info?.features.map((f) => f.name) ?? [],
      errors,
      warnings: problems.length - errors,
      videoProbe,
    },
  };
}
