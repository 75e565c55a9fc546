// Whether an object sits in a container as a whole: every hull point inside the interior, and how upright it is.
import { assetHullPoints } from '../assets/hull-points.js';
import { matColumn, matVec, type Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { toLocal } from './grasp-geometry.js';

export type Pose = { posM: Vec3; mat: readonly number[] };

/** What a placement is judged by: the object's tilt limit and the container's rim rule (asset families). */
export const placementRules = (object: PlacedObject, container: PlacedObject) => ({
  maxTiltRad: object.placedMaxTiltRad,
  mayRiseAboveRim: container.contentsMayRiseAboveRim,
});

export interface PlacementMeasure {
  /**
   * Smallest distance of the object's hull points inside the interior's inner wall faces and below its rim
   * (negative: the worst point is that far outside).
   */
  insideMarginM: number;
  /** The same, for the inner wall faces alone (over the whole height) and for the rim height alone. */
  wallMarginM: number;
  rimMarginM: number;
  /** How far the lowest hull point lies below the interior floor (soft contacts sink a little). */
  belowFloorM: number;
  /** Whether the object's base centre lies over the interior floor (inside the inner wall faces). */
  baseOverFloor: boolean;
  /** Angle between the object's up axis and the container's. */
  tiltRad: number;
}

export const placementLimits = {
  /** Hull points may touch an inner wall face by this much (contact softness, the hull's round sampling). */
  wallToleranceM: 0.002,
  /** And sink into the floor this far. */
  floorToleranceM: 0.003,
};

export function measurePlacement(
  object: PlacedObject,
  pose: Pose,
  container: PlacedObject,
  containerPose: Pose,
): PlacementMeasure {
  const region = container.built.container;
  if (!region) throw new Error(`${container.id} is not a container`);
  const cpose = { posM: containerPose.posM, mat: [...containerPose.mat] };
  let wallMarginM = Infinity;
  let rimMarginM = Infinity;
  let belowFloorM = -Infinity;
  for (const p of assetHullPoints(object.built)) {
    const r = matVec(pose.mat, p);
    const local = toLocal(cpose, [pose.posM[0] + r[0], pose.posM[1] + r[1], pose.posM[2] + r[2]]);
    wallMarginM = Math.min(
      wallMarginM,
      local[0] - region.minM[0],
      region.maxM[0] - local[0],
      local[1] - region.minM[1],
      region.maxM[1] - local[1],
    );
    rimMarginM = Math.min(rimMarginM, region.maxM[2] - local[2]);
    belowFloorM = Math.max(belowFloorM, region.minM[2] - local[2]);
  }
  const base = toLocal(cpose, pose.posM);
  const baseOverFloor =
    base[0] > region.minM[0] &&
    base[0] < region.maxM[0] &&
    base[1] > region.minM[1] &&
    base[1] < region.maxM[1];
  const up = matColumn(pose.mat, 2);
  const cup = matColumn(containerPose.mat, 2);
  const cos = up[0] * cup[0] + up[1] * cup[1] + up[2] * cup[2];
  return {
    insideMarginM: Math.min(wallMarginM, rimMarginM),
    wallMarginM,
    rimMarginM,
    belowFloorM,
    baseOverFloor,
    tiltRad: Math.acos(Math.max(-1, Math.min(1, cos))),
  };
}

/** The failure code of a placement, or null when it counts as placed (at rest and released are checked apart). */
export function placementFailure(
  m: PlacementMeasure,
  rules: { maxTiltRad: number; mayRiseAboveRim: boolean },
  limits = placementLimits,
): string | null {
  // Over a wall with the base inside: a corner rests on the rim; with the base outside: it missed.
  if (m.wallMarginM < -limits.wallToleranceM)
    return m.baseOverFloor ? 'place.on-rim' : 'place.outside-container';
  if (m.belowFloorM > limits.floorToleranceM) return 'place.through-floor';
  // Tilt before height: a plate standing on its edge sticks up too, and the tilt is the cause.
  if (m.tiltRad > rules.maxTiltRad) return 'place.tilted';
  if (!rules.mayRiseAboveRim && m.rimMarginM < -limits.wallToleranceM) return 'place.above-rim';
  return null;
}

/** Measures a placement and judges it by the object's and the container's families: one call for every check. */
export function judgePlacement(
  object: PlacedObject,
  pose: Pose,
  container: PlacedObject,
  containerPose: Pose,
): { measure: PlacementMeasure; failure: string | null } {
  const measure = measurePlacement(object, pose, container, containerPose);
  return { measure, failure: placementFailure(measure, placementRules(object, container)) };
}
