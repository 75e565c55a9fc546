// Time-parameterizes Cartesian waypoints into smooth (minimum-jerk) segments that respect speed limits.

import type { PhaseName, Waypoint } from '../skills/skill.js';
import {
  lerp,
  matToQuat,
  norm,
  type Quat,
  quatSlerp,
  quatToMat,
  rotationAngle,
  sub,
  type Vec3,
} from './math3d.js';

export interface MotionLimits {
  /** Average Cartesian speed of the TCP along a segment. */
  linearSpeedMS: number;
  angularSpeedRadS: number;
  /** Time over which a gripper command ramps from its old to its new value. */
  gripperRampS: number;
}

export const defaultMotionLimits: MotionLimits = {
  linearSpeedMS: 0.22,
  angularSpeedRadS: 1.2,
  gripperRampS: 0.35,
};

export interface Segment {
  phase: PhaseName;
  startS: number;
  moveS: number;
  holdS: number;
  from: { posM: Vec3; mat: number[]; gripperOpeningM: number };
  to: Waypoint;
  /** The end orientations as quaternions, converted once: the executor samples a segment every control tick. */
  fromQuat: Quat;
  toQuat: Quat;
}

/** Minimum-jerk time scaling: zero velocity and acceleration at both ends. */
export const minJerk = (u: number): number => {
  const x = Math.min(1, Math.max(0, u));
  return x * x * x * (10 - 15 * x + 6 * x * x);
};

export function timeSegments(
  start: { posM: Vec3; mat: number[]; gripperOpeningM: number },
  waypoints: readonly Waypoint[],
  limits: MotionLimits,
  startS = 0,
): Segment[] {
  const segments: Segment[] = [];
  let from = start;
  let t = startS;
  for (const w of waypoints) {
    const moveS = Math.max(
      w.minDurationS,
      norm(sub(w.posM, from.posM)) / limits.linearSpeedMS,
      rotationAngle(from.mat, w.mat) / limits.angularSpeedRadS,
      from.gripperOpeningM !== w.gripperOpeningM ? limits.gripperRampS : 0,
    );
    segments.push({
      phase: w.phase,
      startS: t,
      moveS,
      holdS: w.holdS,
      from,
      to: w,
      fromQuat: matToQuat(from.mat),
      toQuat: matToQuat(w.mat),
    });
    t += moveS + w.holdS;
    from = { posM: w.posM, mat: w.mat, gripperOpeningM: w.gripperOpeningM };
  }
  return segments;
}

export const segmentsEndS = (segments: readonly Segment[]): number => {
  const last = segments[segments.length - 1];
  return last ? last.startS + last.moveS + last.holdS : 0;
};

/** The commanded TCP pose and gripper opening of a segment at time `t`. */
export function sampleSegment(
  seg: Segment,
  t: number,
  limits: MotionLimits,
): { posM: Vec3; mat: number[]; gripperOpeningM: number } {
  const u = seg.moveS > 0 ? (t - seg.startS) / seg.moveS : 1;
  const s = minJerk(u);
  const q = quatSlerp(seg.fromQuat, seg.toQuat, s);
  const g = Math.min(1, Math.max(0, (t - seg.startS) / limits.gripperRampS));
  return {
    posM: lerp(seg.from.posM, seg.to.posM, s),
    mat: quatToMat(q),
    gripperOpeningM: seg.from.gripperOpeningM + (seg.to.gripperOpeningM - seg.from.gripperOpeningM) * g,
  };
}
