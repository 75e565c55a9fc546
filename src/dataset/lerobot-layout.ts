// The LeRobot on-disk conventions shared by writers and the validator: paths, defaults, feature typing rules.

import type { FeatureSpec } from './types.js';

export const CODEBASE_VERSION_V3 = 'v3.0';
export const DEFAULT_CHUNK_SIZE = 1000;
export const DEFAULT_DATA_FILE_SIZE_IN_MB = 100;
export const DEFAULT_VIDEO_FILE_SIZE_IN_MB = 200;

export const V3_DATA_PATH = 'data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet';
export const V3_VIDEO_PATH = 'videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4';
export const V3_EPISODES_PATH = 'meta/episodes/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet';
export const TASKS_PATH = 'meta/tasks.parquet';
export const INFO_PATH = 'meta/info.json';
export const STATS_PATH = 'meta/stats.json';

export const V21_DATA_PATH = 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet';
export const V21_VIDEO_PATH = 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4';

/** The five columns lerobot appends to every dataset (utils/constants.py DEFAULT_FEATURES), in order. */
export const DEFAULT_FEATURES: ReadonlyArray<readonly [string, FeatureSpec]> = [
  ['timestamp', { dtype: 'float32', shape: [1], names: null }],
  ['frame_index', { dtype: 'int64', shape: [1], names: null }],
  ['episode_index', { dtype: 'int64', shape: [1], names: null }],
  ['index', { dtype: 'int64', shape: [1], names: null }],
  ['task_index', { dtype: 'int64', shape: [1], names: null }],
];
export const DEFAULT_FEATURE_NAMES: readonly string[] = DEFAULT_FEATURES.map(([n]) => n);

/** Stat keys in the order lerobot emits them; quantile keys are f"q{int(q*100):02d}". */
export const QUANTILES: ReadonlyArray<readonly [string, number]> = [
  ['q01', 0.01],
  ['q10', 0.1],
  ['q50', 0.5],
  ['q90', 0.9],
  ['q99', 0.99],
];
export const STAT_KEYS = ['min', 'max', 'mean', 'std', 'count', ...QUANTILES.map(([k]) => k)] as const;

/** update_chunk_file_indices: file indices run 0..chunks_size-1 inside a chunk, then the chunk advances. */
export function nextChunkFile(chunkIndex: number, fileIndex: number, chunksSize: number): [number, number] {
  if (fileIndex === chunksSize - 1) return [chunkIndex + 1, 0];
  return [chunkIndex, fileIndex + 1];
}

export type TemplateResult = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Python `str.format` for the subset lerobot templates use: `{name}` and `{name:0Nd}`. Fails (like Python's
 * KeyError) on a placeholder that is not supplied, and on any other format syntax.
 */
export function formatTemplate(
  template: string,
  values: Readonly<Record<string, string | number>>,
): TemplateResult {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i] as string;
    if (ch === '{' && template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    if (ch === '}' && template[i + 1] === '}') {
      out += '}';
      i += 2;
      continue;
    }
    if (ch === '}') return { ok: false, reason: `unmatched '}' at position ${i}` };
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    const close = template.indexOf('}', i);
    if (close < 0) return { ok: false, reason: `unclosed '{' at position ${i}` };
    const inner = template.slice(i + 1, close);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::(0?)(\d*)d)?$/.exec(inner);
    if (!m) return { ok: false, reason: `unsupported placeholder {${inner}}` };
    const name = m[1] as string;
    if (!(name in values)) return { ok: false, reason: `unknown placeholder {${name}}` };
    const v = values[name] as string | number;
    if (m[3] !== undefined && m[3] !== '' && typeof v === 'number') {
      const width = Number(m[3]);
      const s = String(Math.abs(v));
      const padded = m[2] === '0' ? s.padStart(width, '0') : s;
      out += v < 0 ? `-${padded}` : padded.padStart(width, ' ');
    } else if (m[0].includes(':') && typeof v !== 'number') {
      return { ok: false, reason: `placeholder {${inner}} needs a number` };
    } else out += String(v);
    i = close + 1;
  }
  return { ok: true, path: out };
}

/** The placeholder names a template uses, in order of appearance. */
export function templatePlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template
    .replaceAll('{{', '')
    .replaceAll('}}', '')
    .matchAll(/\{([^}:]*)/g))
    names.push(m[1] ?? '');
  return names;
}

export function numElements(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A non-visual feature of shape [1] is a scalar column, not a list of length 1 (get_hf_features_from_features). */
export function isScalarShape(shape: readonly number[]): boolean {
  return shape.length === 1 && shape[0] === 1;
}

export function isVisual(dtype: string): boolean {
  return dtype === 'image' || dtype === 'video';
}
