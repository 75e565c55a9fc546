// Validation of a LeRobot v2.1 (and v2.0) dataset: jsonl metadata, one parquet file per episode (lerobot-format.md §9).

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { listLengths, numberColumn } from './arrow-values.js';
import { ParquetReadError } from './dataset-errors.js';
import { DEFAULT_FEATURE_NAMES, formatTemplate, STATS_PATH } from './lerobot-layout.js';
import { readParquetFile, readParquetSchema } from './read-parquet.js';
import { checkColumnType } from './validate-columns.js';
import type { FeatureView, InfoView } from './validate-info.js';
import { checkStatsObject, parsePythonJson } from './validate-stats.js';
import type { ProblemList } from './validation-report.js';
import { probeVideo } from './video-probe.js';

const TOLERANCE_S = 1e-4;
const EPISODES_FILE = 'meta/episodes.jsonl';
const TASKS_FILE = 'meta/tasks.jsonl';
const EPISODES_STATS_FILE = 'meta/episodes_stats.jsonl';

interface V21Episode {
  episodeIndex: number;
  tasks: string[];
  length: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class V21Validator {
  private readonly dataFeatures: FeatureView[];
  private readonly videoKeys: string[];

  constructor(
    private readonly root: string,
    private readonly info: InfoView,
    private readonly p: ProblemList,
  ) {
    this.dataFeatures = info.features.filter((f) => f.dtype !== 'video');
    this.videoKeys = info.features.filter((f) => f.dtype === 'video').map((f) => f.name);
  }

  async run(): Promise<{ videoProbe: 'ffprobe' | 'existence-only' | 'no-videos' }> {
    this.p.warn(
      'version-legacy',
      'meta/info.json',
      `codebase_version ${this.info.version}: lerobot >= 0.4 refuses it (run convert_dataset_v21_to_v30); lerobot <= 0.3.3 loads it`,
    );
    const tasks = await this.readJsonl(TASKS_FILE, true);
    const taskNames = this.checkTasks(tasks);
    const lines = await this.readJsonl(EPISODES_FILE, true);
    const episodes = this.checkEpisodes(lines, taskNames);
    await this.checkStats();
    await this.checkData(episodes);
    return { videoProbe: await this.checkVideos(episodes) };
  }

  private async readJsonl(file: string, required: boolean): Promise<unknown[] | null> {
    let text: string;
    try {
      text = await readFile(join(this.root, file), 'utf8');
    } catch {
      if (required) this.p.error('meta-missing', file, 'missing (lerobot v2.1 reads it at load)');
      return null;
    }
    const out: unknown[] = [];
    for (const [i, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      try {
        out.push(parsePythonJson(line).value);
      } catch {
        this.p.error('jsonl-syntax', file, `line ${i + 1} is not valid JSON`);
      }
    }
    return out;
  }

  private checkTasks(lines: unknown[] | null): string[] | null {
    if (!lines) return null;
    const names: string[] = [];
    for (const [i, l] of lines.entries()) {
      if (!isObject(l) || typeof l.task !== 'string' || typeof l.task_index !== 'number') {
        this.p.error('tasks-schema', TASKS_FILE, `line ${i + 1} needs {"task_index": int, "task": str}`);
        return null;
      }
      if (l.task_index !== i)
        this.p.error(
          'tasks-order',
          TASKS_FILE,
          `line ${i + 1} has task_index ${l.task_index}; expected ${i}`,
        );
      names.push(l.task);
    }
    if (names.length !== this.info.totalTasks) {
      this.p.error(
        'tasks-count',
        TASKS_FILE,
        `${names.length} tasks, but info.total_tasks is ${this.info.totalTasks}`,
      );
    }
    if (new Set(names).size !== names.length)
      this.p.error('tasks-duplicate', TASKS_FILE, 'a task string appears twice');
    return names;
  }

  private checkEpisodes(lines: unknown[] | null, tasks: string[] | null): V21Episode[] | null {
    if (!lines) return null;
    const out: V21Episode[] = [];
    let frames = 0;
    for (const [i, l] of lines.entries()) {
      if (
        !isObject(l) ||
        typeof l.episode_index !== 'number' ||
        typeof l.length !== 'number' ||
        !Array.isArray(l.tasks)
      ) {
        this.p.error(
          'episodes-schema',
          EPISODES_FILE,
          `line ${i + 1} needs {"episode_index": int, "tasks": [str], "length": int}`,
        );
        return null;
      }
      const ep = l.episode_index;
      if (ep !== i)
        this.p.error(
          'episodes-order',
          EPISODES_FILE,
          `line ${i + 1} holds episode_index ${ep}; expected ${i}`,
          ep,
        );
      if (!(Number.isInteger(l.length) && l.length > 0))
        this.p.error('episodes-length', EPISODES_FILE, `length is ${l.length}`, ep);
      const epTasks = l.tasks.filter((t): t is string => typeof t === 'string');
      if (epTasks.length === 0) this.p.error('episodes-tasks', EPISODES_FILE, 'tasks list is empty', ep);
      if (tasks)
        for (const t of epTasks)
          if (!tasks.includes(t))
            this.p.error('episodes-tasks', EPISODES_FILE, `task "${t}" is not in ${TASKS_FILE}`, ep);
      frames += l.length;
      out.push({ episodeIndex: ep, tasks: epTasks, length: l.length });
    }
    if (out.length !== this.info.totalEpisodes) {
      this.p.error(
        'episodes-count',
        EPISODES_FILE,
        `${out.length} episodes, but info.total_episodes is ${this.info.totalEpisodes}`,
      );
    }
    if (frames !== this.info.totalFrames) {
      this.p.error(
        'episodes-range',
        EPISODES_FILE,
        `lengths sum to ${frames}, but info.total_frames is ${this.info.totalFrames}`,
      );
    }
    return out;
  }

  private async checkStats(): Promise<void> {
    if (this.info.minor >= 1) {
      const lines = await this.readJsonl(EPISODES_STATS_FILE, true);
      for (const [i, l] of (lines ?? []).entries()) {
        if (!isObject(l) || typeof l.episode_index !== 'number') {
          this.p.error(
            'stats-shape',
            EPISODES_STATS_FILE,
            `line ${i + 1} needs {"episode_index": int, "stats": {...}}`,
          );
          continue;
        }
        // v2.1 aggregates these at every load, with the strict shape checks: faults are load errors.
        checkStatsObject(l.stats, this.info.features, this.p, {
          file: EPISODES_STATS_FILE,
          episode: l.episode_index,
          aggregateSeverity: 'error',
          expectQuantiles: false,
        });
      }
      return;
    }
    try {
      const text = await readFile(join(this.root, STATS_PATH), 'utf8');
      checkStatsObject(parsePythonJson(text).value, this.info.features, this.p, {
        file: STATS_PATH,
        aggregateSeverity: 'warning',
        expectQuantiles: false,
      });
    } catch {
      this.p.warn('stats-missing', STATS_PATH, 'missing or unreadable');
    }
  }

  private episodePath(template: string | null, ep: number, videoKey?: string): string | null {
    if (template === null) return null;
    const values: Record<string, string | number> = {
      episode_chunk: Math.floor(ep / this.info.chunksSize),
      episode_index: ep,
    };
    if (videoKey !== undefined) values.video_key = videoKey;
    const r = formatTemplate(template, values);
    return r.ok ? r.path : null;
  }

  private async checkData(episodes: V21Episode[] | null): Promise<void> {
    if (!episodes) return;
    const p = this.p;
    let globalIndex = 0;
    let hfChecked = false;
    for (const e of episodes) {
      const ep = e.episodeIndex;
      const file = this.episodePath(this.info.dataPath, ep);
      if (file === null) return;
      if (!(await exists(join(this.root, file)))) {
        p.error('data-episode-missing', file, 'data file of this episode does not exist', ep);
        globalIndex += e.length;
        continue;
      }
      let table: Table;
      try {
        const { schema, footer } = await readParquetSchema(join(this.root, file));
        const names = schema.fields.map((f) => f.name);
        const expected = this.dataFeatures.map((f) => f.name);
        const missing = expected.filter((n) => !names.includes(n));
        const extra = names.filter((n) => !expected.includes(n));
        if (missing.length > 0) p.error('data-columns', file, `missing columns: ${missing.join(', ')}`, ep);
        if (extra.length > 0)
          p.error('data-columns', file, `columns not in info.features: ${extra.join(', ')}`, ep);
        const listChecks: Array<[string, number]> = [];
        for (const feature of this.dataFeatures) {
          const field = schema.fields.find((f) => f.name === feature.name);
          if (!field) continue;
          const verdict = checkColumnType(feature, field);
          for (const v of verdict.verdicts) p.add(v.severity, 'data-type', file, v.message, ep);
          if (verdict.checkListLength !== null) listChecks.push([feature.name, verdict.checkListLength]);
        }
        if (!hfChecked) {
          // v2.1 loads without explicit features: the first file's HF metadata decides every column type.
          hfChecked = true;
          const hf = footer.keyValue.find(([k]) => k === 'huggingface')?.[1];
          if (hf === undefined) {
            const sev = this.dataFeatures.some((f) => f.dtype === 'image') ? 'error' : 'warning';
            p.add(
              sev,
              'data-hf-metadata',
              file,
              'no "huggingface" metadata: column types are inferred and images are not decoded',
              ep,
            );
          } else if (hf.includes('"_type": "List"') || hf.includes('"_type":"List"')) {
            p.error(
              'data-hf-metadata',
              file,
              'HF metadata uses _type "List", which datasets <= 3.6 (lerobot v2.1) does not know; use "Sequence"',
              ep,
            );
          }
        }
        ({ table } = await readParquetFile(join(this.root, file), {
          columns: [...DEFAULT_FEATURE_NAMES.filter((n) => names.includes(n)), ...listChecks.map(([n]) => n)],
        }));
        for (const [name, size] of listChecks) {
          const lens = listLengths(table, name);
          const bad = lens ? lens.findIndex((l) => l !== size) : -1;
          if (bad >= 0)
            p.error(
              'data-type',
              file,
              `column "${name}" row ${bad} has ${lens?.[bad]} items; shape needs ${size}`,
              ep,
            );
        }
      } catch (err) {
        const msg = err instanceof ParquetReadError ? err.message.replace(`${err.file}: `, '') : String(err);
        p.error('data-unreadable', file, `cannot read: ${msg}`, ep);
        globalIndex += e.length;
        continue;
      }
      const rows = table.numRows;
      if (rows !== e.length)
        p.error('data-episode-length', file, `${rows} rows, but episodes.jsonl says length ${e.length}`, ep);
      const ts = numberColumn(table, 'timestamp')?.values;
      const fi = numberColumn(table, 'frame_index')?.values;
      const ei = numberColumn(table, 'episode_index')?.values;
      const ix = numberColumn(table, 'index')?.values;
      const ti = numberColumn(table, 'task_index')?.values;
      const fps = this.info.fps;
      const first = (rule: string, bad: number, msg: (r: number) => string) => {
        if (bad >= 0) p.error(rule, file, msg(bad), ep);
      };
      if (ei)
        first(
          'data-episode-index',
          ei.findIndex((v) => v !== ep),
          (r) => `row ${r} has episode_index ${ei[r]}`,
        );
      if (fi)
        first(
          'data-frame-index',
          fi.findIndex((v, r) => v !== r),
          (r) => `row ${r} has frame_index ${fi[r]}; it must run 0..length-1`,
        );
      if (ix)
        first(
          'data-index',
          ix.findIndex((v, r) => v !== globalIndex + r),
          (r) => `row ${r} has index ${ix[r]}, expected ${globalIndex + r}`,
        );
      if (ti)
        first(
          'data-task-index',
          ti.findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < this.info.totalTasks)),
          (r) => `row ${r} has task_index ${ti[r]}, outside [0, ${this.info.totalTasks})`,
        );
      if (ts && fps !== null) {
        // check_timestamps_sync: consecutive timestamps 1/fps apart within tolerance_s, checked at every v2.1 load.
        first(
          'data-timestamp-sync',
          ts.findIndex((v, r) => r > 0 && Math.abs(v - (ts[r - 1] as number) - 1 / fps) > TOLERANCE_S),
          (r) => `timestamps ${ts[r - 1]} -> ${ts[r]} are not 1/fps apart (lerobot v2.1 raises at load)`,
        );
        first(
          'data-timestamp',
          ts.findIndex((v, r) => v !== Math.fround(r / fps) && Math.abs(v - r / fps) > TOLERANCE_S),
          (r) => `frame ${r}: timestamp ${ts[r]} differs from frame_index/fps = ${(r / fps).toFixed(6)}`,
        );
      }
      globalIndex += rows;
    }
  }

  private async checkVideos(
    episodes: V21Episode[] | null,
  ): Promise<'ffprobe' | 'existence-only' | 'no-videos'> {
    if (this.videoKeys.length === 0) return 'no-videos';
    let probed = false;
    for (const e of episodes ?? []) {
      for (const key of this.videoKeys) {
        const file = this.episodePath(this.info.videoPath, e.episodeIndex, key);
        if (file === null) continue;
        if (!(await exists(join(this.root, file)))) {
          this.p.error('video-missing', file, `video of "${key}" does not exist`, e.episodeIndex);
          continue;
        }
        const probe = await probeVideo(join(this.root, file));
        if (probe === null) continue;
        probed = true;
        if ('error' in probe)
          this.p.error('video-unreadable', file, `ffprobe cannot read it: ${probe.error}`, e.episodeIndex);
        else if (probe.frames !== null && probe.frames < e.length) {
          this.p.error(
            'video-frames',
            file,
            `stream has ${probe.frames} frames for an episode of ${e.length}`,
            e.episodeIndex,
          );
        }
      }
    }
    return probed ? 'ffprobe' : 'existence-only';
  }
}
