// Checks of meta/info.json and its feature schema, shared by the v3.0 and v2.1 validators (lerobot-format.md §2-§3, §9).

import {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_FEATURES,
  formatTemplate,
  isVisual,
  templatePlaceholders,
  V3_DATA_PATH,
  V3_VIDEO_PATH,
  V21_DATA_PATH,
  V21_VIDEO_PATH,
} from './lerobot-layout.js';
import type { ProblemList } from './validation-report.js';

export const INFO_FILE = 'meta/info.json';

export interface FeatureView {
  name: string;
  dtype: string;
  shape: number[];
  names: unknown;
}

export interface InfoView {
  version: string;
  major: number;
  minor: number;
  /** null when fps is missing or invalid (an error was reported; timestamp checks are skipped). */
  fps: number | null;
  features: FeatureView[];
  totalEpisodes: number;
  totalFrames: number;
  totalTasks: number;
  chunksSize: number;
  /** null when the template is unusable (an error was reported). */
  dataPath: string | null;
  videoPath: string | null;
}

const NUMERIC_DTYPES = new Set([
  'float16',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'bool',
]);
const LANGUAGE_COLUMNS = new Set(['language_persistent', 'language_events']);

const V3_KEYS = new Set([
  'codebase_version',
  'robot_type',
  'total_episodes',
  'total_frames',
  'total_tasks',
  'chunks_size',
  'data_files_size_in_mb',
  'video_files_size_in_mb',
  'fps',
  'splits',
  'data_path',
  'video_path',
  'features',
  'tools',
]);
const V21_KEYS = new Set([
  'codebase_version',
  'robot_type',
  'total_episodes',
  'total_frames',
  'total_tasks',
  'total_videos',
  'total_chunks',
  'chunks_size',
  'fps',
  'splits',
  'data_path',
  'video_path',
  'features',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isNumericDtype(dtype: string): boolean {
  return NUMERIC_DTYPES.has(dtype);
}

function countKey(info: Record<string, unknown>, key: string, p: ProblemList): number {
  const v = info[key];
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    p.error('info-type', INFO_FILE, `"${key}" must be a non-negative integer, got ${JSON.stringify(v)}`);
    return 0;
  }
  return v;
}

function positiveKey(info: Record<string, unknown>, key: string, fallback: number, p: ProblemList): number {
  const v = info[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0)) {
    p.error(
      'info-positive',
      INFO_FILE,
      `"${key}" must be a number > 0 (lerobot's DatasetInfo rejects it), got ${JSON.stringify(v)}`,
    );
    return fallback;
  }
  if (!Number.isInteger(v)) p.warn('info-type', INFO_FILE, `"${key}" should be an integer, got ${v}`);
  return v;
}

/** A template that Python's str.format can fill with exactly the given placeholder names. */
function checkTemplate(
  key: string,
  value: unknown,
  allowed: readonly string[],
  fallback: string,
  p: ProblemList,
): string | null {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    p.error('info-template', INFO_FILE, `"${key}" must be a string template, got ${JSON.stringify(value)}`);
    return null;
  }
  const sample = Object.fromEntries(allowed.map((a) => [a, a === 'video_key' ? 'key' : 0]));
  const r = formatTemplate(value, sample);
  if (!r.ok) {
    p.error(
      'info-template',
      INFO_FILE,
      `"${key}" = "${value}" cannot be formatted by lerobot (${r.reason}); allowed placeholders: ${allowed.join(', ')}`,
    );
    return null;
  }
  const used = new Set(templatePlaceholders(value));
  const missing = allowed.filter((a) => !used.has(a));
  if (missing.length > 0) {
    p.warn(
      'info-template',
      INFO_FILE,
      `"${key}" = "${value}" does not use ${missing.join(', ')}, so different files map to one path`,
    );
  }
  return value;
}

function checkFeature(name: string, raw: unknown, major: number, p: ProblemList): FeatureView | null {
  if (!isObject(raw)) {
    p.error('feature-schema', INFO_FILE, `feature "${name}" must be an object with dtype, shape and names`);
    return null;
  }
  if (name.includes('/'))
    p.error('feature-name', INFO_FILE, `feature name "${name}" contains "/", which lerobot rejects`);
  const dtype = raw.dtype;
  if (typeof dtype !== 'string') {
    p.error('feature-dtype', INFO_FILE, `feature "${name}" has no string dtype`);
    return null;
  }
  const known = NUMERIC_DTYPES.has(dtype) || ['string', 'image', 'video', 'language'].includes(dtype);
  if (!known) {
    p.error(
      'feature-dtype',
      INFO_FILE,
      `feature "${name}" has unknown dtype "${dtype}"; valid: ${[...NUMERIC_DTYPES, 'string', 'image', 'video'].join(', ')}`,
    );
    return null;
  }
  if (dtype === 'language' && (major < 3 || !LANGUAGE_COLUMNS.has(name))) {
    p.error(
      'feature-dtype',
      INFO_FILE,
      `dtype "language" is only valid for ${[...LANGUAGE_COLUMNS].join(' and ')} in v3.0`,
    );
  }
  const shape = raw.shape;
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    p.error(
      'feature-shape',
      INFO_FILE,
      `feature "${name}" has shape ${JSON.stringify(shape)}; it must be a non-empty list of positive integers`,
    );
    return null;
  }
  if (!('names' in raw))
    p.warn('feature-names', INFO_FILE, `feature "${name}" has no "names" key (write null or a list)`);
  const names = raw.names;
  if (isObject(names))
    p.warn('feature-names', INFO_FILE, `feature "${name}" has names as a dict (legacy form)`);
  else if (Array.isArray(names) && names.some((n) => Array.isArray(n)))
    p.warn('feature-names', INFO_FILE, `feature "${name}" has nested names (legacy form)`);
  else if (Array.isArray(names) && !isVisual(dtype) && shape.length === 1 && names.length !== shape[0]) {
    p.warn(
      'feature-names',
      INFO_FILE,
      `feature "${name}" has ${names.length} names for shape ${JSON.stringify(shape)}`,
    );
  } else if (names !== null && names !== undefined && !Array.isArray(names) && !isObject(names)) {
    p.warn('feature-names', INFO_FILE, `feature "${name}" names should be null or a list of strings`);
  }
  if (isVisual(dtype)) {
    if (shape.length !== 3) {
      p.error(
        'feature-shape',
        INFO_FILE,
        `visual feature "${name}" must have a 3-D shape, got ${JSON.stringify(shape)}`,
      );
    } else if (Array.isArray(names) && names[0] === 'channels' && shape[0] === 3) {
      p.warn(
        'feature-shape',
        INFO_FILE,
        `visual feature "${name}" uses the legacy [channels, height, width] layout`,
      );
    } else if (Array.isArray(names) && names[2] !== 'channels' && names[2] !== 'channel') {
      p.warn(
        'feature-shape',
        INFO_FILE,
        `visual feature "${name}" names ${JSON.stringify(names)} do not end in "channels"; policies will not transpose it`,
      );
    }
    if ('video_info' in raw)
      p.warn('feature-legacy', INFO_FILE, `feature "${name}" carries a legacy "video_info" block`);
  }
  return { name, dtype, shape: shape as number[], names };
}

/**
 * Parses info.json into the fields the other checks need. Returns null when the dataset cannot be interpreted
 * at all (not an object, no usable version, no features); every problem is recorded in `p`.
 */
export function checkInfo(text: string, p: ProblemList): InfoView | null {
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch (err) {
    p.error('info-json', INFO_FILE, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  if (!isObject(info)) {
    p.error('info-json', INFO_FILE, 'must hold a JSON object');
    return null;
  }
  for (const key of ['codebase_version', 'fps', 'features']) {
    if (!(key in info))
      p.error('info-required-key', INFO_FILE, `required key "${key}" is missing (lerobot raises TypeError)`);
  }
  const version = info.codebase_version;
  if (version === undefined) return null;
  const m = typeof version === 'string' ? /^v?(\d+)\.(\d+)/.exec(version) : null;
  if (!m) {
    p.error(
      'info-version',
      INFO_FILE,
      `codebase_version ${JSON.stringify(version)} is not a version like "v3.0"`,
    );
    return null;
  }
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major !== 3 && major !== 2) {
    p.error('info-version', INFO_FILE, `codebase_version "${version}" is not supported; valid: v3.0, v2.1`);
    return null;
  }
  let fps: number | null = null;
  if (typeof info.fps !== 'number' || !(info.fps > 0)) {
    if ('fps' in info)
      p.error('info-positive', INFO_FILE, `"fps" must be a number > 0, got ${JSON.stringify(info.fps)}`);
  } else {
    fps = info.fps;
    if (!Number.isInteger(fps))
      p.warn('info-legacy', INFO_FILE, `"fps" is ${fps}, not an integer; lerobot expects int`);
  }
  if (!isObject(info.features)) {
    if ('features' in info) p.error('info-type', INFO_FILE, '"features" must be an object');
    return null;
  }
  const known = major >= 3 ? V3_KEYS : V21_KEYS;
  const unknown = Object.keys(info).filter((k) => !known.has(k));
  if (unknown.length > 0)
    p.warn('info-unknown-key', INFO_FILE, `unknown keys ignored by lerobot: ${unknown.join(', ')}`);
  if (info.robot_type !== undefined && info.robot_type !== null && typeof info.robot_type !== 'string') {
    p.warn('info-type', INFO_FILE, '"robot_type" should be a string or null');
  }
  if (info.splits !== undefined && !isObject(info.splits))
    p.warn('info-type', INFO_FILE, '"splits" should be an object');

  const totalEpisodes = countKey(info, 'total_episodes', p);
  const totalFrames = countKey(info, 'total_frames', p);
  const totalTasks = countKey(info, 'total_tasks', p);
  const chunksSize = positiveKey(info, 'chunks_size', DEFAULT_CHUNK_SIZE, p);
  if (major >= 3) {
    positiveKey(info, 'data_files_size_in_mb', 100, p);
    positiveKey(info, 'video_files_size_in_mb', 200, p);
  }

  const features: FeatureView[] = [];
  for (const [name, raw] of Object.entries(info.features)) {
    const f = checkFeature(name, raw, major, p);
    if (f) features.push(f);
  }
  for (const [name, spec] of DEFAULT_FEATURES) {
    const f = features.find((x) => x.name === name);
    if (!f) {
      p.error('feature-default-missing', INFO_FILE, `default feature "${name}" is missing from features`);
      continue;
    }
    if (f.shape.length !== 1 || f.shape[0] !== 1) {
      p.error(
        'feature-default-type',
        INFO_FILE,
        `default feature "${name}" must have shape [1], got ${JSON.stringify(f.shape)}`,
      );
    }
    if (f.dtype !== spec.dtype) {
      const sev = name === 'timestamp' && f.dtype === 'float64' ? 'warning' : 'error';
      p.add(
        sev,
        'feature-default-type',
        INFO_FILE,
        `default feature "${name}" has dtype ${f.dtype}; lerobot writes ${spec.dtype}`,
      );
    }
  }

  const hasVideo = features.some((f) => f.dtype === 'video');
  const v3 = major >= 3;
  const dataPath = checkTemplate(
    'data_path',
    info.data_path,
    v3 ? ['chunk_index', 'file_index'] : ['episode_chunk', 'episode_index'],
    v3 ? V3_DATA_PATH : V21_DATA_PATH,
    p,
  );
  let videoPath: string | null = null;
  if (info.video_path === null) {
    if (hasVideo) p.error('info-template', INFO_FILE, '"video_path" is null but there are video features');
  } else {
    videoPath = checkTemplate(
      'video_path',
      info.video_path,
      v3 ? ['video_key', 'chunk_index', 'file_index'] : ['episode_chunk', 'video_key', 'episode_index'],
      v3 ? V3_VIDEO_PATH : V21_VIDEO_PATH,
      p,
    );
  }
  return {
    version: String(version),
    major,
    minor,
    fps,
    features,
    totalEpisodes,
    totalFrames,
    totalTasks,
    chunksSize,
    dataPath,
    videoPath,
  };
}
