// Skill `turn-knob`: pinch a knob across its cap, turn the whole hand about the knob's own axis (regrasping when one
// turn of the wrist is not enough), let go and withdraw.
import { add, dot, normalize, scale, sub, type Vec3 } from '../../motion/math3d.js';
import { arcPose } from '../../motion/trajectory.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import {
  choosePart,
  column,
  frameOnPart,
  graspFrameWorld,
  handFrame,
  jointAxisWorld,
  placedPartPositions,
  placedPose,
  type RigidPose,
  rotateAbout,
  stateOfPart,
} from '../instrument-frames.js';
import { wrapAngle } from '../grasp-geometry.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  type Motion,
  type PlanResult,
  planned,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
} from '../skill.js';

export const turnKnobDefaults = {
  /** How far `tighten` / `loosen` turn a knob: half a turn. */
  defaultTurnRad: Math.PI,
  /** Success: the knob's angle changes by the requested amount within this (10 degrees). */
  toleranceRad: (10 * Math.PI) / 180,
  /** Most one grasp turns a knob whose axis stands up (the wrist's last joint turns the hand about it). */
  maxTurnPerGraspRad: Math.PI,
  /**
   * Most one grasp rolls the hand either side of level about a knob on a front face (a stirrer's dial 5 cm over
   * the bench): the hand's wide side swings down toward the bench as it rolls, so such a knob is turned in
   * several grasps.
   */
  maxFrontRollRad: 0.35,
  /**
   * A front knob is pinched with the hand pitched down this much from the knob's axis, so the wrist stays above
   * the bench (16 robots x 2 seeds, stir knob by 90 degrees: 0.3 rad 23/32 with the UR5e's wrist on the bench,
   * 0.45 rad 22/32 with the UR5e turning it).
   */
  frontPitchRad: 0.45,
  /** Extra opening of the fingers beyond the knob's width, each side (the stroke permitting). */
  openMarginM: 0.008,
  /** Room the fingertips keep from the surface the knob stands on. */
  fingertipClearanceM: 0.003,
  /** Where the hand lines up before closing in, out along the knob's axis. */
  approachDistanceM: 0.06,
  /** Time the closed fingers squeeze the knob before turning it. */
  graspHoldS: 0.4,
  /** Average angular speed of a turn. */
  turnSpeedRadS: 0.8,
  /** Time the fingers stay open before withdrawing or turning back. */
  releaseHoldS: 0.2,
  /** After withdrawing along the axis the hand rises this far. */
  clearRiseM: 0.08,
  /** Least duration of the reach to the knob. */
  reachDurationS: 2.0,
  /** Least duration of turning the hand to face a front knob where it starts. */
  turnDurationS: 1.2,
  /** Joint range the requested end angle keeps clear of (the knob's stops). */
  rangeMarginRad: 0.05,
};
export type TurnKnobParams = typeof turnKnobDefaults;

/** A knob of the target: a hinge part with an angle state, pinched along its own axis. */
function knobOf(object: PlacedObject, part: string | undefined) {
  const fits = (x: NonNullable<PlacedObject['built']['parts']>[number]) => {
    const f = frameOnPart(object, x.name, 'pinch');
    if (x.joint.type !== 'hinge' || !f || !stateOfPart(object, x.name, 'angle')) return false;
    // A knob is pinched straight along its axis; a lid's handle is pinched across its hinge.
    return Math.abs(dot(normalize(f.approach), normalize(x.joint.axis))) > 0.9;
  };
  const p = choosePart(object, part, fits);
  const state = p && stateOfPart(object, p.name, 'angle');
  const frame = p && frameOnPart(object, p.name, 'pinch');
  return p && state && frame ? { part: p, state, frame } : undefined;
}

interface LocatedKnob {
  part: string;
  stateName: string;
  /** Where the pads close (the cap's mid-height), the knob's joint axis (unit) and its outward direction. */
  centreM: Vec3;
  axis: Vec3;
  outward: Vec3;
  /** The cap's diameter across the pads, its height, and where its base stands along the outward axis. */
  widthM: number;
  heightM: number;
  baseM: Vec3;
  closing: Vec3;
  angleRad: number;
  range: [number, number];
}

function locateKnob(
  object: PlacedObject,
  pose: RigidPose,
  positions: Readonly<Record<string, number>> | undefined,
  part: string | undefined,
): LocatedKnob | undefined {
  const k = knobOf(object, part);
  if (!k) return undefined;
  // The pads close on the cap wherever it has turned to: the frame is taken with the knob itself at rest.
  const w = graspFrameWorld(object, pose, { ...positions, [k.part.name]: 0 }, k.frame);
  const axis = jointAxisWorld(object, pose, positions, k.part.name);
  if (!w || !axis) return undefined;
  const outward = scale(w.approach, -1);
  // The joint sits at the cap's base; the pads close at half its height, out along the axis.
  const halfHeight = Math.abs(dot(sub(w.posM, axis.pointM), outward));
  return {
    part: k.part.name,
    stateName: k.state.name,
    centreM: w.posM,
    axis: axis.axis,
    outward,
    widthM: k.frame.widthM,
    heightM: 2 * halfHeight,
    baseM: axis.pointM,
    closing: w.closingAxis,
    angleRad: positions?.[k.part.name] ?? 0,
    range: k.part.joint.range,
  };
}

/** The joint-angle change a call asks for: `angleRad` (counterclockwise facing the knob is positive), or a direction. */
export function requestedTurn(
  call: SkillCall,
  k: Pick<LocatedKnob, 'axis' | 'outward'>,
  p: TurnKnobParams,
): number | undefined {
  // Facing the knob means looking along -outward: counterclockwise there is positive about the outward axis,
  // and the asset's joint axis points outward (or else the sign flips).
  const sign = Math.sign(dot(k.axis, k.outward)) || 1;
  const angle = call.args?.angleRad;
  if (typeof angle === 'number') return sign * angle;
  const direction = call.args?.direction;
  // Righty-tighty: tightening turns clockwise facing the knob (a right-hand thread).
  if (direction === 'tighten') return -sign * p.defaultTurnRad;
  if (direction === 'loosen') return sign * p.defaultTurnRad;
  return undefined;
}

/** Whether the knob's axis stands up (a screw on a lid): its hand points down and may turn half a turn at once. */
const standsUp = (k: LocatedKnob) => Math.abs(k.outward[2]) > 0.7;

/**
 * The hand pinching the knob, at `rollRad` about the axis from the reference pinch:
 * for a knob that stands up the reference is the arm's comfortable top-down yaw; for a front knob the level hand
 * (fingers side by side) pitched down by `frontPitchRad`.
 */
function pinchPose(
  ctx: SkillContext,
  k: LocatedKnob,
  p: TurnKnobParams,
  openingM: number,
  rollRad: number,
): RigidPose {
  let approach = scale(k.outward, -1);
  let closing: Vec3;
  if (standsUp(k)) {
    // Fingers closing along the horizontal the arm holds comfortably above this point (the neutral yaw's finger axis).
    const b = ctx.robotBase.posM;
    const yaw = ctx.robotBase.neutralYawOffsetRad + Math.atan2(k.centreM[1] - b[1], k.centreM[0] - b[0]);
    closing = [Math.sin(yaw), -Math.cos(yaw), 0];
  } else {
    // Horizontal and across the axis: the fingers side by side, the hand's narrow side toward the bench.
    closing = normalize([k.outward[1], -k.outward[0], 0]);
    approach = rotateAbout(approach, closing, p.frontPitchRad);
  }
  const mat = handFrame(approach, closing);
  // The TCP on the knob's axis, out far enough that the open fingertips clear the surface the knob stands on.
  const reach =
    ctx.gripper.fingertipBelowTcpM * Math.abs(dot(column(mat, 2), k.outward)) +
    (ctx.gripper.fingertipHalfDepthM ?? 0) * Math.abs(dot(column(mat, 0), k.outward)) +
    (openingM / 2 + ctx.gripper.fingerThicknessM) * Math.abs(dot(column(mat, 1), k.outward));
  const outM = Math.max(k.heightM / 2, reach + p.fingertipClearanceM);
  const posM = add(k.baseM, scale(k.outward, outM));
  return arcPose({ centerM: posM, axis: k.axis }, { posM, mat }, rollRad);
}

export function planTurnKnob(ctx: SkillContext, call: SkillCall, p: TurnKnobParams): PlanResult {
  const object = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  const k =
    object && pose ? locateKnob(object, pose, ctx.partPositions.get(call.target), call.part) : undefined;
  if (!k)
    return {
      ok: false,
      code: 'turn-knob.no-knob',
      detail: `"${call.target}" has no knob${call.part ? ` named "${call.part}"` : ''}`,
    };
  const turn = requestedTurn(call, k, p);
  if (turn === undefined)
    return {
      ok: false,
      code: 'turn-knob.no-amount',
      detail: 'the call gives neither a direction (tighten, loosen) nor an angle',
    };
  const end = k.angleRad + turn;
  if (end < k.range[0] + p.rangeMarginRad || end > k.range[1] - p.rangeMarginRad)
    return {
      ok: false,
      code: 'turn-knob.out-of-range',
      detail: `turning ${((turn * 180) / Math.PI).toFixed(0)} degrees from ${((k.angleRad * 180) / Math.PI).toFixed(0)} leaves the knob's range ${k.range.map((r) => ((r * 180) / Math.PI).toFixed(0)).join('..')} degrees`,
    };
  const perGrasp = standsUp(k) ? p.maxTurnPerGraspRad : 2 * p.maxFrontRollRad;
  const grasps = Math.max(1, Math.ceil(Math.abs(turn) / perGrasp - 1e-9));
  const step = turn / grasps;
  const open = Math.min(ctx.gripper.strokeM, k.widthM + 2 * p.openMarginM);
  // Each grasp turns from half a step before the reference to half a step past it, so the wrist swings evenly
  // about its comfortable angle (and a front knob's hand about level).
  const start = pinchPose(ctx, k, p, open, -step / 2);
  const { mat } = start;
  const out = (v: Vec3, m: number): Vec3 => add(v, scale(k.outward, m));
  const arc = (angleRad: number, gripperOpeningM: number, phase: 'turn' | 'release'): Motion => ({
    kind: 'arc',
    phase,
    centerM: start.posM,
    axis: k.axis,
    angleRad,
    gripperOpeningM,
    minDurationS: Math.abs(angleRad) / p.turnSpeedRadS,
    holdS: 0.1,
  });
  const front = standsUp(k) ? [] : turnInPlace(ctx, mat, open, p);
  const motions: Motion[] = [
    ...front,
    {
      phase: 'reach',
      posM: out(start.posM, p.approachDistanceM),
      mat,
      gripperOpeningM: open,
      minDurationS: p.reachDurationS,
      holdS: 0.1,
    },
    { phase: 'pregrasp', posM: start.posM, mat, gripperOpeningM: open, minDurationS: 0.8, holdS: 0.1 },
  ];
  const turned = arcPose({ centerM: start.posM, axis: k.axis }, start, step);
  for (let g = 0; g < grasps; g++) {
    motions.push(
      { phase: 'grasp', posM: start.posM, mat, gripperOpeningM: 0, minDurationS: 0.4, holdS: p.graspHoldS },
      // The whole hand turned rigidly about the knob's own axis (from the asset's joint, moved with the lid it may
      // ride on): the pads keep their hold and the stiff arm follows the knob instead of wrenching it.
      arc(step, 0, 'turn'),
      { phase: 'release', ...turned, gripperOpeningM: open, minDurationS: 0.4, holdS: p.releaseHoldS },
    );
    // Open, the hand turns back about the axis to grip again: the fingers circle clear of the cap.
    if (g < grasps - 1) motions.push(arc(-step, open, 'release'));
  }
  const last = turned;
  const backM = out(last.posM, p.approachDistanceM);
  motions.push(
    { phase: 'retreat', posM: backM, mat: last.mat, gripperOpeningM: open, minDurationS: 0.8, holdS: 0 },
    // Up clear of the instrument (a front knob sits 5 cm over the bench): from down there a UR5e's move home swept
    // its fingers through the stirrer's housing.
    {
      phase: 'retreat',
      posM: [backM[0], backM[1], backM[2] + p.clearRiseM],
      mat: last.mat,
      gripperOpeningM: open,
      minDurationS: 0.6,
      holdS: 0,
    },
  );
  return planned(motions);
}

/** For a front knob: the hand turned to face it where it starts, when the arm can (clear of everything there). */
function turnInPlace(ctx: SkillContext, mat: number[], open: number, p: TurnKnobParams): Motion[] {
  if (ctx.canReach && !ctx.canReach(ctx.tcp.posM, mat)) return [];
  return [
    {
      phase: 'reach',
      posM: ctx.tcp.posM,
      mat,
      gripperOpeningM: open,
      minDurationS: p.turnDurationS,
      holdS: 0,
    },
  ];
}

export function checkTurnKnob(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: TurnKnobParams,
): CheckResult[] {
  const object = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  const k =
    object && pose ? locateKnob(object, pose, ctx.partPositions.get(call.target), call.part) : undefined;
  const turn = k ? requestedTurn(call, k, p) : undefined;
  const predicate = 'turn-knob.turned';
  if (!k || turn === undefined) return [{ predicate, ok: false, code: 'turn-knob.no-knob' }];
  const angle = (f: FrameObservation) => Number(f.partStates.get(call.target)?.[k.stateName] ?? NaN);
  const last = frames.slice(-HOLD_FRAMES);
  const changes = last.map((f) => angle(f) - k.angleRad);
  const worst = changes.reduce((w, c) => (Math.abs(c - turn) > Math.abs(w - turn) ? c : w), changes[0] ?? 0);
  const released = last.every((f) => !f.touching.has(call.target));
  const within = last.length === HOLD_FRAMES && changes.every((c) => Math.abs(c - turn) <= p.toleranceRad);
  const deg = (r: number) => ((r * 180) / Math.PI).toFixed(0);
  const metrics = { knobTurnRad: worst, knobTurnErrorRad: wrapAngle(worst - turn) };
  if (within && released) return [{ predicate, ok: true, metrics }];
  return [
    {
      predicate,
      ok: false,
      code: !released
        ? 'turn-knob.still-held'
        : Math.abs(worst) < Math.abs(turn) / 2
          ? 'turn-knob.not-turned'
          : 'turn-knob.off-target',
      detail: released
        ? `the knob turned ${deg(worst)} degrees, asked ${deg(turn)} (within ${deg(p.toleranceRad)})`
        : 'the hand still touches the instrument on the last frames',
      metrics,
    },
  ];
}

/** The pinch at the start of the first turn and the hand after it, as laid out in the scene (neutral yaw unknown). */
export function knobReachTargets(object: PlacedObject, call: SkillCall, p: TurnKnobParams): ReachTarget[] {
  const k = locateKnob(object, placedPose(object), placedPartPositions(object), call.part);
  if (!k) return [];
  const turn = requestedTurn(call, k, p) ?? p.defaultTurnRad;
  const perGrasp = standsUp(k) ? p.maxTurnPerGraspRad : 2 * p.maxFrontRollRad;
  const step = turn / Math.max(1, Math.ceil(Math.abs(turn) / perGrasp - 1e-9));
  const ctx = {
    robotBase: { posM: [0, 0, 0] as Vec3, neutralYawOffsetRad: 0 },
    gripper: TYPICAL_GRIPPER,
  } as unknown as SkillContext;
  const start = pinchPose(ctx, k, p, k.widthM, -step / 2);
  const end = arcPose({ centerM: start.posM, axis: k.axis }, start, step);
  const label = `${k.part} of ${object.id}`;
  return [
    { label: `pinch the ${label}`, posM: start.posM, mat: start.mat },
    { label: `the ${label} turned`, posM: end.posM, mat: end.mat },
  ];
}

/** Placement does not know the gripper: fingers as most profiles have them. */
const TYPICAL_GRIPPER = {
  fingertipBelowTcpM: 0.011,
  fingertipHalfDepthM: 0.011,
  fingerThicknessM: 0.016,
  strokeM: 0.085,
};

export const turnKnobFailureCodes: Record<string, string> = {
  'turn-knob.no-knob': 'the target has no knob (by that name) (planned, never simulated)',
  'turn-knob.no-amount': 'the call gives neither a direction nor an angle (planned, never simulated)',
  'turn-knob.out-of-range':
    'the requested turn would take the knob past its stops (planned, never simulated)',
  'turn-knob.not-turned': 'the knob turned less than half the requested amount',
  'turn-knob.off-target': 'the knob turned, but not within 10 degrees of the requested amount',
  'turn-knob.still-held': 'the hand still touched the instrument on the last frames',
};

export const turnKnob: Skill<TurnKnobParams> = {
  id: 'turn-knob',
  version: 1,
  defaults: turnKnobDefaults,
  doc: {
    description:
      "Pinch a knob across its cap along the knob's own axis (top-down for a screw standing on a lid; from the front, pitched down, for a dial on a front face), turn the whole hand rigidly about the knob's joint axis (taken from the asset and moved with the part it rides on) by the requested angle, in several grasps where the wrist or the bench limits one, let go and withdraw along the axis. `tighten` turns clockwise facing the knob (negative about the asset's outward joint axis), `loosen` counterclockwise, by defaultTurnRad (half a turn); `angleRad` is counterclockwise-positive facing the knob.",
    parameters: {
      defaultTurnRad: 'how far tighten / loosen turn (half a turn)',
      toleranceRad: 'largest error of the knob angle change that counts (10 degrees)',
      maxTurnPerGraspRad: 'most one grasp turns a knob whose axis stands up',
      maxFrontRollRad: 'most one grasp rolls the hand either side of level about a front knob',
      frontPitchRad: 'pitch of the hand down from a front knob’s axis',
      openMarginM: "extra opening beyond the knob's width, each side",
      fingertipClearanceM: 'room the fingertips keep from the surface the knob stands on',
      approachDistanceM: "distance out along the knob's axis where the hand lines up and withdraws to",
      graspHoldS: 'time the fingers squeeze before a turn',
      turnSpeedRadS: 'average angular speed of a turn',
      releaseHoldS: 'time the opened fingers stay before turning back or withdrawing',
      clearRiseM: 'how far the hand rises after withdrawing',
      reachDurationS: 'least duration of the reach',
      turnDurationS: 'least duration of turning the hand to face a front knob',
      rangeMarginRad: "room the requested end angle keeps from the knob's stops",
    },
    success: [
      `turn-knob.turned: on the skill's last ${HOLD_FRAMES} frames (after letting go, the withdrawal and the settle) the knob's named angle (knobAngleRad, stirKnobAngleRad ...) differs from its angle at the start by the requested amount within 10 degrees, and the hand touches nothing of the instrument`,
    ],
    failureCodes: turnKnobFailureCodes,
  },
  plan: (ctx, call, p) => planTurnKnob(ctx, call, p),
  check: (frames, ctx, call, p) => checkTurnKnob(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o ? knobReachTargets(o, call, p) : [];
  },
};
