// Skill `set-down`: stand the held object on a free spot of the bench near where the hand is: carried over it at a
// safe height, lowered until it touches down (a guarded move), let go, and the hand backs off upwards. What a
// one-armed robot does with the stopper it just took out before it can take the bottle.
import type { Vec3 } from '../../motion/math3d.js';
import { heldInHand, tallestObstacleZ, tiltFromUpright } from '../grasp-geometry.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  type PlanResult,
  type Skill,
  type SkillCall,
  type SkillContext,
  poseMotion,
} from '../skill.js';

export const setDownDefaults = {
  /** Spots are tried on rings this far apart round the point under the hand, nearest first. */
  ringStepM: 0.05,
  rings: 5,
  spotsPerRing: 12,
  /** Room between the set-down object's footprint and any other's (the fingers open beside it). */
  clearanceM: 0.04,
  /** And from the bench's edge. */
  edgeMarginM: 0.05,
  carryClearanceM: 0.04,
  /** The lowering aims this far below touching down; the guard stops it on contact. */
  pressM: 0.01,
  lowerSpeedMS: 0.08,
  openMarginM: 0.015,
  retreatM: 0.08,
  settleS: 0.8,
  /** Resting on the bench: its base within this of the top, and at most this fast. */
  maxAboveBenchM: 0.005,
  maxRestSpeedMS: 0.02,
  heldReachM: 0.12,
};
export type SetDownParams = typeof setDownDefaults;

type Pose = { posM: Vec3; mat: number[] };

const radiusOf = (ctx: SkillContext, id: string) => {
  const o = ctx.objects.get(id);
  return o ? Math.hypot(...o.built.footprintHalfM) : 0;
};

/** The free bench spot nearest below the hand for the held object (world xy), or undefined. */
export function freeSpot(ctx: SkillContext, held: string, p: SetDownParams): [number, number] | undefined {
  const here = ctx.poses.get(held)?.posM ?? ctx.tcp.posM;
  const r = radiusOf(ctx, held);
  const rect = ctx.benchTopRectM;
  for (let ring = 0; ring <= p.rings; ring++) {
    const n = ring === 0 ? 1 : p.spotsPerRing;
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n;
      const spot: [number, number] = [
        here[0] + ring * p.ringStepM * Math.cos(a),
        here[1] + ring * p.ringStepM * Math.sin(a),
      ];
      if (
        rect &&
        (spot[0] - r < rect.min[0] + p.edgeMarginM ||
          spot[0] + r > rect.max[0] - p.edgeMarginM ||
          spot[1] - r < rect.min[1] + p.edgeMarginM ||
          spot[1] + r > rect.max[1] - p.edgeMarginM)
      )
        continue;
      let free = true;
      for (const [id, pose] of ctx.poses) {
        if (id === held || !ctx.objects.has(id)) continue;
        const d = Math.hypot(pose.posM[0] - spot[0], pose.posM[1] - spot[1]);
        if (d < r + radiusOf(ctx, id) + p.clearanceM) free = false;
      }
      if (free) return spot;
    }
  }
  return undefined;
}

export const heldNow = (ctx: SkillContext, id: string, p: SetDownParams): boolean =>
  heldInHand(ctx, id, p.heldReachM, 0.01);

function planSetDown(ctx: SkillContext, call: SkillCall, p: SetDownParams): PlanResult {
  if (!heldNow(ctx, call.target, p))
    return { ok: false, code: 'set-down.not-held', detail: `${call.target} is not in the hand` };
  const spot = freeSpot(ctx, call.target, p);
  if (!spot)
    return {
      ok: false,
      code: 'set-down.no-spot',
      detail: `no free spot on the bench near the hand for ${call.target}`,
    };
  return planSetDownOnto(ctx, call, p, spot, ctx.benchTopZM);
}

/**
 * Stand the held object at a spot (world xy) on a flat top at height `floorZM` (the bench, a hot plate's plate):
 * carried over it, lowered until it touches down, let go, and the hand backs out along its approach and rises.
 */
export function planSetDownOnto(
  ctx: SkillContext,
  call: SkillCall,
  p: SetDownParams,
  spot: [number, number],
  floorZM: number,
): PlanResult {
  const pose = ctx.poses.get(call.target);
  const object = ctx.objects.get(call.target);
  if (!pose || !object || !heldNow(ctx, call.target, p))
    return { ok: false, code: 'set-down.not-held', detail: `${call.target} is not in the hand` };
  // The object keeps its pose in the hand: the hand moves by where the object must go.
  const lowest = pose.posM[2] - floorZM;
  const shift: Vec3 = [spot[0] - pose.posM[0], spot[1] - pose.posM[1], 0];
  const top = tallestObstacleZ(ctx, call.target, pose.posM, [spot[0], spot[1], pose.posM[2]], 0.1);
  const carryZ = Math.max(ctx.tcp.posM[2], top + p.carryClearanceM + (ctx.tcp.posM[2] - pose.posM[2]));
  const mat = ctx.tcp.mat;
  const up: Pose = { posM: [ctx.tcp.posM[0], ctx.tcp.posM[1], carryZ], mat };
  const over: Pose = { posM: [ctx.tcp.posM[0] + shift[0], ctx.tcp.posM[1] + shift[1], carryZ], mat };
  const down: Pose = { posM: [over.posM[0], over.posM[1], ctx.tcp.posM[2] - lowest - p.pressM], mat };
  // Back out the way the hand came in (along its approach, straight up for a grasp from above), then up: a hand
  // that held a bottle from the side and rose at once dragged it up between its open fingers.
  const approach: Vec3 = [mat[2] as number, mat[5] as number, mat[8] as number];
  const back: Pose = {
    posM: [
      down.posM[0] - approach[0] * p.retreatM,
      down.posM[1] - approach[1] * p.retreatM,
      down.posM[2] - approach[2] * p.retreatM,
    ],
    mat,
  };
  const away: Pose = {
    posM: [back.posM[0], back.posM[1], Math.max(back.posM[2], down.posM[2] + p.retreatM + lowest)],
    mat,
  };
  const open = Math.min(
    ctx.gripper.strokeM,
    2 * Math.max(...object.built.footprintHalfM) + 2 * p.openMarginM,
  );
  const dropM = carryZ - down.posM[2];
  return {
    ok: true,
    motions: [
      poseMotion('carry', up, 0, 0.4),
      poseMotion('carry', over, 0, 0.8, 0.1),
      {
        ...poseMotion('release', down, 0, Math.max(0.5, dropM / p.lowerSpeedMS), 0.1),
        guard: { kind: 'contact', object: call.target },
      },
      { ...poseMotion('release', down, open, 0.4, 0.3), atGuardStop: true },
      poseMotion('retreat', back, open, 0.6),
      poseMotion('retreat', away, open, 0.5),
      poseMotion('settle', away, open, 0.1, p.settleS),
    ],
  };
}

function checkSetDown(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: SetDownParams,
): CheckResult[] {
  const object = ctx.objects.get(call.target);
  const predicate = 'set-down.standing';
  const maxTilt = object?.placedMaxTiltRad ?? 0.26;
  const standing = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    return (
      o !== undefined &&
      !f.touching.has(call.target) &&
      o.posM[2] - ctx.benchTopZM <= p.maxAboveBenchM &&
      tiltFromUpright(o.mat) <= maxTilt &&
      o.speedMS <= p.maxRestSpeedMS
    );
  };
  const after = frames.filter((f) => f.phase === 'retreat' || f.phase === 'settle');
  const last = frames[frames.length - 1];
  const o = last?.objects.get(call.target);
  const metrics: Record<string, number> = o
    ? { tiltRad: tiltFromUpright(o.mat), aboveBenchM: o.posM[2] - ctx.benchTopZM }
    : {};
  if (heldFor(after, HOLD_FRAMES, standing) && last && standing(last))
    return [{ predicate, ok: true, metrics }];
  const code = !o
    ? 'set-down.lost'
    : last?.touching.has(call.target)
      ? 'set-down.still-held'
      : tiltFromUpright(o.mat) > maxTilt
        ? 'set-down.tipped'
        : o.posM[2] - ctx.benchTopZM > p.maxAboveBenchM
          ? 'set-down.not-on-bench'
          : 'set-down.not-at-rest';
  return [
    {
      predicate,
      ok: false,
      code,
      detail: o
        ? `${call.target} ends ${((o.posM[2] - ctx.benchTopZM) * 1000).toFixed(1)} mm above the bench, tilted ${((tiltFromUpright(o.mat) * 180) / Math.PI).toFixed(0)} degrees`
        : `${call.target} left the scene`,
      metrics,
    },
  ];
}

export const setDownFailureCodes: Record<string, string> = {
  'set-down.not-held': 'the object is not in the hand (planned, never simulated)',
  'set-down.no-spot': 'no free spot on the bench near the hand (planned, never simulated)',
  'set-down.still-held': 'the object still touches the hand at the end',
  'set-down.tipped': "the object ends tilted beyond its family's limit",
  'set-down.not-on-bench': 'the object does not end resting on the bench top',
  'set-down.not-at-rest': 'the object is still moving at the end',
  'set-down.lost': 'the object left the scene',
};

export const setDownParamDocs: Record<keyof SetDownParams, string> = {
  ringStepM: 'spacing of the rings of candidate spots round the point under the hand',
  rings: 'how many rings of candidate spots are tried',
  spotsPerRing: 'candidate spots on each ring',
  clearanceM: "room kept between the object's footprint and any other's",
  edgeMarginM: "room kept from the bench's edge",
  carryClearanceM: 'room kept above the labware on the way to the spot',
  pressM: 'how far below touching down the lowering aims (the guard stops it on contact)',
  lowerSpeedMS: 'speed of the lowering',
  openMarginM: "opening beyond the object's width, each side, when letting go",
  retreatM: 'how far the open hand rises after letting go',
  settleS: 'time held still after backing off',
  maxAboveBenchM: "how far above the bench top the object's base may end",
  maxRestSpeedMS: 'speed below which the object counts as at rest',
  heldReachM: 'distance from the TCP within which the object counts as in the hand',
};

export const setDown: Skill<SetDownParams> = {
  id: 'set-down',
  version: 1,
  defaults: setDownDefaults,
  doc: {
    description:
      'Stand the held object upright on a free spot of the bench near the hand: carry it over the spot, lower it until it touches down, let go and back off.',
    parameters: setDownParamDocs,
    success: [
      `set-down.standing: for ${HOLD_FRAMES} consecutive frames after letting go, and on the last frame, the object rests on the bench top, within its family's tilt limit, free of the hand`,
    ],
    failureCodes: setDownFailureCodes,
  },
  plan: (ctx, call, p) => planSetDown(ctx, call, p),
  check: (frames, ctx, call, p) => checkSetDown(frames, ctx, call, p),
  // Planned from wherever the hand holds it: nothing fixed to reach for.
  reachTargets: () => [],
};
