// The contract every atomic skill implements: a pure planner of named-phase waypoints and success predicates.
import type { Vec3 } from '../motion/math3d.js';
import type { Motion, Waypoint } from '../motion/motions.js';
import type { PhaseName } from './phases.js';
import type { ArticulationState } from '../assets/articulation-state.js';
import type { Rng } from '../rng.js';
import type { StraddleFit } from './grasp-geometry.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import type { LiquidCounts } from '../liquid/liquid-state.js';

export type { PhaseName } from './phases.js';
export { PHASES } from './phases.js';
export type {
  ArcMotion,
  Guard,
  HoldMotion,
  JointMotion,
  Motion,
  TrackMotion,
  Waypoint,
} from '../motion/motions.js';

/**
 * What a planner returns: the motions, or why no plan can be made (one episode rejected, the run goes on).
 * `next` plans the skill's following stage from a fresh snapshot once these motions have run (a place
 * planned from where the held object really hangs after the lift, not where the pick plan expected it).
 */
export type PlanResult =
  | { ok: true; motions: Motion[]; next?: (ctx: SkillContext) => PlanResult }
  | { ok: false; code: string; detail?: string };

export const planned = (motions: Motion[]): PlanResult => ({ ok: true, motions });

/** A pose waypoint: to `at` in at least `minDurationS`, the fingers at `gripperOpeningM`, held `holdS` there. */
export const poseMotion = (
  phase: PhaseName,
  at: { posM: Vec3; mat: number[] },
  gripperOpeningM: number,
  minDurationS: number,
  holdS = 0,
): Waypoint => ({ phase, posM: at.posM, mat: at.mat, gripperOpeningM, minDurationS, holdS });

/** What a planner knows about the world: a snapshot taken when the skill starts. */
export interface SkillContext {
  objects: ReadonlyMap<string, PlacedObject>;
  /** Current object poses (may differ from the sampled layout after earlier skills). */
  poses: ReadonlyMap<string, { posM: Vec3; mat: number[] }>;
  /**
   * Joint positions of the articulated objects' parts (rad or m from rest, by part name): a lid already ajar,
   * a knob already turned. Absent objects have no parts.
   */
  partPositions: ReadonlyMap<string, Readonly<Record<string, number>>>;
  tcp: { posM: Vec3; mat: number[] };
  gripper: {
    strokeM: number;
    /** How far the fingertips reach below the TCP. */
    fingertipBelowTcpM: number;
    /** Thickness of a finger beyond its pad, for clearance around the opened gripper. */
    fingerThicknessM: number;
    /** Half the fingertips' extent along the hand x axis (how far below the tip a lean swings them). */
    fingertipHalfDepthM?: number;
    /** How far the TCP lies beyond the flange: the hand's length, what a side approach must keep clear behind it. */
    tcpFromFlangeM?: number;
    /** The hand body's reach from the tool axis, sideways (the Panda's hand is 19 cm across its fingers' axis). */
    handHalfWidthM?: number;
  };
  benchTopZM: number;
  /** The bench top's extent in the world (xy), where something may be stood down. */
  benchTopRectM?: { min: [number, number]; max: [number, number] };
  /**
   * Tilt of the tool from vertical in "top-down" grasps, leaning away from the base: 0 for most arms, more
   * for arms whose wrist limits keep the tool from pointing straight down near the bench.
   */
  toolPitchRad: number;
  /** Robot base position, and the hand yaw at home minus the home TCP's azimuth from the base. */
  robotBase: { posM: Vec3; neutralYawOffsetRad: number };
  /**
   * Whether the arm meets a TCP pose fully with every joint clear of its limits; planners use it to choose
   * among acceptable poses (how level to release). Absent: assume every pose is reachable.
   */
  canReach?: (posM: Vec3, mat: readonly number[]) => boolean;
  /**
   * The arm standing at a TCP pose fully, clear of its joint limits (solved from where it is): how far from its
   * start posture it turned (rad, the largest joint's change) and what it would touch there (`robot link6 /
   * small-beaker`, null when clear); undefined where it cannot. Objects in `ignoring` count for nothing (the
   * vessel the open fingers straddle, the one they hold: scratch collision leaves it where it stands now).
   * Planners choose among ways of doing a task with it.
   */
  armAt?: (
    posM: Vec3,
    mat: readonly number[],
    ignoring: readonly string[],
  ) => { postureChangeRad: number; contact: string | null } | undefined;
}

/** A skill's argument values, by the names its argument schema gives (`direction`, `angleRad`). */
export type SkillArgs = Record<string, number | string | boolean>;

/** A skill bound to scene objects, as the instruction parser produces it. */
export interface SkillCall {
  skill: SkillId;
  /** The object acted on (an instrument for the instrument skills). */
  target: string;
  /** The target's articulated part acted on (`lid`, `start_button`, `knob`, `door`, `drawer`). */
  part?: string;
  /** Where it goes (place, pick-place). */
  destination?: string;
  args?: SkillArgs;
  /** The step in the user's words: the language of this step's frames. */
  text: string;
}

/** One frame of what the success checks look at. */
export interface FrameObservation {
  timeS: number;
  phase: PhaseName;
  tcpPosM: Vec3;
  gripperOpeningM: number;
  objects: ReadonlyMap<string, { posM: Vec3; mat: readonly number[]; speedMS: number }>;
  /** Ids of objects in contact with the hand or fingers (an instrument counts when one of its parts is touched). */
  touching: ReadonlySet<string>;
  /** Named states of the articulated objects (`lidAngleRad`, `startButtonPressed`), by object id. */
  partStates: ReadonlyMap<string, ArticulationState>;
  /** Liquid particles in each container and spilled, in a scene with a fill. */
  liquid?: LiquidCounts;
}

export interface CheckResult {
  predicate: string;
  ok: boolean;
  /** Stable failure code when not ok, e.g. `pick.not-lifted`. */
  code?: string;
  detail?: string;
  /** Quality measures the check took (`placeMarginM`, `tiltRad`, `slipM`), recorded with the episode. */
  metrics?: Record<string, number>;
}

/**
 * A TCP pose a skill will need, for the robot placement search and the reach oracle: the skill says where it
 * will put the hand, nobody re-derives its geometry.
 */
export interface ReachTarget {
  /** What the target is, in the lab's words, for error messages ("grasp pcr-plate"). */
  label: string;
  posM: Vec3;
  /** Open fingers straddling an object: the oracle takes the frame the pick would close them in. */
  straddle?: StraddleFit;
  /** A full hand orientation (row-major 3x3, world frame), for a hand coming from the front of an instrument. */
  mat?: number[];
}

export interface SkillDoc {
  description: string;
  parameters: Record<string, string>;
  success: string[];
  failureCodes: Record<string, string>;
}

export interface Skill<P extends Record<string, number> = Record<string, number>> {
  id: SkillId;
  version: number;
  doc: SkillDoc;
  defaults: P;
  plan(ctx: SkillContext, call: SkillCall, params: P, rng: Rng): PlanResult;
  /** The TCP poses this call will need, from the scene as laid out (before anything moved). */
  reachTargets(objects: ReadonlyMap<string, PlacedObject>, call: SkillCall, params: P): ReachTarget[];
  /**
   * Share of the liquid this skill may leave outside every container (a pour spills some by nature, and judges
   * it in its own check); absent, the per-step allowance of the liquid check applies.
   */
  maxSpilledFraction?: number;
  /** Checks over the frames this skill produced (frames[0] is the skill's first frame). */
  check(frames: readonly FrameObservation[], ctx: SkillContext, call: SkillCall, params: P): CheckResult[];
}

/** A registered skill's id (`pick`, `open-lid`); the registry is the only list of them. */
export type SkillId = string;

/** True when `pred` holds on at least `n` consecutive frames. */
export function heldFor<T>(frames: readonly T[], n: number, pred: (f: T) => boolean): boolean {
  let run = 0;
  for (const f of frames) {
    run = pred(f) ? run + 1 : 0;
    if (run >= n) return true;
  }
  return false;
}

/**
 * The code of a check whose subject never ran (a place after a stage that could not be planned): the episode
 * is rejected by the plan failure, which names the cause, not by this.
 */
export const NOT_ATTEMPTED = 'not-attempted';

/** Consecutive frames a predicate must hold (DESIGN §4.8; issue: at least 5). */
export const HOLD_FRAMES = 5;
