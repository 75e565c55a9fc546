// validateDataset on the real lerobot-written fixture, on corrupted copies of it, and on a small v2.1 dataset.

import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table as ArrowTable, makeVector, type Table, type Vector } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import { fixedSizeListData, primitiveData, recordBatch } from './arrow-build.js';
import { ParquetFileWriter } from './parquet-file-writer.js';
import { readParquetFile } from './read-parquet.js';
import { type ValidationReport, validateDataset } from './validate.js';

const FIXTURE = '/work/shared/fixtures/lerobot-v3-record-test';
const HAVE_FIXTURE = existsSync(join(FIXTURE, 'meta/info.json'));
const DATA = 'data/chunk-000/file-000.parquet';
const EPISODES = 'meta/episodes/chunk-000/file-000.parquet';

function errors(r: ValidationReport) {
  return r.problems.filter((p) => p.severity === 'error');
}

/** Rewrites a parquet file of the copy after transforming its table (same key-value metadata). */
async function rewriteParquet(path: string, transform: (t: Table) => Table): Promise<void> {
  const { table, keyValue } = await readParquetFile(path);
  const out = transform(table);
  const w = await ParquetFileWriter.create(path);
  for (const b of out.batches) await w.appendBatch(b);
  await w.close([...keyValue].filter(([k]) => k !== 'ARROW:schema'));
}

function replaceColumn(t: Table, name: string, v: Vector): Table {
  const cols: Record<string, Vector> = {};
  for (const f of t.schema.fields) cols[f.name] = f.name === name ? v : (t.getChild(f.name) as Vector);
  return new ArrowTable(cols);
}

describe.skipIf(!HAVE_FIXTURE)('validateDataset on the lerobot fixture', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labgen-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A fresh copy of the fixture to damage. */
  async function copy(name: string): Promise<string> {
    const root = join(dir, name);
    await cp(FIXTURE, root, { recursive: true });
    return root;
  }

  it('reports exactly the two missing videos', async () => {
    const r = await validateDataset(FIXTURE);
    expect(errors(r).map((p) => [p.rule, p.file])).toEqual([
      ['video-missing', 'videos/observation.images.front/chunk-000/file-000.mp4'],
      ['video-missing', 'videos/observation.images.top/chunk-000/file-000.mp4'],
    ]);
    expect(r.ok).toBe(false);
    expect(r.summary).toMatchObject({ version: 'v3.0', episodes: 4, frames: 1492, tasks: 1, errors: 2 });
    expect(r.summary.features).toContain('observation.images.top');
  });

  /** The errors other than the two known missing videos. */
  function newErrors(r: ValidationReport) {
    return errors(r).filter((p) => p.rule !== 'video-missing');
  }

  it('accepts legacy info.json variants with warnings only', async () => {
    const root = await copy('legacy');
    const info = JSON.parse(await readFile(join(root, 'meta/info.json'), 'utf8'));
    info.features.action.names = { motors: info.features.action.names };
    info.features['observation.images.top'].video_info = info.features['observation.images.top'].info;
    delete info.features['observation.images.top'].info;
    info.rosetta_fingerprint = 'abc';
    await writeFile(join(root, 'meta/info.json'), JSON.stringify(info, null, 4));
    const r = await validateDataset(root);
    expect(newErrors(r)).toEqual([]);
    const warned = r.problems.filter((p) => p.severity === 'warning').map((p) => p.rule);
    expect(warned).toEqual(
      expect.arrayContaining(['feature-names', 'feature-legacy', 'info-unknown-key', 'tasks-legacy-index']),
    );
  });

  it('flags a wrong total_frames in info.json', async () => {
    const root = await copy('total-frames');
    const info = JSON.parse(await readFile(join(root, 'meta/info.json'), 'utf8'));
    info.total_frames = 1500;
    await writeFile(join(root, 'meta/info.json'), JSON.stringify(info, null, 4));
    const found = newErrors(await validateDataset(root));
    expect(found.map((p) => p.rule).sort()).toEqual(['data-total-frames', 'episodes-range']);
    expect(found.find((p) => p.rule === 'data-total-frames')?.message).toContain('1492 rows');
  });

  it('flags data rows missing from an episode', async () => {
    const root = await copy('rows');
    // Drop the last 5 rows of episode 2 (rows 747..1118).
    await rewriteParquet(join(root, DATA), (t) => t.slice(0, 1114).concat(t.slice(1119)));
    const found = newErrors(await validateDataset(root));
    const rules = found.map((p) => `${p.rule}:${p.episode ?? '-'}`);
    expect(rules).toContain('data-episode-length:2');
    expect(rules).toContain('data-index:3');
    expect(rules).toContain('data-total-frames:-');
    expect(found.find((p) => p.rule === 'data-episode-length')?.file).toBe(DATA);
  });

  it('flags a bad timestamp, naming file, episode and frame', async () => {
    const root = await copy('timestamp');
    await rewriteParquet(join(root, DATA), (t) => {
      const ts = Float32Array.from(t.getChild('timestamp')?.toArray() as Float32Array);
      ts[373 + 10] = (ts[373 + 10] as number) + 0.5; // episode 1, frame 10
      return replaceColumn(t, 'timestamp', makeVector(ts));
    });
    const found = newErrors(await validateDataset(root));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'data-timestamp', file: DATA, episode: 1 });
    expect(found[0]?.message).toContain('frame 10');
  });

  it('flags a missing data column and an extra one', async () => {
    const root = await copy('columns');
    await rewriteParquet(join(root, DATA), (t) => {
      const cols: Record<string, Vector> = {};
      for (const f of t.schema.fields)
        if (f.name !== 'task_index') cols[f.name] = t.getChild(f.name) as Vector;
      cols.task = makeVector(new Int32Array(t.numRows));
      return new ArrowTable(cols);
    });
    const found = newErrors(await validateDataset(root));
    const cols = found.filter((p) => p.rule === 'data-columns');
    expect(cols.map((p) => p.message).join(' | ')).toMatch(
      /missing columns: task_index.*not in info\.features: task/,
    );
    expect(cols.every((p) => p.file === DATA)).toBe(true);
  });

  it('reports a truncated data file without throwing', async () => {
    const root = await copy('truncated');
    await truncate(join(root, DATA), 30_000);
    const found = newErrors(await validateDataset(root));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'data-unreadable', file: DATA });
    expect(found[0]?.message).toMatch(/truncated/);
  });

  it('reports a truncated episodes file and a garbage stats.json', async () => {
    const root = await copy('episodes');
    await truncate(join(root, EPISODES), 1000);
    await writeFile(join(root, 'meta/stats.json'), '{"action": {"min": [1, 2');
    const found = newErrors(await validateDataset(root));
    expect(found.map((p) => [p.rule, p.file])).toEqual([
      ['episodes-unreadable', EPISODES],
      ['stats-json', 'meta/stats.json'],
    ]);
  });

  it('reports a deleted tasks.parquet', async () => {
    const root = await copy('tasks');
    await unlink(join(root, 'meta/tasks.parquet'));
    const found = newErrors(await validateDataset(root));
    expect(found.map((p) => [p.rule, p.file])).toEqual([['tasks-missing', 'meta/tasks.parquet']]);
  });

  it('reports garbage info.json', async () => {
    const root = await copy('info');
    await writeFile(join(root, 'meta/info.json'), '\u0000\u0001 not json {');
    const r = await validateDataset(root);
    expect(errors(r)).toEqual([expect.objectContaining({ rule: 'info-json', file: 'meta/info.json' })]);
    expect(r.summary.version).toBeNull();
  });

  it('flags an episode pointing at a missing data file', async () => {
    const root = await copy('episode-rows');
    await rewriteParquet(join(root, EPISODES), (t) => {
      const fileIndex = BigInt64Array.from(t.getChild('data/file_index')?.toArray() as BigInt64Array);
      fileIndex[3] = 7n;
      return replaceColumn(t, 'data/file_index', makeVector(fileIndex));
    });
    const found = newErrors(await validateDataset(root));
    expect(found).toContainEqual(
      expect.objectContaining({
        rule: 'episodes-data-file',
        file: 'data/chunk-000/file-007.parquet',
        episode: 3,
      }),
    );
  });

  it('never throws on byte-flipped copies (a small deterministic fuzz)', async () => {
    const files = [DATA, EPISODES, 'meta/tasks.parquet', 'meta/info.json', 'meta/stats.json'];
    let seed = 20240607;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let iter = 0; iter < 25; iter++) {
      const root = await copy(`fuzz-${iter}`);
      const file = files[iter % files.length] as string;
      const bytes = new Uint8Array(await readFile(join(root, file)));
      for (let k = 0; k <= next() % 8; k++) bytes[next() % bytes.length] = next() & 255;
      await writeFile(join(root, file), bytes);
      const r = await validateDataset(root);
      expect(r.problems.filter((p) => p.rule === 'internal')).toEqual([]);
      await rm(root, { recursive: true, force: true });
    }
  });

  it('flags stats.json shape faults', async () => {
    const root = await copy('stats');
    const stats = JSON.parse(await readFile(join(root, 'meta/stats.json'), 'utf8'));
    stats.action.mean = [0, 1, 2];
    stats['observation.images.top'].std = [0.1, 0.2, 0.3];
    stats.bogus = { min: [0] };
    await writeFile(join(root, 'meta/stats.json'), JSON.stringify(stats));
    const found = newErrors(await validateDataset(root));
    expect(found.map((p) => p.rule).sort()).toEqual(['stats-shape', 'stats-shape', 'stats-unknown-feature']);
  });
});

describe('validateDataset input handling', () => {
  it('throws UserInputError only for a directory that does not exist', async () => {
    await expect(validateDataset('/nonexistent/labgen/dataset')).rejects.toBeInstanceOf(UserInputError);
  });

  it('reports an empty directory as missing info.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labgen-empty-'));
    const r = await validateDataset(dir);
    expect(errors(r).map((p) => p.rule)).toEqual(['info-missing']);
    await rm(dir, { recursive: true });
  });
});

describe('validateDataset on v2.1', () => {
  let root: string;
  const FPS = 10;
  const lengths = [6, 4];

  async function writeEpisode(ep: number, from: number, tsShift = 0): Promise<void> {
    const n = lengths[ep] as number;
    const ts = Float32Array.from({ length: n }, (_, i) => i / FPS + (i === n - 1 ? tsShift : 0));
    const big = (f: (i: number) => number) => BigInt64Array.from({ length: n }, (_, i) => BigInt(f(i)));
    const batch = recordBatch([
      {
        name: 'action',
        data: fixedSizeListData(
          'float32',
          2,
          Float32Array.from({ length: n * 2 }, (_, i) => i),
        ),
      },
      { name: 'timestamp', data: primitiveData('float32', ts) },
      {
        name: 'frame_index',
        data: primitiveData(
          'int64',
          big((i) => i),
        ),
      },
      {
        name: 'episode_index',
        data: primitiveData(
          'int64',
          big(() => ep),
        ),
      },
      {
        name: 'index',
        data: primitiveData(
          'int64',
          big((i) => from + i),
        ),
      },
      {
        name: 'task_index',
        data: primitiveData(
          'int64',
          big(() => 0),
        ),
      },
    ]);
    const hf = JSON.stringify({
      info: {
        features: {
          action: { feature: { dtype: 'float32', _type: 'Value' }, length: 2, _type: 'Sequence' },
          timestamp: { dtype: 'float32', _type: 'Value' },
        },
      },
    });
    const path = join(root, `data/chunk-000/episode_${String(ep).padStart(6, '0')}.parquet`);
    const w = await ParquetFileWriter.create(path);
    await w.appendBatch(batch);
    await w.close([['huggingface', hf]]);
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'labgen-v21-'));
    await mkdir(join(root, 'meta'), { recursive: true });
    await mkdir(join(root, 'data/chunk-000'), { recursive: true });
    const scalar = (dtype: string) => ({ dtype, shape: [1], names: null });
    const info = {
      codebase_version: 'v2.1',
      robot_type: 'test',
      total_episodes: 2,
      total_frames: 10,
      total_tasks: 1,
      total_videos: 0,
      total_chunks: 1,
      chunks_size: 1000,
      fps: FPS,
      splits: { train: '0:2' },
      data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
      video_path: null,
      features: {
        action: { dtype: 'float32', shape: [2], names: ['a', 'b'] },
        timestamp: scalar('float32'),
        frame_index: scalar('int64'),
        episode_index: scalar('int64'),
        index: scalar('int64'),
        task_index: scalar('int64'),
      },
    };
    await writeFile(join(root, 'meta/info.json'), JSON.stringify(info, null, 4));
    await writeFile(join(root, 'meta/tasks.jsonl'), '{"task_index": 0, "task": "pick"}\n');
    await writeFile(
      join(root, 'meta/episodes.jsonl'),
      lengths.map((l, i) => JSON.stringify({ episode_index: i, tasks: ['pick'], length: l })).join('\n'),
    );
    const stat = (v: number[]) => ({ min: v, max: v, mean: v, std: v, count: [5] });
    await writeFile(
      join(root, 'meta/episodes_stats.jsonl'),
      lengths
        .map((_, i) =>
          JSON.stringify({ episode_index: i, stats: { action: stat([0, 1]), timestamp: stat([0]) } }),
        )
        .join('\n'),
    );
    await writeEpisode(0, 0);
    await writeEpisode(1, 6);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('accepts a consistent v2.1 dataset with only the legacy warning', async () => {
    const r = await validateDataset(root);
    expect(errors(r)).toEqual([]);
    expect(r.problems.map((p) => p.rule)).toContain('version-legacy');
    expect(r.summary.version).toBe('v2.1');
  });

  it('flags broken timestamp sync and a missing episode file', async () => {
    await writeEpisode(1, 6, 0.05);
    await writeFile(
      join(root, 'meta/episodes.jsonl'),
      `${await readFile(join(root, 'meta/episodes.jsonl'), 'utf8')}\n{"episode_index": 2, "tasks": ["pick"], "length": 3}`,
    );
    const found = errors(await validateDataset(root));
    const rules = found.map((p) => `${p.rule}:${p.episode ?? '-'}`);
    expect(rules).toContain('data-timestamp-sync:1');
    expect(rules).toContain('data-episode-missing:2');
    expect(found.find((p) => p.rule === 'data-timestamp-sync')?.file).toBe(
      'data/chunk-000/episode_000001.parquet',
    );
  });
});
