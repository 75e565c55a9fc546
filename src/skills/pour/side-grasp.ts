// A vessel held from the side: the hand level, its approach axis horizontal toward the vessel's axis and the
// fingers closing across the body below the rim, so the mouth is free and a roll of the wrist tips it.
import {
  add,
  cross,
  matMul,
  matTranspose,
  matVec,
  normalize,
  quatFromAxisAngle,
  quatToMat,
  scale,
  sub,
  type Vec3,
} from '../../motion/math3d.js';

export interface Pose {
  posM: Vec3;
  mat: number[];
}

/**
 * TCP orientation of a side grasp: tool axis z along the horizontal `approach` pitched down by `pitchRad` (so the
 * wrist stays above the bench), the finger axis y horizontal across it, and the hand's x axis up-ish
 * (`handUp` +1) or down-ish (-1): the gripper is symmetric under that half turn, the wrist is not.
 */
export function sideGraspFrame(approach: Vec3, handUp: 1 | -1, pitchRad = 0): number[] {
  const a = normalize([approach[0], approach[1], 0]);
  const c = Math.cos(pitchRad);
  const s = Math.sin(pitchRad);
  const z: Vec3 = [c * a[0], c * a[1], -s];
  const x: Vec3 = [handUp * s * a[0], handUp * s * a[1], handUp * c];
  const y = cross(z, x);
  return [x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]];
}

/** Horizontal unit vector from `from` toward `to`. */
export function headingFrom(from: Vec3, to: Vec3): Vec3 {
  return normalize([to[0] - from[0], to[1] - from[1], 0]);
}

/** Rotation matrix (row-major) of `angleRad` about a unit axis. */
export const rotationAbout = (axis: Vec3, angleRad: number): number[] =>
  quatToMat(quatFromAxisAngle(axis, angleRad));

/** A pose turned rigidly about the line through `centerM` along `axis`. */
export function turnPose(pose: Pose, centerM: Vec3, axis: Vec3, angleRad: number): Pose {
  const r = rotationAbout(axis, angleRad);
  return { posM: add(centerM, matVec(r, sub(pose.posM, centerM))), mat: matMul(r, pose.mat) };
}

/** Where a held object sits in the hand: its origin and orientation in the TCP frame. */
export interface Hold {
  posM: Vec3;
  mat: number[];
}

export function holdOf(tcp: Pose, object: Pose): Hold {
  const t = matTranspose(tcp.mat);
  return { posM: matVec(t, sub(object.posM, tcp.posM)), mat: matMul(t, object.mat) };
}

/** The held object's world pose for a TCP pose. */
export function heldPose(tcp: Pose, hold: Hold): Pose {
  return { posM: add(tcp.posM, matVec(tcp.mat, hold.posM)), mat: matMul(tcp.mat, hold.mat) };
}

/**
 * The TCP pose that holds the vessel (held as `hold`) with the hand in orientation `handMat` and the vessel's
 * rim point on the `lipDir` side at `lipM`: the rim point is the vessel origin, up its axis by its height and
 * out by its radius.
 */
export function tcpForLip(
  handMat: number[],
  hold: Hold,
  lipM: Vec3,
  lipDir: Vec3,
  vessel: { heightM: number; radiusM: number },
): Pose {
  const objectMat = matMul(handMat, hold.mat);
  const up: Vec3 = [objectMat[2] as number, objectMat[5] as number, objectMat[8] as number];
  const lipFromTcp = add(
    add(matVec(handMat, hold.posM), scale(up, vessel.heightM)),
    scale(lipDir, vessel.radiusM),
  );
  return { posM: sub(lipM, lipFromTcp), mat: handMat };
}
