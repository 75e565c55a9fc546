// Per-episode feature statistics and their aggregation into dataset stats, following lerobot's compute_stats.py.
// Pure: works on typed arrays only.

import { QUANTILES } from './lerobot-layout.js';

/** How min/max are typed: numpy keeps the input dtype, so int features get int64 min/max, bools get bools. */
export type MinMaxKind = 'float' | 'int' | 'bool';

/** Stats of one feature over one episode (or aggregated). Arrays have one entry per element (per channel for images). */
export interface FeatureStats {
  image: boolean;
  minMaxKind: MinMaxKind;
  min: number[];
  max: number[];
  mean: number[];
  std: number[];
  count: number;
  /** Keyed q01, q10, q50, q90, q99. */
  quantiles: Record<string, number[]>;
}

// lerobot's RunningQuantileStats estimates quantiles from a 5000-bin histogram over [min-1e-10, max+1e-10].
const NUM_BINS = 5000;
const EDGE_PAD = 1e-10;

function binEdges(min: number, max: number): Float64Array {
  const start = min - EDGE_PAD;
  const stop = max + EDGE_PAD;
  const step = (stop - start) / NUM_BINS;
  const edges = new Float64Array(NUM_BINS + 1);
  for (let i = 0; i < NUM_BINS; i++) edges[i] = i * step + start;
  edges[NUM_BINS] = stop;
  return edges;
}

/** Bin of x as np.histogram assigns it with explicit edges: [e_i, e_i+1), the last bin closed. */
function binOf(x: number, edges: Float64Array): number {
  const e0 = edges[0] as number;
  const eN = edges[NUM_BINS] as number;
  let i = Math.floor(((x - e0) / (eN - e0)) * NUM_BINS);
  if (!(i >= 0)) i = 0;
  if (i > NUM_BINS - 1) i = NUM_BINS - 1;
  while (i > 0 && x < (edges[i] as number)) i--;
  while (i < NUM_BINS - 1 && x >= (edges[i + 1] as number)) i++;
  return i;
}

/** RunningQuantileStats._compute_single_quantile over a filled histogram. */
function histogramQuantile(hist: Float64Array, edges: Float64Array, total: number, q: number): number {
  const target = q * total;
  let cum = 0;
  for (let idx = 0; idx < hist.length; idx++) {
    const before = cum;
    cum += hist[idx] as number;
    if (cum >= target) {
      if (idx === 0) return edges[0] as number;
      const inBin = cum - before;
      if (inBin === 0) return edges[idx] as number;
      const fraction = (target - before) / inBin;
      return (edges[idx] as number) + fraction * ((edges[idx + 1] as number) - (edges[idx] as number));
    }
  }
  return edges[NUM_BINS] as number;
}

function emptyQuantiles(): Record<string, number[]> {
  return Object.fromEntries(QUANTILES.map(([k]) => [k, [] as number[]]));
}

/**
 * Stats of a numeric feature: `values` is row-major (rows x dim). Population std (ddof=0); with fewer than two
 * rows every quantile equals the mean, as lerobot's _compute_basic_stats does.
 */
export function computeVectorStats(
  values: ArrayLike<number> | BigInt64Array,
  rows: number,
  dim: number,
  minMaxKind: MinMaxKind,
): FeatureStats {
  const stats: FeatureStats = {
    image: false,
    minMaxKind,
    min: [],
    max: [],
    mean: [],
    std: [],
    count: rows,
    quantiles: emptyQuantiles(),
  };
  const col = new Float64Array(rows);
  const isBig = values instanceof BigInt64Array;
  for (let d = 0; d < dim; d++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const v = isBig
        ? Number((values as BigInt64Array)[r * dim + d])
        : ((values as ArrayLike<number>)[r * dim + d] as number);
      col[r] = v;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const mean = sum / rows;
    let sq = 0;
    for (let r = 0; r < rows; r++) {
      const dv = (col[r] as number) - mean;
      sq += dv * dv;
    }
    stats.min.push(min);
    stats.max.push(max);
    stats.mean.push(mean);
    stats.std.push(Math.sqrt(sq / rows));
    if (rows < 2) {
      for (const [k] of QUANTILES) stats.quantiles[k]?.push(mean);
      continue;
    }
    const edges = binEdges(min, max);
    const hist = new Float64Array(NUM_BINS);
    for (let r = 0; r < rows; r++) {
      const b = binOf(col[r] as number, edges);
      hist[b] = (hist[b] as number) + 1;
    }
    for (const [k, q] of QUANTILES) stats.quantiles[k]?.push(histogramQuantile(hist, edges, rows, q));
  }
  return stats;
}

/** compute_stats.estimate_num_samples with its defaults (100 samples up to ~500 frames, then n^0.75, at most 10k). */
export function estimateNumSamples(len: number): number {
  const minSamples = Math.min(len, 100);
  return Math.max(minSamples, Math.min(Math.floor(len ** 0.75), 10_000));
}

/** Round half to even, like numpy's np.round. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** compute_stats.sample_indices: evenly spaced frame indices, np.round(np.linspace(0, len-1, n)). */
export function sampleIndices(len: number): number[] {
  const n = estimateNumSamples(len);
  if (n <= 1) return n === 1 ? [0] : [];
  const step = (len - 1) / (n - 1);
  const out: number[] = [];
  for (let i = 0; i < n - 1; i++) out.push(roundHalfEven(i * step));
  out.push(len - 1);
  return out;
}

function bump(r: Float64Array, g: Float64Array, b: Float64Array, frame: Uint8Array, p: number): void {
  const vr = frame[p] as number;
  const vg = frame[p + 1] as number;
  const vb = frame[p + 2] as number;
  r[vr] = (r[vr] as number) + 1;
  g[vg] = (g[vg] as number) + 1;
  b[vb] = (b[vb] as number) + 1;
}

/**
 * Per-channel stats of RGB frames (H x W x 3, uint8), reported on pixels/255 like lerobot: frames are sampled
 * with sampleIndices and strided down when larger than 300 px (auto_downsample_height_width). Because pixels
 * are integers, a 256-entry count per channel gives exact moments and the same histogram lerobot builds.
 */
export function computeImageStats(
  frames: readonly Uint8Array[],
  height: number,
  width: number,
): FeatureStats {
  const channels = 3;
  const idx = sampleIndices(frames.length);
  const factor = Math.max(width, height) < 300 ? 1 : Math.floor(Math.max(width, height) / 150);
  const r = new Float64Array(256);
  const g = new Float64Array(256);
  const b = new Float64Array(256);
  for (const fi of idx) {
    const frame = frames[fi] as Uint8Array;
    if (factor === 1) {
      for (let p = 0; p < frame.length; p += 3) bump(r, g, b, frame, p);
      continue;
    }
    for (let y = 0; y < height; y += factor) {
      const rowBase = y * width * channels;
      for (let x = 0; x < width; x += factor) {
        bump(r, g, b, frame, rowBase + x * channels);
      }
    }
  }
  const counts = [r, g, b];
  const pixels = Math.ceil(height / factor) * Math.ceil(width / factor);
  const total = pixels * idx.length;
  const stats: FeatureStats = {
    image: true,
    minMaxKind: 'float',
    min: [],
    max: [],
    mean: [],
    std: [],
    count: idx.length,
    quantiles: emptyQuantiles(),
  };
  for (let c = 0; c < channels; c++) {
    const cnt = counts[c] as Float64Array;
    let min = 255;
    let max = 0;
    let sum = 0;
    for (let v = 0; v < 256; v++) {
      const k = cnt[v] as number;
      if (k === 0) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += k * v;
    }
    const mean = sum / total;
    let sq = 0;
    for (let v = 0; v < 256; v++) sq += (cnt[v] as number) * (v - mean) * (v - mean);
    stats.min.push(min / 255);
    stats.max.push(max / 255);
    stats.mean.push(mean / 255);
    stats.std.push(Math.sqrt(sq / total) / 255);
    const edges = binEdges(min, max);
    const hist = new Float64Array(NUM_BINS);
    for (let v = min; v <= max; v++) {
      const k = cnt[v] as number;
      if (k === 0) continue;
      const b = binOf(v, edges);
      hist[b] = (hist[b] as number) + k;
    }
    for (const [k, q] of QUANTILES) stats.quantiles[k]?.push(histogramQuantile(hist, edges, total, q) / 255);
  }
  return stats;
}

/**
 * compute_stats.aggregate_feature_stats (lerobot HEAD): element-wise min/max, count-weighted mean, pooled std
 * sqrt(sum n_i (var_i + (mean_i - mean)^2) / N); a quantile <= q50 takes the minimum over episodes, a higher one
 * the maximum (a conservative envelope, not a true quantile).
 */
export function aggregateFeatureStats(list: readonly FeatureStats[]): FeatureStats {
  const first = list[0];
  if (first === undefined) throw new RangeError('aggregateFeatureStats needs at least one episode');
  const dim = first.mean.length;
  const total = list.reduce((s, e) => s + e.count, 0);
  const out: FeatureStats = {
    image: first.image,
    minMaxKind: first.minMaxKind,
    min: [],
    max: [],
    mean: [],
    std: [],
    count: total,
    quantiles: emptyQuantiles(),
  };
  for (let d = 0; d < dim; d++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let wsum = 0;
    for (const e of list) {
      min = Math.min(min, e.min[d] as number);
      max = Math.max(max, e.max[d] as number);
      wsum += (e.mean[d] as number) * e.count;
    }
    const mean = wsum / total;
    let vsum = 0;
    for (const e of list) {
      const dm = (e.mean[d] as number) - mean;
      const sd = e.std[d] as number;
      vsum += (sd * sd + dm * dm) * e.count;
    }
    out.min.push(min);
    out.max.push(max);
    out.mean.push(mean);
    out.std.push(Math.sqrt(vsum / total));
    for (const [k] of QUANTILES) {
      const lower = Number(k.slice(1)) <= 50;
      let acc = lower ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      for (const e of list) {
        const v = e.quantiles[k]?.[d] as number;
        acc = lower ? Math.min(acc, v) : Math.max(acc, v);
      }
      out.quantiles[k]?.push(acc);
    }
  }
  return out;
}
