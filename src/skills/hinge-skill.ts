// What the hinge skills (open-lid, close-lid, open-door, close-door) share: the target's hinge, the hand poses that
// pinch a handle or an end of the panel or push its face, the motions that follow the hinge arc, and the check.
import {
  add,
  cross,
  dot,
  matColumn,
  matMul,
  matVec,
  normalize,
  rotationAngle,
  scale,
  sub,
  type Vec3,
} from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import {
  type ArcMotion,
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  type Motion,
  type PlanResult,
  type ReachTarget,
  type SkillCall,
  type SkillContext,
  type Waypoint,
} from './skill.js';
import type { PhaseName } from './phases.js';
import {
  handMat,
  layoutPose,
  panelPoint,
  partPanel,
  partPointWorld,
  partVecWorld,
  type Panel,
  type Pose,
  turnPoint,
  turnVec,
  type WorldHinge,
  worldHandle,
  worldHinge,
} from './hinge-geometry.js';

/** Parameters every hinge skill has (units in the names). */
export const hingeDefaults = {
  /** Standoff along the approach where the hand lines up before closing in on a handle or an edge. */
  approachDistanceM: 0.05,
  /** Fingertips stop this far short of the surface behind a handle (a lid's front face, a door's face). */
  fingertipClearanceM: 0.003,
  /** Room each open finger keeps beside a handle or an edge while closing in. */
  openMarginM: 0.012,
  graspHoldS: 0.4,
  /** Least duration of the travel to the line-up pose. */
  reachDurationS: 1.5,
  /** The travel ends this far above the line-up pose, before coming down onto it. */
  lineUpRiseM: 0.06,
  /**
   * The first pull at the handle (m, along its arc) before the planner looks whether the part followed: a part
   * held shut (an obstacle on a lid) is let go of after this much, the fingers' give absorbing it, instead of
   * being fought with a stiff arm.
   */
  breakawayM: 0.02,
  /** Share of the breakaway turn the part must have followed to count as free. */
  followFraction: 0.5,
  /** Average angular speed along a hinge. */
  hingeSpeedRadS: 0.4,
  releaseHoldS: 0.35,
  /** How far the hand slides back along its approach after letting go (the fingers clear the handle). */
  slideOffM: 0.04,
  /** Then how far it moves clear of the part. */
  withdrawM: 0.06,
  /** How far past its fingertips the hand's pads reach, for reach targets (they know no gripper). */
  reachFingertipBelowTcpM: 0.012,
  /** Success: an opened part passes this share of its joint range (issue: 80%). */
  openFractionOfRange: 0.8,
  /** Success: a closed part lies within this of its closed stop (issue: 0.05 rad). */
  closedToleranceRad: 0.05,
};
export type HingeParams = typeof hingeDefaults;

/** The gripper facts a hand pose needs; reach targets use the skill's nominal fingertip reach. */
export interface GripperFacts {
  strokeM: number;
  fingertipBelowTcpM: number;
  /** Half the fingertips' width across the hand (how far a pitched hand swings their corner forward). */
  fingertipHalfDepthM?: number;
}

/** Everything a planner needs to know about the part it swings. */
export interface HingeTarget {
  object: PlacedObject;
  pose: Pose;
  part: string;
  hinge: WorldHinge;
  panel: Panel;
  positions: Record<string, number>;
  /** The part's named angle state (`lidAngleRad`, `doorAngleRad`). */
  stateName: string;
}

export type Failure = { ok: false; code: string; detail: string };

/** The hinged part a call names (its `part`, else the object's first hinged part with a panel). */
export function resolveHinge(
  skillId: string,
  object: PlacedObject | undefined,
  pose: Pose | undefined,
  positions: Readonly<Record<string, number>>,
  call: SkillCall,
): HingeTarget | Failure {
  if (!object || !pose)
    return { ok: false, code: `${skillId}.no-hinge`, detail: `no object "${call.target}" in this scene` };
  const parts = object.built.parts ?? [];
  const part = call.part ?? parts.find((p) => p.joint.type === 'hinge' && partPanel(p))?.name;
  const named = parts.find((p) => p.name === part);
  const panel = named && partPanel(named);
  const hinge = part === undefined ? undefined : worldHinge(object, pose, part, positions);
  const state = object.built.states?.find((s) => s.joint === part && s.kind === 'angle');
  if (part === undefined || !hinge || !panel || !state)
    return {
      ok: false,
      code: `${skillId}.no-hinge`,
      detail: `"${call.target}" has no hinged ${call.part ?? 'part'} with a named angle (parts: ${
        parts.map((p) => p.name).join(', ') || 'none'
      })`,
    };
  return {
    object,
    pose,
    part,
    hinge,
    panel,
    positions: { ...positions },
    stateName: state.name,
  };
}

/** The target as a planner sees it at the skill's start (live pose and part positions). */
export function targetFromContext(
  skillId: string,
  ctx: SkillContext,
  call: SkillCall,
): HingeTarget | Failure {
  return resolveHinge(
    skillId,
    ctx.objects.get(call.target),
    ctx.poses.get(call.target),
    ctx.partPositions.get(call.target) ?? {},
    call,
  );
}

/** The target as the scene lays it out (for reach targets, before anything moved). */
export function targetFromLayout(
  skillId: string,
  objects: ReadonlyMap<string, PlacedObject>,
  call: SkillCall,
): HingeTarget | Failure {
  const o = objects.get(call.target);
  return resolveHinge(skillId, o, o && layoutPose(o), o?.partPositions ?? {}, call);
}

/** The same target with its part at another angle. */
export const atAngle = (t: HingeTarget, angleRad: number): HingeTarget => ({
  ...t,
  hinge: { ...t.hinge, angleRad },
  positions: { ...t.positions, [t.part]: angleRad },
});

/** A hand pose on the part: where the TCP goes, its orientation, and the opening to close in with. */
export interface Grip {
  posM: Vec3;
  mat: number[];
  /** Unit direction the hand closes in along (the tool z axis). */
  approach: Vec3;
  /** Finger opening while closing in (0 for a push with closed fingers). */
  openM: number;
  /** Distance of the TCP from the hinge axis. */
  radiusM: number;
}

const radiusFromAxis = (h: WorldHinge, p: Vec3): number => {
  const d = sub(p, h.pointM);
  return Math.hypot(...sub(d, scale(h.axis, dot(d, h.axis))));
};

/**
 * The pinch on the part's handle grasp frame: fingers closing across the handle, fingertips stopped short of the
 * surface it stands on (the pads grip the handle's outer part when it is shallower than they are long).
 */
export function handleGrip(
  t: HingeTarget,
  g: GripperFacts,
  p: HingeParams,
  flip: boolean,
  pitchRad = 0,
): Grip | undefined {
  const h = worldHandle(t.object, t.pose, t.part, t.positions);
  if (!h) return undefined;
  const approach = pitchedDown(h.approach, h.closing, pitchRad);
  const back = Math.min(0, h.depthBeyondM - p.fingertipClearanceM - tipReach(g, pitchRad));
  const posM = add(h.centerM, scale(h.approach, back));
  return {
    posM,
    mat: handMat(approach, flip ? scale(h.closing, -1) : h.closing),
    approach,
    openM: Math.min(g.strokeM, h.frame.widthM + 2 * p.openMarginM),
    radiusM: radiusFromAxis(t.hinge, posM),
  };
}

/**
 * An approach tilted downward by `pitchRad` about the closing axis (the pads stay parallel to what they close on):
 * a tall handle or a door's edge may be taken from above-front, where a level hand's wrist folds or meets the bench.
 */
export function pitchedDown(approach: Vec3, closing: Vec3, pitchRad: number): Vec3 {
  if (pitchRad === 0) return approach;
  const a = turnVec(approach, closing, pitchRad);
  const b = turnVec(approach, closing, -pitchRad);
  return normalize(a[2] <= b[2] ? a : b);
}

/**
 * How far the fingertips reach along the unpitched approach beyond the TCP: their length, and with a pitch the
 * corner of their width swinging forward.
 */
const tipReach = (g: GripperFacts, pitchRad: number): number =>
  g.fingertipBelowTcpM * Math.cos(pitchRad) + (g.fingertipHalfDepthM ?? 0) * Math.abs(Math.sin(pitchRad));

/** A hand pose turned rigidly about the hinge by `angleRad` (what an arc motion does to it). */
export function turnGrip(h: WorldHinge, grip: Grip, angleRad: number): Grip {
  const r = rotationMat(h.axis, angleRad);
  return {
    ...grip,
    posM: turnPoint(grip.posM, h.pointM, h.axis, angleRad),
    mat: matMul(r, grip.mat),
    approach: turnVec(grip.approach, h.axis, angleRad),
  };
}

/** The measured hand pose as a grip (a later stage continues from where the hand really is). */
export function gripFromTcp(h: WorldHinge, tcp: { posM: Vec3; mat: number[] }, openM: number): Grip {
  return {
    posM: tcp.posM,
    mat: tcp.mat,
    approach: matColumn(tcp.mat, 2),
    openM,
    radiusM: radiusFromAxis(h, tcp.posM),
  };
}

function rotationMat(axis: Vec3, angleRad: number): number[] {
  const cols = ([0, 1, 2] as const).map((i) =>
    turnVec([i === 0 ? 1 : 0, i === 1 ? 1 : 0, i === 2 ? 1 : 0], axis, angleRad),
  );
  return [0, 1, 2].flatMap((r) => cols.map((c) => c[r] as number));
}

const pose = (
  phase: PhaseName,
  posM: Vec3,
  mat: number[],
  gripperOpeningM: number,
  minDurationS: number,
  holdS: number,
): Waypoint => ({ phase, posM, mat, gripperOpeningM, minDurationS, holdS });

/**
 * Travel (turning on the way) to a point above the line-up pose in front of the grip, come down onto it, close in,
 * and close the fingers. Coming down onto the line-up keeps a wrist that hangs below the hand (a UR's) off the
 * bench. (Turning the hand where it starts first, then travelling, ran the wrists of 6 of 11 arms onto a limit.)
 */
export function pinchMotions(grip: Grip, p: HingeParams): Motion[] {
  return [...lineUpMotions(grip, p), ...closeInMotions(grip, p)];
}

/** Poses on the way to a grip: above the line-up pose, and the line-up pose in front of it. */
export function lineUpPoses(grip: Grip, p: HingeParams): { above: Grip; pre: Grip } {
  const pre = sub(grip.posM, scale(grip.approach, p.approachDistanceM));
  // Only a level approach needs to come down onto its line-up; one that already points down comes from above.
  const rise = p.lineUpRiseM * Math.sqrt(Math.max(0, 1 - grip.approach[2] ** 2));
  return { above: { ...grip, posM: [pre[0], pre[1], pre[2] + rise] }, pre: { ...grip, posM: pre } };
}

/** Travel to above the line-up pose and down onto it (fingers as the grip wants). */
export function lineUpMotions(grip: Grip, p: HingeParams): Motion[] {
  const { above, pre } = lineUpPoses(grip, p);
  return [
    pose('reach', above.posM, grip.mat, grip.openM, p.reachDurationS, 0),
    pose('reach', pre.posM, grip.mat, grip.openM, 0.6, 0.1),
  ];
}

/** From the line-up pose: in along the approach and close the fingers. */
export function closeInMotions(grip: Grip, p: HingeParams): Motion[] {
  return [
    pose('pregrasp', grip.posM, grip.mat, grip.openM, 0.6, 0.15),
    pose('grasp', grip.posM, grip.mat, 0, 0.4, p.graspHoldS),
  ];
}

/** The hand turned rigidly about the hinge from `fromRad` to `toRad`, holding (or pushing) the part. */
export function hingeArc(
  h: WorldHinge,
  fromRad: number,
  toRad: number,
  phase: PhaseName,
  gripperOpeningM: number,
  p: HingeParams,
  holdS = 0.1,
): ArcMotion {
  const angleRad = toRad - fromRad;
  return {
    kind: 'arc',
    phase,
    centerM: h.pointM,
    axis: h.axis,
    angleRad,
    gripperOpeningM,
    minDurationS: Math.abs(angleRad) / p.hingeSpeedRadS,
    holdS,
  };
}

/**
 * Let go where the hand is (`grip`, already turned to where the arc ended), slide back along the approach until
 * the fingers are off the handle, then move `awayDir` (default: on along the approach's reverse) clear of it.
 */
export function releaseMotions(grip: Grip, p: HingeParams, awayDir?: Vec3): Motion[] {
  const { slid, away } = releasePoses(grip, p, awayDir);
  return [
    { kind: 'hold', phase: 'release', gripperOpeningM: grip.openM, minDurationS: 0, holdS: p.releaseHoldS },
    pose('retreat', slid, grip.mat, grip.openM, 0.4, 0),
    pose('retreat', away, grip.mat, grip.openM, 0.5, 0.1),
  ];
}

/** Where the hand goes after letting go: slid off the handle, then clear of it. */
export function releasePoses(grip: Grip, p: HingeParams, awayDir?: Vec3): { slid: Vec3; away: Vec3 } {
  const slid = sub(grip.posM, scale(grip.approach, p.slideOffM));
  const away = add(slid, scale(awayDir ? normalize(awayDir) : scale(grip.approach, -1), p.withdrawM));
  return { slid, away };
}

/**
 * Reach targets along a pinch that swings the part from `fromRad` to `toRad`: the line-up, the grasp, the arc
 * every `stepRad`, its end, and the withdrawal (every pose, so that the placement leaves the arm room for all).
 */
export function pinchArcTargets(
  label: string,
  t: HingeTarget,
  grip: Grip,
  fromRad: number,
  toRad: number,
  p: HingeParams,
  awayDir?: Vec3,
  stepRad = 0.4,
): ReachTarget[] {
  const { above, pre } = lineUpPoses(grip, p);
  const n = Math.max(1, Math.ceil(Math.abs(toRad - fromRad) / stepRad));
  const arc = Array.from({ length: n }, (_, k) => turnGrip(t.hinge, grip, ((toRad - fromRad) * (k + 1)) / n));
  const end = arc[arc.length - 1] ?? grip;
  const { slid, away } = releasePoses(end, p, awayDir);
  return gripTargets(label, [
    ['line up above', above],
    ['line up', pre],
    ['grasp', grip],
    ...arc.map((g, k): [string, Grip] => [k === n - 1 ? 'let go' : `arc ${k + 1}/${n}`, g]),
    ['slide off', { ...end, posM: slid }],
    ['withdraw', { ...end, posM: away }],
  ]);
}

/** Whether the arm reaches a grip and the given poses along its arc (true when the context cannot tell). */
export function reachable(ctx: SkillContext, grips: readonly Grip[]): boolean {
  return !ctx.canReach || grips.every((g) => ctx.canReach?.(g.posM, g.mat) ?? true);
}

/**
 * Of the two mirror-image grips (fingers swapped, the hand turned half a turn about its approach): the one nearer
 * the hand's orientation now (the least turn of the wrist), unless the arm cannot reach its listed poses and can
 * reach the other's. Returns true for the mirrored grip.
 */
export function chooseFlip(ctx: SkillContext, grips: (flip: boolean) => Grip[]): boolean {
  const nearer = nearerFlip(ctx.tcp.mat, grips);
  return reachable(ctx, grips(nearer)) || !reachable(ctx, grips(!nearer)) ? nearer : !nearer;
}

/**
 * Whether the mirrored grip keeps nearer `reference` than the plain one over all its listed poses (the largest
 * turn from it along the way): the wrist stays mid-range through an arc's roll instead of running onto a stop.
 */
export function nearerFlip(reference: readonly number[], grips: (flip: boolean) => Grip[]): boolean {
  const worst = (gs: Grip[]) => Math.max(...gs.map((g) => rotationAngle(reference, g.mat)));
  const a = grips(false);
  const b = grips(true);
  if (a.length === 0 || b.length === 0) return false;
  return worst(b) < worst(a) - 1e-9;
}

/**
 * The grip reach targets use, which know no robot: the one nearer a top-down hand whose x axis points from the
 * instrument's front to its back (how arms stand over a bench facing the instrument), as the planner would pick
 * from a top-down start.
 */
export function layoutFlip(t: HingeTarget, grips: (flip: boolean) => Grip[]): boolean {
  const x = normalize(matVec(t.pose.mat, [0, 1, 0]));
  const z: Vec3 = [0, 0, -1];
  const y = cross(z, x);
  return nearerFlip([x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]], grips);
}

/** The turn about the hinge that carries the handle `distM` along its arc. */
export const turnForDistance = (grip: Grip, distM: number): number => distM / Math.max(grip.radiusM, 0.05);

/** Whether the part followed a turn that started at `fromRad` and was commanded to `toRad`. */
export function followed(fromRad: number, toRad: number, nowRad: number, p: HingeParams): boolean {
  const want = toRad - fromRad;
  return (nowRad - fromRad) * Math.sign(want) >= Math.abs(want) * p.followFraction;
}

/** Reach targets from grips: position and full hand orientation. */
export const gripTargets = (label: string, grips: ReadonlyArray<[string, Grip]>): ReachTarget[] =>
  grips.map(([what, g]) => ({ label: `${label}: ${what}`, posM: g.posM, mat: g.mat }));

/** The gripper facts reach targets assume (no robot is known there). */
export const nominalGripper = (p: HingeParams): GripperFacts => ({
  strokeM: 0.07,
  fingertipBelowTcpM: p.reachFingertipBelowTcpM,
  fingertipHalfDepthM: p.reachFingertipBelowTcpM,
});

/** The gripper facts of the robot running the plan. */
export const gripperOf = (ctx: SkillContext): GripperFacts => ({
  strokeM: ctx.gripper.strokeM,
  fingertipBelowTcpM: ctx.gripper.fingertipBelowTcpM,
  ...(ctx.gripper.fingertipHalfDepthM !== undefined
    ? { fingertipHalfDepthM: ctx.gripper.fingertipHalfDepthM }
    : {}),
});

/** The open or closed angle a hinge skill aims for, and the one its check demands. */
export function successAngle(t: HingeTarget, goal: 'open' | 'closed', p: HingeParams): number {
  const [lo, hi] = t.hinge.rangeRad;
  return goal === 'open' ? lo + p.openFractionOfRange * (hi - lo) : lo + p.closedToleranceRad;
}

/**
 * `<skill>.open` / `<skill>.closed`: the part's named angle is past 80 % of its range (open) or within the
 * tolerance of its closed stop, on the last HOLD_FRAMES frames with the hand off the instrument (after letting go
 * and withdrawing, the settle included).
 */
export function checkHinge(
  skillId: string,
  goal: 'open' | 'closed',
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: HingeParams,
): CheckResult[] {
  const predicate = `${skillId}.${goal}`;
  const target = targetFromContext(skillId, ctx, call);
  if (isFailure(target)) return [{ predicate, ok: false, code: target.code, detail: target.detail }];
  const [lo, hi] = target.hinge.rangeRad;
  const angle = (f: FrameObservation): number => {
    const v = f.partStates.get(call.target)?.[target.stateName];
    return typeof v === 'number' ? v : Number.NaN;
  };
  const reached = (a: number) =>
    goal === 'open' ? a >= lo + p.openFractionOfRange * (hi - lo) : Math.abs(a - lo) <= p.closedToleranceRad;
  const tail = frames.slice(-HOLD_FRAMES);
  const last = frames[frames.length - 1];
  const startRad = target.hinge.angleRad;
  const finalRad = last ? angle(last) : Number.NaN;
  const metrics = { hingeStartRad: startRad, hingeFinalRad: finalRad };
  const released = tail.length === HOLD_FRAMES && tail.every((f) => !f.touching.has(call.target));
  const ok = tail.length === HOLD_FRAMES && tail.every((f) => reached(angle(f)));
  if (ok && released) return [{ predicate, ok: true, metrics }];
  const want =
    goal === 'open'
      ? `at least ${(lo + p.openFractionOfRange * (hi - lo)).toFixed(2)} rad`
      : `within ${p.closedToleranceRad} rad of ${lo.toFixed(2)} rad`;
  if (ok)
    return [
      {
        predicate,
        ok: false,
        metrics,
        code: `${skillId}.not-released`,
        detail: `the ${target.part} is ${goal} but the hand still touches ${call.target} at the end`,
      },
    ];
  return [
    {
      predicate,
      ok: false,
      metrics,
      code: `${skillId}.${goal === 'open' ? 'not-open' : 'not-closed'}`,
      detail: `${target.stateName} ended at ${Number.isFinite(finalRad) ? finalRad.toFixed(3) : 'unknown'} rad (wanted ${want}, held ${HOLD_FRAMES} frames after letting go)`,
    },
  ];
}

/** A plan that does nothing but wait, for a part already where the skill would put it. */
export const alreadyThere = (ctx: SkillContext): PlanResult => ({
  ok: true,
  motions: [
    { kind: 'hold', phase: 'settle', gripperOpeningM: ctx.gripper.strokeM, minDurationS: 0, holdS: 0.2 },
  ],
});

/** Type guard for grips that could be made (a part without a handle has none). */
export const isGrip = (g: Grip | undefined): g is Grip => g !== undefined;

export const isFailure = (x: HingeTarget | Failure): x is Failure => 'ok' in x && x.ok === false;

/** A point given in panel coordinates (along the axis, radial, normal), in the world at the target's angle. */
export function panelWorld(t: HingeTarget, alongM: number, radialM: number, normalM: number): Vec3 {
  return partPointWorld(t.object, t.pose, t.part, t.positions, panelPoint(t.panel, alongM, radialM, normalM));
}

/** A pose waypoint for a grip (phase, its opening unless given). */
export function gripPose(
  phase: PhaseName,
  grip: Grip,
  minDurationS: number,
  holdS: number,
  openingM = grip.openM,
): Waypoint {
  return pose(phase, grip.posM, grip.mat, openingM, minDurationS, holdS);
}

/** Pitches to try for a grip that may be tilted: the preferred one, then further either side, within [0, max]. */
export function pitchCandidates(preferredRad: number, stepRad: number, maxRad: number): number[] {
  const out = [preferredRad];
  for (let k = 1; k <= 3; k++)
    for (const v of [preferredRad - k * stepRad, preferredRad + k * stepRad])
      if (v >= 0 && v <= maxRad && !out.some((o) => Math.abs(o - v) < 1e-9)) out.push(v);
  return out;
}

/**
 * The (pitch, mirror) of a grip the arm reaches at every listed pose: the pitches in order, for each the mirror
 * nearer the hand's orientation now first; the first candidate when none is (the motion checks will tell).
 */
export function chooseGrip(
  ctx: SkillContext,
  pitches: readonly number[],
  grips: (flip: boolean, pitchRad: number) => Grip[],
): { flip: boolean; pitchRad: number } {
  for (const pitchRad of pitches) {
    const nearer = nearerFlip(ctx.tcp.mat, (f) => grips(f, pitchRad));
    for (const flip of [nearer, !nearer])
      if (reachable(ctx, grips(flip, pitchRad))) return { flip, pitchRad };
  }
  const pitchRad = pitches[0] ?? 0;
  return { flip: nearerFlip(ctx.tcp.mat, (f) => grips(f, pitchRad)), pitchRad };
}

/**
 * The end of the panel along its hinge axis that is higher in the world (a door's top edge), as the coordinate
 * along the axis and the direction (along the axis, into the panel) from it.
 */
/** One end of a panel along its hinge axis: its coordinate, and the way into the panel from it. */
export interface PanelEnd {
  alongM: number;
  inward: 1 | -1;
}

/** The end of the panel along its axis nearer a world point (a lid's side edge nearer the arm). */
export function nearerEnd(t: HingeTarget, pointM: Vec3): PanelEnd {
  const pn = t.panel;
  const mid = (pn.radialMinM + pn.radialMaxM) / 2;
  const d = (along: number) => Math.hypot(...sub(panelWorld(t, along, mid, pn.leadM), pointM).slice(0, 2));
  return d(pn.alongMinM) <= d(pn.alongMaxM)
    ? { alongM: pn.alongMinM, inward: 1 }
    : { alongM: pn.alongMaxM, inward: -1 };
}

export function upperEnd(t: HingeTarget): PanelEnd {
  const pn = t.panel;
  const mid = (pn.radialMinM + pn.radialMaxM) / 2;
  const zAt = (along: number) => panelWorld(t, along, mid, pn.leadM)[2];
  return zAt(pn.alongMinM) >= zAt(pn.alongMaxM)
    ? { alongM: pn.alongMinM, inward: 1 }
    : { alongM: pn.alongMaxM, inward: -1 };
}

/**
 * The pinch across the panel's thickness at its upper end (a door's top edge) `radialM` from the hinge: the
 * hand comes down along the hinge axis, the fingertips `depthM` below the edge, the fingers closing across the
 * panel. The hinge arc then only turns the hand about its own axis (a top-down hand's yaw, the wrist's last joint).
 * `pitchRad` tilts the approach about the closing axis, towards the hinge or away from it.
 */
export function topEdgeGrip(
  t: HingeTarget,
  g: GripperFacts,
  p: HingeParams,
  radialM: number,
  depthM: number,
  flip: boolean,
  pitchRad = 0,
): Grip {
  return endGrip(t, g, p, upperEnd(t), radialM, depthM, flip, pitchRad);
}

/** The pinch across the panel's thickness at one end along its hinge axis (see `topEdgeGrip`). */
export function endGrip(
  t: HingeTarget,
  g: GripperFacts,
  p: HingeParams,
  end: PanelEnd,
  radialM: number,
  depthM: number,
  flip: boolean,
  pitchRad = 0,
): Grip {
  const pn = t.panel;
  const rest = panelPoint(
    pn,
    end.alongM + end.inward * (depthM - tipReach(g, pitchRad)),
    radialM,
    (pn.leadM + pn.trailM) / 2,
  );
  const posM = partPointWorld(t.object, t.pose, t.part, t.positions, rest);
  const closing = normalize(partVecWorld(t.object, t.pose, t.part, t.positions, pn.normal));
  const down = normalize(partVecWorld(t.object, t.pose, t.part, t.positions, scale(pn.axis, end.inward)));
  const approach = pitchRad === 0 ? down : normalize(turnVec(down, closing, pitchRad));
  return {
    posM,
    mat: handMat(approach, flip ? scale(closing, -1) : closing),
    approach,
    openM: Math.min(g.strokeM, pn.leadM - pn.trailM + 2 * p.openMarginM),
    radiusM: radiusFromAxis(t.hinge, posM),
  };
}

/**
 * Closed fingers beside the panel's leading face near its upper end, the hand as in `topEdgeGrip`: the side of
 * the leading-side finger `gapM` off the face, the fingertips `depthM` below the edge. Turned about the hinge
 * (closing the panel) the finger's side pushes the face.
 */
export function topSidePush(
  t: HingeTarget,
  g: GripperFacts & { fingerThicknessM: number },
  radialM: number,
  depthM: number,
  gapM: number,
  flip: boolean,
): Grip {
  const pn = t.panel;
  const end = upperEnd(t);
  const normalM = pn.leadM + g.fingerThicknessM + gapM;
  const rest = panelPoint(pn, end.alongM + end.inward * (depthM - g.fingertipBelowTcpM), radialM, normalM);
  const posM = partPointWorld(t.object, t.pose, t.part, t.positions, rest);
  const closing = normalize(partVecWorld(t.object, t.pose, t.part, t.positions, pn.normal));
  const approach = normalize(partVecWorld(t.object, t.pose, t.part, t.positions, scale(pn.axis, end.inward)));
  return {
    posM,
    mat: handMat(approach, flip ? scale(closing, -1) : closing),
    approach,
    openM: 0,
    radiusM: radiusFromAxis(t.hinge, posM),
  };
}

/**
 * A grip and where an arc carries it from `fromRad` to `toRad`, every `stepRad` and at the end: the poses a
 * planner asks the arm to reach before it picks a grip (a wrist whose last joint would run onto its limit part
 * way through the arc's roll fails one of the middle ones).
 */
export function alongArc(h: WorldHinge, grip: Grip, fromRad: number, toRad: number, stepRad = 0.4): Grip[] {
  const n = Math.max(1, Math.ceil(Math.abs(toRad - fromRad) / stepRad));
  return [grip, ...Array.from({ length: n }, (_, k) => turnGrip(h, grip, ((toRad - fromRad) * (k + 1)) / n))];
}
