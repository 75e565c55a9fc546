// Where a stopper seats: the mouth of a bottle (its rim and bore, from the asset), found from poses alone, and how
// far a stopper stands from seated in it. Pure: shared by the remove and insert skills and the shake precondition.
import type { Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { toWorld } from './grasp-geometry.js';

type Pose = { posM: Vec3; mat: number[] };

export interface Seat {
  holderId: string;
  /** World position of the rim's centre (on the bore's axis) and the axis itself (the holder's up). */
  rimM: Vec3;
  axis: Vec3;
  boreRadiusM: number;
}

/** The mouth of an object, in the world at its pose; undefined for an object without one. */
export function seatOf(holderId: string, holder: PlacedObject, pose: Pose): Seat | undefined {
  const mouth = holder.built.mouth;
  if (!mouth) return undefined;
  const m = pose.mat;
  return {
    holderId,
    rimM: toWorld(pose, mouth.rimM),
    axis: [m[2] as number, m[5] as number, m[8] as number],
    boreRadiusM: mouth.boreRadiusM,
  };
}

/** How a stopper stands relative to a seat: off the axis and along it (0 when seated), and its tilt from it. */
export interface SeatError {
  /** Distance of the plug's axis point at the rim from the bore's axis. */
  offAxisM: number;
  /** Height of the head's underside above the rim (negative: pushed in below it). */
  aboveRimM: number;
  tiltRad: number;
}

export function seatError(stopper: PlacedObject, pose: Pose, seat: Seat): SeatError {
  const plugM = stopper.built.plugDepthM ?? 0;
  // The stopper's own axis point at the head's underside: on the rim's centre when seated.
  const under = toWorld(pose, [0, 0, plugM]);
  const d: Vec3 = [under[0] - seat.rimM[0], under[1] - seat.rimM[1], under[2] - seat.rimM[2]];
  const along = d[0] * seat.axis[0] + d[1] * seat.axis[1] + d[2] * seat.axis[2];
  const off = Math.hypot(
    d[0] - along * seat.axis[0],
    d[1] - along * seat.axis[1],
    d[2] - along * seat.axis[2],
  );
  const z: Vec3 = [pose.mat[2] as number, pose.mat[5] as number, pose.mat[8] as number];
  const cos = z[0] * seat.axis[0] + z[1] * seat.axis[1] + z[2] * seat.axis[2];
  return { offAxisM: off, aboveRimM: along, tiltRad: Math.acos(Math.max(-1, Math.min(1, cos))) };
}

/** Within these a stopper counts as seated (issue 10: 5 mm of its seat, 10 degrees of the seat's axis). */
export const SEATED = { maxOffsetM: 0.005, maxTiltRad: (10 * Math.PI) / 180 };

export const isSeated = (e: SeatError): boolean =>
  Math.hypot(e.offAxisM, e.aboveRimM) <= SEATED.maxOffsetM && e.tiltRad <= SEATED.maxTiltRad;

/** The seat a stopper stands in, among the scene's mouths, when it is seated in one. */
export function seatHolding(
  objects: ReadonlyMap<string, PlacedObject>,
  poses: ReadonlyMap<string, Pose>,
  stopperId: string,
): Seat | undefined {
  const stopper = objects.get(stopperId);
  const pose = poses.get(stopperId);
  if (!stopper || !pose || stopper.built.plugDepthM === undefined) return undefined;
  for (const [id, o] of objects) {
    const holderPose = poses.get(id);
    if (id === stopperId || !holderPose) continue;
    const seat = seatOf(id, o, holderPose);
    if (seat && isSeated(seatError(stopper, pose, seat))) return seat;
  }
  return undefined;
}

/** The stoppers seated in an object's mouth: what rides on it when it is taken up. */
export function ridersOf(
  objects: ReadonlyMap<string, PlacedObject>,
  poses: ReadonlyMap<string, Pose>,
  holderId: string,
): string[] {
  return [...objects.keys()].filter((id) => seatHolding(objects, poses, id)?.holderId === holderId);
}
