// The kinds of motion a plan is made of (owned by motion/, planned by skills/ and the timeline).
import type { PhaseName } from '../skills/phases.js';
import type { Vec3 } from './math3d.js';

/**
 * What a closed-loop motion reads from the live simulation, every control tick: whether a guard fired, where a
 * moving part is now. Implemented by the episode's observer.
 */
export interface LiveView {
  guardFired(guard: Guard): boolean;
  /** World pose of an object, or of one of its articulated parts. */
  pose(object: string, part?: string): { posM: Vec3; mat: number[] };
}

/**
 * Conditions read from the live simulation that end a guarded motion:
 * - `contact`: the held `object` touches anything but the gripper, or the gripper touches anything but the
 *   object (liquid particles aside): what the object will rest on, or what the fingers would push into; what
 *   rides on it (`riders`: a stopper in its neck) counts as part of it;
 * - `touch`: the gripper touches `object` (its `part`, when given): a fingertip reaching a button or a handle;
 * - `state`: the object's named articulation state (`startButtonPressed`, `lidAngleRad`) reaches a value
 *   (`atLeast`, `atMost`, or `equals` for a boolean state);
 * - `liquid`: the container holds at least `atLeast` liquid particles.
 */
export type Guard =
  | { kind: 'contact'; object: string; riders?: readonly string[] }
  | { kind: 'touch'; object: string; part?: string }
  | { kind: 'state'; object: string; state: string; atLeast?: number; atMost?: number; equals?: boolean }
  /** The liquid particles in a container reach a count (a pour of half). */
  | { kind: 'liquid'; container: string; atLeast: number };

interface MotionBase {
  phase: PhaseName;
  gripperOpeningM: number;
  /** Lower bound on the motion's duration; the executor lengthens it to respect speed limits. */
  minDurationS: number;
  /** Time to hold still at the end (grasp closing, release settling). */
  holdS: number;
  /**
   * A guarded motion ends where the guard first fires (read from the live simulation every control tick), and
   * the hold follows from there.
   */
  guard?: Guard;
}

/** A straight line to a Cartesian TCP goal, the orientation turned by the shortest rotation (minimum jerk). */
export interface Waypoint extends MotionBase {
  kind?: 'pose';
  posM: Vec3;
  /** TCP orientation, row-major 3x3. */
  mat: number[];
  /** Stay where the last guarded move stopped instead of going to `posM` (the release after a guarded descent). */
  atGuardStop?: boolean;
}

/**
 * The whole hand turned rigidly by `angleRad` about an axis through `centerM` (right hand rule): a lid's or a
 * door's hinge with the hand holding its handle, a knob's axis with the hand pinching the knob. The hand keeps
 * its pose relative to the part, so a stiff arm follows the mechanism instead of fighting it.
 */
export interface ArcMotion extends MotionBase {
  kind: 'arc';
  centerM: Vec3;
  /** Unit axis, world frame. */
  axis: Vec3;
  angleRad: number;
}

/** Joint-space interpolation to `goalRad` (wrist turns beyond what a Cartesian slerp would take, transitions). */
export interface JointMotion extends MotionBase {
  kind: 'joint';
  goalRad: readonly number[];
}

/**
 * Follows a goal recomputed from the live simulation every control tick (a handle on a part that moves), for
 * `durationS` or until the guard fires.
 */
export interface TrackMotion extends MotionBase {
  kind: 'track';
  goal: (live: LiveView) => { posM: Vec3; mat: number[] };
}

/** Stay at the commanded pose where the previous motion ended (settling, waiting for a mechanism). */
export interface HoldMotion extends MotionBase {
  kind: 'hold';
}

export type Motion = Waypoint | ArcMotion | JointMotion | TrackMotion | HoldMotion;

/** Whether a motion has a straight-line Cartesian goal of its own (a pose waypoint). */
export const isPoseMotion = (m: Motion): m is Waypoint => m.kind === undefined || m.kind === 'pose';
