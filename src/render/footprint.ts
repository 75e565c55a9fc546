// Screen-space footprint of a geom: the pixel rows and column spans its bounding box can cover.

/** Points closer to the camera plane than this (metres, camera z) are clipped away before projecting. */
const NEAR_CLIP = 1e-7;
/** Pixel centres this close outside a box silhouette are still tested, so the kernel decides edge pixels. */
const EDGE_MARGIN_PX = 1e-4;
/** A clipped box has at most 8 corners plus one point per each of its 12 edges. */
const MAX_POINTS = 20;

/** Image size and the tangents of the half field of view (the camera ray of the image edge is (tanX, tanY, -1)). */
export interface PixelGrid {
  width: number;
  height: number;
  tanX: number;
  tanY: number;
}

/**
 * Computes per-row column spans for one geom into caller-owned arrays. Scratch space is held by the
 * instance so the per-frame path allocates nothing.
 */
export class FootprintBuilder {
  /** First and last covered row of the last call; first > last when nothing is covered. */
  firstRow = 0;
  lastRow = -1;

  private readonly cam = new Float64Array(3 * 8);
  private readonly px = new Float64Array(MAX_POINTS);
  private readonly py = new Float64Array(MAX_POINTS);
  private readonly order = new Int32Array(MAX_POINTS);
  private readonly hull = new Int32Array(2 * MAX_POINTS + 1);
  private readonly rowMin: Float64Array;
  private readonly rowMax: Float64Array;

  constructor(private readonly grid: PixelGrid) {
    this.rowMin = new Float64Array(grid.height);
    this.rowMax = new Float64Array(grid.height);
  }

  /**
   * Footprint of the box centred at (cx, cy, cz) in camera coordinates with half-axis vectors
   * a, b, c (camera coordinates, 3 each, read from `axes` at 0, 3, 6). Writes spanStart/spanEnd
   * at [base + row] for rows firstRow..lastRow; a row with start > end is empty.
   */
  box(
    cx: number,
    cy: number,
    cz: number,
    axes: Float64Array,
    spanStart: Int32Array,
    spanEnd: Int32Array,
    base: number,
  ): void {
    const cam = this.cam;
    for (let k = 0; k < 8; k++) {
      const sa = k & 1 ? 1 : -1;
      const sb = k & 2 ? 1 : -1;
      const sc = k & 4 ? 1 : -1;
      for (let d = 0; d < 3; d++) {
        cam[3 * k + d] =
          (d === 0 ? cx : d === 1 ? cy : cz) +
          sa * (axes[d] as number) +
          sb * (axes[3 + d] as number) +
          sc * (axes[6 + d] as number);
      }
    }
    // Keep the corners in front of the camera and, for edges crossing the near plane, the crossing
    // point: the convex hull of their projections is exactly the projection of the clipped box.
    let n = 0;
    for (let k = 0; k < 8; k++) {
      const z = cam[3 * k + 2] as number;
      if (z < -NEAR_CLIP) n = this.project(n, cam[3 * k] as number, cam[3 * k + 1] as number, z);
      for (let bit = 1; bit < 8; bit <<= 1) {
        if (k & bit) continue;
        const k2 = k | bit;
        const z2 = cam[3 * k2 + 2] as number;
        if (z < -NEAR_CLIP === z2 < -NEAR_CLIP) continue;
        const s = (-NEAR_CLIP - z) / (z2 - z);
        const x = (cam[3 * k] as number) + s * ((cam[3 * k2] as number) - (cam[3 * k] as number));
        const y = (cam[3 * k + 1] as number) + s * ((cam[3 * k2 + 1] as number) - (cam[3 * k + 1] as number));
        n = this.project(n, x, y, -NEAR_CLIP);
      }
    }
    if (n === 0) {
      this.clear();
      return;
    }
    this.spansFromHull(this.convexHull(n), spanStart, spanEnd, base);
  }

  /** No pixel: the geom cannot be seen from this camera. */
  clear(): void {
    this.firstRow = 0;
    this.lastRow = -1;
  }

  /** Every pixel of every row: for geoms without a finite bound (unbounded planes). */
  full(spanStart: Int32Array, spanEnd: Int32Array, base: number): void {
    const { width, height } = this.grid;
    for (let j = 0; j < height; j++) {
      spanStart[base + j] = 0;
      spanEnd[base + j] = width - 1;
    }
    this.firstRow = 0;
    this.lastRow = height - 1;
  }

  private project(n: number, x: number, y: number, z: number): number {
    const { width, height, tanX, tanY } = this.grid;
    this.px[n] = ((x / -z / tanX + 1) * width) / 2;
    this.py[n] = ((1 - y / -z / tanY) * height) / 2;
    return n + 1;
  }

  /** Andrew's monotone chain; returns the hull size, vertices (counter-clockwise) in `hull`. */
  private convexHull(n: number): number {
    const { px, py, order, hull } = this;
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = 1; i < n; i++) {
      const v = order[i] as number;
      let j = i - 1;
      while (j >= 0) {
        const u = order[j] as number;
        if (
          (px[u] as number) < (px[v] as number) ||
          (px[u] === px[v] && (py[u] as number) <= (py[v] as number))
        )
          break;
        order[j + 1] = u;
        j--;
      }
      order[j + 1] = v;
    }
    const cross = (o: number, a: number, b: number): number =>
      ((px[a] as number) - (px[o] as number)) * ((py[b] as number) - (py[o] as number)) -
      ((py[a] as number) - (py[o] as number)) * ((px[b] as number) - (px[o] as number));
    let k = 0;
    for (let i = 0; i < n; i++) {
      const p = order[i] as number;
      while (k >= 2 && cross(hull[k - 2] as number, hull[k - 1] as number, p) <= 0) k--;
      hull[k++] = p;
    }
    const lower = k + 1;
    for (let i = n - 2; i >= 0; i--) {
      const p = order[i] as number;
      while (k >= lower && cross(hull[k - 2] as number, hull[k - 1] as number, p) <= 0) k--;
      hull[k++] = p;
    }
    // The chain ends where it began; a single distinct point gives a one-vertex hull.
    return Math.max(1, k - 1);
  }

  private spansFromHull(m: number, spanStart: Int32Array, spanEnd: Int32Array, base: number): void {
    const { px, py, hull, rowMin, rowMax } = this;
    const { width, height } = this.grid;
    let yLo = Number.POSITIVE_INFINITY;
    let yHi = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < m; e++) {
      const y = py[hull[e] as number] as number;
      if (y < yLo) yLo = y;
      if (y > yHi) yHi = y;
    }
    const first = Math.max(0, Math.ceil(yLo - 0.5 - EDGE_MARGIN_PX));
    const last = Math.min(height - 1, Math.floor(yHi - 0.5 + EDGE_MARGIN_PX));
    this.firstRow = first;
    this.lastRow = last;
    if (first > last) return;
    for (let j = first; j <= last; j++) {
      rowMin[j] = Number.POSITIVE_INFINITY;
      rowMax[j] = Number.NEGATIVE_INFINITY;
    }
    for (let e = 0; e < m; e++) {
      const a = hull[e] as number;
      const b = hull[(e + 1) % m] as number;
      const xa = px[a] as number;
      const ya = py[a] as number;
      const xb = px[b] as number;
      const yb = py[b] as number;
      const eLo = Math.min(ya, yb);
      const eHi = Math.max(ya, yb);
      const j0 = Math.max(first, Math.ceil(eLo - 0.5 - EDGE_MARGIN_PX));
      const j1 = Math.min(last, Math.floor(eHi - 0.5 + EDGE_MARGIN_PX));
      for (let j = j0; j <= j1; j++) {
        // Rows just outside the hull's vertical extent (within the margin) use its nearest edge point.
        const yc = Math.min(eHi, Math.max(eLo, j + 0.5));
        let xLo: number;
        let xHi: number;
        if (yb === ya) {
          xLo = Math.min(xa, xb);
          xHi = Math.max(xa, xb);
        } else {
          const x = xa + ((yc - ya) * (xb - xa)) / (yb - ya);
          xLo = x;
          xHi = x;
        }
        if (xLo < (rowMin[j] as number)) rowMin[j] = xLo;
        if (xHi > (rowMax[j] as number)) rowMax[j] = xHi;
      }
    }
    for (let j = first; j <= last; j++) {
      const lo = rowMin[j] as number;
      const hi = rowMax[j] as number;
      // Clamp before converting: clipped points can project to coordinates far beyond int32.
      spanStart[base + j] = lo > hi ? 0 : Math.max(0, Math.ceil(Math.max(-1, lo) - 0.5 - EDGE_MARGIN_PX));
      spanEnd[base + j] =
        lo > hi ? -1 : Math.min(width - 1, Math.floor(Math.min(width + 1, hi) - 0.5 + EDGE_MARGIN_PX));
    }
  }
}
