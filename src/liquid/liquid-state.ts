// Measures a liquid: which container each particle is in (from world positions and container poses) and how many spilled.
import type { Vec3 } from '../motion/math3d.js';
import type { InteriorBox } from './liquid-mjcf.js';

/** A container as the counter sees it: its interior and footprint in the object frame, and its live pose. */
export interface ContainerPose {
  id: string;
  /** World position of the object frame's origin. */
  posM: Vec3;
  /** Row-major 3x3 rotation from object to world (MuJoCo's xmat layout). */
  mat: ArrayLike<number>;
  interior: InteriorBox;
  /** Half extents of the container's outer footprint in the object frame (BuiltAsset.footprintHalfM). */
  footprintHalfM: readonly [number, number];
}

export interface LiquidCounts {
  /** Particles inside each container (every container of the scene, filled or not). */
  byContainer: Record<string, number>;
  /** Particles inside no container: on the bench, the floor, the robot, or in the air. */
  spilled: number;
  total: number;
}

/** World point -> object frame: the transpose of the row-major rotation applied to the offset. */
function toObjectFrame(p: Vec3, c: ContainerPose): Vec3 {
  const d: Vec3 = [p[0] - c.posM[0], p[1] - c.posM[1], p[2] - c.posM[2]];
  const m = (i: number) => c.mat[i] as number;
  return [
    m(0) * d[0] + m(3) * d[1] + m(6) * d[2],
    m(1) * d[0] + m(4) * d[1] + m(7) * d[2],
    m(2) * d[0] + m(5) * d[1] + m(8) * d[2],
  ];
}

/**
 * Whether a particle centre lies in a container: between the interior's floor and rim heights, and across
 * either inside the interior box or inside the ellipse inscribed in the outer footprint. The interior box of a
 * round vessel is the square inscribed in its bore, which misses a fifth of the bore's area; the inscribed
 * footprint ellipse covers the bore (its radius is the wall's outer corner radius), while a particle resting
 * against the outside of a wall has its centre at least one radius beyond the wall, outside both.
 * Conical vessels (a flask) are approximated by their base: a particle lying on the outside of the cone
 * would count as inside.
 */
export function insideContainer(p: Vec3, c: ContainerPose): boolean {
  const [x, y, z] = toObjectFrame(p, c);
  const { minM, maxM } = c.interior;
  if (z < minM[2] || z > maxM[2]) return false;
  const inBox = x >= minM[0] && x <= maxM[0] && y >= minM[1] && y <= maxM[1];
  const [hx, hy] = c.footprintHalfM;
  return inBox || (x / hx) ** 2 + (y / hy) ** 2 <= 1;
}

const interiorVolume = (c: ContainerPose): number =>
  (c.interior.maxM[0] - c.interior.minM[0]) *
  (c.interior.maxM[1] - c.interior.minM[1]) *
  (c.interior.maxM[2] - c.interior.minM[2]);

/** Counts particles per container; a particle inside nested containers (a beaker in a tray) counts for the smallest. */
export function countLiquid(particles: readonly Vec3[], containers: readonly ContainerPose[]): LiquidCounts {
  const bySize = [...containers].sort((a, b) => interiorVolume(a) - interiorVolume(b));
  const byContainer: Record<string, number> = Object.fromEntries(containers.map((c) => [c.id, 0]));
  let spilled = 0;
  for (const p of particles) {
    const holder = bySize.find((c) => insideContainer(p, c));
    if (holder) byContainer[holder.id] = (byContainer[holder.id] ?? 0) + 1;
    else spilled++;
  }
  return { byContainer, spilled, total: particles.length };
}
