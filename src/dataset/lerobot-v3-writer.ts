// Streams accepted episodes to disk as a LeRobot v3.0 dataset laid out exactly as lerobot's own recorder does.

import { existsSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Data } from 'apache-arrow';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { UserInputError } from '../errors.js';
import {
  fixedSizeListData,
  imageStructData,
  type NamedColumn,
  type NumericArray,
  type NumericDtype,
  primitiveData,
  recordBatch,
  listData,
  regularListData,
  utf8Data,
} from './arrow-build.js';
import { DatasetWriteError } from './dataset-errors.js';
import {
  aggregateFeatureStats,
  computeImageStats,
  computeVectorStats,
  type FeatureStats,
  type MinMaxKind,
} from './episode-stats.js';
import {
  CODEBASE_VERSION_V3,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_DATA_FILE_SIZE_IN_MB,
  DEFAULT_FEATURE_NAMES,
  DEFAULT_FEATURES,
  DEFAULT_VIDEO_FILE_SIZE_IN_MB,
  formatTemplate,
  INFO_PATH,
  isScalarShape,
  nextChunkFile,
  QUANTILES,
  STATS_PATH,
  TASKS_PATH,
  V3_DATA_PATH,
  V3_EPISODES_PATH,
} from './lerobot-layout.js';
import { encodeParquet, ParquetFileWriter, writeParquetFile } from './parquet-file-writer.js';
import { PyFloat, type PyJson, pythonJsonDumps } from './python-json.js';
import type { EpisodeColumns, FeatureMap, FeatureSpec } from './types.js';

export interface LeRobotV3WriterOptions {
  /** Dataset root; must not already hold a dataset (`meta/` or `data/`). */
  root: string;
  /** Frames per second, a positive integer (info.fps). */
  fps: number;
  robotType: string | null;
  /** User features in column order; `video` features are not supported by this writer. */
  features: FeatureMap;
  /** Written to meta/labgen/run.json (labgen's sidecar, ignored by lerobot). */
  labgenMeta?: Record<string, unknown>;
  /** More sidecars: each entry is written to meta/labgen/<name>.json (e.g. `cameras`). */
  labgenSidecars?: Record<string, unknown>;
  /** Soft size limit of one data file (info.data_files_size_in_mb). Default 100. */
  dataFilesSizeInMb?: number;
  /** Files per chunk directory (info.chunks_size). Default 1000. */
  chunksSize?: number;
  /**
   * zlib level of the PNG frames, 0-9. Default 3. Measured on 224x224 frames (sharp 0.35, zlib-ng): level 3
   * with adaptive filtering encodes ~10% slower than level 6 without it and gives ~45% smaller frames (3-5x
   * smaller on smooth renders); level 6 with adaptive filtering is ~2x slower for 5% less.
   */
  pngCompressionLevel?: number;
  /**
   * libpng's per-row filter choice. Default true. It is a deterministic heuristic (same pixels, same bytes),
   * not a source of randomness; false is the fastest setting but makes frames about twice as large.
   */
  pngAdaptiveFiltering?: boolean;
  /** PNG encodes in flight at once (sharp runs them on libuv's thread pool). Default: CPU count, at least 2. */
  encodeConcurrency?: number;
}

export interface LeRobotV3WriteSummary {
  totalEpisodes: number;
  totalFrames: number;
  /** Every file written, relative to root, sorted. */
  files: string[];
}

export interface LeRobotV3Writer {
  /** Encodes and appends one episode; calls are queued, so episodes keep call order even if not awaited. */
  addEpisode(ep: EpisodeColumns): Promise<void>;
  /** Closes the data file, writes tasks, episodes, stats, the labgen sidecars, and meta/info.json last. */
  finalize(): Promise<LeRobotV3WriteSummary>;
  /** Stops writing and deletes unfinished (`.partial`) files; the directory is left without info.json. */
  abort(): Promise<void>;
  /**
   * Wall time (ms) from the start of each episode's PNG encodes until all of them settled, summed over
   * episodes (image stats are computed on the main thread meanwhile). For the benchmark's time split.
   */
  readonly encodeWallMs: number;
}

type ColumnKind = 'scalar' | 'vector' | 'image' | 'string';

interface ColumnPlan {
  name: string;
  spec: FeatureSpec;
  kind: ColumnKind;
  /** Elements per frame. */
  dim: number;
}

interface EpisodeRecord {
  index: number;
  /** The episode's tasks in order of first use: the protocol, then each step's text its frames carry. */
  tasks: string[];
  length: number;
  chunkIndex: number;
  fileIndex: number;
  from: number;
  to: number;
  stats: Map<string, FeatureStats>;
}

const MB = 1024 * 1024;

function taskListOffsets(eps: readonly EpisodeRecord[]): Int32Array {
  const offsets = new Int32Array(eps.length + 1);
  eps.forEach((e, i) => {
    offsets[i + 1] = (offsets[i] as number) + e.tasks.length;
  });
  return offsets;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function fail(message: string, feature?: string): never {
  throw new DatasetWriteError('INVALID_FEATURES', message, feature === undefined ? {} : { feature });
}

function checkFeatures(features: FeatureMap): ColumnPlan[] {
  const plans: ColumnPlan[] = [];
  for (const [name, spec] of Object.entries(features)) {
    if (name.length === 0 || name.includes('/'))
      fail(`feature name "${name}" must be non-empty and contain no "/"`, name);
    if (DEFAULT_FEATURE_NAMES.includes(name)) {
      fail(`feature "${name}" is one of lerobot's default features; the writer adds it itself`, name);
    }
    const shape = spec.shape;
    if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
      fail(
        `feature "${name}" has shape ${JSON.stringify(shape)}; dimensions must be positive integers`,
        name,
      );
    }
    if (
      spec.names !== null &&
      !(Array.isArray(spec.names) && spec.names.every((n) => typeof n === 'string'))
    ) {
      fail(`feature "${name}": names must be null or a list of strings`, name);
    }
    switch (spec.dtype) {
      case 'video':
        throw new DatasetWriteError(
          'UNSUPPORTED_FEATURE',
          `feature "${name}" is a video; this writer stores images in Parquet (dtype "image"), not mp4`,
          { feature: name },
        );
      case 'image':
        if (shape.length !== 3 || shape[2] !== 3) {
          fail(
            `image feature "${name}" must have shape [height, width, 3], got ${JSON.stringify(shape)}`,
            name,
          );
        }
        plans.push({ name, spec, kind: 'image', dim: 1 });
        break;
      case 'string':
        if (!isScalarShape(shape)) fail(`string feature "${name}" must have shape [1]`, name);
        plans.push({ name, spec, kind: 'string', dim: 1 });
        break;
      case 'float32':
      case 'float64':
      case 'int64':
      case 'int32':
      case 'bool': {
        // Multi-dimensional features would need Array2D..5D extension types, which lerobot datasets avoid.
        if (shape.length !== 1)
          fail(`feature "${name}" must be one-dimensional, got shape ${JSON.stringify(shape)}`, name);
        const dim = shape[0] as number;
        if (spec.names !== null && spec.names.length !== dim) {
          fail(`feature "${name}" has ${spec.names.length} names for ${dim} elements`, name);
        }
        plans.push({ name, spec, kind: dim === 1 ? 'scalar' : 'vector', dim });
        break;
      }
      default:
        fail(`feature "${name}" has unknown dtype "${String(spec.dtype)}"`, name);
    }
  }
  return plans;
}

/** The `huggingface` schema metadata: HF `Features` for every data column (Value / List(length) / Image). */
function hfFeaturesJson(plans: readonly ColumnPlan[]): string {
  const features: Record<string, PyJson> = {};
  for (const p of plans) {
    if (p.kind === 'image') features[p.name] = { _type: 'Image' };
    else if (p.kind === 'vector') {
      features[p.name] = { feature: { dtype: p.spec.dtype, _type: 'Value' }, length: p.dim, _type: 'List' };
    } else features[p.name] = { dtype: p.spec.dtype, _type: 'Value' };
  }
  return pythonJsonDumps({ info: { features } });
}

/** pandas metadata of a DataFrame indexed by task string with one int64 column (what pd.to_parquet stores). */
const TASKS_PANDAS_JSON = pythonJsonDumps({
  index_columns: ['task'],
  column_indexes: [
    {
      name: null,
      field_name: null,
      pandas_type: 'unicode',
      numpy_type: 'object',
      metadata: { encoding: 'UTF-8' },
    },
  ],
  columns: [
    {
      name: 'task_index',
      field_name: 'task_index',
      pandas_type: 'int64',
      numpy_type: 'int64',
      metadata: null,
    },
    { name: 'task', field_name: 'task', pandas_type: 'unicode', numpy_type: 'object', metadata: null },
  ],
  attributes: {},
  creator: { library: 'pyarrow', version: '22.0.0' },
  pandas_version: '2.3.3',
});

function minMaxKind(dtype: FeatureSpec['dtype']): MinMaxKind {
  if (dtype === 'int64' || dtype === 'int32') return 'int';
  if (dtype === 'bool') return 'bool';
  return 'float';
}

/** Converts a recorder column to the typed array the feature's dtype stores, checking length and finiteness. */
function canonicalNumeric(
  plan: ColumnPlan,
  values: EpisodeColumns['numeric'][string] | undefined,
  length: number,
  episode: number,
): NumericArray {
  const where = { episode, feature: plan.name };
  if (values === undefined) {
    throw new DatasetWriteError('INVALID_EPISODE', `episode ${episode} lacks feature "${plan.name}"`, where);
  }
  const expected = length * plan.dim;
  if (values.length !== expected) {
    throw new DatasetWriteError(
      'INVALID_EPISODE',
      `episode ${episode} feature "${plan.name}" has ${values.length} values, expected ${length} frames x ${plan.dim} = ${expected}`,
      where,
    );
  }
  const dtype = plan.spec.dtype;
  const mismatch = (): never => {
    throw new DatasetWriteError(
      'INVALID_EPISODE',
      `episode ${episode} feature "${plan.name}" (${dtype}) was given a ${values.constructor.name}`,
      where,
    );
  };
  let out: NumericArray;
  if (dtype === 'float32' || dtype === 'float64') {
    if (!(values instanceof Float32Array || values instanceof Float64Array)) return mismatch();
    out =
      dtype === 'float32'
        ? values instanceof Float32Array
          ? values
          : Float32Array.from(values)
        : values instanceof Float64Array
          ? values
          : Float64Array.from(values);
    for (let i = 0; i < out.length; i++) {
      if (!Number.isFinite(out[i])) {
        throw new DatasetWriteError(
          'NON_FINITE_VALUE',
          `episode ${episode} feature "${plan.name}" has a non-finite value at frame ${Math.floor(i / plan.dim)}`,
          where,
        );
      }
    }
  } else if (dtype === 'int64') {
    if (values instanceof BigInt64Array) out = values;
    else if (values instanceof Int32Array) out = BigInt64Array.from(values, (v) => BigInt(v));
    else return mismatch();
  } else if (dtype === 'int32') {
    if (!(values instanceof Int32Array)) return mismatch();
    out = values;
  } else {
    if (!(values instanceof Uint8Array)) return mismatch();
    out = values;
  }
  return out;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) =>
      typeof v === 'bigint' ? Number(v) : v,
    );
  }
  return value;
}

function statsToPy(s: FeatureStats): Record<string, PyJson> {
  const vals = (arr: number[], asInt: boolean): PyJson =>
    s.image ? arr.map((v) => [[new PyFloat(v)]]) : arr.map((v) => (asInt ? v : new PyFloat(v)));
  const mm = (arr: number[]): PyJson =>
    s.minMaxKind === 'bool' ? arr.map((v) => v !== 0) : vals(arr, s.minMaxKind === 'int');
  const out: Record<string, PyJson> = {
    min: mm(s.min),
    max: mm(s.max),
    mean: vals(s.mean, false),
    std: vals(s.std, false),
    count: [s.count],
  };
  for (const [k] of QUANTILES) out[k] = vals(s.quantiles[k] ?? [], false);
  return out;
}

class LeRobotV3WriterImpl implements LeRobotV3Writer {
  encodeWallMs = 0;
  private readonly plans: ColumnPlan[];
  private readonly hfJson: string;
  private readonly dataLimitBytes: number;
  private readonly chunksSize: number;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly pngLevel: number;
  private readonly pngAdaptive: boolean;
  private readonly episodes: EpisodeRecord[] = [];
  private readonly tasks = new Map<string, number>();
  private readonly files = new Set<string>();
  private data: ParquetFileWriter | null = null;
  private dataChunk = 0;
  private dataFile = 0;
  private totalFrames = 0;
  private labgenLines: FileHandle | null = null;
  private queue: Promise<void> = Promise.resolve();
  private state: 'open' | 'finalized' | 'broken' = 'open';
  private started = false;

  constructor(private readonly opts: LeRobotV3WriterOptions) {
    if (!Number.isInteger(opts.fps) || opts.fps <= 0) {
      throw new DatasetWriteError(
        'INVALID_OPTIONS',
        `fps must be a positive integer (info.fps), got ${opts.fps}`,
      );
    }
    this.plans = checkFeatures(opts.features);
    this.hfJson = hfFeaturesJson([
      ...this.plans,
      ...DEFAULT_FEATURES.map(([name, spec]) => ({ name, spec, kind: 'scalar' as const, dim: 1 })),
    ]);
    const mb = opts.dataFilesSizeInMb ?? DEFAULT_DATA_FILE_SIZE_IN_MB;
    const chunks = opts.chunksSize ?? DEFAULT_CHUNK_SIZE;
    if (!(mb > 0) || !Number.isInteger(chunks) || chunks <= 0) {
      throw new DatasetWriteError('INVALID_OPTIONS', 'dataFilesSizeInMb and chunksSize must be positive');
    }
    this.dataLimitBytes = mb * MB;
    this.chunksSize = chunks;
    this.pngLevel = opts.pngCompressionLevel ?? 3;
    this.pngAdaptive = opts.pngAdaptiveFiltering ?? true;
    if (!Number.isInteger(this.pngLevel) || this.pngLevel < 0 || this.pngLevel > 9) {
      throw new DatasetWriteError(
        'INVALID_OPTIONS',
        `pngCompressionLevel must be an integer 0-9, got ${this.pngLevel}`,
      );
    }
    this.limit = pLimit(Math.max(1, opts.encodeConcurrency ?? Math.max(2, availableParallelism())));
  }

  addEpisode(ep: EpisodeColumns): Promise<void> {
    const run = this.queue.then(() => this.writeEpisode(ep));
    // A rejected episode must not block the ones queued after it; the caller still sees its own rejection.
    this.queue = run.catch(() => undefined);
    return run;
  }

  finalize(): Promise<LeRobotV3WriteSummary> {
    const run = this.queue.then(() => this.finish());
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async abort(): Promise<void> {
    await this.queue;
    await this.discard();
  }

  /** Cleanup without waiting for the queue: finish() runs inside the queue, so it must not wait on it. */
  private async discard(): Promise<void> {
    this.state = 'broken';
    await this.data?.abort();
    this.data = null;
    if (this.labgenLines) {
      await this.labgenLines.close().catch(() => undefined);
      this.labgenLines = null;
      await rm(this.path('meta/labgen/episodes.jsonl.partial'), { force: true });
    }
  }

  private path(rel: string): string {
    return join(this.opts.root, rel);
  }

  private assertOpen(): void {
    if (this.state === 'finalized')
      throw new DatasetWriteError('WRITER_CLOSED', 'the dataset was already finalized');
    if (this.state === 'broken') {
      throw new DatasetWriteError(
        'WRITER_CLOSED',
        'an earlier write failed or abort() was called; the dataset is incomplete',
      );
    }
  }

  private async start(): Promise<void> {
    if (this.started) return;
    const root = this.opts.root;
    if (existsSync(join(root, 'meta')) || existsSync(join(root, 'data'))) {
      throw new UserInputError(
        'OUTPUT_EXISTS',
        `${root} already holds a dataset (meta/ or data/ exists); choose an empty directory`,
        {
          file: root,
        },
      );
    }
    await mkdir(this.path('meta/labgen'), { recursive: true });
    this.labgenLines = await open(this.path('meta/labgen/episodes.jsonl.partial'), 'w');
    this.started = true;
  }

  private async writeEpisode(ep: EpisodeColumns): Promise<void> {
    this.assertOpen();
    const episode = this.episodes.length;
    const length = ep.length;
    if (!Number.isInteger(length) || length < 1) {
      throw new DatasetWriteError(
        'INVALID_EPISODE',
        `episode ${episode} has length ${length}; it must be a positive integer`,
        {
          episode,
        },
      );
    }
    if (typeof ep.task !== 'string' || ep.task.length === 0) {
      throw new DatasetWriteError('INVALID_EPISODE', `episode ${episode} has no task text`, { episode });
    }
    if (
      ep.frameTasks !== undefined &&
      (ep.frameTasks.length !== ep.length ||
        ep.frameTasks.some((t) => typeof t !== 'string' || t.length === 0))
    ) {
      throw new DatasetWriteError(
        'INVALID_EPISODE',
        `episode ${episode}: frameTasks must hold one non-empty task text per frame (${ep.length})`,
        { episode },
      );
    }
    const known = new Set(this.plans.map((p) => p.name));
    for (const key of [
      ...Object.keys(ep.numeric),
      ...Object.keys(ep.images),
      ...Object.keys(ep.strings ?? {}),
    ]) {
      if (!known.has(key)) {
        throw new DatasetWriteError(
          'INVALID_EPISODE',
          `episode ${episode} has column "${key}", which is not a declared feature`,
          {
            episode,
            feature: key,
          },
        );
      }
    }
    // Validate and convert everything before the first byte is written, so a bad episode leaves no trace.
    const numeric = new Map<string, NumericArray>();
    for (const p of this.plans) {
      if (p.kind === 'scalar' || p.kind === 'vector')
        numeric.set(p.name, canonicalNumeric(p, ep.numeric[p.name], length, episode));
      if (p.kind === 'image') this.checkFrames(p, ep.images[p.name], length, episode);
      if (p.kind === 'string') {
        const s = ep.strings?.[p.name];
        if (!s || s.length !== length || !s.every((v) => typeof v === 'string')) {
          throw new DatasetWriteError(
            'INVALID_EPISODE',
            `episode ${episode} feature "${p.name}" needs ${length} strings`,
            {
              episode,
              feature: p.name,
            },
          );
        }
      }
    }
    await this.start();
    try {
      await this.writeValidEpisode(ep, episode, numeric);
    } catch (err) {
      this.state = 'broken';
      throw err;
    }
  }

  private checkFrames(
    p: ColumnPlan,
    frames: Uint8Array[] | undefined,
    length: number,
    episode: number,
  ): void {
    const [h, w] = p.spec.shape as [number, number, number];
    const where = { episode, feature: p.name };
    if (!frames || frames.length !== length) {
      throw new DatasetWriteError(
        'INVALID_EPISODE',
        `episode ${episode} image "${p.name}" needs ${length} frames, got ${frames?.length ?? 0}`,
        where,
      );
    }
    for (const [i, f] of frames.entries()) {
      if (!(f instanceof Uint8Array) || f.length !== h * w * 3) {
        throw new DatasetWriteError(
          'INVALID_EPISODE',
          `episode ${episode} image "${p.name}" frame ${i} has ${f?.length} bytes, expected ${h}x${w}x3 = ${h * w * 3}`,
          where,
        );
      }
    }
  }

  private async encodePngs(p: ColumnPlan, frames: readonly Uint8Array[]): Promise<Buffer[]> {
    const [height, width] = p.spec.shape as [number, number, number];
    return Promise.all(
      frames.map((f) =>
        this.limit(() =>
          sharp(f, { raw: { width, height, channels: 3 } })
            // Fixed filter choice and level: the bytes depend only on the pixels.
            .png({ compressionLevel: this.pngLevel, adaptiveFiltering: this.pngAdaptive, palette: false })
            .toBuffer(),
        ),
      ),
    );
  }

  private async writeValidEpisode(
    ep: EpisodeColumns,
    episode: number,
    numeric: Map<string, NumericArray>,
  ): Promise<void> {
    const length = ep.length;
    // The episode's task (the whole protocol) first, then each frame's step text, in order of first use: a
    // LeRobot loader then yields the current step's language per frame through task_index.
    const episodeTasks = [ep.task];
    for (const t of ep.frameTasks ?? []) if (!episodeTasks.includes(t)) episodeTasks.push(t);
    const newTasks = new Map(this.tasks);
    for (const t of episodeTasks) if (!newTasks.has(t)) newTasks.set(t, newTasks.size);
    const taskOf = (i: number): number => newTasks.get(ep.frameTasks?.[i] ?? ep.task) as number;
    const from = this.totalFrames;
    const fps = this.opts.fps;

    // Start every PNG encode first: sharp works on the thread pool while stats are computed here.
    const pngJobs = new Map<string, Promise<Buffer[]>>();
    const encodeStart = performance.now();
    for (const p of this.plans) {
      if (p.kind === 'image') pngJobs.set(p.name, this.encodePngs(p, ep.images[p.name] as Uint8Array[]));
    }
    const stats = new Map<string, FeatureStats>();
    let statsError: unknown = null;
    try {
      for (const p of this.plans) {
        if (p.kind === 'image') {
          // Let p-limit hand the queued encodes to sharp before this thread is busy with the stats.
          await yieldToEventLoop();
          const [h, w] = p.spec.shape as [number, number, number];
          stats.set(p.name, computeImageStats(ep.images[p.name] as Uint8Array[], h, w));
        } else if (p.kind !== 'string') {
          const values = numeric.get(p.name) as NumericArray;
          stats.set(p.name, computeVectorStats(values, length, p.dim, minMaxKind(p.spec.dtype)));
        }
      }
    } catch (err) {
      statsError = err;
    }
    // Settle every encode before going on (or failing), so no work is left running.
    const settled = await Promise.allSettled(
      [...pngJobs.entries()].map(async ([k, v]) => [k, await v] as const),
    );
    this.encodeWallMs += performance.now() - encodeStart;
    if (statsError !== null) throw statsError;
    const pngs = new Map<string, Buffer[]>();
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      pngs.set(s.value[0], s.value[1]);
    }

    // Default columns. timestamp = frame_index / fps in float64, stored as float32, as lerobot does.
    const timestamp = new Float32Array(length);
    const frameIndex = new BigInt64Array(length);
    const episodeIndex = new BigInt64Array(length).fill(BigInt(episode));
    const index = new BigInt64Array(length);
    const taskCol = new BigInt64Array(length);
    for (let i = 0; i < length; i++) {
      taskCol[i] = BigInt(taskOf(i));
      timestamp[i] = i / fps;
      frameIndex[i] = BigInt(i);
      index[i] = BigInt(from + i);
    }
    stats.set('timestamp', computeVectorStats(timestamp, length, 1, 'float'));
    stats.set('frame_index', computeVectorStats(frameIndex, length, 1, 'int'));
    stats.set('episode_index', computeVectorStats(episodeIndex, length, 1, 'int'));
    stats.set('index', computeVectorStats(index, length, 1, 'int'));
    stats.set('task_index', computeVectorStats(taskCol, length, 1, 'int'));

    const columns: NamedColumn[] = [];
    for (const p of this.plans) {
      let data: Data;
      if (p.kind === 'image') {
        const paths = Array.from({ length }, (_, i) => `frame-${String(i).padStart(6, '0')}.png`);
        data = imageStructData(pngs.get(p.name) as Buffer[], paths);
      } else if (p.kind === 'string') data = utf8Data(ep.strings?.[p.name] as string[]);
      else if (p.kind === 'vector')
        data = fixedSizeListData(p.spec.dtype as NumericDtype, p.dim, numeric.get(p.name) as NumericArray);
      else data = primitiveData(p.spec.dtype as NumericDtype, numeric.get(p.name) as NumericArray);
      columns.push({ name: p.name, data });
    }
    columns.push(
      { name: 'timestamp', data: primitiveData('float32', timestamp) },
      { name: 'frame_index', data: primitiveData('int64', frameIndex) },
      { name: 'episode_index', data: primitiveData('int64', episodeIndex) },
      { name: 'index', data: primitiveData('int64', index) },
      { name: 'task_index', data: primitiveData('int64', taskCol) },
    );
    const batch = recordBatch(columns, new Map([['huggingface', this.hfJson]]));
    const blob = encodeParquet(batch, { dictionaryColumns: DEFAULT_FEATURE_NAMES });

    // Roll to a new file when this episode would push the current one past the size limit (episodes never split).
    if (
      this.data !== null &&
      this.data.rowGroupCount > 0 &&
      this.data.size + blob.length >= this.dataLimitBytes
    ) {
      await this.closeDataFile();
      [this.dataChunk, this.dataFile] = nextChunkFile(this.dataChunk, this.dataFile, this.chunksSize);
    }
    if (this.data === null) {
      const rel = this.dataRel();
      await mkdir(dirname(this.path(rel)), { recursive: true });
      this.data = await ParquetFileWriter.create(this.path(rel));
    }
    await this.data.appendEncoded(blob);

    const { episode_index: _ignored, ...labgen } = ep.labgen;
    const line = `${JSON.stringify({ episode_index: episode, ...labgen }, jsonReplacer)}\n`;
    await this.labgenLines?.write(line);

    for (const [t, i] of newTasks) this.tasks.set(t, i);
    this.totalFrames += length;
    this.episodes.push({
      index: episode,
      tasks: episodeTasks,
      length,
      chunkIndex: this.dataChunk,
      fileIndex: this.dataFile,
      from,
      to: from + length,
      stats,
    });
  }

  private dataRel(): string {
    const r = formatTemplate(V3_DATA_PATH, { chunk_index: this.dataChunk, file_index: this.dataFile });
    if (!r.ok) throw new Error(r.reason);
    return r.path;
  }

  private async closeDataFile(): Promise<void> {
    if (!this.data) return;
    await this.data.close([['huggingface', this.hfJson]]);
    this.files.add(this.dataRel());
    this.data = null;
  }

  private async finish(): Promise<LeRobotV3WriteSummary> {
    this.assertOpen();
    if (this.episodes.length === 0) {
      await this.discard();
      throw new DatasetWriteError(
        'EMPTY_DATASET',
        'no episode was added; lerobot cannot load a dataset without episodes',
      );
    }
    try {
      return await this.writeMetadata();
    } catch (err) {
      this.state = 'broken';
      throw err;
    }
  }

  private async writeMetadata(): Promise<LeRobotV3WriteSummary> {
    await this.closeDataFile();

    // meta/tasks.parquet: rows in task_index order; `task` is the pandas index.
    const taskList = [...this.tasks.entries()].sort((a, b) => a[1] - b[1]);
    const tasksBatch = recordBatch(
      [
        {
          name: 'task_index',
          data: primitiveData(
            'int64',
            BigInt64Array.from(taskList, ([, i]) => BigInt(i)),
          ),
        },
        { name: 'task', data: utf8Data(taskList.map(([t]) => t)) },
      ],
      new Map([['pandas', TASKS_PANDAS_JSON]]),
    );
    await writeParquetFile(this.path(TASKS_PATH), [tasksBatch], [['pandas', TASKS_PANDAS_JSON]], {
      dictionaryColumns: ['task_index', 'task'],
    });
    this.files.add(TASKS_PATH);

    // meta/episodes: one row per episode. Its size is a few KB per episode, so a single file is kept.
    const episodesRel = formatTemplate(V3_EPISODES_PATH, { chunk_index: 0, file_index: 0 });
    if (!episodesRel.ok) throw new Error(episodesRel.reason);
    await mkdir(dirname(this.path(episodesRel.path)), { recursive: true });
    await writeParquetFile(this.path(episodesRel.path), [this.episodesBatch()], []);
    this.files.add(episodesRel.path);

    // meta/stats.json, aggregated from the episode stats in feature order.
    const statsJson: Record<string, PyJson> = {};
    for (const name of this.featureOrder()) {
      const list = this.episodes
        .map((e) => e.stats.get(name))
        .filter((s): s is FeatureStats => s !== undefined);
      if (list.length > 0) statsJson[name] = statsToPy(aggregateFeatureStats(list));
    }
    await this.atomicWrite(STATS_PATH, pythonJsonDumps(statsJson, { indent: 4, ensureAscii: false }));

    // labgen sidecars, ignored by lerobot.
    await this.labgenLines?.sync();
    await this.labgenLines?.close();
    this.labgenLines = null;
    await rename(this.path('meta/labgen/episodes.jsonl.partial'), this.path('meta/labgen/episodes.jsonl'));
    this.files.add('meta/labgen/episodes.jsonl');
    if (this.opts.labgenMeta !== undefined) {
      await this.atomicWrite(
        'meta/labgen/run.json',
        `${JSON.stringify(this.opts.labgenMeta, jsonReplacer, 2)}\n`,
      );
    }
    for (const [name, content] of Object.entries(this.opts.labgenSidecars ?? {})) {
      await this.atomicWrite(`meta/labgen/${name}.json`, `${JSON.stringify(content, jsonReplacer, 2)}\n`);
    }

    // info.json goes last: until it exists the directory does not look like a dataset.
    await this.atomicWrite(INFO_PATH, pythonJsonDumps(this.infoJson(), { indent: 4, ensureAscii: false }));
    this.state = 'finalized';
    return {
      totalEpisodes: this.episodes.length,
      totalFrames: this.totalFrames,
      files: [...this.files].sort(),
    };
  }

  private featureOrder(): string[] {
    return [...this.plans.map((p) => p.name), ...DEFAULT_FEATURE_NAMES];
  }

  private infoJson(): PyJson {
    const features: Record<string, PyJson> = {};
    for (const p of this.plans)
      features[p.name] = {
        dtype: p.spec.dtype,
        shape: [...p.spec.shape],
        names: p.spec.names ? [...p.spec.names] : null,
      };
    for (const [name, spec] of DEFAULT_FEATURES)
      features[name] = { dtype: spec.dtype, shape: [...spec.shape], names: null };
    return {
      codebase_version: CODEBASE_VERSION_V3,
      robot_type: this.opts.robotType,
      total_episodes: this.episodes.length,
      total_frames: this.totalFrames,
      total_tasks: this.tasks.size,
      chunks_size: this.chunksSize,
      data_files_size_in_mb: this.opts.dataFilesSizeInMb ?? DEFAULT_DATA_FILE_SIZE_IN_MB,
      video_files_size_in_mb: DEFAULT_VIDEO_FILE_SIZE_IN_MB,
      fps: this.opts.fps,
      splits: { train: `0:${this.episodes.length}` },
      data_path: V3_DATA_PATH,
      video_path: null,
      features,
    };
  }

  /** The meta/episodes table, columns in the order lerobot's recorder writes them (lerobot-format.md §4.3). */
  private episodesBatch() {
    const eps = this.episodes;
    const n = eps.length;
    const i64 = (f: (e: EpisodeRecord) => number) =>
      primitiveData(
        'int64',
        BigInt64Array.from(eps, (e) => BigInt(f(e))),
      );
    const columns: NamedColumn[] = [
      { name: 'episode_index', data: i64((e) => e.index) },
      { name: 'tasks', data: listData(utf8Data(eps.flatMap((e) => e.tasks)), taskListOffsets(eps)) },
      { name: 'length', data: i64((e) => e.length) },
      { name: 'data/chunk_index', data: i64((e) => e.chunkIndex) },
      { name: 'data/file_index', data: i64((e) => e.fileIndex) },
      { name: 'dataset_from_index', data: i64((e) => e.from) },
      { name: 'dataset_to_index', data: i64((e) => e.to) },
    ];
    for (const name of this.featureOrder()) {
      const first = eps[0]?.stats.get(name);
      if (!first) continue;
      const dim = first.mean.length;
      const statColumn = (pick: (s: FeatureStats) => number[], kind: MinMaxKind): Data => {
        const flat: number[] = [];
        for (const e of eps) flat.push(...pick(e.stats.get(name) as FeatureStats));
        let values: Data;
        if (kind === 'int')
          values = primitiveData(
            'int64',
            BigInt64Array.from(flat, (v) => BigInt(v)),
          );
        else if (kind === 'bool') values = primitiveData('bool', Uint8Array.from(flat));
        else values = primitiveData('float64', Float64Array.from(flat));
        if (!first.image) return regularListData(values, n, dim);
        // Image stats have shape (3,1,1): list<list<list<double>>>.
        const inner = regularListData(values, n * dim, 1);
        const middle = regularListData(inner, n * dim, 1);
        return regularListData(middle, n, dim);
      };
      const mmKind = first.image ? 'float' : first.minMaxKind;
      columns.push({ name: `stats/${name}/min`, data: statColumn((s) => s.min, mmKind) });
      columns.push({ name: `stats/${name}/max`, data: statColumn((s) => s.max, mmKind) });
      columns.push({ name: `stats/${name}/mean`, data: statColumn((s) => s.mean, 'float') });
      columns.push({ name: `stats/${name}/std`, data: statColumn((s) => s.std, 'float') });
      columns.push({
        name: `stats/${name}/count`,
        data: regularListData(
          primitiveData(
            'int64',
            BigInt64Array.from(eps, (e) => BigInt(e.stats.get(name)?.count ?? 0)),
          ),
          n,
          1,
        ),
      });
      for (const [k] of QUANTILES)
        columns.push({ name: `stats/${name}/${k}`, data: statColumn((s) => s.quantiles[k] ?? [], 'float') });
    }
    columns.push(
      { name: 'meta/episodes/chunk_index', data: i64(() => 0) },
      { name: 'meta/episodes/file_index', data: i64(() => 0) },
    );
    return recordBatch(columns);
  }

  private async atomicWrite(rel: string, text: string): Promise<void> {
    const target = this.path(rel);
    const tmp = `${target}.partial`;
    await mkdir(dirname(target), { recursive: true });
    const h = await open(tmp, 'w');
    try {
      await h.writeFile(text, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, target);
    this.files.add(rel);
  }
}

/** Creates a streaming LeRobot v3.0 writer. Throws DatasetWriteError for invalid features or options. */
export function createLeRobotV3Writer(options: LeRobotV3WriterOptions): LeRobotV3Writer {
  return new LeRobotV3WriterImpl(options);
}
