// Skill `pick`: reach above an object, descend, close the fingers on it and lift it clear of the bench.
import { graspTargets } from './reach.js';
import { matColumn, rotationAngle, type Vec3 } from '../../motion/math3d.js';
import { assetHullPoints } from '../../assets/hull-points.js';
import { type Footprint, footprintAlong, footprintCorners, footprintGapM } from '../container-space.js';
import {
  closingAxisWorld,
  graspFrame,
  graspHeightM,
  leanHeading,
  neutralYaw,
  type SlotHolding,
  slotHolding,
  toWorld,
  topDownFrame,
} from '../grasp-geometry.js';
import { type Point2, polygonGapM } from '../slot-space.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  type Skill,
  type SkillCall,
  type SkillContext,
  planned,
  type Waypoint,
} from '../skill.js';

export const pickDefaults = {
  approachHeightM: 0.08,
  graspDepthM: 0.015,
  fingertipClearanceM: 0.004,
  openMarginM: 0.012,
  /** The opening margin may shrink this far to keep the open fingers clear of a neighbouring object. */
  minOpenMarginM: 0.004,
  /** Space the open fingers keep from neighbouring objects. */
  neighbourGapM: 0.004,
  graspHoldS: 0.5,
  liftHeightM: 0.15,
  /**
   * Time to hold the object still at the top of the lift: long enough (5 frames down to 10 fps) that the pick's
   * own frames prove the lift even when nothing follows it (a place that could not be planned).
   */
  liftHoldS: 0.5,
  /** The object must rise this much above its start (issue: more than 0.10 m) to count as lifted. */
  liftedThresholdM: 0.1,
  /** How far the object may drift from its grasp offset to the TCP while "moving with the gripper". */
  followToleranceM: 0.02,
  /** Room each open finger keeps beside the object when a leaning tool tilts the closing axis. */
  tiltFitClearanceM: 0.002,
  /** Above a deep slot's walls the fingertips may come this close to them when the usual clearance is too high. */
  minFingertipClearanceM: 0.0015,
  /** And the pads (from the fingertips up) must still overlap the object's top by this much. */
  minPadOverlapM: 0.008,
};
export type PickParams = typeof pickDefaults;

export interface PickPlan {
  waypoints: Waypoint[];
  graspHeightM: number;
  /** TCP orientation while the fingers close. */
  graspMat: number[];
  /** TCP orientation at the top of the lift (leaning as far as the arm prefers). */
  liftMat: number[];
  /** Width of the object between the closed fingers. */
  graspWidthM: number;
  liftedTcpM: Vec3;
}

export function planPick(
  ctx: SkillContext,
  call: SkillCall,
  p: PickParams,
): (PickPlan & { ok: true }) | { ok: false; code: string; detail: string } {
  const object = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  if (!object?.built.grasp || !pose)
    return {
      ok: false,
      code: 'pick.not-graspable',
      detail: `"${call.target}" has no top-down grasp in this scene`,
    };
  const closing = closingAxisWorld(object, pose.mat);
  const neutral = neutralYaw(ctx, pose.posM);
  const lean = leanHeading(ctx, pose.posM);
  // Close the fingers as upright as the object's width demands, then lift leaning as the arm prefers.
  const other = object.built.grasp.axis === 'x' ? 1 : 0;
  const widthAcrossM = 2 * object.built.footprintHalfM[other];
  const frameFor = (axis: Vec3) =>
    graspFrame(
      {
        closingAxis: axis,
        widthM: object.built.grasp?.widthM ?? 0,
        crossWidthM: widthAcrossM,
        graspHeightM: (object.built.grasp?.zMaxM ?? 0) - (object.built.grasp?.zMinM ?? 0),
      },
      neutral,
      ctx.toolPitchRad,
      lean,
      { strokeM: ctx.gripper.strokeM, clearanceM: p.tiltFitClearanceM },
    );
  const holding = slotHolding(ctx, call.target);
  const neighbours = neighbourHulls(ctx, call.target);
  const walls = holding ? slotWalls(holding) : [];
  // Fingers go down beside the object inside its slot where the slot leaves them room (a plate seat), and close
  // above its walls where it does not (a rack cell, a rotor hole): then those walls' top is what they clear.
  const wallsInTheWay = (f: { mat: number[]; widthM: number }) => {
    const fingers = fingerFootprint(
      pose.posM,
      f.mat,
      Math.min(ctx.gripper.strokeM, f.widthM + 2 * p.minOpenMarginM),
      ctx,
    );
    const rect = footprintCorners(fingers);
    return walls.filter((w) => polygonGapM(rect, w.polygon) < p.neighbourGapM);
  };
  const openFor = (f: { mat: number[]; widthM: number }, besideWalls: readonly Vec3[][]) => {
    // The open fingers keep clear of what stands next to the object (a neighbouring tube in the rack, the walls of
    // a seat): the margin shrinks as far as `minOpenMarginM` before they would touch it.
    const fingers = (marginM: number) =>
      fingerFootprint(pose.posM, f.mat, Math.min(ctx.gripper.strokeM, f.widthM + 2 * marginM), ctx);
    // Neighbours measured along the finger axis: tight for round ones (a tube's cap), whose own square
    // footprint's corners would reach 40% further than the cap does.
    const along = fingers(p.openMarginM).axis;
    const beside = [...neighbours, ...besideWalls].map((points) => footprintAlong(points, along));
    const gap = Math.min(Infinity, ...beside.map((n) => footprintGapM(fingers(p.openMarginM), n)));
    const marginM = Math.max(
      p.minOpenMarginM,
      Math.min(p.openMarginM, p.openMarginM + gap - p.neighbourGapM),
    );
    return {
      openM: Math.min(ctx.gripper.strokeM, f.widthM + 2 * marginM),
      gapM: Math.min(Infinity, ...beside.map((n) => footprintGapM(fingers(marginM), n))),
    };
  };
  // A round object in a slot may be taken across either axis: the one that leaves the neighbours more room.
  const candidates = [frameFor(closing)];
  const [fx, fy] = object.built.footprintHalfM;
  if (holding !== undefined && Math.abs(fx - fy) < 1e-6)
    candidates.push(frameFor([-closing[1], closing[0], 0]));
  const scored = candidates.map((f) => {
    const blocked = wallsInTheWay(f);
    const raiseToZ = blocked.length > 0 ? Math.max(...blocked.map((w) => w.topZM)) : undefined;
    return { f, raiseToZ, ...openFor(f, raiseToZ === undefined ? walls.map((w) => w.points) : []) };
  });
  const best = scored.reduce((a, b) => (b.gapM > a.gapM + 1e-6 ? b : a));
  if (best.gapM < 0)
    return {
      ok: false,
      code: 'pick.no-room',
      detail: `the open fingers do not fit beside what stands next to ${call.target} (${(-best.gapM * 1000).toFixed(1)} mm short)`,
    };
  const { mat, pitchRad, widthM } = best.f;
  // The lift keeps the hand's turn about its axis and leans as far as the arm prefers.
  const liftMat = topDownFrame(matColumn(mat, 1), neutral, ctx.toolPitchRad, lean);
  // Leaning swings the fingertips' corners below their upright depth; keep those clear of the bench too.
  const tipDrop =
    ctx.gripper.fingertipBelowTcpM * Math.cos(pitchRad) +
    (ctx.gripper.fingertipHalfDepthM ?? 0) * Math.sin(pitchRad);
  const free = graspHeightM(object, p.graspDepthM, tipDrop, p.fingertipClearanceM);
  // Standing in a rack cell or a rotor hole, the fingertips close above its walls (on the tube's upper body or
  // cap), below the object's top; above a deep hole's walls they may rise until the pads hold just its top.
  let h = free;
  if (best.raiseToZ !== undefined) {
    const top = object.built.heightM;
    const above = (clearanceM: number) =>
      Math.max(free, best.raiseToZ! - pose.posM[2] + tipDrop + clearanceM);
    const highest = top + tipDrop - p.minPadOverlapM;
    if (above(p.fingertipClearanceM) <= top - p.fingertipClearanceM) h = above(p.fingertipClearanceM);
    else if (above(p.minFingertipClearanceM) <= highest) h = Math.min(above(p.fingertipClearanceM), highest);
    else
      return {
        ok: false,
        code: 'pick.no-room',
        detail: `the walls round ${call.target} stand too high: fingertips above them leave the pads ${((top - (above(p.minFingertipClearanceM) - tipDrop)) * 1000).toFixed(1)} mm of it to hold`,
      };
  }
  const base = pose.posM;
  // Open for the width the fingers will really span (the other axis when they close across it).
  const open = best.openM;
  const at = (dz: number): Vec3 => [base[0], base[1], base[2] + h + dz];
  const lifted = at(p.liftHeightM);
  // A lift that leans the hand turns the held object too: first rise straight until its far corner clears the
  // bench as it tilts, or it digs in and pries the object out of the fingers.
  // Out of a slot it first rises clear of the slot's walls: tilted inside them it would pry against them.
  const turnRad = rotationAngle(mat, liftMat);
  const clearRise = Math.max(
    Math.hypot(...object.built.footprintHalfM) * Math.sin(turnRad) + p.fingertipClearanceM,
    holding
      ? holding.holderPose.posM[2] + holding.slot.wallTopM - pose.posM[2] + p.fingertipClearanceM
      : -Infinity,
  );
  const rise: Waypoint[] =
    turnRad > 1e-3
      ? [
          {
            phase: 'lift',
            posM: at(Math.min(clearRise, p.liftHeightM / 2)),
            mat,
            gripperOpeningM: 0,
            minDurationS: 0.3,
            holdS: 0,
          },
        ]
      : [];
  return {
    ok: true,
    graspHeightM: h,
    graspMat: mat,
    liftMat,
    graspWidthM: widthM,
    liftedTcpM: lifted,
    waypoints: [
      {
        phase: 'reach',
        posM: at(p.approachHeightM),
        mat,
        gripperOpeningM: open,
        minDurationS: 0.8,
        holdS: 0.1,
      },
      { phase: 'pregrasp', posM: at(0), mat, gripperOpeningM: open, minDurationS: 0.6, holdS: 0.15 },
      { phase: 'grasp', posM: at(0), mat, gripperOpeningM: 0, minDurationS: 0.4, holdS: p.graspHoldS },
      ...rise,
      {
        phase: 'lift',
        posM: lifted,
        mat: liftMat,
        gripperOpeningM: 0,
        minDurationS: 0.7,
        holdS: p.liftHoldS,
      },
    ],
  };
}

/** `pick.lifted`: for HOLD_FRAMES frames of lift/carry the object is high above its start and follows the TCP. */
export function checkLifted(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: PickParams,
): CheckResult {
  const start = ctx.poses.get(call.target)?.posM;
  const graspEnd = [...frames].reverse().find((f) => f.phase === 'grasp');
  const predicate = 'pick.lifted';
  if (!start || !graspEnd) return { predicate, ok: false, code: 'pick.no-grasp-phase' };
  const at = (f: FrameObservation) => f.objects.get(call.target)?.posM ?? ([0, 0, -Infinity] as Vec3);
  const offset = (f: FrameObservation) =>
    Math.hypot(...(at(f).map((v, i) => v - (f.tcpPosM[i] as number)) as Vec3));
  const offset0 = offset(graspEnd);
  if (!graspEnd.touching.has(call.target)) {
    return {
      predicate,
      ok: false,
      code: 'pick.no-contact',
      detail: 'fingers closed without touching the object',
    };
  }
  const moving = frames.filter((f) => f.phase === 'lift' || f.phase === 'carry');
  const ok = heldFor(
    moving,
    HOLD_FRAMES,
    (f) =>
      at(f)[2] > start[2] + p.liftedThresholdM &&
      Math.abs(offset(f) - offset0) < p.followToleranceM &&
      f.touching.has(call.target),
  );
  // Slip: how far the object drifted from its grasp offset to the TCP while lifted and carried.
  const metrics = { slipM: Math.max(0, ...moving.map((f) => Math.abs(offset(f) - offset0))) };
  if (ok) return { predicate, ok, metrics };
  const maxRise = Math.max(...moving.map((f) => at(f)[2] - start[2]), 0);
  return {
    predicate,
    ok,
    metrics,
    code: maxRise > p.liftedThresholdM ? 'pick.slipped' : 'pick.not-lifted',
    detail: `object rose at most ${(maxRise * 100).toFixed(1)} cm`,
  };
}

export const pickFailureCodes: Record<string, string> = {
  'pick.not-graspable': 'the object has no top-down grasp (planned, never simulated)',
  'pick.no-room': 'the open fingers do not fit beside a neighbouring object (planned, never simulated)',
  'pick.no-contact': 'the fingers closed without touching the object',
  'pick.not-lifted': 'the object never rose above the threshold',
  'pick.slipped': 'the object rose but did not stay with the gripper',
};

export const pickParamDocs: Record<keyof PickParams, string> = {
  approachHeightM: 'height above the grasp pose where the descent starts',
  graspDepthM: 'how far below the object top the TCP grasps',
  fingertipClearanceM: 'gap kept between the fingertips and the bench, or the rack the object stands in',
  openMarginM: 'how much wider than the object the fingers open, each side together',
  minOpenMarginM: 'the opening margin may shrink this far to keep the open fingers clear of a neighbour',
  neighbourGapM: 'space the open fingers keep from neighbouring objects',
  graspHoldS: 'time the closed fingers hold still before lifting',
  liftHeightM: 'how far the TCP rises after closing',
  liftHoldS: 'time held still at the top of the lift (the lift is proven on these frames)',
  liftedThresholdM: 'rise above the start that counts as lifted (0.10 m)',
  followToleranceM:
    'drift of the object from its grasp offset to the TCP still counted as moving with the gripper',
  tiltFitClearanceM:
    'room each open finger keeps beside the object when a leaning tool tilts the closing axis',
  minFingertipClearanceM:
    "above a deep slot's walls, the closest the fingertips may come to them when the usual clearance is too high",
  minPadOverlapM:
    "how much of the object's top the pads must still overlap, closing above a deep slot's walls",
};

export const pick: Skill<PickParams> = {
  id: 'pick',
  version: 1,
  defaults: pickDefaults,
  doc: {
    description:
      'Top-down grasp of a labware object (leaning away from the base on wrist-limited arms), then lift it clear of the bench.',
    parameters: pickParamDocs,
    success: [
      `pick.lifted: for ${HOLD_FRAMES} consecutive frames the object is > 0.10 m above its start and moves with the gripper`,
    ],
    failureCodes: pickFailureCodes,
  },
  plan: (ctx, call, p) => {
    const plan = planPick(ctx, call, p);
    return plan.ok ? planned(plan.waypoints) : plan;
  },
  check: (frames, ctx, call, p) => [checkLifted(frames, ctx, call, p)],
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o ? graspTargets(o, p) : [];
  },
};

/** The open fingers' footprint around a grasp point (world xy): along the finger axis, and the tips' depth. */
function fingerFootprint(at: Vec3, mat: readonly number[], openM: number, ctx: SkillContext): Footprint {
  const y = matColumn(mat, 1);
  const n = Math.hypot(y[0], y[1]) || 1;
  return {
    centerM: [at[0], at[1]],
    axis: [y[0] / n, y[1] / n],
    halfM: [
      openM / 2 + ctx.gripper.fingerThicknessM,
      ctx.gripper.fingertipHalfDepthM ?? ctx.gripper.fingerThicknessM / 2,
    ],
  };
}

/** The walls of the slot an object stands in, in the world: their footprint, its corners and their top. */
function slotWalls(h: SlotHolding): Array<{ polygon: Point2[]; points: Vec3[]; topZM: number }> {
  return h.slot.walls.map((w) => {
    const points = w.polygon.map((v) => toWorld(h.holderPose, [v[0], v[1], w.zMaxM]));
    return {
      polygon: points.map((q) => [q[0], q[1]] as const),
      points,
      topZM: h.holderPose.posM[2] + w.zMaxM,
    };
  });
}

/**
 * Hull points (world) of the movable objects standing near a target (within 10 cm): what the
 * open fingers could come down on. Holders and containers are below or around the fingers, not beside them.
 */
function neighbourHulls(ctx: SkillContext, targetId: string): Vec3[][] {
  const target = ctx.poses.get(targetId);
  if (!target) return [];
  const out: Vec3[][] = [];
  for (const [id, o] of ctx.objects) {
    const pose = ctx.poses.get(id);
    if (id === targetId || !pose || !o.movable || o.built.slots || o.built.container) continue;
    if (Math.hypot(pose.posM[0] - target.posM[0], pose.posM[1] - target.posM[1]) > 0.1) continue;
    // Lower than where the fingertips can be (the target's grippable span) it is under them, not beside them.
    if (
      pose.posM[2] + o.built.heightM <
      target.posM[2] + (ctx.objects.get(targetId)?.built.grasp?.zMinM ?? 0)
    )
      continue;
    out.push(assetHullPoints(o.built).map((q) => toWorld(pose, q)));
  }
  return out;
}
