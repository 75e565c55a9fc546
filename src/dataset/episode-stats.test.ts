// Pure helpers: stats (lerobot compute_stats semantics), Python JSON printing, path templates.

import { describe, expect, it } from 'vitest';
import {
  aggregateFeatureStats,
  computeImageStats,
  computeVectorStats,
  estimateNumSamples,
  sampleIndices,
} from './episode-stats.js';
import { formatTemplate, nextChunkFile, templatePlaceholders } from './lerobot-layout.js';
import { PyFloat, pythonFloatRepr, pythonJsonDumps } from './python-json.js';

describe('computeVectorStats', () => {
  it('gives per-element min, max, mean, population std and histogram quantiles', () => {
    // two elements per row: x and 10x for x = 0..99
    const v = new Float32Array(200);
    for (let i = 0; i < 100; i++) {
      v[2 * i] = i;
      v[2 * i + 1] = 10 * i;
    }
    const s = computeVectorStats(v, 100, 2, 'float');
    expect(s.min).toEqual([0, 0]);
    expect(s.max).toEqual([99, 990]);
    expect(s.mean).toEqual([49.5, 495]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt((100 * 100 - 1) / 12), 10);
    expect(s.count).toBe(100);
    expect(s.quantiles.q50?.[0]).toBeCloseTo(49.5, 0);
    expect(s.quantiles.q99?.[1]).toBeCloseTo(980, -1);
    expect(s.quantiles.q01?.[0]).toBeLessThan(1.5);
  });

  it('uses the mean for every quantile of a one-frame episode', () => {
    const s = computeVectorStats(BigInt64Array.from([5n]), 1, 1, 'int');
    expect(s.quantiles.q10).toEqual([5]);
    expect(s.std).toEqual([0]);
  });
});

describe('image stats', () => {
  it('samples frames like lerobot', () => {
    expect(estimateNumSamples(50)).toBe(50);
    expect(estimateNumSamples(300)).toBe(100);
    expect(estimateNumSamples(1000)).toBe(177);
    expect(sampleIndices(3)).toEqual([0, 1, 2]);
    const idx = sampleIndices(150);
    expect(idx).toHaveLength(100);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(149);
    // np.round(np.linspace(0, 149, 100)) rounds 1.5 -> 2 and 4.5 -> 4 (half to even)
    expect(idx.slice(0, 4)).toEqual([0, 2, 3, 5]);
  });

  it('computes per-channel stats on pixels / 255', () => {
    const frames = [0, 1].map(() => {
      const f = new Uint8Array(4 * 4 * 3);
      for (let p = 0; p < 16; p++) {
        f[p * 3] = 255;
        f[p * 3 + 1] = p < 8 ? 0 : 255;
        f[p * 3 + 2] = 51;
      }
      return f;
    });
    const s = computeImageStats(frames, 4, 4);
    expect(s.image).toBe(true);
    expect(s.count).toBe(2);
    expect(s.mean).toEqual([1, 0.5, 0.2]);
    expect(s.std[1]).toBeCloseTo(0.5, 12);
    expect(s.min).toEqual([1, 0, 0.2]);
    expect(s.max).toEqual([1, 1, 0.2]);
  });
});

describe('aggregateFeatureStats', () => {
  it('pools mean and std exactly and takes an envelope of quantiles', () => {
    const a = computeVectorStats(Float64Array.from([0, 1, 2, 3]), 4, 1, 'float');
    const b = computeVectorStats(Float64Array.from([10, 11]), 2, 1, 'float');
    const all = computeVectorStats(Float64Array.from([0, 1, 2, 3, 10, 11]), 6, 1, 'float');
    const agg = aggregateFeatureStats([a, b]);
    expect(agg.count).toBe(6);
    expect(agg.mean[0]).toBeCloseTo(all.mean[0] as number, 12);
    expect(agg.std[0]).toBeCloseTo(all.std[0] as number, 12);
    expect(agg.min).toEqual([0]);
    expect(agg.max).toEqual([11]);
    expect(agg.quantiles.q10?.[0]).toBe(
      Math.min(a.quantiles.q10?.[0] as number, b.quantiles.q10?.[0] as number),
    );
    expect(agg.quantiles.q90?.[0]).toBe(
      Math.max(a.quantiles.q90?.[0] as number, b.quantiles.q90?.[0] as number),
    );
  });
});

describe('python JSON', () => {
  it.each([
    [0, '0.0'],
    [1, '1.0'],
    [-2.5, '-2.5'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [0.0001, '0.0001'],
    [123456789012345680, '1.2345678901234568e+17'],
    [1e16, '1e+16'],
    [3.9999999999994176e-16, '3.9999999999994176e-16'],
    [12.433333333333334, '12.433333333333334'],
  ])('repr(%s) == %s', (x, text) => {
    expect(pythonFloatRepr(x)).toBe(text);
  });

  it('prints like json.dumps with and without indent', () => {
    const v = { a: [1, new PyFloat(2)], b: {}, c: [], d: 'é"' };
    expect(pythonJsonDumps(v)).toBe('{"a": [1, 2.0], "b": {}, "c": [], "d": "\\u00e9\\""}');
    expect(pythonJsonDumps(v, { indent: 4, ensureAscii: false })).toBe(
      '{\n    "a": [\n        1,\n        2.0\n    ],\n    "b": {},\n    "c": [],\n    "d": "é\\""\n}',
    );
  });
});

describe('path templates', () => {
  it('formats lerobot templates like str.format', () => {
    expect(
      formatTemplate('data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet', {
        chunk_index: 1,
        file_index: 12,
      }),
    ).toEqual({
      ok: true,
      path: 'data/chunk-001/file-012.parquet',
    });
    expect(formatTemplate('data/{episode_index}.parquet', { chunk_index: 0 })).toMatchObject({ ok: false });
    expect(formatTemplate('data/{chunk_index!r}', { chunk_index: 0 })).toMatchObject({ ok: false });
    expect(templatePlaceholders('videos/{video_key}/chunk-{chunk_index:03d}')).toEqual([
      'video_key',
      'chunk_index',
    ]);
  });

  it('advances chunk and file indices as update_chunk_file_indices does', () => {
    expect(nextChunkFile(0, 0, 1000)).toEqual([0, 1]);
    expect(nextChunkFile(0, 999, 1000)).toEqual([1, 0]);
  });
});
