// Skill `insert`: seat a stopper in a bottle's neck. Taken from the bench first when the hand does not hold it;
// then, from where it really hangs in the hand, turned upright over the mouth, lowered along the neck's axis until
// its head lands on the rim, let go, and the hand backs off.
import {
  add,
  matMul,
  matTranspose,
  matVec,
  quatBetween,
  quatToMat,
  scale,
  type Vec3,
} from '../../motion/math3d.js';
import { type PickParams, pickDefaults, pickParamDocs, planPick } from '../pick/index.js';
import { graspTargets } from '../pick/reach.js';
import { heldInHand, stayedPut, tallestObstacleZ, toWorld } from '../grasp-geometry.js';
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
import { isSeated, ridersOf, SEATED, type Seat, seatError, seatOf } from '../stopper-seat.js';
import type { LiveView } from '../../motion/motions.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';

/** The controller's tick (the rollout steps 5 physics steps of 2 ms per control tick). */
const CONTROL_PERIOD_S = 0.01;

export const insertDefaults = {
  ...pickDefaults,
  /** Height of the plug's bottom above the rim where the descent along the neck's axis starts. */
  entryHeightM: 0.03,
  /** Room kept above the labware on the way to the mouth. */
  carryClearanceM: 0.04,
  /** The descent aims this far below seated, so the head lands on the rim and the guard stops it there. */
  pressM: 0.003,
  insertDurationS: 1.2,
  /** The descent's correction toward the bore's axis: this share of the plug's offset each control tick, at most. */
  correctionGain: 0.02,
  maxCorrectionM: 0.01,
  /** The descent goes on only while the plug is this close to the bore's axis, for at most `alignWaitS` in all. */
  alignedM: 0.001,
  alignWaitS: 1.0,
  /** Share of each tick's rim position taken into its running average. */
  rimSmoothing: 0.05,
  /** The stopper counts as in the hand when it is this close to the TCP and off the bench. */
  heldReachM: 0.08,
  retreatM: 0.06,
  settleS: 0.5,
  maxHolderShiftM: 0.01,
  maxHolderTiltRad: 0.17,
};
export type InsertParams = typeof insertDefaults;

type Pose = { posM: Vec3; mat: number[] };

function seatFor(ctx: SkillContext, call: SkillCall): Seat | { ok: false; code: string; detail: string } {
  const holder = call.destination === undefined ? undefined : ctx.objects.get(call.destination);
  const pose = call.destination === undefined ? undefined : ctx.poses.get(call.destination);
  const seat = holder && pose && call.destination ? seatOf(call.destination, holder, pose) : undefined;
  if (!seat)
    return {
      ok: false,
      code: 'insert.no-seat',
      detail: `${call.destination ?? 'nothing'} has no mouth to plug`,
    };
  const plug = ridersOf(ctx.objects, ctx.poses, seat.holderId).find((id) => id !== call.target);
  if (plug) return { ok: false, code: 'insert.seat-taken', detail: `${plug} already plugs ${seat.holderId}` };
  return seat;
}

const heldNow = (ctx: SkillContext, id: string, p: InsertParams): boolean =>
  heldInHand(ctx, id, p.heldReachM, 0.02);

function planInsert(ctx: SkillContext, call: SkillCall, p: InsertParams): PlanResult {
  const seat = seatFor(ctx, call);
  if ('ok' in seat) return seat;
  if (heldNow(ctx, call.target, p)) return insertStage(ctx, call, p);
  const pick = planPick(ctx, call, p as PickParams);
  if (!pick.ok) return pick;
  return {
    ok: true,
    motions: pick.waypoints,
    next: (lifted) =>
      heldNow(lifted, call.target, p)
        ? insertStage(lifted, call, p)
        : { ok: false, code: 'insert.not-held', detail: `${call.target} did not come up with the hand` },
  };
}

/** From the stopper as it hangs in the hand: over the mouth upright, down the neck's axis, let go, back off. */
function insertStage(ctx: SkillContext, call: SkillCall, p: InsertParams, final = false): PlanResult {
  const seat = seatFor(ctx, call);
  if ('ok' in seat) return seat;
  const stopper = ctx.objects.get(call.target);
  const now = ctx.poses.get(call.target);
  if (!stopper || !now)
    return { ok: false, code: 'insert.not-held', detail: `${call.target} is not in the scene` };
  const plugM = stopper.built.plugDepthM;
  if (plugM === undefined)
    return { ok: false, code: 'insert.not-a-stopper', detail: `${call.target} has no plug to seat` };
  // The hand holds the stopper rigidly: the stopper's pose in the TCP frame.
  const tcpT = matTranspose(ctx.tcp.mat);
  const hold = {
    posM: matVec(tcpT, now.posM.map((v, i) => v - (ctx.tcp.posM[i] as number)) as Vec3),
    mat: matMul(tcpT, now.mat),
  };
  // Turn the hand so the stopper's axis lies along the neck's.
  const zNow: Vec3 = [now.mat[2] as number, now.mat[5] as number, now.mat[8] as number];
  const stopperMat = matMul(quatToMat(quatBetween(zNow, seat.axis)), now.mat);
  const handMat = matMul(stopperMat, matTranspose(hold.mat));
  const tcpFor = (originM: Vec3): Pose => ({
    posM: originM.map((v, i) => v - (matVec(handMat, hold.posM)[i] as number)) as Vec3,
    mat: handMat,
  });
  // The stopper's origin (the plug's bottom) when seated: the plug's length below the rim, on the axis.
  const seated = add(seat.rimM, scale(seat.axis, -plugM));
  const entry = tcpFor(add(seated, scale(seat.axis, plugM + p.entryHeightM)));
  const pressed = tcpFor(add(seated, scale(seat.axis, -p.pressM)));
  const topZ = tallestObstacleZ(ctx, call.target, ctx.tcp.posM, entry.posM, 0.1);
  const below = entry.posM[2] - seated[2];
  const carryZ = Math.max(entry.posM[2], topZ + p.carryClearanceM + below, ctx.tcp.posM[2]);
  const up: Pose = { posM: [ctx.tcp.posM[0], ctx.tcp.posM[1], carryZ], mat: ctx.tcp.mat };
  const over: Pose = { posM: [entry.posM[0], entry.posM[1], carryZ], mat: handMat };
  const away: Pose = { posM: add(pressed.posM, scale(seat.axis, p.retreatM + plugM)), mat: handMat };
  const open = Math.min(
    ctx.gripper.strokeM,
    2 * Math.max(...stopper.built.footprintHalfM) + 2 * p.openMarginM,
  );
  if (!final)
    return {
      ok: true,
      motions: [
        poseMotion('carry', up, 0, 0.4),
        poseMotion('carry', over, 0, 1.0),
        poseMotion('carry', entry, 0, 0.6, 0.2),
      ],
      // Lined up again from where the stopper really hangs over the mouth: a carry across the bench left it 4 mm
      // off the neck's axis in the hand, and a plug 1.2 mm narrower than the bore came down on the rim.
      next: (there) => insertStage(there, call, p, true),
    };
  return {
    ok: true,
    motions: [
      poseMotion('carry', entry, 0, 0.4, 0.2),
      {
        kind: 'track',
        phase: 'insert',
        gripperOpeningM: 0,
        minDurationS: p.insertDurationS + p.alignWaitS,
        holdS: 0.1,
        guard: { kind: 'contact', object: call.target },
        goal: descendOnAxis(call.target, stopper, ctx.objects.get(seat.holderId), seat, entry, pressed, p),
      },
      { ...poseMotion('release', pressed, open, 0.4, 0.3), atGuardStop: true },
      poseMotion('retreat', away, open, 0.6),
      poseMotion('settle', away, open, 0.1, p.settleS),
    ],
  };
}

/**
 * Down the neck's axis from `entry` to `pressed`, the hand nudged every control tick by where the plug really is
 * against the bore's axis (an arm that tracks its pose to 3 mm put a plug 1.2 mm narrower than the bore on the rim).
 */
function descendOnAxis(
  id: string,
  stopper: PlacedObject,
  holder: PlacedObject | undefined,
  seat: Seat,
  entry: Pose,
  pressed: Pose,
  p: InsertParams,
): (live: LiveView) => Pose {
  const ticks = Math.max(1, Math.round(p.insertDurationS / CONTROL_PERIOD_S));
  const waitTicks = Math.round(p.alignWaitS / CONTROL_PERIOD_S);
  let waited = 0;
  let rx: number | undefined;
  let ry: number | undefined;
  let k = 0;
  let cx = 0;
  let cy = 0;
  return (live) => {
    const now = live.pose(id);
    const under = toWorld(now, [0, 0, stopper.built.plugDepthM ?? 0]);
    // The mouth where the bottle is now, smoothed: a bottle just stood down rocks a degree or two on its base at a
    // few millimetres of the rim from one tick to the next.
    const rimNow = (holder && seatOf(seat.holderId, holder, live.pose(seat.holderId))?.rimM) ?? seat.rimM;
    rx = rx === undefined ? rimNow[0] : rx + p.rimSmoothing * (rimNow[0] - rx);
    ry = ry === undefined ? rimNow[1] : ry + p.rimSmoothing * (rimNow[1] - ry);
    const ex = rx - under[0];
    const ey = ry - under[1];
    // An integral correction, a fraction of the error each tick, no more than the bore's clearance could need.
    cx = Math.max(-p.maxCorrectionM, Math.min(p.maxCorrectionM, cx + p.correctionGain * ex));
    cy = Math.max(-p.maxCorrectionM, Math.min(p.maxCorrectionM, cy + p.correctionGain * ey));
    // Down only while the plug is over the bore (or once the wait for it is over): lined up first, then in.
    waited++;
    if (Math.hypot(ex, ey) <= p.alignedM || waited > waitTicks) k = Math.min(ticks, k + 1);
    const f = k / ticks;
    const s = f * f * (3 - 2 * f);
    return {
      posM: [
        entry.posM[0] + (pressed.posM[0] - entry.posM[0]) * s + cx,
        entry.posM[1] + (pressed.posM[1] - entry.posM[1]) * s + cy,
        entry.posM[2] + (pressed.posM[2] - entry.posM[2]) * s,
      ],
      mat: pressed.mat,
    };
  };
}

function checkInserted(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: InsertParams,
): CheckResult[] {
  const seat = seatFor(ctx, call);
  const stopper = ctx.objects.get(call.target);
  const predicate = 'insert.seated';
  if ('ok' in seat || !stopper) return [{ predicate, ok: false, code: 'insert.no-seat' }];
  // Judged against the mouth where the bottle is on each frame, not where it stood when the step began.
  const holder = ctx.objects.get(seat.holderId);
  const errorAt = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    const h = f.objects.get(seat.holderId);
    const here = holder && h ? seatOf(seat.holderId, holder, { posM: h.posM, mat: [...h.mat] }) : undefined;
    return o && here ? seatError(stopper, { posM: o.posM, mat: [...o.mat] }, here) : undefined;
  };
  const seatedFree = (f: FrameObservation) => {
    const e = errorAt(f);
    return e !== undefined && isSeated(e) && !f.touching.has(call.target);
  };
  const after = frames.filter((f) => f.phase === 'retreat' || f.phase === 'settle');
  const last = frames[frames.length - 1];
  const e = last ? errorAt(last) : undefined;
  const metrics = e
    ? { seatOffsetM: Math.hypot(e.offAxisM, e.aboveRimM), seatTiltRad: e.tiltRad }
    : { seatOffsetM: Infinity, seatTiltRad: Infinity };
  const out: CheckResult[] = [];
  // Released and seated on the frames after letting go, and still seated at the very end.
  if (heldFor(after, HOLD_FRAMES, seatedFree) && last && seatedFree(last))
    out.push({ predicate, ok: true, metrics });
  else
    out.push({
      predicate,
      ok: false,
      code: last?.touching.has(call.target) ? 'insert.still-held' : 'insert.not-seated',
      detail: e
        ? `${call.target} ends ${(metrics.seatOffsetM * 1000).toFixed(1)} mm from its seat in ${seat.holderId} (at most ${SEATED.maxOffsetM * 1000}) and ${((e.tiltRad * 180) / Math.PI).toFixed(0)} degrees from the neck's axis (at most 10)`
        : `${call.target} left the scene`,
      metrics,
    });
  const start = ctx.poses.get(seat.holderId);
  out.push(
    stayedPut(frames, seat.holderId, start, p.maxHolderShiftM, p.maxHolderTiltRad)
      ? { predicate: 'insert.bottle-standing', ok: true }
      : {
          predicate: 'insert.bottle-standing',
          ok: false,
          code: 'insert.bottle-disturbed',
          detail: `${seat.holderId} was pushed or tipped`,
        },
  );
  return out;
}

export const insertFailureCodes: Record<string, string> = {
  'insert.no-seat': 'the destination has no mouth to plug (planned, never simulated)',
  'insert.seat-taken': 'another stopper already plugs the mouth (planned, never simulated)',
  'insert.not-a-stopper': 'the object has no plug (planned, never simulated)',
  'insert.not-held': 'the stopper did not come up with the hand (no insertion planned)',
  'pick.not-graspable': 'the stopper has no top-down grasp (planned, never simulated)',
  'pick.no-room': 'the open fingers do not fit beside a neighbouring object (planned, never simulated)',
  'insert.not-seated':
    "after letting go the stopper is not within 5 mm of its seat and 10 degrees of the neck's axis",
  'insert.still-held': 'the stopper is still in contact with the hand at the end',
  'insert.bottle-disturbed': 'the bottle was pushed (more than 1 cm) or tipped (more than 10 degrees)',
};

export const insertParamDocs: Record<keyof InsertParams, string> = {
  ...pickParamDocs,
  entryHeightM: "height of the plug's bottom above the rim where the descent along the neck's axis starts",
  carryClearanceM: 'room kept above the labware on the way to the mouth',
  pressM: 'how far below seated the descent aims (the head lands on the rim first and the guard stops it)',
  insertDurationS: 'least time of the descent into the neck',
  correctionGain:
    "share of the plug's offset from the bore's axis the hand is nudged by each control tick on the way down",
  maxCorrectionM: 'largest correction of the descent toward the axis',
  alignedM: "the descent goes on only while the plug is this close to the bore's axis",
  alignWaitS: 'longest the descent waits, in all, for the plug to line up',
  rimSmoothing: "share of each control tick's measured rim position taken into its running average",
  heldReachM: 'distance from the TCP within which the stopper counts as in the hand',
  retreatM: 'how far the open hand backs off along the axis after letting go',
  settleS: 'time held still after backing off, for the seat to be judged at rest',
  maxHolderShiftM: 'how far the bottle may be pushed',
  maxHolderTiltRad: 'how far the bottle may tilt',
};

export const insert: Skill<InsertParams> = {
  id: 'insert',
  version: 1,
  defaults: insertDefaults,
  doc: {
    description:
      "Seat a stopper in a bottle's neck: take it from the bench if the hand does not hold it, turn it upright over the mouth, lower it along the neck's axis until the head lands on the rim, let go and back off.",
    parameters: insertParamDocs,
    success: [
      `insert.seated: for ${HOLD_FRAMES} consecutive frames after letting go, and on the last frame, the stopper is within 5 mm of its seat and 10 degrees of the neck's axis, not touching the hand`,
      'insert.bottle-standing: the bottle never moves more than 1 cm or tilts beyond 10 degrees',
    ],
    failureCodes: insertFailureCodes,
  },
  plan: (ctx, call, p) => planInsert(ctx, call, p),
  check: (frames, ctx, call, p) => checkInserted(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    const holder = call.destination === undefined ? undefined : objects.get(call.destination);
    const rim = holder?.built.mouth?.rimM;
    return [
      ...(o ? graspTargets(o, p) : []),
      ...(holder && rim && o
        ? [
            {
              label: `plug ${call.destination}`,
              posM: [
                holder.posM[0],
                holder.posM[1],
                holder.posM[2] + rim[2] + p.entryHeightM + o.built.heightM,
              ] as Vec3,
            },
          ]
        : []),
    ];
  },
};
