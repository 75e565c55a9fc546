// Writer round-trip: synthetic episodes written, then read back with hyparquet (an independent Parquet reader).

import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVector, Table, type Vector } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageStructData } from './arrow-build.js';
import { DatasetWriteError } from './dataset-errors.js';
import { createLeRobotV3Writer } from './lerobot-v3-writer.js';
import { ParquetFileWriter } from './parquet-file-writer.js';
import { readParquetFile } from './read-parquet.js';
import type { EpisodeColumns, FeatureMap } from './types.js';
import { validateDataset } from './validate.js';

const FPS = 15;
const IMG = 32;

const FEATURES: FeatureMap = {
  'observation.state': { dtype: 'float32', shape: [4], names: ['j1', 'j2', 'j3', 'gripper'] },
  action: { dtype: 'float32', shape: [4], names: ['j1', 'j2', 'j3', 'gripper'] },
  'observation.skill_index': { dtype: 'int64', shape: [1], names: null },
  'observation.images.front': {
    dtype: 'image',
    shape: [IMG, IMG, 3],
    names: ['height', 'width', 'channels'],
  },
  'observation.images.wrist': {
    dtype: 'image',
    shape: [IMG, IMG, 3],
    names: ['height', 'width', 'channels'],
  },
};

/** Deterministic synthetic episode: values are simple functions of (episode, frame, element). */
function syntheticEpisode(e: number, length: number, task: string): EpisodeColumns {
  const state = new Float32Array(length * 4);
  const action = new Float32Array(length * 4);
  const skill = new BigInt64Array(length);
  for (let f = 0; f < length; f++) {
    for (let j = 0; j < 4; j++) {
      state[f * 4 + j] = Math.sin(0.1 * f + j + e);
      action[f * 4 + j] = Math.cos(0.1 * f + j + e) * 0.5;
    }
    skill[f] = BigInt(Math.floor((f * 3) / length));
  }
  const frames = (cam: number) =>
    Array.from({ length }, (_, f) => {
      const px = new Uint8Array(IMG * IMG * 3);
      for (let i = 0; i < IMG * IMG; i++) {
        px[i * 3] = (i + f * 7 + e * 11) & 255;
        px[i * 3 + 1] = (i * 3 + cam * 50) & 255;
        px[i * 3 + 2] = (f * 13 + cam * 90) & 255;
      }
      return px;
    });
  return {
    task,
    length,
    numeric: { 'observation.state': state, action, 'observation.skill_index': skill },
    images: { 'observation.images.front': frames(0), 'observation.images.wrist': frames(1) },
    labgen: { seed: 1000 + e, skills: ['pick@1', 'place@1'] },
  };
}

const EPISODES: Array<[number, string]> = [
  [20, 'pick the tube'],
  [17, 'open the lid'],
  [23, 'pick the tube'],
];

async function writeDataset(root: string) {
  const w = createLeRobotV3Writer({
    root,
    fps: FPS,
    robotType: 'panda',
    features: FEATURES,
    labgenMeta: { labgenVersion: '0.1.0', runSeed: 7 },
  });
  for (const [e, [len, task]] of EPISODES.entries()) await w.addEpisode(syntheticEpisode(e, len, task));
  return w.finalize();
}

async function readObjects(file: string, columns?: string[]) {
  const buf = await readFile(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  // utf8: false keeps unannotated BYTE_ARRAY (PNG bytes) binary; STRING columns still decode as text.
  const rows = await parquetReadObjects({ file: ab, utf8: false, ...(columns ? { columns } : {}) });
  return { rows: rows as Array<Record<string, unknown>>, meta: parquetMetadata(ab) };
}

describe('createLeRobotV3Writer', () => {
  let dir: string;
  let root: string;
  let summary: Awaited<ReturnType<typeof writeDataset>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labgen-writer-'));
    root = join(dir, 'a');
    summary = await writeDataset(root);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports totals and the files written', () => {
    expect(summary.totalEpisodes).toBe(3);
    expect(summary.totalFrames).toBe(60);
    expect(summary.files).toEqual([
      'data/chunk-000/file-000.parquet',
      'meta/episodes/chunk-000/file-000.parquet',
      'meta/info.json',
      'meta/labgen/episodes.jsonl',
      'meta/labgen/run.json',
      'meta/stats.json',
      'meta/tasks.parquet',
    ]);
  });

  it('writes info.json with lerobot key order, defaults and no video path', async () => {
    const text = await readFile(join(root, 'meta/info.json'), 'utf8');
    const info = JSON.parse(text);
    expect(Object.keys(info)).toEqual([
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
    ]);
    expect(info).toMatchObject({
      codebase_version: 'v3.0',
      robot_type: 'panda',
      total_episodes: 3,
      total_frames: 60,
      total_tasks: 2,
      fps: FPS,
      splits: { train: '0:3' },
      video_path: null,
      data_path: 'data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet',
    });
    expect(Object.keys(info.features)).toEqual([
      ...Object.keys(FEATURES),
      'timestamp',
      'frame_index',
      'episode_index',
      'index',
      'task_index',
    ]);
    expect(info.features.timestamp).toEqual({ dtype: 'float32', shape: [1], names: null });
    expect(text.startsWith('{\n    "codebase_version": "v3.0",')).toBe(true);
    expect(text.endsWith('}')).toBe(true);
  });

  it('writes data rows that hyparquet reads back with the right columns, types and values', async () => {
    const { rows, meta } = await readObjects(join(root, 'data/chunk-000/file-000.parquet'));
    expect(rows).toHaveLength(60);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([20, 17, 23]);
    for (const g of meta.row_groups) for (const c of g.columns) expect(c.meta_data?.codec).toBe('SNAPPY');
    expect(parquetSchema(meta).children.map((c) => c.element.name)).toEqual([
      ...Object.keys(FEATURES),
      'timestamp',
      'frame_index',
      'episode_index',
      'index',
      'task_index',
    ]);
    const r = rows[21] as Record<string, unknown>; // episode 1, frame 1
    expect(r.episode_index).toBe(1n);
    expect(r.frame_index).toBe(1n);
    expect(r.index).toBe(21n);
    expect(r.task_index).toBe(1n);
    expect(r.timestamp).toBeCloseTo(1 / FPS, 6);
    expect(r['observation.skill_index']).toBe(0n);
    const state = r['observation.state'] as number[];
    expect(state).toHaveLength(4);
    expect(state[2]).toBeCloseTo(Math.fround(Math.sin(0.1 + 2 + 1)), 6);
    const img = r['observation.images.front'] as { bytes: Uint8Array; path: string };
    expect(img.path).toBe('frame-000001.png');
    expect(img.bytes).toBeInstanceOf(Uint8Array);
    const { data, info } = await sharp(img.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([IMG, IMG, 3]);
    expect(data[5 * 3]).toBe((5 + 1 * 7 + 1 * 11) & 255);
    expect(rows.map((x) => x.index)).toEqual(Array.from({ length: 60 }, (_, i) => BigInt(i)));
  });

  it('stores fixed_size_list vectors and the huggingface metadata', async () => {
    const { table, keyValue } = await readParquetFile(join(root, 'data/chunk-000/file-000.parquet'));
    expect(String(table.schema.fields.find((f) => f.name === 'action')?.type)).toBe(
      'FixedSizeList[4]<Float32>',
    );
    expect(String(table.schema.fields.find((f) => f.name === 'observation.images.front')?.type)).toBe(
      'Struct<{bytes:Binary, path:Utf8}>',
    );
    expect(String(table.schema.fields.find((f) => f.name === 'timestamp')?.type)).toBe('Float32');
    expect([...keyValue.keys()]).toEqual(['huggingface', 'ARROW:schema']);
    const hf = JSON.parse(keyValue.get('huggingface') as string);
    expect(hf.info.features.action).toEqual({
      feature: { dtype: 'float32', _type: 'Value' },
      length: 4,
      _type: 'List',
    });
    expect(hf.info.features['observation.images.front']).toEqual({ _type: 'Image' });
    expect(hf.info.features.index).toEqual({ dtype: 'int64', _type: 'Value' });
    expect(keyValue.get('huggingface')).toContain('{"info": {"features": {"observation.state": {"feature": ');
  });

  it('writes tasks.parquet with a pandas index named task', async () => {
    const { rows, meta } = await readObjects(join(root, 'meta/tasks.parquet'));
    expect(rows).toEqual([
      { task_index: 0n, task: 'pick the tube' },
      { task_index: 1n, task: 'open the lid' },
    ]);
    const pandas = JSON.parse(meta.key_value_metadata?.find((kv) => kv.key === 'pandas')?.value ?? '{}');
    expect(pandas.index_columns).toEqual(['task']);
  });

  it('writes one episodes row per episode with locations and stats columns', async () => {
    const { rows } = await readObjects(join(root, 'meta/episodes/chunk-000/file-000.parquet'));
    expect(rows.map((r) => [r.episode_index, r.length, r.dataset_from_index, r.dataset_to_index])).toEqual([
      [0n, 20n, 0n, 20n],
      [1n, 17n, 20n, 37n],
      [2n, 23n, 37n, 60n],
    ]);
    const r0 = rows[0] as Record<string, unknown>;
    expect(r0.tasks).toEqual(['pick the tube']);
    expect(r0['data/chunk_index']).toBe(0n);
    expect(r0['stats/frame_index/min']).toEqual([0n]);
    expect(r0['stats/frame_index/max']).toEqual([19n]);
    expect(r0['stats/frame_index/mean']).toEqual([9.5]);
    expect(r0['stats/observation.state/count']).toEqual([20n]);
    expect((r0['stats/observation.state/mean'] as number[]).length).toBe(4);
    const imgMean = r0['stats/observation.images.front/mean'] as number[][][];
    expect(imgMean).toHaveLength(3);
    expect(imgMean[0]).toHaveLength(1);
    expect(imgMean[0]?.[0]).toHaveLength(1);
    expect(r0['stats/observation.images.front/count']).toEqual([20n]);
    expect(r0['meta/episodes/chunk_index']).toBe(0n);
    const cols = Object.keys(r0);
    expect(cols.slice(0, 7)).toEqual([
      'episode_index',
      'tasks',
      'length',
      'data/chunk_index',
      'data/file_index',
      'dataset_from_index',
      'dataset_to_index',
    ]);
    expect(cols.slice(-2)).toEqual(['meta/episodes/chunk_index', 'meta/episodes/file_index']);
  });

  it('aggregates stats.json over episodes', async () => {
    const stats = JSON.parse(await readFile(join(root, 'meta/stats.json'), 'utf8'));
    expect(Object.keys(stats)).toContain('observation.images.wrist');
    expect(stats.frame_index.min).toEqual([0]);
    expect(stats.frame_index.max).toEqual([22]);
    expect(stats.index.count).toEqual([60]);
    expect(stats.index.mean[0]).toBeCloseTo(29.5, 10);
    // population std of 0..59
    expect(stats.index.std[0]).toBeCloseTo(Math.sqrt((60 * 60 - 1) / 12), 8);
    expect(Object.keys(stats.action)).toEqual([
      'min',
      'max',
      'mean',
      'std',
      'count',
      'q01',
      'q10',
      'q50',
      'q90',
      'q99',
    ]);
    const img = stats['observation.images.front'];
    expect(img.mean).toHaveLength(3);
    expect(img.mean[0][0][0]).toBeGreaterThan(0);
    expect(img.max[0][0][0]).toBeLessThanOrEqual(1);
    expect(img.count).toEqual([60]);
  });

  it('writes the labgen sidecars', async () => {
    const lines = (await readFile(join(root, 'meta/labgen/episodes.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { episode_index: 0, seed: 1000, skills: ['pick@1', 'place@1'] },
      { episode_index: 1, seed: 1001, skills: ['pick@1', 'place@1'] },
      { episode_index: 2, seed: 1002, skills: ['pick@1', 'place@1'] },
    ]);
    expect(JSON.parse(await readFile(join(root, 'meta/labgen/run.json'), 'utf8'))).toEqual({
      labgenVersion: '0.1.0',
      runSeed: 7,
    });
  });

  it('passes validateDataset with no errors', async () => {
    const report = await validateDataset(root);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.summary).toMatchObject({ version: 'v3.0', episodes: 3, frames: 60 });
  });

  it('lets validateDataset catch undecodable image bytes', async () => {
    const copy = join(dir, 'bad-image');
    await cp(root, copy, { recursive: true });
    const path = join(copy, 'data/chunk-000/file-000.parquet');
    const { table, keyValue } = await readParquetFile(path);
    const garbage = Array.from({ length: table.numRows }, () => new Uint8Array([1, 2, 3]));
    const cols: Record<string, Vector> = {};
    for (const f of table.schema.fields) cols[f.name] = table.getChild(f.name) as Vector;
    cols['observation.images.front'] = makeVector(
      imageStructData(
        garbage,
        garbage.map(() => 'x.png'),
      ),
    );
    const w = await ParquetFileWriter.create(path);
    for (const b of new Table(cols).batches) await w.appendBatch(b);
    await w.close([...keyValue].filter(([k]) => k !== 'ARROW:schema'));
    const report = await validateDataset(copy);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ rule: 'data-image', file: 'data/chunk-000/file-000.parquet', episode: 0 }),
    ]);
  });

  it('is deterministic: a second write gives identical bytes', async () => {
    const root2 = join(dir, 'b');
    await writeDataset(root2);
    for (const f of summary.files) {
      const [a, b] = await Promise.all([readFile(join(root, f)), readFile(join(root2, f))]);
      expect(Buffer.compare(a, b), f).toBe(0);
    }
  });

  it('rolls data files at the size limit, one episode never split', async () => {
    const root3 = join(dir, 'c');
    const w = createLeRobotV3Writer({
      root: root3,
      fps: FPS,
      robotType: null,
      features: FEATURES,
      dataFilesSizeInMb: 0.001,
      chunksSize: 2,
    });
    for (const [e, [len, task]] of EPISODES.entries()) await w.addEpisode(syntheticEpisode(e, len, task));
    const s = await w.finalize();
    expect(s.files.filter((f) => f.startsWith('data/'))).toEqual([
      'data/chunk-000/file-000.parquet',
      'data/chunk-000/file-001.parquet',
      'data/chunk-001/file-000.parquet',
    ]);
    const { rows } = await readObjects(join(root3, 'meta/episodes/chunk-000/file-000.parquet'), [
      'data/chunk_index',
      'data/file_index',
    ]);
    expect(rows.map((r) => [r['data/chunk_index'], r['data/file_index']])).toEqual([
      [0n, 0n],
      [0n, 1n],
      [1n, 0n],
    ]);
    const report = await validateDataset(root3);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('writes bool, int32, float64 and string features that validate cleanly', async () => {
    const root6 = join(dir, 'dtypes');
    const features: FeatureMap = {
      'observation.contact': { dtype: 'bool', shape: [2], names: ['left', 'right'] },
      'observation.phase': { dtype: 'int32', shape: [1], names: null },
      'observation.ee_pose': { dtype: 'float64', shape: [3], names: ['x', 'y', 'z'] },
      'annotation.skill': { dtype: 'string', shape: [1], names: null },
    };
    const w = createLeRobotV3Writer({ root: root6, fps: FPS, robotType: null, features });
    const n = 6;
    await w.addEpisode({
      task: 'stir',
      length: n,
      numeric: {
        'observation.contact': Uint8Array.from({ length: n * 2 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        'observation.phase': Int32Array.from({ length: n }, (_, i) => i >> 1),
        // a float32 array for a float64 feature is widened
        'observation.ee_pose': Float32Array.from({ length: n * 3 }, (_, i) => i / 4),
      },
      images: {},
      strings: { 'annotation.skill': Array.from({ length: n }, (_, i) => (i < 3 ? 'pick' : 'stir')) },
      labgen: {},
    });
    await w.finalize();
    const { rows, meta } = await readObjects(join(root6, 'data/chunk-000/file-000.parquet'));
    expect(rows[0]).toMatchObject({
      'observation.contact': [true, false],
      'observation.phase': 0,
      'observation.ee_pose': [0, 0.25, 0.5],
      'annotation.skill': 'pick',
    });
    const hf = JSON.parse(meta.key_value_metadata?.find((kv) => kv.key === 'huggingface')?.value ?? '{}');
    expect(hf.info.features['annotation.skill']).toEqual({ dtype: 'string', _type: 'Value' });
    expect(hf.info.features['observation.contact']).toEqual({
      feature: { dtype: 'bool', _type: 'Value' },
      length: 2,
      _type: 'List',
    });
    const stats = JSON.parse(await readFile(join(root6, 'meta/stats.json'), 'utf8'));
    expect(stats['annotation.skill']).toBeUndefined();
    expect(stats['observation.contact'].max).toEqual([true, true]);
    expect(stats['observation.phase'].max).toEqual([2]);
    const report = await validateDataset(root6);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('rejects bad episodes with a typed error and stays usable', async () => {
    const root4 = join(dir, 'd');
    const w = createLeRobotV3Writer({ root: root4, fps: FPS, robotType: null, features: FEATURES });
    const bad = syntheticEpisode(0, 5, 'x');
    bad.numeric.action = new Float32Array(3);
    await expect(w.addEpisode(bad)).rejects.toBeInstanceOf(DatasetWriteError);
    const nan = syntheticEpisode(0, 5, 'x');
    (nan.numeric.action as Float32Array)[2] = Number.NaN;
    await expect(w.addEpisode(nan)).rejects.toMatchObject({ code: 'NON_FINITE_VALUE' });
    await w.addEpisode(syntheticEpisode(0, 5, 'x'));
    const s = await w.finalize();
    expect(s.totalEpisodes).toBe(1);
    await expect(w.addEpisode(syntheticEpisode(1, 5, 'x'))).rejects.toMatchObject({ code: 'WRITER_CLOSED' });
  });

  it('rejects video features and refuses to overwrite a dataset', async () => {
    expect(() =>
      createLeRobotV3Writer({
        root: join(dir, 'e'),
        fps: FPS,
        robotType: null,
        features: { cam: { dtype: 'video', shape: [8, 8, 3], names: null } },
      }),
    ).toThrow(DatasetWriteError);
    const w = createLeRobotV3Writer({ root, fps: FPS, robotType: null, features: FEATURES });
    await expect(w.addEpisode(syntheticEpisode(0, 3, 'x'))).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
  });

  it('rejects finalizing an empty dataset instead of hanging', async () => {
    const w = createLeRobotV3Writer({
      root: join(dir, 'empty'),
      fps: FPS,
      robotType: null,
      features: FEATURES,
    });
    await expect(w.finalize()).rejects.toMatchObject({ code: 'EMPTY_DATASET' });
  });

  it('leaves no info.json and no loadable parquet when finalize never runs', async () => {
    const root5 = join(dir, 'f');
    const w = createLeRobotV3Writer({ root: root5, fps: FPS, robotType: null, features: FEATURES });
    await w.addEpisode(syntheticEpisode(0, 4, 'x'));
    const dataFiles = await readdir(join(root5, 'data/chunk-000'));
    expect(dataFiles).toEqual(['file-000.parquet.partial']);
    await expect(readdir(join(root5, 'meta'))).resolves.not.toContain('info.json');
    await w.abort();
    expect(await readdir(join(root5, 'data/chunk-000'))).toEqual([]);
  });
});
