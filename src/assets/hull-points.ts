// Points on the surface of an object's collision geometry, in its frame: what whole-object checks test.
import { add, cross, normalize, quatRotate, scale, sub, type Vec3 } from '../motion/math3d.js';
import type { PrimitiveGeom } from '../schemas/common.js';
import type { BuiltAsset } from './built-asset.js';

/** Points around each circle of a round geom: the true extent is within 1 - cos(pi/12) = 3.4% of the radius. */
const ROUND_SAMPLES = 12;

/**
 * Corners of boxes and rings around the ends of cylinders and capsules (with the capsule's end caps), so
 * that "every corner inside" means the whole geom is inside to within a few percent of a round radius.
 */
export function geomHullPoints(g: PrimitiveGeom): Vec3[] {
  switch (g.type) {
    case 'box': {
      const [hx, hy, hz] = g.halfSizeM;
      const pts: Vec3[] = [];
      for (const sx of [-1, 1])
        for (const sy of [-1, 1])
          for (const sz of [-1, 1]) {
            const local: Vec3 = [sx * hx, sy * hy, sz * hz];
            pts.push(add(g.posM as Vec3, g.quat ? quatRotate(g.quat as never, local) : local));
          }
      return pts;
    }
    case 'sphere': {
      const r = g.radiusM;
      const c = g.posM as Vec3;
      return [
        [r, 0, 0],
        [-r, 0, 0],
        [0, r, 0],
        [0, -r, 0],
        [0, 0, r],
        [0, 0, -r],
      ].map((d) => add(c, d as Vec3));
    }
    case 'cylinder':
    case 'capsule': {
      const from = g.fromM as Vec3;
      const to = g.toM as Vec3;
      const axis = normalize(sub(to, from));
      const helper: Vec3 = Math.abs(axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
      const u = normalize(cross(axis, helper));
      const v = cross(axis, u);
      const pts: Vec3[] = [];
      for (const end of [from, to])
        for (let k = 0; k < ROUND_SAMPLES; k++) {
          const a = (2 * Math.PI * k) / ROUND_SAMPLES;
          pts.push(add(end, add(scale(u, g.radiusM * Math.cos(a)), scale(v, g.radiusM * Math.sin(a)))));
        }
      if (g.type === 'capsule') pts.push(sub(from, scale(axis, g.radiusM)), add(to, scale(axis, g.radiusM)));
      return pts;
    }
  }
}

/** Hull points of an object's own geoms (not its moving parts), in the object frame. */
export function assetHullPoints(built: Pick<BuiltAsset, 'geoms'>): Vec3[] {
  return built.geoms.flatMap((g) => geomHullPoints(g.geom));
}
