// Shared geometry of top-down grasps: hand orientation, grasp height, the slot an object stands in, and where in a
// container to drop an object; and of vessels: their widths, whether one is in the hand, whether it stayed put.
import { assetHullPoints } from '../assets/hull-points.js';
import { cross, matColumn, matVec, normalize, type Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import type { FrameObservation, SkillContext } from './skill.js';
import { holderSlots, occupiesSlot, type SlotSpace, slotUnder } from './slot-space.js';

/** Wraps an angle to (-pi, pi]. */
export const wrapAngle = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));

/** Yaw of a top-down hand: the heading of its x axis in the world xy plane. */
export const handYaw = (mat: readonly number[]): number => Math.atan2(mat[3] as number, mat[0] as number);

/**
 * Top-down TCP orientation (z down) with the hand's x axis at `yawRad`; its finger axis y is (sin, -cos, 0).
 * With a pitch the tool axis leans by `pitchRad` toward the heading `leanHeadingRad` (wrist-limited arms lean
 * away from their base); the finger axis is the yaw's horizontal finger axis turned into the plane normal to the
 * tool. Leaning and turning about the tool axis are separate choices because the last wrist joint turns the hand
 * about the tool axis for free, while the lean is what the shoulder, elbow and wrist must reach.
 */
export function topDownFrameAtYaw(yawRad: number, pitchRad = 0, leanHeadingRad = yawRad): number[] {
  const c = Math.cos(yawRad);
  const s = Math.sin(yawRad);
  if (pitchRad === 0) {
    // Row-major matrix whose columns are x = (c, s, 0), y = (s, -c, 0), z = (0, 0, -1).
    return [c, s, 0, s, -c, 0, 0, 0, -1];
  }
  const sp = Math.sin(pitchRad);
  const z: Vec3 = [sp * Math.cos(leanHeadingRad), sp * Math.sin(leanHeadingRad), -Math.cos(pitchRad)];
  // Project the horizontal finger axis onto the plane normal to z; it never lies along z (z is never horizontal).
  const along = s * z[0] - c * z[1];
  const y = normalize([s - along * z[0], -c - along * z[1], -along * z[2]]);
  const x = cross(y, z);
  return [x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]];
}

/** Heading (rad) from the robot base to a point in the world xy plane: the way a tilted tool leans. */
export function leanHeading(ctx: SkillContext, point: Vec3): number {
  const b = ctx.robotBase.posM;
  return Math.atan2(point[1] - b[1], point[0] - b[0]);
}

/**
 * The hand yaw the arm holds comfortably above a point: the home yaw turned with the base joint toward the
 * point. Grasp yaws are chosen near it so wrist joints stay away from their limits.
 */
export function neutralYaw(ctx: SkillContext, point: Vec3): number {
  const b = ctx.robotBase.posM;
  return ctx.robotBase.neutralYawOffsetRad + Math.atan2(point[1] - b[1], point[0] - b[0]);
}

/**
 * TCP orientation for a top-down grasp: z (out of the palm) points down and the finger axis (y) lies along
 * the object's closing axis. Of the two equivalent hand yaws (the gripper is symmetric under a half turn),
 * take the one nearer the neutral yaw so the wrist never runs into its limit.
 */
export function topDownFrame(
  closingAxisWorld: Vec3,
  neutralYawRad: number,
  pitchRad = 0,
  leanHeadingRad?: number,
): number[] {
  const yaw = Math.atan2(closingAxisWorld[0], -closingAxisWorld[1]);
  const flipped = yaw + Math.PI;
  const best =
    Math.abs(wrapAngle(yaw - neutralYawRad)) <= Math.abs(wrapAngle(flipped - neutralYawRad)) ? yaw : flipped;
  return topDownFrameAtYaw(best, pitchRad, leanHeadingRad ?? best);
}

/** An object between open fingers: its closing axis (world, horizontal) and widths across and along it. */
export interface StraddleFit {
  closingAxis: Vec3;
  widthM: number;
  /** Width across the other horizontal axis, when fingers may close that way instead (a cube, a round tube). */
  crossWidthM?: number;
  /**
   * Height of the region the pads may close on. A tilted closing axis puts one pad higher than the other by
   * width x sin(tilt); that step may be at most a third of this, or on a flat plate one pad rides over its top.
   */
  graspHeightM?: number;
}

/**
 * The frame to close the fingers in: the steepest lean (at most `maxPitchRad`) at which the fingers, closing
 * along one of the object's horizontal axes turned into the tilted hand plane, still span it with
 * `clearanceM` to spare on each side. A lean tilts a closing axis that points toward the base out of the
 * horizontal (the object then twists into the pads), so where the object also fits across its other axis the
 * fingers close that way if it allows a steeper lean; a wide box must be taken with a straighter tool.
 */
export function graspFrame(
  object: StraddleFit,
  neutralYawRad: number,
  maxPitchRad: number,
  leanHeadingRad: number,
  gripper: { strokeM: number; clearanceM: number },
): { mat: number[]; pitchRad: number; widthM: number } {
  const span = gripper.strokeM - 2 * gripper.clearanceM;
  const [ax, ay] = object.closingAxis;
  const maxStepM = object.graspHeightM === undefined ? Infinity : object.graspHeightM / 3;
  const along = steepestFit(object.closingAxis, object.widthM);
  if (object.crossWidthM === undefined || object.crossWidthM > span) return along;
  const across = steepestFit([-ay, ax, 0], object.crossWidthM);
  // Steeper lean first; at the same lean, the finger axis nearer horizontal (the object does not twist).
  const acrossIsBetter =
    across.pitchRad > along.pitchRad + 1e-9 ||
    (across.pitchRad > along.pitchRad - 1e-9 &&
      Math.abs(across.mat[7] as number) < Math.abs(along.mat[7] as number) - 1e-9);
  return acrossIsBetter ? across : along;

  function steepestFit(axis: Vec3, widthM: number): { mat: number[]; pitchRad: number; widthM: number } {
    const steps = 16;
    for (let i = steps; i > 0; i--) {
      const pitchRad = (maxPitchRad * i) / steps;
      const mat = topDownFrame(axis, neutralYawRad, pitchRad, leanHeadingRad);
      // Row-major: the finger axis y is column 1, its vertical component is mat[7].
      const sinTilt = Math.abs(mat[7] as number);
      const cosTilt = Math.sqrt(Math.max(1e-9, 1 - sinTilt ** 2));
      if (widthM / cosTilt <= span && widthM * sinTilt <= maxStepM) return { mat, pitchRad, widthM };
    }
    return { mat: topDownFrame(axis, neutralYawRad, 0, leanHeadingRad), pitchRad: 0, widthM };
  }
}

/** World direction of an object's grasp closing axis. */
export function closingAxisWorld(object: PlacedObject, mat: readonly number[]): Vec3 {
  const axis = object.built.grasp?.axis === 'y' ? 1 : 0;
  return matColumn(mat, axis);
}

/** TCP height above the object's base for a grasp: below the top by `depthM`, fingertips clear of the support. */
export function graspHeightM(
  object: PlacedObject,
  depthM: number,
  fingertipBelowTcpM: number,
  clearanceM: number,
): number {
  const grasp = object.built.grasp;
  if (!grasp) throw new Error(`object ${object.id} has no grasp region`);
  const wanted = grasp.zMaxM - depthM;
  return Math.max(wanted, grasp.zMinM + fingertipBelowTcpM + clearanceM, fingertipBelowTcpM + clearanceM);
}

/** An object standing in a slot of a holder (a rack cell, a rotor hole, a plate seat), and the holder's pose. */
export interface SlotHolding {
  holderId: string;
  holderPose: { posM: Vec3; mat: number[] };
  slot: SlotSpace;
}

/**
 * The slot an object stands in, if any: of the holders with slots, the one with a slot whose walls some of the
 * object's hull stands inside. Fingers cannot go down into a snug hole, so they close above its walls.
 */
export function slotHolding(ctx: SkillContext, objectId: string): SlotHolding | undefined {
  const pose = ctx.poses.get(objectId);
  const object = ctx.objects.get(objectId);
  if (!pose || !object) return undefined;
  for (const [id, o] of ctx.objects) {
    const holderPose = ctx.poses.get(id);
    if (id === objectId || !holderPose) continue;
    const slots = holderSlots(o.built);
    if (slots.length === 0) continue;
    const slot = slotUnder(slots, toLocal(holderPose, pose.posM));
    const points = assetHullPoints(object.built).map((q) => toLocal(holderPose, toWorld(pose, q)));
    if (slot && occupiesSlot(slot, points)) return { holderId: id, holderPose, slot };
  }
  return undefined;
}

/**
 * Highest point (world z) of the objects other than `except` that stand within `corridorM` of the straight
 * path from `from` to `to` (xy), for choosing a safe carry height: an object across the bench does not raise
 * the carry (a tall cylinder at the far end of the pouring station held the Z1's wrist on its limit).
 */
export function tallestObstacleZ(
  ctx: SkillContext,
  except: string,
  from: Vec3,
  to: Vec3,
  corridorM: number,
): number {
  let top = ctx.benchTopZM;
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const len2 = dx * dx + dy * dy;
  for (const [id, o] of ctx.objects) {
    if (id === except) continue;
    const pose = ctx.poses.get(id);
    if (!pose) continue;
    const t =
      len2 > 0
        ? Math.max(0, Math.min(1, ((pose.posM[0] - from[0]) * dx + (pose.posM[1] - from[1]) * dy) / len2))
        : 0;
    const off = Math.hypot(pose.posM[0] - (from[0] + t * dx), pose.posM[1] - (from[1] + t * dy));
    if (off > corridorM + Math.hypot(...o.built.footprintHalfM)) continue;
    top = Math.max(top, pose.posM[2] + o.built.heightM);
  }
  return top;
}

/**
 * Where to drop an object inside a container: of a grid of candidate spots in the interior (kept clear of the
 * walls by the object's footprint), the one farthest from objects already inside.
 */
export function dropSpot(
  ctx: SkillContext,
  containerId: string,
  carriedId: string,
  gripperHalfSpanM: number,
): Vec3 {
  const container = ctx.objects.get(containerId);
  const pose = ctx.poses.get(containerId);
  const carried = ctx.objects.get(carriedId);
  const region = container?.built.container;
  if (!container || !pose || !carried || !region) throw new Error(`${containerId} is not a container`);
  // Keep both the object and the opened fingers clear of the walls.
  const r = Math.max(Math.hypot(...carried.built.footprintHalfM) * 0.8, gripperHalfSpanM);
  const lo: Vec3 = [region.minM[0] + r, region.minM[1] + r, region.minM[2]];
  const hi: Vec3 = [region.maxM[0] - r, region.maxM[1] - r, region.minM[2]];
  const inside: Vec3[] = [];
  for (const [id, p] of ctx.poses) {
    if (id === containerId || id === carriedId) continue;
    const local = toLocal(pose, p.posM);
    if (
      local[0] > region.minM[0] &&
      local[0] < region.maxM[0] &&
      local[1] > region.minM[1] &&
      local[1] < region.maxM[1]
    )
      inside.push(local);
  }
  let best: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, region.minM[2]];
  let bestScore = -Infinity;
  const steps = 5;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const cand: Vec3 = [
        lo[0] > hi[0] ? (lo[0] + hi[0]) / 2 : lo[0] + ((hi[0] - lo[0]) * i) / (steps - 1),
        lo[1] > hi[1] ? (lo[1] + hi[1]) / 2 : lo[1] + ((hi[1] - lo[1]) * j) / (steps - 1),
        region.minM[2],
      ];
      // Prefer empty space; among equally empty spots prefer the centre (stable, away from walls).
      const clearance = inside.length
        ? Math.min(...inside.map((p) => Math.hypot(p[0] - cand[0], p[1] - cand[1])))
        : 1;
      const centrality = -Math.hypot(cand[0] - (lo[0] + hi[0]) / 2, cand[1] - (lo[1] + hi[1]) / 2);
      const score = Math.min(clearance, 0.12) * 10 + centrality;
      if (score > bestScore) {
        bestScore = score;
        best = cand;
      }
    }
  }
  return toWorld(pose, best);
}

export function toLocal(pose: { posM: Vec3; mat: number[] }, world: Vec3): Vec3 {
  const d: Vec3 = [world[0] - pose.posM[0], world[1] - pose.posM[1], world[2] - pose.posM[2]];
  const m = pose.mat;
  // Transpose multiply: local = R^T d.
  return [
    (m[0] as number) * d[0] + (m[3] as number) * d[1] + (m[6] as number) * d[2],
    (m[1] as number) * d[0] + (m[4] as number) * d[1] + (m[7] as number) * d[2],
    (m[2] as number) * d[0] + (m[5] as number) * d[1] + (m[8] as number) * d[2],
  ];
}

export function toWorld(pose: { posM: Vec3; mat: number[] }, local: Vec3): Vec3 {
  const r = matVec(pose.mat, local);
  return [pose.posM[0] + r[0], pose.posM[1] + r[1], pose.posM[2] + r[2]];
}

/** True when a world point lies inside a container's interior box (xy inside, z between floor and rim). */
export function insideContainer(
  container: PlacedObject,
  pose: { posM: Vec3; mat: number[] },
  point: Vec3,
  marginM = 0,
): boolean {
  const region = container.built.container;
  if (!region) return false;
  const p = toLocal(pose, point);
  return (
    p[0] > region.minM[0] - marginM &&
    p[0] < region.maxM[0] + marginM &&
    p[1] > region.minM[1] - marginM &&
    p[1] < region.maxM[1] + marginM &&
    p[2] > region.minM[2] - 0.01 &&
    p[2] < region.maxM[2]
  );
}

/** Angle (rad) of an object's z axis from straight up. */
export function tiltFromUpright(mat: readonly number[]): number {
  return Math.acos(Math.max(-1, Math.min(1, mat[8] as number)));
}

/** Half a vessel's width where the hand closes on it from the side. */
export const bodyRadiusM = (o: PlacedObject): number => Math.min(...o.built.footprintHalfM);

/** Distance from a container's axis to its inner wall (the bore of a round one, the half width of a box). */
export function innerRadiusM(o: PlacedObject): number {
  const c = o.built.container;
  if (!c) return 0;
  const half = Math.min(c.maxM[0] - c.minM[0], c.maxM[1] - c.minM[1]) / 2;
  const [fx, fy] = o.built.footprintHalfM;
  // A round vessel's interior box is the square inscribed in its bore.
  return Math.abs(fx - fy) < 1e-6 ? Math.min(half * Math.SQRT2, fx) : half;
}

/** Whether an object hangs in the hand: higher than `aboveBenchM` over the bench and within `reachM` of the TCP. */
export function heldInHand(ctx: SkillContext, id: string, reachM: number, aboveBenchM: number): boolean {
  const pose = ctx.poses.get(id);
  if (!pose) return false;
  const d = Math.hypot(
    pose.posM[0] - ctx.tcp.posM[0],
    pose.posM[1] - ctx.tcp.posM[1],
    pose.posM[2] - ctx.tcp.posM[2],
  );
  return pose.posM[2] > ctx.benchTopZM + aboveBenchM && d < reachM;
}

/** Whether an object stayed within `maxShiftM` of where it stood and `maxTiltRad` of upright on every frame. */
export function stayedPut(
  frames: readonly FrameObservation[],
  id: string,
  start: { posM: Vec3 } | undefined,
  maxShiftM: number,
  maxTiltRad: number,
): boolean {
  if (!start) return false;
  return frames.every((f) => {
    const o = f.objects.get(id);
    if (!o) return false;
    const shift = Math.hypot(o.posM[0] - start.posM[0], o.posM[1] - start.posM[1], o.posM[2] - start.posM[2]);
    return shift <= maxShiftM && tiltFromUpright(o.mat) <= maxTiltRad;
  });
}
