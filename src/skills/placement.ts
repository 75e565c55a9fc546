// Whether an object sits in a container as a whole (every hull point inside the interior) or seated in a holder's
// slot (down on the slot's floor, inside its walls), and how upright it is.
import { assetHullPoints } from '../assets/hull-points.js';
import { matColumn, matVec, type Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { toLocal } from './grasp-geometry.js';
import { holderSlots, slotClearanceM, slotFitM, slotUnder } from './slot-space.js';

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
  /** In a holder's slot: which slot, and how far the object's lowest point stands above that slot's floor. */
  slot?: number;
  seatGapM?: number;
}

export const placementLimits = {
  /** Hull points may touch an inner wall face by this much (contact softness, the hull's round sampling). */
  wallToleranceM: 0.002,
  /** And sink into the floor this far. */
  floorToleranceM: 0.003,
  /**
   * Seated in a slot: the object's lowest point at most this far above the slot's floor. With that and its hull
   * inside the walls, the walls themselves bound how far it leans (a tube about 20 degrees in a rack cell, 5 in a
   * rotor hole), so the family's tilt limit is all that is added.
   */
  seatToleranceM: 0.003,
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

/** Whether a destination takes objects into its slots (rack cells, rotor holes, a plate seat) rather than loose. */
export const placesIntoSlots = (destination: PlacedObject): boolean =>
  holderSlots(destination.built).length > 0;

/**
 * An object in a holder's slot: how far its lowest point stands above the slot's floor, how far inside the slot's
 * walls its hull points below their top lie (negative: beyond a wall, or wholly above the walls by that much), and
 * its tilt.
 */
export function measureSlotPlacement(
  object: PlacedObject,
  pose: Pose,
  holder: PlacedObject,
  holderPose: Pose,
): PlacementMeasure {
  const hpose = { posM: holderPose.posM, mat: [...holderPose.mat] };
  const slots = holderSlots(holder.built);
  const base = toLocal(hpose, pose.posM);
  const slot = slotUnder(slots, base);
  if (!slot) throw new Error(`${holder.id} has no slots`);
  const points = assetHullPoints(object.built).map((p) => {
    const r = matVec(pose.mat, p);
    return toLocal(hpose, [pose.posM[0] + r[0], pose.posM[1] + r[1], pose.posM[2] + r[2]]);
  });
  const lowest = Math.min(...points.map((p) => p[2]));
  const insideMarginM = Math.min(slotFitM(slot, points), slot.wallTopM - lowest);
  const seatGapM = lowest - slot.floorM[2];
  const up = matColumn(pose.mat, 2);
  const hup = matColumn(holderPose.mat, 2);
  const cos = up[0] * hup[0] + up[1] * hup[1] + up[2] * hup[2];
  return {
    insideMarginM,
    wallMarginM: insideMarginM,
    rimMarginM: Infinity,
    belowFloorM: -seatGapM,
    baseOverFloor: slotClearanceM(slot, [base[0], base[1], slot.floorM[2] + 0.001]) >= 0,
    tiltRad: Math.acos(Math.max(-1, Math.min(1, cos))),
    slot: slot.index,
    seatGapM,
  };
}

/** The failure code of a slot placement, or null when the object is seated (at rest and released apart). */
export function slotPlacementFailure(
  m: PlacementMeasure,
  maxTiltRad: number,
  limits = placementLimits,
): string | null {
  if (m.belowFloorM > limits.floorToleranceM) return 'place.through-floor';
  // Not down on the floor first: a tube standing on the hole's walls also reaches beyond them, and that is why.
  if ((m.seatGapM ?? 0) > limits.seatToleranceM) return 'place.not-seated';
  if (m.insideMarginM < -limits.wallToleranceM) return 'place.outside-slot';
  if (m.tiltRad > maxTiltRad) return 'place.tilted';
  return null;
}

/**
 * Measures a placement and judges it by the object's and the destination's families: one call for every check.
 * A destination with slots is judged by its slots, an open container by its interior.
 */
export function judgePlacement(
  object: PlacedObject,
  pose: Pose,
  container: PlacedObject,
  containerPose: Pose,
): { measure: PlacementMeasure; failure: string | null } {
  if (placesIntoSlots(container)) {
    const measure = measureSlotPlacement(object, pose, container, containerPose);
    return { measure, failure: slotPlacementFailure(measure, object.placedMaxTiltRad) };
  }
  const measure = measurePlacement(object, pose, container, containerPose);
  return { measure, failure: placementFailure(measure, placementRules(object, container)) };
}
