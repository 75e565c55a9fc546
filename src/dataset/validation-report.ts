// The validator's findings: problems with severity, rule id, file, episode; plus a summary of the dataset.

export type Severity = 'error' | 'warning';

export interface ValidationProblem {
  severity: Severity;
  /** Stable kebab-case id of the check, e.g. `data-timestamp` or `video-missing`. */
  rule: string;
  /** Path relative to the dataset root (a directory when the problem concerns a set of files). */
  file: string;
  episode?: number;
  message: string;
}

export interface ValidationSummary {
  version: string | null;
  episodes: number | null;
  frames: number | null;
  tasks: number | null;
  features: string[];
  errors: number;
  warnings: number;
  /** Whether mp4 streams were probed (ffprobe on PATH) or only checked for existence. */
  videoProbe: 'ffprobe' | 'existence-only' | 'no-videos';
}

export interface ValidationReport {
  dir: string;
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  problems: ValidationProblem[];
  summary: ValidationSummary;
}

/** Collects problems; a per-rule cap keeps one systematic fault from burying everything else. */
export class ProblemList {
  readonly problems: ValidationProblem[] = [];
  private readonly perRule = new Map<string, number>();
  private readonly suppressed = new Map<string, { severity: Severity; file: string; count: number }>();

  constructor(private readonly maxPerRule = 50) {}

  add(severity: Severity, rule: string, file: string, message: string, episode?: number): void {
    const n = (this.perRule.get(rule) ?? 0) + 1;
    this.perRule.set(rule, n);
    if (n > this.maxPerRule) {
      const s = this.suppressed.get(rule) ?? { severity, file, count: 0 };
      s.count++;
      if (severity === 'error') s.severity = 'error';
      this.suppressed.set(rule, s);
      return;
    }
    const p: ValidationProblem = { severity, rule, file, message };
    if (episode !== undefined) p.episode = episode;
    this.problems.push(p);
  }

  error(rule: string, file: string, message: string, episode?: number): void {
    this.add('error', rule, file, message, episode);
  }

  warn(rule: string, file: string, message: string, episode?: number): void {
    this.add('warning', rule, file, message, episode);
  }

  errorCount(): number {
    return (
      this.problems.filter((p) => p.severity === 'error').length +
      [...this.suppressed.values()].filter((s) => s.severity === 'error').reduce((a, s) => a + s.count, 0)
    );
  }

  /** Problems plus one summary line per rule that hit the cap. */
  finish(): ValidationProblem[] {
    const out = [...this.problems];
    for (const [rule, s] of this.suppressed) {
      out.push({
        severity: s.severity,
        rule,
        file: s.file,
        message: `${s.count} more "${rule}" problems not listed`,
      });
    }
    return out;
  }
}
