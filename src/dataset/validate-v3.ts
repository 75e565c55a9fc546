// Validation of a LeRobot v3.0 dataset's tables against each other (lerobot-format.md §1, §4, §5, §7).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Field, Table } from 'apache-arrow';
import sharp, { type Metadata } from 'sharp';
import { listLengths, numberColumn, stringColumn, stringListColumn } from './arrow-values.js';
import { ParquetReadError } from './dataset-errors.js';
import { DEFAULT_FEATURE_NAMES, formatTemplate, STATS_PATH, TASKS_PATH } from './lerobot-layout.js';
import type { ParquetFooter } from './parquet-footer.js';
import { readParquetFile, readParquetRowGroup, readParquetSchema } from './read-parquet.js';
import { checkColumnType } from './validate-columns.js';
import type { FeatureView, InfoView } from './validate-info.js';
import { checkStatsObject, parsePythonJson } from './validate-stats.js';
import type { ProblemList } from './validation-report.js';
import { type ProbeResult, probeVideo } from './video-probe.js';

const TIMESTAMP_TOLERANCE_S = 1e-4;

export interface V3Result {
  videoProbe: 'ffprobe' | 'existence-only' | 'no-videos';
}

interface VideoRef {
  chunk: number;
  file: number;
  fromTs: number;
  toTs: number;
}

interface EpisodeRow {
  position: number;
  episodeIndex: number;
  tasks: string[] | null;
  length: number;
  dataChunk: number;
  dataFile: number;
  from: number;
  to: number;
  videos: Map<string, VideoRef>;
}

interface ScanState {
  seen: Map<number, SeenEpisode>;
  /** The `index` the next data row must carry (global row position). */
  expectedIndex: number;
  lastEpisode: number | null;
  /** Rows of the current file already scanned (for row numbers in messages). */
  fileRow: number;
  indexReported: boolean;
}

interface SeenEpisode {
  rows: number;
  firstIndex: number;
  files: Set<string>;
  lastFile: string;
  taskIndices: Set<number>;
  frameReported: boolean;
  timestampReported: boolean;
  taskReported: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Compare paths component-wise, as Python sorts pathlib paths (what lerobot's glob order relies on). */
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** `<sub>/*\/*.parquet` under root, as lerobot's load_nested_dataset globs it; also reports leftover `.partial` files. */
async function globNested(root: string, sub: string, p: ProblemList): Promise<string[]> {
  const out: string[] = [];
  let dirs: string[];
  try {
    dirs = await readdir(join(root, sub));
  } catch {
    return out;
  }
  for (const d of dirs) {
    let files: string[];
    try {
      files = await readdir(join(root, sub, d));
    } catch {
      continue;
    }
    for (const f of files) {
      if (f.endsWith('.parquet')) out.push(`${sub}/${d}/${f}`);
      else if (f.endsWith('.partial'))
        p.warn(
          'partial-file',
          `${sub}/${d}/${f}`,
          'an unfinished write was left behind (crash during writing?)',
        );
    }
  }
  return out.sort(comparePaths);
}

function readFailure(p: ProblemList, rule: string, file: string, err: unknown): void {
  const msg = err instanceof ParquetReadError ? err.message.replace(`${err.file}: `, '') : String(err);
  p.error(rule, file, `cannot read: ${msg}`);
}

export class V3Validator {
  private readonly features: FeatureView[];
  private readonly dataFeatures: FeatureView[];
  private readonly videoKeys: string[];
  private tasks: string[] | null = null;
  private episodes: EpisodeRow[] | null = null;

  constructor(
    private readonly root: string,
    private readonly info: InfoView,
    private readonly p: ProblemList,
  ) {
    this.features = info.features;
    this.dataFeatures = info.features.filter((f) => f.dtype !== 'video');
    this.videoKeys = info.features.filter((f) => f.dtype === 'video').map((f) => f.name);
  }

  async run(): Promise<V3Result> {
    if (this.info.totalEpisodes === 0) {
      this.p.error(
        'info-empty',
        'meta/info.json',
        'total_episodes is 0: lerobot cannot load a dataset without episodes',
      );
    }
    await this.checkTasks();
    await this.checkEpisodes();
    await this.checkData();
    const videoProbe = await this.checkVideos();
    await this.checkStats();
    return { videoProbe };
  }

  private rel(path: string): string {
    return join(this.root, path);
  }

  // meta/tasks.parquet (§4.4)
  private async checkTasks(): Promise<void> {
    const file = TASKS_PATH;
    if (!(await exists(this.rel(file)))) {
      if (this.info.totalTasks > 0)
        this.p.error('tasks-missing', file, `missing, but info.total_tasks is ${this.info.totalTasks}`);
      return;
    }
    let table: Table;
    let kv: Map<string, string>;
    try {
      ({ table, keyValue: kv } = await readParquetFile(this.rel(file)));
    } catch (err) {
      readFailure(this.p, 'tasks-unreadable', file, err);
      return;
    }
    const pandasText = kv.get('pandas');
    let indexName: string | null = null;
    if (pandasText === undefined) {
      this.p.error(
        'tasks-pandas-metadata',
        file,
        'no "pandas" key-value metadata: pandas restores a RangeIndex and task lookups fail',
      );
    } else {
      try {
        const pandas = JSON.parse(pandasText) as { index_columns?: unknown[] };
        const first = pandas.index_columns?.[0];
        if (typeof first === 'string') indexName = first;
        else
          this.p.error(
            'tasks-pandas-metadata',
            file,
            'the pandas index is not a stored column, so task strings are not the index',
          );
      } catch {
        this.p.error('tasks-pandas-metadata', file, 'the "pandas" metadata is not valid JSON');
      }
    }
    if (indexName === '__index_level_0__') {
      this.p.warn(
        'tasks-legacy-index',
        file,
        'task index column is unnamed (__index_level_0__), as lerobot 0.4.0-0.4.4 wrote it',
      );
    } else if (indexName !== null && indexName !== 'task') {
      this.p.warn(
        'tasks-legacy-index',
        file,
        `task index column is named "${indexName}"; lerobot names it "task"`,
      );
    }
    const taskIndex = numberColumn(table, 'task_index');
    const names = indexName !== null ? stringColumn(table, indexName) : null;
    if (!taskIndex) this.p.error('tasks-schema', file, 'no integer "task_index" column');
    if (indexName !== null && !names)
      this.p.error('tasks-schema', file, `index column "${indexName}" is missing or not a string column`);
    if (!taskIndex || !names) return;
    const seen = new Set<string>();
    for (let i = 0; i < names.length; i++) {
      if (taskIndex.values[i] !== i) {
        this.p.error(
          'tasks-order',
          file,
          `row ${i} has task_index ${taskIndex.values[i]}; rows must be sorted with row position == task_index`,
        );
        break;
      }
    }
    for (const n of names) {
      if (n === null) this.p.error('tasks-schema', file, 'a task string is null');
      else if (seen.has(n)) this.p.error('tasks-duplicate', file, `task "${n}" appears twice`);
      else seen.add(n);
    }
    if (names.length !== this.info.totalTasks) {
      this.p.error(
        'tasks-count',
        file,
        `${names.length} tasks, but info.total_tasks is ${this.info.totalTasks}`,
      );
    }
    this.tasks = names.map((n) => n ?? '');
  }

  // meta/episodes/*/*.parquet (§4.3)
  private async checkEpisodes(): Promise<void> {
    const files = await globNested(this.root, 'meta/episodes', this.p);
    if (files.length === 0) {
      if (this.info.totalEpisodes > 0)
        this.p.error('episodes-missing', 'meta/episodes', 'no episodes parquet file found');
      return;
    }
    const rows: EpisodeRow[] = [];
    let columnsKey: string | null = null;
    let broken = false;
    for (const file of files) {
      let table: Table;
      try {
        ({ table } = await readParquetFile(this.rel(file)));
      } catch (err) {
        readFailure(this.p, 'episodes-unreadable', file, err);
        broken = true;
        continue;
      }
      const names = table.schema.fields.map((f) => f.name);
      const key = [...names].sort().join('\n');
      if (columnsKey === null) columnsKey = key;
      else if (key !== columnsKey)
        this.p.error(
          'episodes-schema',
          file,
          'columns differ from the first episodes file; all files must share one schema',
        );
      const required = [
        'episode_index',
        'tasks',
        'length',
        'data/chunk_index',
        'data/file_index',
        'dataset_from_index',
        'dataset_to_index',
      ];
      for (const k of this.videoKeys)
        required.push(
          ...['chunk_index', 'file_index', 'from_timestamp', 'to_timestamp'].map((s) => `videos/${k}/${s}`),
        );
      const missing = required.filter((c) => !names.includes(c));
      if (missing.length > 0) {
        this.p.error('episodes-schema', file, `missing columns: ${missing.join(', ')}`);
        broken = true;
        continue;
      }
      if (!names.some((n) => n.startsWith('stats/'))) {
        this.p.warn(
          'episodes-stats-missing',
          file,
          'no stats/* columns: merge, split and resume tools need them',
        );
      }
      const num = (c: string) =>
        numberColumn(table, c)?.values ?? new Float64Array(table.numRows).fill(Number.NaN);
      const epIdx = num('episode_index');
      const length = num('length');
      const chunk = num('data/chunk_index');
      const fileIdx = num('data/file_index');
      const from = num('dataset_from_index');
      const to = num('dataset_to_index');
      const tasks = stringListColumn(table, 'tasks') ?? [];
      const metaChunk = numberColumn(table, 'meta/episodes/chunk_index')?.values;
      const metaFile = numberColumn(table, 'meta/episodes/file_index')?.values;
      const [, c, f] = /chunk-(\d+)\/file-(\d+)\.parquet$/.exec(file) ?? [];
      const videoCols = this.videoKeys.map((k) => ({
        key: k,
        chunk: num(`videos/${k}/chunk_index`),
        file: num(`videos/${k}/file_index`),
        fromTs: num(`videos/${k}/from_timestamp`),
        toTs: num(`videos/${k}/to_timestamp`),
      }));
      if (!metaChunk || !metaFile)
        this.p.warn('episodes-meta-location', file, 'no meta/episodes/chunk_index|file_index columns');
      for (let i = 0; i < table.numRows; i++) {
        const ep = epIdx[i] as number;
        if (
          metaChunk &&
          metaFile &&
          c !== undefined &&
          (metaChunk[i] !== Number(c) || metaFile[i] !== Number(f))
        ) {
          this.p.warn(
            'episodes-meta-location',
            file,
            `row says it lives in chunk ${metaChunk[i]} file ${metaFile[i]}`,
            ep,
          );
        }
        const videos = new Map<string, VideoRef>();
        for (const v of videoCols) {
          videos.set(v.key, {
            chunk: v.chunk[i] as number,
            file: v.file[i] as number,
            fromTs: v.fromTs[i] as number,
            toTs: v.toTs[i] as number,
          });
        }
        rows.push({
          position: rows.length,
          episodeIndex: ep,
          tasks: tasks[i] ?? null,
          length: length[i] as number,
          dataChunk: chunk[i] as number,
          dataFile: fileIdx[i] as number,
          from: from[i] as number,
          to: to[i] as number,
          videos,
        });
      }
    }
    if (broken) return;
    this.checkEpisodeRows(rows);
    this.episodes = rows;
  }

  private checkEpisodeRows(rows: EpisodeRow[]): void {
    const file = 'meta/episodes';
    const p = this.p;
    if (rows.length !== this.info.totalEpisodes) {
      p.error(
        'episodes-count',
        file,
        `${rows.length} episode rows, but info.total_episodes is ${this.info.totalEpisodes}`,
      );
    }
    let prevTo = 0;
    for (const r of rows) {
      const ep = r.episodeIndex;
      if (ep !== r.position) {
        p.error(
          'episodes-order',
          file,
          `row ${r.position} holds episode_index ${ep}; lerobot reads episode i from row i`,
          Number.isFinite(ep) ? ep : undefined,
        );
      }
      if (!(Number.isInteger(r.length) && r.length > 0))
        p.error('episodes-length', file, `length is ${r.length}`, ep);
      if (r.to - r.from !== r.length) {
        p.error(
          'episodes-range',
          file,
          `dataset_to_index - dataset_from_index = ${r.to - r.from}, but length is ${r.length}`,
          ep,
        );
      }
      if (r.from !== prevTo) {
        p.error(
          'episodes-range',
          file,
          `dataset_from_index is ${r.from}; the previous episode ends at ${prevTo} (ranges must be contiguous)`,
          ep,
        );
      }
      prevTo = r.to;
      if (!r.tasks || r.tasks.length === 0)
        p.error('episodes-tasks', file, 'tasks list is empty or null', ep);
      else if (this.tasks) {
        for (const t of r.tasks)
          if (!this.tasks.includes(t))
            p.error('episodes-tasks', file, `task "${t}" is not in meta/tasks.parquet`, ep);
      }
    }
    if (rows.length > 0 && prevTo !== this.info.totalFrames) {
      p.error(
        'episodes-range',
        file,
        `the last episode ends at index ${prevTo}, but info.total_frames is ${this.info.totalFrames}`,
      );
    }
  }

  private dataPathOf(chunk: number, fileIndex: number): string | null {
    if (this.info.dataPath === null || !Number.isInteger(chunk) || !Number.isInteger(fileIndex)) return null;
    const r = formatTemplate(this.info.dataPath, { chunk_index: chunk, file_index: fileIndex });
    return r.ok ? r.path : null;
  }

  // data/*/*.parquet (§4.1, §7)
  private async checkData(): Promise<void> {
    const p = this.p;
    const files = await globNested(this.root, 'data', p);
    if (files.length === 0) {
      p.error('data-missing', 'data', 'no data parquet file found (data/*/*.parquet)');
      return;
    }
    const expectedFiles = new Map<string, number>();
    for (const e of this.episodes ?? []) {
      const path = this.dataPathOf(e.dataChunk, e.dataFile);
      if (path === null) continue;
      if (!expectedFiles.has(path)) expectedFiles.set(path, e.episodeIndex);
    }
    for (const [path, ep] of expectedFiles) {
      if (!files.includes(path)) {
        const eps = (this.episodes ?? [])
          .filter((e) => this.dataPathOf(e.dataChunk, e.dataFile) === path)
          .map((e) => e.episodeIndex);
        p.error(
          'episodes-data-file',
          path,
          `data file named by episodes ${eps.join(', ')} does not exist`,
          ep,
        );
      }
    }
    for (const f of files) {
      if (this.episodes && !expectedFiles.has(f))
        p.warn('data-unreferenced', f, 'no episode points at this file, yet lerobot loads its rows');
    }

    const seen = new Map<number, SeenEpisode>();
    const scan: ScanState = { seen, expectedIndex: 0, lastEpisode: null, fileRow: 0, indexReported: false };
    let totalRows = 0;
    let unreadable = false;
    const unreadableFiles = new Set<string>();
    for (const file of files) {
      let schemaFields: Field[];
      let hfKey: string | undefined;
      let footer: ParquetFooter;
      try {
        const read = await readParquetSchema(this.rel(file));
        footer = read.footer;
        schemaFields = read.schema.fields;
        hfKey = footer.keyValue.find(([k]) => k === 'huggingface')?.[1];
      } catch (err) {
        readFailure(p, 'data-unreadable', file, err);
        unreadable = true;
        unreadableFiles.add(file);
        continue;
      }
      const names = schemaFields.map((f) => f.name);
      const expected = this.dataFeatures.map((f) => f.name);
      const missing = expected.filter((n) => !names.includes(n));
      const extra = names.filter((n) => !expected.includes(n));
      if (missing.length > 0)
        p.error(
          'data-columns',
          file,
          `missing columns: ${missing.join(', ')} (lerobot fills them with nulls and items fail)`,
        );
      if (extra.length > 0)
        p.error(
          'data-columns',
          file,
          `columns not in info.features: ${extra.join(', ')} (datasets raises CastError)`,
        );
      if (missing.length === 0 && extra.length === 0 && names.join('\n') !== expected.join('\n')) {
        p.warn('data-column-order', file, 'columns are not in info.features order');
      }
      if (hfKey === undefined) {
        const sev = this.dataFeatures.some((f) => f.dtype === 'image') ? 'error' : 'warning';
        p.add(
          sev,
          'data-hf-metadata',
          file,
          'no "huggingface" schema metadata: streaming loads infer types (images are not decoded)',
        );
      }
      const listChecks: Array<[string, number]> = [];
      for (const feature of this.dataFeatures) {
        const field = schemaFields.find((f) => f.name === feature.name);
        if (!field) continue;
        const verdict = checkColumnType(feature, field);
        for (const v of verdict.verdicts) p.add(v.severity, 'data-type', file, v.message);
        if (verdict.checkListLength !== null) listChecks.push([feature.name, verdict.checkListLength]);
      }
      const wanted = [
        ...DEFAULT_FEATURE_NAMES.filter((n) => names.includes(n)),
        ...listChecks.map(([n]) => n),
      ];
      // One row group at a time, only the columns checked here: memory stays at one episode's worth.
      scan.fileRow = 0;
      scan.indexReported = false;
      let firstImagesChecked = false;
      for (let g = 0; g < footer.rowGroups.length; g++) {
        let table: Table;
        try {
          table = await readParquetRowGroup(this.rel(file), footer, g, wanted);
        } catch (err) {
          readFailure(p, 'data-unreadable', file, err);
          unreadable = true;
          unreadableFiles.add(file);
          break;
        }
        for (const [name, size] of listChecks) {
          const lens = listLengths(table, name);
          const bad = lens ? lens.findIndex((l) => l !== size) : -1;
          if (bad >= 0) {
            p.error(
              'data-type',
              file,
              `column "${name}" row ${scan.fileRow + bad} has ${lens?.[bad]} items; shape needs ${size}`,
            );
          }
        }
        if (!firstImagesChecked && table.numRows > 0) {
          firstImagesChecked = true;
          const ep = numberColumn(table, 'episode_index')?.values[0];
          for (const feature of this.dataFeatures) {
            if (feature.dtype === 'image' && names.includes(feature.name)) {
              await this.checkFirstImage(file, footer, g, feature, ep);
            }
          }
        }
        totalRows += table.numRows;
        this.scanRows(file, table, scan);
      }
    }
    this.reconcile(seen, totalRows, unreadable, unreadableFiles);
  }

  /** Per-row checks of one decoded row group of a data file (index contiguity, frames, timestamps, tasks). */
  private scanRows(file: string, table: Table, scan: ScanState): void {
    const p = this.p;
    const col = (n: string) => {
      const c = numberColumn(table, n);
      if (c && c.nulls > 0) p.error('data-null', file, `column "${n}" has ${c.nulls} null values`);
      return c?.values ?? null;
    };
    const ts = col('timestamp');
    const fi = col('frame_index');
    const ei = col('episode_index');
    const ix = col('index');
    const ti = col('task_index');
    const rows = table.numRows;
    const base = scan.fileRow;
    scan.fileRow += rows;
    if (!ei) {
      scan.expectedIndex += rows;
      return;
    }
    for (let r = 0; r < rows; r++) {
      const ep = ei[r] as number;
      if (ep !== scan.lastEpisode) {
        if (scan.seen.has(ep))
          p.error('data-episode-order', file, `rows of episode ${ep} are not contiguous`, ep);
        scan.lastEpisode = ep;
      }
      let s = scan.seen.get(ep);
      if (!s) {
        s = {
          rows: 0,
          firstIndex: ix ? (ix[r] as number) : Number.NaN,
          files: new Set(),
          lastFile: file,
          taskIndices: new Set(),
          frameReported: false,
          timestampReported: false,
          taskReported: false,
        };
        scan.seen.set(ep, s);
      }
      s.files.add(file);
      s.lastFile = file;
      if (ix && ix[r] !== scan.expectedIndex && !scan.indexReported) {
        p.error(
          'data-index',
          file,
          `row ${base + r} has index ${ix[r]}, expected ${scan.expectedIndex} (index must equal the global row position)`,
          ep,
        );
        scan.indexReported = true;
      }
      scan.expectedIndex = ix ? (ix[r] as number) + 1 : scan.expectedIndex + 1;
      if (fi && fi[r] !== s.rows && !s.frameReported) {
        p.error(
          'data-frame-index',
          file,
          `frame_index is ${fi[r]} at row ${s.rows} of the episode; it must run 0..length-1`,
          ep,
        );
        s.frameReported = true;
      }
      if (ts && this.info.fps !== null && !s.timestampReported) {
        const expectedTs = s.rows / this.info.fps;
        const t = ts[r] as number;
        if (t !== Math.fround(expectedTs) && !(Math.abs(t - expectedTs) <= TIMESTAMP_TOLERANCE_S)) {
          p.error(
            'data-timestamp',
            file,
            `frame ${s.rows}: timestamp ${t} differs from frame_index/fps = ${expectedTs.toFixed(6)} by more than ${TIMESTAMP_TOLERANCE_S} s`,
            ep,
          );
          s.timestampReported = true;
        }
      }
      if (ti) {
        const t = ti[r] as number;
        s.taskIndices.add(t);
        if (!(Number.isInteger(t) && t >= 0 && t < this.info.totalTasks) && !s.taskReported) {
          p.error('data-task-index', file, `task_index ${t} is outside [0, ${this.info.totalTasks})`, ep);
          s.taskReported = true;
        }
      }
      s.rows++;
    }
  }

  /**
   * Decodes the first frame of an image column: lerobot decodes with PIL at every item, so undecodable bytes
   * fail training; a size or channel mismatch with the declared shape is not checked on load but breaks policies.
   */
  private async checkFirstImage(
    file: string,
    footer: ParquetFooter,
    rowGroup: number,
    feature: FeatureView,
    episode: number | undefined,
  ): Promise<void> {
    const ep = episode !== undefined && Number.isFinite(episode) ? episode : undefined;
    let bytes: unknown;
    try {
      const table = await readParquetRowGroup(this.rel(file), footer, rowGroup, [feature.name]);
      bytes = (table.getChild(feature.name)?.get(0) as { bytes?: unknown } | null)?.bytes;
    } catch (err) {
      readFailure(this.p, 'data-unreadable', file, err);
      return;
    }
    if (!(bytes instanceof Uint8Array)) {
      this.p.error('data-image', file, `the first "${feature.name}" value has no image bytes`, ep);
      return;
    }
    let meta: Metadata;
    try {
      meta = await sharp(bytes).metadata();
    } catch (err) {
      this.p.error(
        'data-image',
        file,
        `the first "${feature.name}" image cannot be decoded: ${String(err)}`,
        ep,
      );
      return;
    }
    const channelsFirst = Array.isArray(feature.names) && feature.names[0] === 'channels';
    const [h, w, c] = channelsFirst
      ? [feature.shape[1], feature.shape[2], feature.shape[0]]
      : [feature.shape[0], feature.shape[1], feature.shape[2]];
    if (meta.width !== w || meta.height !== h || meta.channels !== c) {
      this.p.warn(
        'data-image',
        file,
        `"${feature.name}" frames are ${meta.width}x${meta.height}x${meta.channels}; info declares ${w}x${h}x${c}`,
        ep,
      );
    }
  }

  /** Cross-checks what the data files hold against info and the episodes table. */
  private reconcile(
    seen: Map<number, SeenEpisode>,
    totalRows: number,
    unreadable: boolean,
    unreadableFiles: Set<string>,
  ): void {
    const p = this.p;
    if (!unreadable && totalRows !== this.info.totalFrames) {
      p.error(
        'data-total-frames',
        'data',
        `data files hold ${totalRows} rows, but info.total_frames is ${this.info.totalFrames}`,
      );
    }
    for (const ep of seen.keys()) {
      if (!(Number.isInteger(ep) && ep >= 0 && ep < this.info.totalEpisodes)) {
        p.error(
          'data-episode-unknown',
          [...(seen.get(ep)?.files ?? [])][0] ?? 'data',
          `rows carry episode_index ${ep}, outside [0, ${this.info.totalEpisodes})`,
          Number.isFinite(ep) ? ep : undefined,
        );
      }
    }
    const byIndex = new Map((this.episodes ?? []).map((e) => [e.episodeIndex, e]));
    for (let ep = 0; ep < this.info.totalEpisodes; ep++) {
      const meta = byIndex.get(ep);
      const expectedFile = meta ? this.dataPathOf(meta.dataChunk, meta.dataFile) : null;
      if (expectedFile !== null && unreadableFiles.has(expectedFile)) continue; // already reported as unreadable
      const s = seen.get(ep);
      if (!s) {
        if (!unreadable || expectedFile !== null) {
          p.error(
            'data-episode-missing',
            expectedFile ?? 'data',
            'no data rows carry this episode_index (lerobot then falls back to downloading from the Hub)',
            ep,
          );
        }
        continue;
      }
      if (!meta) continue;
      if (s.rows !== meta.length) {
        p.error(
          'data-episode-length',
          s.lastFile,
          `the data holds ${s.rows} rows for this episode, but its length is ${meta.length}`,
          ep,
        );
      }
      if (Number.isFinite(s.firstIndex) && s.firstIndex !== meta.from) {
        p.error(
          'episodes-range',
          s.lastFile,
          `the episode's first data row has index ${s.firstIndex}, but dataset_from_index is ${meta.from}`,
          ep,
        );
      }
      if (expectedFile !== null && (s.files.size !== 1 || !s.files.has(expectedFile))) {
        p.error(
          'episodes-data-file',
          [...s.files].join(', '),
          `rows are in ${[...s.files].join(', ')}, but data/chunk_index|file_index name ${expectedFile}`,
          ep,
        );
      }
      if (this.tasks && meta.tasks) {
        for (const t of s.taskIndices) {
          const name = this.tasks[t];
          if (name !== undefined && !meta.tasks.includes(name)) {
            p.warn(
              'episodes-tasks',
              'meta/episodes',
              `data rows use task "${name}", which is not in the episode's tasks list`,
              ep,
            );
          }
        }
      }
    }
  }

  // videos/<key>/chunk-XXX/file-YYY.mp4 (§6, §7)
  private async checkVideos(): Promise<V3Result['videoProbe']> {
    if (this.videoKeys.length === 0) return 'no-videos';
    const p = this.p;
    const fps = this.info.fps;
    const byFile = new Map<string, { key: string; episodes: EpisodeRow[] }>();
    for (const e of this.episodes ?? []) {
      for (const [key, v] of e.videos) {
        const ep = e.episodeIndex;
        if (!Number.isInteger(v.chunk) || !Number.isInteger(v.file)) {
          p.error(
            'episodes-video-columns',
            'meta/episodes',
            `videos/${key}/chunk_index|file_index are not integers`,
            ep,
          );
          continue;
        }
        if (!(v.fromTs >= 0) || !(v.toTs > v.fromTs)) {
          p.error(
            'video-timestamps',
            'meta/episodes',
            `videos/${key} from_timestamp ${v.fromTs} / to_timestamp ${v.toTs} do not form a positive range`,
            ep,
          );
        } else if (fps !== null && Math.abs(v.toTs - v.fromTs - e.length / fps) > 1 / fps) {
          p.warn(
            'video-timestamps',
            'meta/episodes',
            `videos/${key} spans ${(v.toTs - v.fromTs).toFixed(4)} s for ${e.length} frames at ${fps} fps`,
            ep,
          );
        }
        if (this.info.videoPath === null) continue;
        const r = formatTemplate(this.info.videoPath, {
          video_key: key,
          chunk_index: v.chunk,
          file_index: v.file,
        });
        if (!r.ok) continue;
        const entry = byFile.get(r.path) ?? { key, episodes: [] };
        entry.episodes.push(e);
        byFile.set(r.path, entry);
      }
    }
    let probed = false;
    for (const [path, { key, episodes }] of byFile) {
      const eps = episodes.map((e) => e.episodeIndex);
      if (!(await exists(this.rel(path)))) {
        p.error(
          'video-missing',
          path,
          `video of "${key}" for episode(s) ${eps.join(', ')} does not exist`,
          eps[0],
        );
        continue;
      }
      const probe: ProbeResult | null = await probeVideo(this.rel(path));
      if (probe === null) continue;
      probed = true;
      this.checkProbe(path, key, episodes, probe);
    }
    return probed ? 'ffprobe' : 'existence-only';
  }

  private checkProbe(path: string, key: string, episodes: EpisodeRow[], probe: ProbeResult): void {
    const p = this.p;
    if ('error' in probe) {
      p.error('video-unreadable', path, `ffprobe cannot read it: ${probe.error}`, episodes[0]?.episodeIndex);
      return;
    }
    const fps = this.info.fps;
    const feature = this.features.find((f) => f.name === key);
    if (fps !== null && probe.fps !== null && Math.abs(probe.fps - fps) > 1e-3) {
      p.error('video-fps', path, `stream runs at ${probe.fps} fps, info.fps is ${fps}`);
    }
    if (feature && feature.shape.length === 3) {
      const channelsFirst = Array.isArray(feature.names) && feature.names[0] === 'channels';
      const [h, w] = channelsFirst
        ? [feature.shape[1], feature.shape[2]]
        : [feature.shape[0], feature.shape[1]];
      if (probe.width !== w || probe.height !== h) {
        p.error(
          'video-size',
          path,
          `stream is ${probe.width}x${probe.height}, feature "${key}" declares ${w}x${h}`,
        );
      }
    }
    if (fps !== null && probe.frames !== null) {
      let needed = 0;
      for (const e of episodes) needed = Math.max(needed, Math.round((e.videos.get(key)?.toTs ?? 0) * fps));
      if (probe.frames < needed) {
        p.error(
          'video-frames',
          path,
          `stream has ${probe.frames} frames, episodes need ${needed} (to_timestamp x fps)`,
          episodes.at(-1)?.episodeIndex,
        );
      }
    }
  }

  // meta/stats.json (§5)
  private async checkStats(): Promise<void> {
    const file = STATS_PATH;
    let text: string;
    try {
      text = await readFile(this.rel(file), 'utf8');
    } catch {
      this.p.warn('stats-missing', file, 'no stats.json: loading works, but policies cannot normalise');
      return;
    }
    let parsed: { value: unknown; nonFinite: boolean };
    try {
      parsed = parsePythonJson(text);
    } catch (err) {
      this.p.error('stats-json', file, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const covered = checkStatsObject(parsed.value, this.features, this.p, {
      file,
      aggregateSeverity: 'error',
      expectQuantiles: true,
    });
    const lacking = this.features.filter(
      (f) => !covered.has(f.name) && f.dtype !== 'string' && f.dtype !== 'language',
    );
    if (lacking.length > 0)
      this.p.warn('stats-missing-feature', file, `no stats for ${lacking.map((f) => f.name).join(', ')}`);
  }
}
