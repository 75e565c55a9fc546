// Skill `pour`: take a vessel of liquid from the side, carry it beside the target and tip it about its lip held
// just inside the target's mouth, then bring it back upright and hold it.
import { add, cross, scale, sub, type Vec3 } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  type Motion,
  type PlanResult,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
  poseMotion,
} from '../skill.js';
import type { PhaseName } from '../phases.js';
import {
  bodyRadiusM,
  heldInHand,
  innerRadiusM,
  stayedPut,
  tallestObstacleZ,
  tiltFromUpright,
} from '../grasp-geometry.js';
import { ridersOf } from '../stopper-seat.js';
import {
  headingFrom,
  type Hold,
  holdOf,
  type Pose,
  sideGraspFrame,
  tcpForLip,
  turnPose,
} from './side-grasp.js';

const DEG = Math.PI / 180;

export const pourDefaults = {
  /** The pads close at this fraction of the vessel's height: near its centre of mass, well below the lip. */
  graspHeightFraction: 0.45,
  /**
   * The tool points this far below level as it closes in from the side: a level hand 5 cm over the bench folds a
   * Franka's elbow and wrist onto their limits (joint 4 at -3.0, joint 5 at -2.9 rad, measured).
   */
  approachPitchRad: 0.35,
  /** Extra opening beyond the vessel's width, each side, the stroke permitting. */
  openMarginM: 0.008,
  /** The opening margin may shrink to this before the vessel is too wide for the hand. */
  minOpenMarginM: 0.003,
  /** Fingertips wait this far behind the vessel's near wall before sliding in around it. */
  approachClearanceM: 0.025,
  /** Length of wrist behind the hand (the TCP's distance from the flange) kept clear of labware along the approach. */
  wristLengthM: 0.12,
  /** Room kept between the approaching hand and any other labware beside its path. */
  pathClearanceM: 0.015,
  /** Half width of the way from the hand to the line-up pose, whose tallest labware the hand turns above. */
  pathCorridorM: 0.12,
  /** The hand comes down to the line-up pose from this far above it. */
  approachRiseM: 0.08,
  graspHoldS: 0.5,
  liftHeightM: 0.12,
  liftHoldS: 0.3,
  /** The vessel counts as taken when it rose this much with the hand. */
  liftedThresholdM: 0.05,
  /** The lip stays this far above the target's rim while pouring. */
  lipClearanceM: 0.015,
  /**
   * And this far inside the target's near wall: the stream leaves the lip moving toward the far wall, so the lip
   * hangs just over the near one (1.2 cm in, 3 of 24 particles stayed in a 50 ml beaker: the rest overshot).
   */
  lipInsetM: 0.004,
  /** Carried upright over the target, the vessel's base stays this far above its rim. */
  carryClearanceM: 0.02,
  /** Tilt reached above the target before coming down to the lip pose: short of where the liquid runs out. */
  preTiltRad: 75 * DEG,
  /**
   * Past level (90 degrees) the liquid rolls down the wall to the lip: the tilt turns slowly up to here, so it
   * leaves the lip slowly instead of as one wave (0.6 rad/s: 21 of 24 particles shot past a 50 ml beaker).
   */
  streamTiltRad: 105 * DEG,
  /** Tilt of the pour itself. */
  pourTiltRad: 130 * DEG,
  /** From a narrow neck (a bottle) the liquid behind the shoulder runs out only nearly upside down. */
  neckedPourTiltRad: 160 * DEG,
  tiltSpeedRadS: 1.2,
  /** Speed of the tilt while the liquid starts to run (between `preTiltRad` and `streamTiltRad`). */
  pourSpeedRadS: 0.2,
  /** Time held at the full tilt while the last of the liquid runs out. */
  pourHoldS: 1.5,
  /** Time held upright at the end, the vessel in the hand, while the target's liquid settles. */
  settleS: 0.6,
  /** Success: at least this share of the source's particles end in the target (issue: 50 %). */
  minTransferredFraction: 0.5,
  /** Pouring a share: the particles still falling when the target reaches the count the tilt stops at. */
  inStreamParticles: 1,
  /** Pouring a share: how far from it the poured share may end (of the source's particles). */
  fractionTolerance: 0.15,
  /** And at most this share lies outside every container (issue: 10 %). */
  maxSpilledFraction: 0.1,
  /** The source counts as upright again within this tilt. */
  maxUprightTiltRad: 10 * DEG,
  /** The target counts as standing when it tilts less than this and moved less than `maxTargetShiftM`. */
  maxTargetTiltRad: 10 * DEG,
  maxTargetShiftM: 0.02,
};
export type PourParams = typeof pourDefaults;

/** A vessel's round rim, for the lip: outer radius and height above its origin. */
/** Where the liquid leaves: the rim of an open vessel, the bore's edge of a bottle's neck. */
function rimOf(o: PlacedObject): { heightM: number; radiusM: number } {
  return { heightM: o.built.heightM, radiusM: o.built.mouth?.boreRadiusM ?? bodyRadiusM(o) };
}

/**
 * One way to pour: the hand's approach turned from the line from the robot base by `approachTurnRad` (a Franka
 * cannot point its tool straight away from its base this low: joint 6 would pass its upper limit), the side of
 * the target the source stands on, and the hand's half turn.
 */
export interface PourWay {
  approachTurnRad: number;
  /** +1: the source stands to the left of the target seen along the approach, the mouth tipping right; -1 mirrored. */
  side: 1 | -1;
  handUp: 1 | -1;
}

const WAYS: readonly PourWay[] = [30, -30, 60, -60, 90, -90, 0, 120, -120].flatMap((deg) =>
  ([1, -1] as const).flatMap((handUp) =>
    ([1, -1] as const).map((side) => ({ approachTurnRad: deg * DEG, side, handUp })),
  ),
);

const turnHeading = (v: Vec3, angleRad: number): Vec3 => [
  Math.cos(angleRad) * v[0] - Math.sin(angleRad) * v[1],
  Math.sin(angleRad) * v[0] + Math.cos(angleRad) * v[1],
  0,
];

/** The pour's poses for one way: hand orientation, lip points and the tilt axis, from the target's pose. */
interface PourGeometry {
  handMat: number[];
  lipDir: Vec3;
  axis: Vec3;
  lipM: Vec3;
  highLipM: Vec3;
}

function pourGeometry(
  ctx: SkillContext,
  source: PlacedObject,
  target: PlacedObject,
  targetPose: Pose,
  way: PourWay,
  p: PourParams,
): PourGeometry {
  const rim = rimOf(source);
  const rimCenter: Vec3 = [targetPose.posM[0], targetPose.posM[1], targetPose.posM[2] + target.built.heightM];
  const base = ctx.robotBase.posM;
  // The source stands beside the target across the robot's line of sight, so the hand reaches it level from the
  // robot's side and a roll of the wrist tips it: approach along the heading to the source, lip toward the target.
  let approach = turnHeading(headingFrom(base, rimCenter), way.approachTurnRad);
  let lipDir: Vec3 = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    lipDir = scale(cross([0, 0, 1], approach), -way.side);
    const sourceAt = sub(rimCenter, scale(lipDir, innerRadiusM(target) - p.lipInsetM + rim.radiusM));
    approach = turnHeading(headingFrom(base, sourceAt), way.approachTurnRad);
  }
  lipDir = scale(cross([0, 0, 1], approach), -way.side);
  const lipM = add(sub(rimCenter, scale(lipDir, innerRadiusM(target) - p.lipInsetM)), [
    0,
    0,
    p.lipClearanceM,
  ]);
  const highLipM: Vec3 = [
    lipM[0],
    lipM[1],
    Math.max(lipM[2], rimCenter[2] + p.carryClearanceM + rim.heightM),
  ];
  return {
    handMat: sideGraspFrame(approach, way.handUp, p.approachPitchRad),
    lipDir,
    // Right-handed about z x lipDir, a positive turn tips the vessel's mouth toward the lip side.
    axis: cross([0, 0, 1], lipDir),
    lipM,
    highLipM,
  };
}

/** The TCP poses of a pour: upright above the target, pre-tilted there, down at the lip, fully tilted. */
function pourPoses(g: PourGeometry, hold: Hold, source: PlacedObject, p: PourParams) {
  const rim = rimOf(source);
  const high = tcpForLip(g.handMat, hold, g.highLipM, g.lipDir, rim);
  const highTilted = turnPose(high, g.highLipM, g.axis, p.preTiltRad);
  const lowTilted: Pose = { posM: add(highTilted.posM, sub(g.lipM, g.highLipM)), mat: highTilted.mat };
  const poured = turnPose(lowTilted, g.lipM, g.axis, p.pourTiltRad - p.preTiltRad);
  return { high, highTilted, lowTilted, poured };
}

/** The side grasp of a vessel standing upright: where the hand lines up, slides in and closes. */
function sideGrasp(ctx: SkillContext, source: PlacedObject, sourcePose: Pose, way: PourWay, p: PourParams) {
  const rim = { heightM: source.built.heightM, radiusM: bodyRadiusM(source) };
  const approach = turnHeading(headingFrom(ctx.robotBase.posM, sourcePose.posM), way.approachTurnRad);
  const mat = sideGraspFrame(approach, way.handUp, p.approachPitchRad);
  // On the body, below a bottle's shoulder (its fill box's top), near the centre of mass.
  const grasp: Vec3 = add(sourcePose.posM, [
    0,
    0,
    p.graspHeightFraction * (source.built.fillBox?.maxM[2] ?? rim.heightM),
  ]);
  const back = rim.radiusM + ctx.gripper.fingertipBelowTcpM + p.approachClearanceM;
  // Backed off along the tool axis, so the fingers slide in straight along their own length.
  const toolZ: Vec3 = [mat[2] as number, mat[5] as number, mat[8] as number];
  const behind = sub(grasp, scale(toolZ, back / Math.cos(p.approachPitchRad)));
  // The hold this grasp will make: the vessel's origin straight below the TCP, upright.
  const hold = holdOf({ posM: grasp, mat }, sourcePose);
  // The hand turns to its side grasp above what stands along its way from where it is (a graduated cylinder
  // beside the path took a UR5e's wrist).
  const overZ =
    tallestObstacleZ(ctx, source.id, ctx.tcp.posM, behind, p.pathCorridorM) +
    p.pathClearanceM +
    p.approachRiseM / 2;
  const above: Vec3 = [behind[0], behind[1], Math.max(behind[2] + p.approachRiseM, overZ)];
  return { mat, grasp, behind, above, hold };
}

/**
 * Labware in the way of a side approach: standing higher than the hand's underside within the strip the open hand
 * sweeps from behind the source to past its axis (the length of hand and wrist behind the TCP included).
 */
function approachBlockers(
  ctx: SkillContext,
  skip: readonly string[],
  grasp: { mat: number[]; grasp: Vec3 },
  openM: number,
  p: PourParams,
): string[] {
  const along: Vec3 = [grasp.mat[2] as number, grasp.mat[5] as number, 0];
  const n = Math.hypot(along[0], along[1]) || 1;
  const ax = along[0] / n;
  const ay = along[1] / n;
  const halfWidth = openM / 2 + ctx.gripper.fingerThicknessM + p.pathClearanceM;
  const underside = grasp.grasp[2] - (ctx.gripper.fingertipHalfDepthM ?? ctx.gripper.fingerThicknessM) - 0.02;
  const pitchRad = Math.asin(Math.max(-1, Math.min(1, -(grasp.mat[8] as number))));
  const out: string[] = [];
  for (const [id, o] of ctx.objects) {
    const pose = ctx.poses.get(id);
    if (skip.includes(id) || !pose || pose.posM[2] + o.built.heightM < underside) continue;
    const dx = pose.posM[0] - grasp.grasp[0];
    const dy = pose.posM[1] - grasp.grasp[1];
    const u = dx * ax + dy * ay;
    const v = Math.abs(-dx * ay + dy * ax);
    const r = Math.max(...o.built.footprintHalfM);
    const reachAhead = ctx.gripper.fingertipBelowTcpM + p.pathClearanceM;
    const behindM = (ctx.gripper.tcpFromFlangeM ?? 0.1) + p.wristLengthM;
    // A tool pointing down rises behind the TCP: labware under the wrist's height there is below it.
    const rise = Math.max(0, -u - r) * Math.tan(pitchRad);
    if (pose.posM[2] + o.built.heightM < underside + rise) continue;
    // Behind the fingertips the hand body itself is wider than the open fingers.
    const wide = Math.max(halfWidth, (ctx.gripper.handHalfWidthM ?? 0) + p.pathClearanceM);
    const fingersM = ctx.gripper.fingertipBelowTcpM;
    if (u > -(behindM + r) && u < reachAhead + r && v < (u < -fingersM ? wide : halfWidth) + r) out.push(id);
  }
  return out;
}

const arc = (
  phase: PhaseName,
  centerM: Vec3,
  axis: Vec3,
  angleRad: number,
  speedRadS: number,
  holdS = 0,
): Motion => ({
  kind: 'arc',
  phase,
  centerM,
  axis,
  angleRad,
  gripperOpeningM: 0,
  minDurationS: Math.abs(angleRad) / speedRadS,
  holdS,
});

/** The share of the source to pour: `args.fraction` ("pour half of it": 0.5), else all of it. */
const fractionOf = (call: SkillCall): number => {
  const f = call.args?.fraction;
  return typeof f === 'number' && f > 0 && f < 1 ? f : 1;
};

/** The parameters for this vessel: a necked one is tipped further. */
const forVessel = (p: PourParams, source: PlacedObject | undefined): PourParams =>
  source?.built.mouth ? { ...p, pourTiltRad: p.neckedPourTiltRad } : p;

function planPour(ctx: SkillContext, call: SkillCall, params: PourParams): PlanResult {
  const source = ctx.objects.get(call.target);
  const p = forVessel(params, source);
  const sourcePose = ctx.poses.get(call.target);
  const target = call.destination === undefined ? undefined : ctx.objects.get(call.destination);
  const targetPose = call.destination === undefined ? undefined : ctx.poses.get(call.destination);
  if (!source || !sourcePose || !target || !targetPose)
    return { ok: false, code: 'pour.no-target', detail: `pour needs a source and a target in the scene` };
  if (!source.built.container || !target.built.container)
    return {
      ok: false,
      code: 'pour.not-a-vessel',
      detail: `${!source.built.container ? call.target : call.destination} holds no liquid`,
    };
  // Taken up already ("pick up the beaker, then pour it"): stood back down where it hangs, to be taken from the
  // side; a hand over its mouth would stand in the stream.
  if (heldNow(ctx, call.target)) return setDown(ctx, call, p, sourcePose);
  const widthM = 2 * bodyRadiusM(source);
  if (widthM + 2 * p.minOpenMarginM > ctx.gripper.strokeM)
    return {
      ok: false,
      code: 'pour.too-wide',
      detail: `${call.target} is ${(widthM * 1000).toFixed(0)} mm across; the hand opens ${(ctx.gripper.strokeM * 1000).toFixed(0)} mm`,
    };
  if (tiltFromUpright(sourcePose.mat) > p.maxUprightTiltRad)
    return { ok: false, code: 'pour.not-upright', detail: `${call.target} does not stand upright` };
  const openM = Math.min(ctx.gripper.strokeM, widthM + 2 * p.openMarginM);
  return planSideTake(ctx, call, p, source, sourcePose, openM, {
    after: (g, way) => {
      const poses = pourPoses(pourGeometry(ctx, source, target, targetPose, way, p), g.hold, source, p);
      return {
        poses: [poses.high, poses.lowTilted, poses.poured],
        // Above the target the hand and wrist keep clear of the labware beside it too.
        clearOf: {
          ignoring: [call.target, call.destination ?? ''],
          at: { mat: poses.high.mat, grasp: poses.high.posM },
        },
      };
    },
    next: (now, way, startZM) => pourStage(now, call, p, way, startZM),
    unreachableCode: 'pour.unreachable',
    purpose: `and pour into ${call.destination}`,
  });
}

/** What a skill that takes a vessel from the side needs of the grasp: the poses after it, the next stage. */
export interface SideTake {
  after: (
    g: ReturnType<typeof sideGrasp>,
    way: PourWay,
  ) => { poses: Pose[]; clearOf?: { ignoring: string[]; at: { mat: number[]; grasp: Vec3 } } };
  next: (now: SkillContext, way: PourWay, startZM: number) => PlanResult;
  unreachableCode: string;
  purpose: string;
}

/**
 * Take an upright vessel from the side and lift it (pour, shake): of the ways (approach turn, side, hand half turn)
 * whose every pose the arm reaches with every link clear of the scene and the hand clear of the labware beside
 * it, the one it turns least from its start posture for (an arm reaching round with its elbow swung out sweeps it
 * over the labware beside the source). The vessel itself is left out: scratch collision keeps it on the bench
 * where the fingers close round it.
 */
export function planSideTake(
  ctx: SkillContext,
  call: SkillCall,
  p: PourParams,
  source: PlacedObject,
  sourcePose: Pose,
  openM: number,
  take: SideTake,
): PlanResult {
  // What rides on the vessel (its stopper) goes with it: not in the way of the hand.
  const riders = ridersOf(ctx.objects, ctx.poses, call.target);
  const carried = [call.target, ...riders];
  const tried = WAYS.map((way) => {
    const g = sideGrasp(ctx, source, sourcePose, way, p);
    const after = take.after(g, way);
    const needed: Pose[] = [
      { posM: g.above, mat: g.mat },
      { posM: g.behind, mat: g.mat },
      { posM: g.grasp, mat: g.mat },
      ...after.poses,
    ];
    const blockers = [
      ...approachBlockers(ctx, carried, g, openM, p),
      ...(after.clearOf
        ? approachBlockers(ctx, [...after.clearOf.ignoring, ...riders], after.clearOf.at, openM, p)
        : []),
    ];
    return { way, g, needed, blockers };
  });
  const contacts: string[] = [];
  const cost = (t: (typeof tried)[number]) => {
    if (t.blockers.length > 0) return Infinity;
    if (!ctx.armAt)
      return !ctx.canReach || t.needed.every((x) => ctx.canReach?.(x.posM, x.mat)) ? 0 : Infinity;
    let worst = 0;
    for (const x of t.needed) {
      const arm = ctx.armAt(x.posM, x.mat, carried);
      if (arm === undefined) return Infinity;
      if (arm.contact !== null) {
        contacts.push(arm.contact);
        return Infinity;
      }
      worst = Math.max(worst, arm.postureChangeRad);
    }
    return worst;
  };
  const costs = tried.map(cost);
  const bestIndex = costs.reduce((b, c, i) => (c < (costs[b] as number) ? i : b), 0);
  const best = Number.isFinite(costs[bestIndex]) ? tried[bestIndex] : undefined;
  if (!best)
    return {
      ok: false,
      code: take.unreachableCode,
      detail: `no side grasp of ${call.target} ${take.purpose} that the arm reaches with its path clear (in the way: ${[...new Set([...tried.flatMap((t) => t.blockers), ...contacts])].join(', ') || 'nothing'})`,
    };
  const { g, way } = best;
  const lifted: Pose = { posM: add(g.grasp, [0, 0, p.liftHeightM]), mat: g.mat };
  return {
    ok: true,
    motions: [
      poseMotion('reach', { posM: g.above, mat: g.mat }, openM, 1.0),
      poseMotion('reach', { posM: g.behind, mat: g.mat }, openM, 0.6, 0.1),
      poseMotion('pregrasp', { posM: g.grasp, mat: g.mat }, openM, 0.7, 0.15),
      poseMotion('grasp', { posM: g.grasp, mat: g.mat }, 0, 0.4, p.graspHoldS),
      poseMotion('lift', lifted, 0, 0.8, p.liftHoldS),
    ],
    next: (now) => take.next(now, way, sourcePose.posM[2]),
  };
}

/** Whether the vessel hangs in the hand: clear of the bench and near the TCP. */
function heldNow(ctx: SkillContext, id: string): boolean {
  const o = ctx.objects.get(id);
  return (
    o !== undefined &&
    heldInHand(ctx, id, Math.hypot(o.built.heightM, ...o.built.footprintHalfM) + 0.05, 0.02)
  );
}

/** Lower the held vessel straight down onto the bench, let go and back off up; then pour from there. */
function setDown(ctx: SkillContext, call: SkillCall, p: PourParams, sourcePose: Pose): PlanResult {
  const drop = sourcePose.posM[2] - ctx.benchTopZM;
  const down: Vec3 = add(ctx.tcp.posM, [0, 0, -drop - 0.01]);
  const up: Vec3 = add(ctx.tcp.posM, [0, 0, -drop + p.approachRiseM]);
  const open = ctx.gripper.strokeM;
  const mat = ctx.tcp.mat;
  return {
    ok: true,
    motions: [
      // Begun where the hand is: no transition carries the vessel elsewhere first.
      { kind: 'hold', phase: 'carry', gripperOpeningM: 0, minDurationS: 0, holdS: 0.1 },
      {
        phase: 'release',
        posM: down,
        mat,
        gripperOpeningM: 0,
        minDurationS: Math.max(0.5, drop / 0.1),
        holdS: 0.1,
        guard: { kind: 'contact', object: call.target },
      },
      {
        phase: 'release',
        posM: down,
        mat,
        gripperOpeningM: open,
        minDurationS: 0.3,
        holdS: 0.3,
        atGuardStop: true,
      },
      { phase: 'retreat', posM: up, mat, gripperOpeningM: open, minDurationS: 0.6, holdS: 0.1 },
    ],
    next: (now) => {
      const pose = now.poses.get(call.target);
      if (pose && heldNow(now, call.target))
        return { ok: false, code: 'pour.not-set-down', detail: `${call.target} stayed in the hand` };
      return planPour(now, call, p);
    },
  };
}

/** From the vessel as it really hangs in the hand after the lift: carry, tilt, pour, back upright. */
function pourStage(
  ctx: SkillContext,
  call: SkillCall,
  params: PourParams,
  way: PourWay,
  startZM: number,
): PlanResult {
  const source = ctx.objects.get(call.target);
  const p = forVessel(params, source);
  const sourcePose = ctx.poses.get(call.target);
  const target = ctx.objects.get(call.destination ?? '');
  const targetPose = ctx.poses.get(call.destination ?? '');
  if (!source || !sourcePose || !target || !targetPose)
    return { ok: false, code: 'pour.no-target', detail: 'the source or the target left the scene' };
  if (sourcePose.posM[2] - startZM < p.liftedThresholdM)
    return {
      ok: false,
      code: 'pour.not-lifted',
      detail: `${call.target} rose ${((sourcePose.posM[2] - startZM) * 1000).toFixed(1)} mm with the hand: not in it, no pour planned`,
    };
  const hold = holdOf(ctx.tcp, sourcePose);
  const g = pourGeometry(ctx, source, target, targetPose, way, p);
  const poses = pourPoses(g, hold, source, p);
  // Up first, then across: carried over the target's rim, never into its side.
  const up: Pose = {
    posM: [ctx.tcp.posM[0], ctx.tcp.posM[1], Math.max(ctx.tcp.posM[2], poses.high.posM[2])],
    mat: ctx.tcp.mat,
  };
  const pourTurn = p.pourTiltRad - p.preTiltRad;
  const streamTurn = p.streamTiltRad - p.preTiltRad;
  const fraction = fractionOf(call);
  if (fraction < 1) {
    // A part of it ("pour half of it"): tipped slowly until the target holds that share less what is still in the
    // stream, then back upright from wherever the tilt stopped.
    const sourceParticles = source.liquid?.particles ?? 0;
    const already = target.liquid?.particles ?? 0;
    const guard = {
      kind: 'liquid' as const,
      container: call.destination ?? '',
      atLeast: already + Math.max(1, Math.round(fraction * sourceParticles) - p.inStreamParticles),
    };
    return {
      ok: true,
      motions: [
        poseMotion('carry', up, 0, 0.4),
        poseMotion('carry', poses.high, 0, 1.0, 0.2),
        arc('pour', g.highLipM, g.axis, p.preTiltRad, p.tiltSpeedRadS),
        poseMotion('pour', poses.lowTilted, 0, 0.6, 0.1),
        { ...arc('pour', g.lipM, g.axis, pourTurn, p.pourSpeedRadS), guard },
      ],
      next: (tipped) => {
        const now = tipped.poses.get(call.target);
        const turned = now ? tiltFromUpright(now.mat) - p.preTiltRad : pourTurn;
        return {
          ok: true,
          motions: [
            arc('upright', g.lipM, g.axis, -Math.max(0, turned), p.tiltSpeedRadS),
            poseMotion('upright', poses.highTilted, 0, 0.6),
            arc('upright', g.highLipM, g.axis, -p.preTiltRad, p.tiltSpeedRadS, p.settleS),
          ],
        };
      },
    };
  }
  return {
    ok: true,
    motions: [
      poseMotion('carry', up, 0, 0.4),
      poseMotion('carry', poses.high, 0, 1.0, 0.2),
      arc('pour', g.highLipM, g.axis, p.preTiltRad, p.tiltSpeedRadS),
      poseMotion('pour', poses.lowTilted, 0, 0.6, 0.1),
      arc('pour', g.lipM, g.axis, streamTurn, p.pourSpeedRadS),
      arc('pour', g.lipM, g.axis, pourTurn - streamTurn, p.tiltSpeedRadS / 2, p.pourHoldS),
      arc('upright', g.lipM, g.axis, -pourTurn, p.tiltSpeedRadS),
      poseMotion('upright', poses.highTilted, 0, 0.6),
      arc('upright', g.highLipM, g.axis, -p.preTiltRad, p.tiltSpeedRadS, p.settleS),
    ],
  };
}

const counts = (f: FrameObservation | undefined, id: string | undefined) =>
  id === undefined ? 0 : (f?.liquid?.byContainer[id] ?? 0);

function checkPour(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: PourParams,
): CheckResult[] {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (!first?.liquid || !last?.liquid)
    return [
      {
        predicate: 'pour.transferred',
        ok: false,
        code: 'pour.no-liquid',
        detail: 'the scene has no liquid to pour',
      },
    ];
  const sourceParticles = counts(first, call.target);
  const poured = counts(last, call.destination) - counts(first, call.destination);
  const spilled = last.liquid.spilled - first.liquid.spilled;
  const left = counts(last, call.target);
  const metrics = {
    sourceParticles,
    pouredParticles: poured,
    spilledParticles: spilled,
    leftInSourceParticles: left,
  };
  const out: CheckResult[] = [];
  const allowedSpill = Math.floor(p.maxSpilledFraction * sourceParticles);
  out.push(
    spilled > allowedSpill
      ? {
          predicate: 'pour.not-spilled',
          ok: false,
          code: 'pour.spilled',
          detail: `${spilled} of ${sourceParticles} particles spilled (at most ${allowedSpill} may be)`,
          metrics,
        }
      : { predicate: 'pour.not-spilled', ok: true, metrics },
  );
  const fraction = fractionOf(call);
  if (fraction < 1) {
    // A share of it: within the tolerance of that share.
    const low = Math.ceil((fraction - p.fractionTolerance) * sourceParticles);
    const high = Math.floor((fraction + p.fractionTolerance) * sourceParticles);
    out.push(
      sourceParticles > 0 && poured >= low && poured <= high
        ? { predicate: 'pour.transferred', ok: true }
        : {
            predicate: 'pour.transferred',
            ok: false,
            code:
              sourceParticles === 0
                ? 'pour.source-empty'
                : poured > high
                  ? 'pour.too-much'
                  : 'pour.not-transferred',
            detail: `${poured} of ${sourceParticles} particles reached ${call.destination} (asked ${Math.round(fraction * 100)} %: ${low} to ${high})`,
          },
    );
  }
  const needed = Math.ceil(p.minTransferredFraction * sourceParticles);
  if (fraction === 1)
    out.push(
      sourceParticles === 0 || poured < needed
        ? {
            predicate: 'pour.transferred',
            ok: false,
            code: sourceParticles === 0 ? 'pour.source-empty' : 'pour.not-transferred',
            detail: `${poured} of ${sourceParticles} particles reached ${call.destination} (at least ${needed} must)`,
          }
        : { predicate: 'pour.transferred', ok: true },
    );
  const end = frames.slice(-Math.max(HOLD_FRAMES, 1) * 2);
  const upright = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    return o !== undefined && tiltFromUpright(o.mat) <= p.maxUprightTiltRad && f.touching.has(call.target);
  };
  const endTilt = tiltFromUpright(last.objects.get(call.target)?.mat ?? [0, 0, 0, 0, 0, 0, 0, 0, -1]);
  out.push(
    heldFor(end, HOLD_FRAMES, upright)
      ? { predicate: 'pour.upright', ok: true, metrics: { sourceTiltRad: endTilt } }
      : {
          predicate: 'pour.upright',
          ok: false,
          code: last.touching.has(call.target) ? 'pour.not-upright' : 'pour.dropped',
          detail: last.touching.has(call.target)
            ? `${call.target} ends tilted ${(endTilt / DEG).toFixed(0)} degrees`
            : `${call.target} is no longer in the hand`,
          metrics: { sourceTiltRad: endTilt },
        },
  );
  const start = ctx.poses.get(call.destination ?? '');
  out.push(
    stayedPut(frames, call.destination ?? '', start, p.maxTargetShiftM, p.maxTargetTiltRad)
      ? { predicate: 'pour.target-standing', ok: true }
      : {
          predicate: 'pour.target-standing',
          ok: false,
          code: 'pour.target-knocked',
          detail: `${call.destination} was tipped or pushed during the pour`,
        },
  );
  return out;
}

export const pourFailureCodes: Record<string, string> = {
  'pour.no-target': 'the source or the target is not in the scene (planned, never simulated)',
  'pour.not-a-vessel': 'the source or the target holds no liquid (planned, never simulated)',
  'pour.too-wide': 'the source is wider than the hand opens (planned, never simulated)',
  'pour.not-set-down': 'the source, held from above, could not be stood back down to be taken from the side',
  'pour.unreachable':
    'no way of grasping and tipping the source that the arm reaches (planned, never simulated)',
  'pour.not-upright': 'the source does not stand upright before, or is not upright again after, the pour',
  'pour.not-lifted': 'the source did not rise with the hand (no pour planned)',
  'pour.no-liquid': 'the scene has no liquid',
  'pour.source-empty': 'the source held no particles when the pour started',
  'pour.spilled': "more than 10 % of the source's particles ended outside every container",
  'pour.not-transferred':
    "less than half of the source's particles (or less than the share asked) ended in the target",
  'pour.too-much': 'more than the share asked ended in the target (pour half of it)',
  'pour.dropped': 'the source left the hand',
  'pour.target-knocked': 'the target tipped over or was pushed',
};

export const pourParamDocs: Record<keyof PourParams, string> = {
  approachPitchRad: 'how far below level the tool points as it closes in from the side',
  graspHeightFraction:
    'height of the pads on the vessel, as a fraction of its height (near its centre of mass)',
  openMarginM: "extra opening beyond the vessel's width, each side, the stroke permitting",
  minOpenMarginM: 'least margin each side before the vessel is too wide for the hand',
  approachClearanceM: "gap between the fingertips and the vessel's near wall before sliding in",
  wristLengthM:
    "length of wrist behind the hand (the TCP's distance from the flange) kept clear of labware along the approach",
  pathClearanceM: 'room kept between the approaching hand and other labware beside its path',
  pathCorridorM: 'half width of the way to the line-up pose, whose tallest labware the hand turns above',
  approachRiseM: 'height above the line-up pose where the hand comes down from',
  graspHoldS: 'time the closed fingers hold still before lifting',
  liftHeightM: 'how far the TCP rises after closing',
  liftHoldS: 'time held at the top of the lift',
  liftedThresholdM: 'rise with the hand that counts as taken',
  lipClearanceM: "height of the lip above the target's rim while pouring",
  lipInsetM: "how far inside the target's near wall the lip is held",
  carryClearanceM: "gap between the vessel's base and the target's rim when carried upright above it",
  preTiltRad: 'tilt reached above the target before lowering to the lip pose (the liquid stays in)',
  pourTiltRad: 'tilt of the pour',
  neckedPourTiltRad: "tilt of the pour from a vessel with a narrow neck (a bottle's mouth)",
  tiltSpeedRadS: 'angular speed of the tilts with no liquid running',
  streamTiltRad: 'tilt up to which the pour turns slowly, while the liquid starts to run',
  pourSpeedRadS: 'angular speed of the tilt while the liquid starts to run',
  pourHoldS: 'time held at the full tilt',
  settleS: 'time held upright at the end',
  minTransferredFraction: "share of the source's particles that must end in the target (0.5)",
  inStreamParticles: 'pouring a share: particles still in the stream when the tilt stops, counted ahead',
  fractionTolerance:
    "pouring a share: how far from it (a share of the source's particles) the poured share may end",
  maxSpilledFraction: "share of the source's particles that may end outside every container (0.1)",
  maxUprightTiltRad: 'tilt within which the source counts as upright again',
  maxTargetTiltRad: 'tilt within which the target counts as standing',
  maxTargetShiftM: 'how far the target may be pushed',
};

export const pour: Skill<PourParams> = {
  id: 'pour',
  version: 1,
  defaults: pourDefaults,
  maxSpilledFraction: pourDefaults.maxSpilledFraction,
  doc: {
    description:
      'Grasp a vessel of liquid from the side, carry it beside the target, tip it about its lip just inside the target mouth, bring it back upright and hold it.',
    parameters: pourParamDocs,
    success: [
      "pour.not-spilled: at most 10 % of the source's particles end outside every container (last frame)",
      "pour.transferred: at least 50 % of the source's particles end in the target (last frame)",
      `pour.upright: for ${HOLD_FRAMES} consecutive frames at the end the source is in the hand within 10 degrees of upright`,
      'pour.target-standing: the target never tilts beyond 10 degrees or moves more than 2 cm',
    ],
    failureCodes: pourFailureCodes,
  },
  plan: (ctx, call, p) => planPour(ctx, call, p),
  check: (frames, ctx, call, p) => checkPour(frames, ctx, call, p),
  reachTargets: (objects, call, p) => reachTargetsOf(objects, call, p),
};

/** Where the hand must get to: the side grasp point and the lip above the target (orientation by the arm). */
function reachTargetsOf(
  objects: ReadonlyMap<string, PlacedObject>,
  call: SkillCall,
  p: PourParams,
): ReachTarget[] {
  const source = objects.get(call.target);
  const target = objects.get(call.destination ?? '');
  if (!source || !target) return [];
  return [
    {
      label: `grasp ${call.target}`,
      posM: add(source.posM, [0, 0, p.graspHeightFraction * source.built.heightM]),
    },
    {
      label: `pour into ${call.destination}`,
      posM: add(target.posM, [0, 0, target.built.heightM + p.lipClearanceM + source.built.heightM / 2]),
    },
  ];
}
