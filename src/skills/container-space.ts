// Free floor space in a container: footprints as oriented rectangles, and where a carried footprint still fits.

/** A footprint on a container floor: an oriented rectangle in the container's frame (metres). */
export interface Footprint {
  centerM: [number, number];
  /** Unit heading of the rectangle's first axis. */
  axis: [number, number];
  halfM: [number, number];
}

/** Tightest rectangle along `axis` around points (xy of each; z ignored). */
export function footprintAlong(points: ReadonlyArray<readonly number[]>, axis: [number, number]): Footprint {
  const [ux, uy] = axis;
  let a0 = Infinity;
  let a1 = -Infinity;
  let b0 = Infinity;
  let b1 = -Infinity;
  for (const p of points) {
    const x = p[0] as number;
    const y = p[1] as number;
    const a = x * ux + y * uy;
    const b = -x * uy + y * ux;
    a0 = Math.min(a0, a);
    a1 = Math.max(a1, a);
    b0 = Math.min(b0, b);
    b1 = Math.max(b1, b);
  }
  const ca = (a0 + a1) / 2;
  const cb = (b0 + b1) / 2;
  return {
    centerM: [ca * ux - cb * uy, ca * uy + cb * ux],
    axis,
    halfM: [(a1 - a0) / 2, (b1 - b0) / 2],
  };
}

/** The rectangle's corners, in order round it. */
export const footprintCorners = (f: Footprint): Array<[number, number]> => {
  const [ux, uy] = f.axis;
  const [hx, hy] = f.halfM;
  const out: Array<[number, number]> = [];
  for (const [sx, sy] of [
    [1, 1],
    [1, -1],
    [-1, -1],
    [-1, 1],
  ] as const)
    out.push([f.centerM[0] + sx * hx * ux - sy * hy * uy, f.centerM[1] + sx * hx * uy + sy * hy * ux]);
  return out;
};

/**
 * Gap between two rectangles (separating-axis distance; negative when they overlap, by how deep along the
 * axis that separates them best).
 */
export function footprintGapM(a: Footprint, b: Footprint): number {
  let gap = -Infinity;
  for (const f of [a, b])
    for (const axis of [f.axis, [-f.axis[1], f.axis[0]] as [number, number]]) {
      const project = (r: Footprint) => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const [x, y] of footprintCorners(r)) {
          const v = x * axis[0] + y * axis[1];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        return [lo, hi] as const;
      };
      const [alo, ahi] = project(a);
      const [blo, bhi] = project(b);
      gap = Math.max(gap, blo - ahi, alo - bhi);
    }
  return gap;
}

/** Smallest distance from a rectangle's corners to the edges of an axis-aligned floor (negative: outside). */
export function wallClearanceM(
  f: Footprint,
  floor: { minM: readonly number[]; maxM: readonly number[] },
): number {
  let clearance = Infinity;
  for (const [x, y] of footprintCorners(f))
    clearance = Math.min(
      clearance,
      x - (floor.minM[0] as number),
      (floor.maxM[0] as number) - x,
      y - (floor.minM[1] as number),
      (floor.maxM[1] as number) - y,
    );
  return clearance;
}

export interface SpotQuery {
  /** The container's floor (interior, its frame). */
  floor: { minM: readonly number[]; maxM: readonly number[] };
  /** Footprints of what already stands in it. */
  contents: readonly Footprint[];
  /** The carried object's footprint (with the open fingers) when its base is at the origin. */
  carried: Footprint;
  /** Space kept to the walls and to each neighbour. */
  wallGapM: number;
  contentGapM: number;
  /** Grid spacing of the candidate spots. */
  stepM: number;
  /** Where the base would best go (container frame): nearer is preferred among spots that pack as tightly. */
  preferM: [number, number];
}

export interface Spot {
  /** The carried object's base, container frame. */
  baseM: [number, number];
  /** Free space left around the carried footprint beyond the required gaps (walls and neighbours). */
  marginM: number;
}

/**
 * Free space left around the carried footprint with its base at `baseM`, beyond the required gaps to the walls
 * and to each neighbour: negative when it does not fit there.
 */
export function spotMarginM(
  q: Omit<SpotQuery, 'stepM' | 'preferM'>,
  baseM: readonly [number, number],
): number {
  const f: Footprint = {
    ...q.carried,
    centerM: [baseM[0] + q.carried.centerM[0], baseM[1] + q.carried.centerM[1]],
  };
  let margin = wallClearanceM(f, q.floor) - q.wallGapM;
  for (const c of q.contents) margin = Math.min(margin, footprintGapM(f, c) - q.contentGapM);
  return margin;
}

/**
 * Every spot of a grid where the carried footprint fits, best first. Spots pack against walls and neighbours
 * (small margins first, so the free floor stays in one piece for what comes next), then nearer `preferM`.
 */
export function freeSpots(q: SpotQuery): Spot[] {
  const spots: Array<Spot & { score: number }> = [];
  const [ox, oy] = q.carried.centerM;
  const nx = Math.max(1, Math.floor(((q.floor.maxM[0] as number) - (q.floor.minM[0] as number)) / q.stepM));
  const ny = Math.max(1, Math.floor(((q.floor.maxM[1] as number) - (q.floor.minM[1] as number)) / q.stepM));
  for (let i = 0; i <= nx; i++)
    for (let j = 0; j <= ny; j++) {
      const baseM: [number, number] = [
        (q.floor.minM[0] as number) + i * q.stepM - ox,
        (q.floor.minM[1] as number) + j * q.stepM - oy,
      ];
      const marginM = spotMarginM(q, baseM);
      if (marginM < 0) continue;
      // Quantized so that spots that pack equally well are told apart by distance alone.
      const packing = Math.round(marginM / q.stepM);
      const distance = Math.hypot(baseM[0] - q.preferM[0], baseM[1] - q.preferM[1]);
      spots.push({ baseM, marginM, score: packing + distance / 10 });
    }
  spots.sort((a, b) => a.score - b.score);
  return spots.map(({ baseM, marginM }) => ({ baseM, marginM }));
}
