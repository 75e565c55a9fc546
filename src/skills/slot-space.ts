// Slots of a holder (rack cells, rotor holes, a plate seat) as the holder's own geoms wall them in: upright convex
// prisms in the holder's frame, the walls round each slot and how high they stand, and what lies inside them.
import type { BuiltAsset } from '../assets/built-asset.js';
import type { Vec3 } from '../motion/math3d.js';
import type { PrimitiveGeom } from '../schemas/common.js';

export type Point2 = readonly [number, number];

/** A convex prism standing upright: an xy polygon (counter-clockwise) between two heights, in one frame. */
export interface Prism {
  polygon: Point2[];
  zMinM: number;
  zMaxM: number;
}

export interface SlotSpace {
  index: number;
  /** Where an object held by the slot stands: the slot's floor under its axis (holder frame). */
  floorM: Vec3;
  /** Top of the walls that bound the slot (holder frame z): above it the slot holds nothing. */
  wallTopM: number;
  /** The holder's own solids rising above the slot's floor (holder frame), the slot's walls among them. */
  walls: Prism[];
}

/** Round geoms become polygons with this many sides, circumscribed so that the polygon never under-reaches. */
const ROUND_SIDES = 24;
/** A solid whose top is within this of a slot's floor carries the slot (the rotor deck, the rack base), not walls it. */
const FLOOR_EPS_M = 1e-4;
/** Walls this much farther from a slot's axis than its nearest wall still bound it (a hub behind a rotor hole's wall). */
const BOUNDING_BAND_M = 0.003;

/** Convex hull (counter-clockwise, no repeated end point) of xy points: Andrew's monotone chain. */
export function convexHull(points: ReadonlyArray<readonly number[]>): Point2[] {
  const pts = points
    .map((p) => [p[0] as number, p[1] as number] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts.map((p) => [p[0], p[1]] as const);
  const turn = (o: Point2, a: Point2, b: Point2) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point2[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && turn(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 1e-15)
      lower.pop();
    lower.push(p);
  }
  const upper: Point2[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && turn(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 1e-15)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The upright prism around 3D points: their xy hull between their lowest and highest z. */
export function prismAround(points: ReadonlyArray<readonly number[]>): Prism {
  let zMinM = Infinity;
  let zMaxM = -Infinity;
  for (const p of points) {
    zMinM = Math.min(zMinM, p[2] as number);
    zMaxM = Math.max(zMaxM, p[2] as number);
  }
  return { polygon: convexHull(points), zMinM, zMaxM };
}

/** A geom's upright bounding prism: exact for upright boxes, a circumscribed polygon round anything round. */
export function geomPrism(g: PrimitiveGeom): Prism {
  const ring = (c: readonly number[], r: number, dz: number): Vec3[] => {
    const out: Vec3[] = [];
    const R = r / Math.cos(Math.PI / ROUND_SIDES);
    for (let k = 0; k < ROUND_SIDES; k++) {
      const a = (2 * Math.PI * k) / ROUND_SIDES;
      for (const s of [-1, 1])
        out.push([
          (c[0] as number) + R * Math.cos(a),
          (c[1] as number) + R * Math.sin(a),
          (c[2] as number) + s * dz,
        ]);
    }
    return out;
  };
  switch (g.type) {
    case 'box': {
      const [hx, hy, hz] = g.halfSizeM;
      const q = g.quat;
      const corners: Vec3[] = [];
      for (const sx of [-1, 1])
        for (const sy of [-1, 1])
          for (const sz of [-1, 1]) {
            const l: Vec3 = [sx * hx, sy * hy, sz * hz];
            const r = q ? rotateByQuat(q as readonly number[], l) : l;
            corners.push([g.posM[0] + r[0], g.posM[1] + r[1], g.posM[2] + r[2]]);
          }
      return prismAround(corners);
    }
    case 'sphere':
      return prismAround(ring(g.posM, g.radiusM, g.radiusM));
    case 'cylinder':
    case 'capsule': {
      // Each end disc lies within the horizontal circle of its radius about the end's centre, and within the
      // radius times the axis's horizontal share above and below it.
      const d = [g.toM[0] - g.fromM[0], g.toM[1] - g.fromM[1], g.toM[2] - g.fromM[2]];
      const len = Math.hypot(d[0] as number, d[1] as number, d[2] as number) || 1;
      const horizontal = Math.sqrt(Math.max(0, 1 - ((d[2] as number) / len) ** 2));
      const dz = g.type === 'capsule' ? g.radiusM : g.radiusM * horizontal;
      return prismAround([...ring(g.fromM, g.radiusM, dz), ...ring(g.toM, g.radiusM, dz)]);
    }
  }
}

function rotateByQuat(q: readonly number[], v: Vec3): Vec3 {
  const [w, x, y, z] = q as [number, number, number, number];
  // v + 2 w (u x v) + 2 u x (u x v), u = (x, y, z)
  const c1: Vec3 = [y * v[2] - z * v[1], z * v[0] - x * v[2], x * v[1] - y * v[0]];
  const c2: Vec3 = [y * c1[2] - z * c1[1], z * c1[0] - x * c1[2], x * c1[1] - y * c1[0]];
  return [v[0] + 2 * (w * c1[0] + c2[0]), v[1] + 2 * (w * c1[1] + c2[1]), v[2] + 2 * (w * c1[2] + c2[2])];
}

/** Signed distance from a point to a convex polygon: negative inside (by the depth to its nearest edge). */
export function polygonDistanceM(p: Point2, poly: readonly Point2[]): number {
  if (poly.length === 0) return Infinity;
  let outside = false;
  let nearest = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i] as Point2;
    const b = poly[(i + 1) % poly.length] as Point2;
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    if (ex * (p[1] - a[1]) - ey * (p[0] - a[0]) < 0) outside = true;
    const len2 = ex * ex + ey * ey || 1e-30;
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / len2));
    nearest = Math.min(nearest, Math.hypot(p[0] - a[0] - t * ex, p[1] - a[1] - t * ey));
  }
  return outside || poly.length < 3 ? nearest : -nearest;
}

/** Where the segment a -> b first enters a convex polygon, as a fraction of its length; null if it never does. */
export function segmentEntry(a: Point2, b: Point2, poly: readonly Point2[]): number | null {
  if (poly.length < 3) return null;
  let t0 = 0;
  let t1 = 1;
  const d: Point2 = [b[0] - a[0], b[1] - a[1]];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Point2;
    const q = poly[(i + 1) % poly.length] as Point2;
    // Inward normal of a counter-clockwise edge: (-ey, ex).
    const nx = -(q[1] - p[1]);
    const ny = q[0] - p[0];
    const num = nx * (a[0] - p[0]) + ny * (a[1] - p[1]);
    const den = nx * d[0] + ny * d[1];
    if (Math.abs(den) < 1e-15) {
      if (num < 0) return null;
      continue;
    }
    const t = -num / den;
    if (den > 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return t0;
}

/**
 * Gap between two convex polygons along the axis that separates them best (edge normals of both): positive when
 * apart (a lower bound of their distance), negative when they overlap, by how deep along that axis.
 */
export function polygonGapM(a: readonly Point2[], b: readonly Point2[]): number {
  let gap = -Infinity;
  for (const poly of [a, b])
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i] as Point2;
      const q = poly[(i + 1) % poly.length] as Point2;
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (len < 1e-12) continue;
      const n: Point2 = [(q[1] - p[1]) / len, -(q[0] - p[0]) / len];
      const span = (r: readonly Point2[]) => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of r) {
          const s = v[0] * n[0] + v[1] * n[1];
          lo = Math.min(lo, s);
          hi = Math.max(hi, s);
        }
        return [lo, hi] as const;
      };
      const [alo, ahi] = span(a);
      const [blo, bhi] = span(b);
      gap = Math.max(gap, blo - ahi, alo - bhi);
    }
  return gap;
}

/** Whether two prisms share some height: only then can their footprints collide. */
export const heightsOverlap = (a: Prism, b: Prism): boolean => a.zMinM < b.zMaxM && b.zMinM < a.zMaxM;

const slotCache = new WeakMap<BuiltAsset, SlotSpace[]>();

/** The slots of a holder with the walls round each, from its own (not its moving parts') geoms; cached per asset. */
export function holderSlots(built: BuiltAsset): SlotSpace[] {
  const cached = slotCache.get(built);
  if (cached) return cached;
  const solids = built.geoms.map((g) => geomPrism(g.geom));
  const slots = (built.slots ?? []).map((floorM, index): SlotSpace => {
    const walls = solids.filter((s) => s.zMaxM > floorM[2] + FLOOR_EPS_M);
    const axis: Point2 = [floorM[0], floorM[1]];
    const distances = walls.map((w) => polygonDistanceM(axis, w.polygon));
    const nearest = Math.min(Infinity, ...distances);
    const bounding = walls.filter((_, i) => (distances[i] as number) <= nearest + BOUNDING_BAND_M);
    const wallTopM = Math.max(floorM[2], ...bounding.map((w) => w.zMaxM));
    return { index, floorM: [floorM[0], floorM[1], floorM[2]], wallTopM, walls };
  });
  slotCache.set(built, slots);
  return slots;
}

/**
 * How far a point (holder frame) lies inside a slot's walls at its height: its distance to the nearest wall, or
 * negative when a wall stands between it and the slot's axis (by how far it reaches past the wall's face). A point
 * at or above the walls' top, or below the floor, is not held by the slot: +Infinity.
 */
export function slotClearanceM(slot: SlotSpace, p: readonly number[]): number {
  const z = p[2] as number;
  if (z >= slot.wallTopM || z < slot.floorM[2] - FLOOR_EPS_M) return Infinity;
  // A point on or a hair below the floor (a tube resting in its hole) is judged against the walls standing on the
  // floor: at z below their foot only the bowl's walls are there, and it would seem to stand in every slot at once.
  const zw = Math.max(z, slot.floorM[2] + FLOOR_EPS_M);
  const axis: Point2 = [slot.floorM[0], slot.floorM[1]];
  const xy: Point2 = [p[0] as number, p[1] as number];
  const reach = Math.hypot(xy[0] - axis[0], xy[1] - axis[1]);
  let clearance = Infinity;
  let beyond = 0;
  for (const w of slot.walls) {
    if (!(w.zMinM < zw && zw < w.zMaxM)) continue;
    const t = segmentEntry(axis, xy, w.polygon);
    if (t !== null) beyond = Math.max(beyond, (1 - t) * reach + 1e-9);
    else clearance = Math.min(clearance, polygonDistanceM(xy, w.polygon));
  }
  return beyond > 0 ? -beyond : clearance;
}

/** The smallest slot clearance over points (holder frame): how snugly and whether they stand inside the slot. */
export function slotFitM(slot: SlotSpace, points: ReadonlyArray<readonly number[]>): number {
  let m = Infinity;
  for (const p of points) m = Math.min(m, slotClearanceM(slot, p));
  return m;
}

/** Whether some of these points (an object's hull, holder frame) stand inside the slot, below its walls' top. */
export function occupiesSlot(slot: SlotSpace, points: ReadonlyArray<readonly number[]>): boolean {
  return points.some((p) => {
    const c = slotClearanceM(slot, p);
    return c !== Infinity && c >= 0;
  });
}

/** The slot an object stands in or over: the one whose axis its base (holder frame) lies nearest. */
export function slotUnder(slots: readonly SlotSpace[], baseLocal: readonly number[]): SlotSpace | undefined {
  let best: SlotSpace | undefined;
  let bestD = Infinity;
  for (const s of slots) {
    const d = Math.hypot((baseLocal[0] as number) - s.floorM[0], (baseLocal[1] as number) - s.floorM[1]);
    if (d < bestD) [best, bestD] = [s, d];
  }
  return best;
}

/**
 * For slots that lie on a circle (a rotor), the slot across the centre from each (-1 where none lies there): a
 * centrifuge is loaded balanced, a tube opposite a tube.
 */
export function oppositeSlots(slots: readonly SlotSpace[]): number[] {
  const none = slots.map(() => -1);
  if (slots.length < 3) return none;
  const cx = slots.reduce((s, k) => s + k.floorM[0], 0) / slots.length;
  const cy = slots.reduce((s, k) => s + k.floorM[1], 0) / slots.length;
  const radii = slots.map((k) => Math.hypot(k.floorM[0] - cx, k.floorM[1] - cy));
  const r = radii[0] as number;
  if (r < 0.01 || radii.some((x) => Math.abs(x - r) > 0.001)) return none;
  return slots.map((k) => {
    const ox = 2 * cx - k.floorM[0];
    const oy = 2 * cy - k.floorM[1];
    const j = slots.findIndex((o) => Math.hypot(o.floorM[0] - ox, o.floorM[1] - oy) < 0.002);
    return j;
  });
}
