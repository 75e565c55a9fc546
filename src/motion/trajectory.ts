// Time-parameterizes motions into smooth (minimum-jerk) timed segments that respect speed limits, and samples them.

import type { ArcMotion, HoldMotion, JointMotion, Motion, Waypoint } from './motions.js';
import {
  lerp,
  matMul,
  matToQuat,
  norm,
  type Quat,
  quatFromAxisAngle,
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
  /** Average joint speed of a joint-space motion, as a fraction of each joint's velocity limit. */
  jointSpeedFraction: number;
}

export const defaultMotionLimits: MotionLimits = {
  linearSpeedMS: 0.22,
  angularSpeedRadS: 1.2,
  gripperRampS: 0.35,
  jointSpeedFraction: 0.35,
};

/** Where a motion starts: the commanded TCP pose and gripper opening (and joint targets) at its start. */
export interface MotionStart {
  posM: Vec3;
  mat: number[];
  gripperOpeningM: number;
}

/** A motion with its timing: it moves over [startS, startS + moveS] and holds for holdS after. */
export interface TimedMotion {
  motion: Motion;
  startS: number;
  moveS: number;
  holdS: number;
  from: MotionStart;
  /** The end orientations as quaternions, converted once: a segment is sampled every control tick. */
  fromQuat: Quat;
  toQuat: Quat;
  /** Joint targets at the start (joint motions interpolate from them). */
  fromRad: readonly number[];
}

/** Minimum-jerk time scaling: zero velocity and acceleration at both ends. */
export const minJerk = (u: number): number => {
  const x = Math.min(1, Math.max(0, u));
  return x * x * x * (10 - 15 * x + 6 * x * x);
};

/** The hand pose after turning `from` rigidly by `angleRad` about the arc's axis. */
export function arcPose(
  arc: Pick<ArcMotion, 'centerM' | 'axis'>,
  from: { posM: Vec3; mat: readonly number[] },
  angleRad: number,
): { posM: Vec3; mat: number[] } {
  const r = quatToMat(quatFromAxisAngle(arc.axis, angleRad));
  const rel = sub(from.posM, arc.centerM);
  const rotated: Vec3 = [
    (r[0] as number) * rel[0] + (r[1] as number) * rel[1] + (r[2] as number) * rel[2],
    (r[3] as number) * rel[0] + (r[4] as number) * rel[1] + (r[5] as number) * rel[2],
    (r[6] as number) * rel[0] + (r[7] as number) * rel[1] + (r[8] as number) * rel[2],
  ];
  return {
    posM: [arc.centerM[0] + rotated[0], arc.centerM[1] + rotated[1], arc.centerM[2] + rotated[2]],
    mat: matMul(r, from.mat),
  };
}

/** Distance of a point from the arc's axis line. */
const radiusFromAxis = (arc: ArcMotion, p: Vec3): number => {
  const rel = sub(p, arc.centerM);
  const along = rel[0] * arc.axis[0] + rel[1] * arc.axis[1] + rel[2] * arc.axis[2];
  return norm([rel[0] - along * arc.axis[0], rel[1] - along * arc.axis[1], rel[2] - along * arc.axis[2]]);
};

/** Cartesian end pose of a pose or arc motion started at `from` (joint and track motions end where they end). */
export function cartesianEnd(
  motion: Waypoint | ArcMotion | HoldMotion,
  from: MotionStart,
): { posM: Vec3; mat: number[] } {
  if (motion.kind === 'arc') return arcPose(motion, from, motion.angleRad);
  if (motion.kind === 'hold') return { posM: from.posM, mat: from.mat };
  return motion;
}

/**
 * Times one motion from `from` at `startS`. Pose motions keep today's rule (the slowest of distance, turn and
 * gripper ramp at the limits, at least `minDurationS`); arcs take their arc length and turn; joint motions the
 * slowest joint at `jointSpeedFraction` of its limit.
 */
export function timeMotion(
  motion: Motion,
  from: MotionStart,
  fromRad: readonly number[],
  startS: number,
  limits: MotionLimits,
  velocityLimitsRadS: readonly number[],
): TimedMotion {
  const ramp = from.gripperOpeningM !== motion.gripperOpeningM ? limits.gripperRampS : 0;
  let moveS: number;
  let toMat: readonly number[] = from.mat;
  switch (motion.kind) {
    case undefined:
    case 'pose':
      moveS = Math.max(
        motion.minDurationS,
        norm(sub(motion.posM, from.posM)) / limits.linearSpeedMS,
        rotationAngle(from.mat, motion.mat) / limits.angularSpeedRadS,
        ramp,
      );
      toMat = motion.mat;
      break;
    case 'arc':
      moveS = Math.max(
        motion.minDurationS,
        (Math.abs(motion.angleRad) * radiusFromAxis(motion, from.posM)) / limits.linearSpeedMS,
        Math.abs(motion.angleRad) / limits.angularSpeedRadS,
        ramp,
      );
      toMat = cartesianEnd(motion, from).mat;
      break;
    case 'joint':
      moveS = Math.max(motion.minDurationS, jointMoveS(motion, fromRad, limits, velocityLimitsRadS), ramp);
      break;
    case 'track':
    case 'hold':
      moveS = Math.max(motion.minDurationS, ramp);
      break;
  }
  return {
    motion,
    startS,
    moveS,
    holdS: motion.holdS,
    from,
    fromQuat: matToQuat(from.mat),
    toQuat: matToQuat(toMat),
    fromRad,
  };
}

function jointMoveS(
  motion: JointMotion,
  fromRad: readonly number[],
  limits: MotionLimits,
  velocityLimitsRadS: readonly number[],
): number {
  let s = 0;
  motion.goalRad.forEach((g, j) => {
    const averageRadS = (velocityLimitsRadS[j] ?? 1) * limits.jointSpeedFraction;
    s = Math.max(s, Math.abs(g - (fromRad[j] ?? g)) / Math.max(averageRadS, 1e-6));
  });
  return s;
}

export const timedEndS = (t: TimedMotion): number => t.startS + t.moveS + t.holdS;

/** The commanded gripper opening of a timed motion at time `t` (a linear ramp from the start). */
export function gripperAt(t: TimedMotion, timeS: number, limits: MotionLimits): number {
  const g = Math.min(1, Math.max(0, (timeS - t.startS) / limits.gripperRampS));
  return t.from.gripperOpeningM + (t.motion.gripperOpeningM - t.from.gripperOpeningM) * g;
}

/** The commanded TCP pose of a pose or arc motion at time `t`. */
export function cartesianAt(t: TimedMotion, timeS: number): { posM: Vec3; mat: number[] } {
  const u = t.moveS > 0 ? (timeS - t.startS) / t.moveS : 1;
  const s = minJerk(u);
  const m = t.motion;
  if (m.kind === 'arc') return arcPose(m, t.from, m.angleRad * s);
  if (m.kind === 'joint' || m.kind === 'track')
    throw new Error(`cartesianAt: a ${m.kind} motion has no Cartesian path`);
  // A hold is sampled as a pose motion onto its own start, through the same quaternion round trip.
  const to = m.kind === 'hold' ? t.from.posM : m.posM;
  return { posM: lerp(t.from.posM, to, s), mat: quatToMat(quatSlerp(t.fromQuat, t.toQuat, s)) };
}

/** The commanded joint targets of a joint motion at time `t`. */
export function jointsAt(t: TimedMotion, timeS: number): number[] {
  const m = t.motion;
  if (m.kind !== 'joint') throw new Error('jointsAt: not a joint motion');
  const u = t.moveS > 0 ? (timeS - t.startS) / t.moveS : 1;
  const s = minJerk(u);
  return m.goalRad.map((g, j) => (t.fromRad[j] as number) + (g - (t.fromRad[j] as number)) * s);
}
