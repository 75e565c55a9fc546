// Where the pick will put the hand, for robot placement: above and at the grasp, and the lift.
import type { PlacedObject } from '../../scenes/scene-instance.js';
import type { ReachTarget } from '../skill.js';
import type { StraddleFit } from '../grasp-geometry.js';

/** Heights of a pick above its grasp pose, from the pick skill's parameters for the robot. */
export interface PickHeights {
  approachHeightM: number;
  liftHeightM: number;
  graspDepthM: number;
}

/** Grasp, approach and lift TCP positions for an object, as the pick skill will use them (roughly). */
export function graspTargets(o: PlacedObject, heights: PickHeights): ReachTarget[] {
  const grasp = o.built.grasp;
  if (!grasp) return [];
  const graspZ = o.posM[2] + Math.max(grasp.zMaxM - heights.graspDepthM, 0.015);
  const c = Math.cos(o.yawRad);
  const s = Math.sin(o.yawRad);
  const straddle: StraddleFit = {
    closingAxis: grasp.axis === 'x' ? [c, s, 0] : [-s, c, 0],
    widthM: grasp.widthM,
    crossWidthM: 2 * o.built.footprintHalfM[grasp.axis === 'x' ? 1 : 0],
    graspHeightM: grasp.zMaxM - grasp.zMinM,
  };
  return [
    { label: `grasp ${o.id}`, posM: [o.posM[0], o.posM[1], graspZ], straddle },
    { label: `approach ${o.id}`, posM: [o.posM[0], o.posM[1], graspZ + heights.approachHeightM], straddle },
    { label: `lift ${o.id}`, posM: [o.posM[0], o.posM[1], graspZ + heights.liftHeightM] },
  ];
}

/** Carrying passes over the container's rim with the held object clear of it (place: carryClearanceM). */
export function carryOverTarget(d: PlacedObject): ReachTarget {
  return { label: `carry over ${d.id}`, posM: [d.posM[0], d.posM[1], d.posM[2] + d.built.heightM + 0.11] };
}
