// Checks of feature statistics (stats.json, episodes_stats.jsonl) against the shape rules lerobot enforces (§5).

import { isVisual } from './lerobot-layout.js';
import type { FeatureView } from './validate-info.js';
import type { ProblemList, Severity } from './validation-report.js';

/**
 * JSON.parse that also takes the NaN / Infinity / -Infinity tokens Python's json module writes, turning them
 * into null so the caller can report them instead of rejecting the whole file.
 */
export function parsePythonJson(text: string): { value: unknown; nonFinite: boolean } {
  try {
    return { value: JSON.parse(text), nonFinite: false };
  } catch (first) {
    let out = '';
    let inString = false;
    let replaced = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (inString) {
        out += ch;
        if (ch === '\\') out += text[++i] ?? '';
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') {
        inString = true;
        out += ch;
        continue;
      }
      const rest = text.slice(i, i + 9);
      const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => rest.startsWith(t));
      if (token) {
        out += 'null';
        i += token.length - 1;
        replaced = true;
        continue;
      }
      out += ch;
    }
    if (!replaced) throw first;
    return { value: JSON.parse(out), nonFinite: true };
  }
}

/** Shape of a nested numeric list (numpy-style), or an explanation of why it is not one. */
function shapeOf(v: unknown): { shape: number[] } | { bad: string } {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return { shape: [] };
  if (!Array.isArray(v)) return { bad: `a ${typeof v}` };
  if (v.length === 0) return { shape: [0] };
  const inner = v.map(shapeOf);
  const firstInner = inner[0] as { shape: number[] } | { bad: string };
  if ('bad' in firstInner) return firstInner;
  for (const s of inner) {
    if ('bad' in s) return s;
    if (s.shape.join(',') !== firstInner.shape.join(',')) return { bad: 'a ragged nested list' };
  }
  return { shape: [v.length, ...firstInner.shape] };
}

function hasNull(v: unknown): boolean {
  return v === null || (Array.isArray(v) && v.some(hasNull));
}

export interface StatsCheckOptions {
  file: string;
  episode?: number;
  /**
   * Severity of shape faults that lerobot only trips over when aggregating (v3: resume, merge) — errors for
   * v2.1, where aggregate_stats runs at every load.
   */
  aggregateSeverity: Severity;
  /** Whether the q01..q99 keys are expected (v3.0 writes them, v2.1 does not). */
  expectQuantiles: boolean;
}

const BASE_KEYS = ['min', 'max', 'mean', 'std', 'count'];
const QUANTILE_KEYS = ['q01', 'q10', 'q50', 'q90', 'q99'];

/** Checks one `{feature: {stat: values}}` object; returns the features it covers. */
export function checkStatsObject(
  stats: unknown,
  features: readonly FeatureView[],
  p: ProblemList,
  o: StatsCheckOptions,
): Set<string> {
  const covered = new Set<string>();
  const where = o.episode === undefined ? '' : ` (episode ${o.episode})`;
  if (typeof stats !== 'object' || stats === null || Array.isArray(stats)) {
    p.error('stats-shape', o.file, `stats must be an object of features${where}`, o.episode);
    return covered;
  }
  const byName = new Map(features.map((f) => [f.name, f]));
  for (const [name, ft] of Object.entries(stats as Record<string, unknown>)) {
    const feature = byName.get(name);
    if (!feature) {
      p.error(
        'stats-unknown-feature',
        o.file,
        `stats for "${name}", which is not in info.features${where}`,
        o.episode,
      );
      continue;
    }
    covered.add(name);
    if (typeof ft !== 'object' || ft === null || Array.isArray(ft)) {
      p.error(
        'stats-shape',
        o.file,
        `stats of "${name}" must be an object of stat arrays${where}`,
        o.episode,
      );
      continue;
    }
    const entries = ft as Record<string, unknown>;
    const expected = [...BASE_KEYS, ...(o.expectQuantiles ? QUANTILE_KEYS : [])];
    const missing = expected.filter((k) => !(k in entries));
    if (missing.length > 0)
      p.warn('stats-missing-key', o.file, `stats of "${name}" lack ${missing.join(', ')}${where}`, o.episode);
    const visual = isVisual(feature.dtype);
    for (const [key, value] of Object.entries(entries)) {
      const s = shapeOf(value);
      const label = `stats "${name}"."${key}"`;
      if ('bad' in s) {
        p.error('stats-value', o.file, `${label} is ${s.bad}, not a numeric array${where}`, o.episode);
        continue;
      }
      if (hasNull(value))
        p.warn('stats-non-finite', o.file, `${label} holds NaN, Infinity or null${where}`, o.episode);
      if (s.shape.length === 0) {
        p.add(
          o.aggregateSeverity,
          'stats-shape',
          o.file,
          `${label} is a bare number; lerobot needs at least a 1-D array${where}`,
          o.episode,
        );
        continue;
      }
      const shape = s.shape.join(',');
      if (key === 'count') {
        if (shape !== '1')
          p.add(
            o.aggregateSeverity,
            'stats-shape',
            o.file,
            `${label} has shape (${shape}); count must be (1)${where}`,
            o.episode,
          );
        continue;
      }
      if (!BASE_KEYS.includes(key) && !/^q\d\d$/.test(key)) continue;
      if (visual || name.includes('image')) {
        if (shape !== '3,1,1' && shape !== '1,1,1') {
          // aggregate_stats checks every feature whose name contains "image"; visual features need it for normalisation.
          p.add(
            visual ? o.aggregateSeverity : 'warning',
            'stats-shape',
            o.file,
            `${label} has shape (${shape}); image stats must be (3,1,1)${where}`,
            o.episode,
          );
        }
        continue;
      }
      if (shape !== feature.shape.join(',')) {
        p.error(
          'stats-shape',
          o.file,
          `${label} has shape (${shape}); feature shape ${JSON.stringify(feature.shape)} needs (${feature.shape.join(',')})${where}`,
          o.episode,
        );
      }
    }
  }
  return covered;
}
