// Skill `remove`: take a stopper out of a bottle's neck: grasp its head from above (fingertips clear of the rim),
// draw it straight up along the neck's axis until the plug is out, then lift it well clear and hold it.
import type { Vec3 } from '../../motion/math3d.js';
import { checkLifted, type PickParams, pickDefaults, pickParamDocs, planPick } from '../pick/index.js';
import { stayedPut } from '../grasp-geometry.js';
import { graspTargets } from '../pick/reach.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  planned,
  type Skill,
  type SkillCall,
  type SkillContext,
  type Waypoint,
} from '../skill.js';
import { seatHolding } from '../stopper-seat.js';

export const removeDefaults = {
  ...pickDefaults,
  /** Straight pull beyond the plug's length before the lift may lean: out of the bore first. */
  pullClearanceM: 0.015,
  pullDurationS: 0.8,
  /** The plug's bottom must end at least this far above the rim (issue 10: 5 cm). */
  minClearOfSeatM: 0.05,
  /** The bottle must stay where it stood: dragged up or tipped by the plug is a failure. */
  maxHolderShiftM: 0.01,
  maxHolderTiltRad: 0.17,
};
export type RemoveParams = typeof removeDefaults;

function planRemove(ctx: SkillContext, call: SkillCall, p: RemoveParams) {
  const seat = seatHolding(ctx.objects, ctx.poses, call.target);
  const stopper = ctx.objects.get(call.target);
  if (!seat || !stopper)
    return {
      ok: false as const,
      code: 'remove.not-seated',
      detail: `${call.target} is not seated in the mouth of a bottle`,
    };
  const pick = planPick(ctx, call, p);
  if (!pick.ok) return pick;
  const plugM = stopper.built.plugDepthM ?? 0;
  const graspAt = pick.waypoints.findIndex((w) => w.phase === 'grasp');
  const grasp = pick.waypoints[graspAt] as Waypoint & { posM: Vec3 };
  const pull = plugM + p.pullClearanceM;
  // Along the neck's axis, the hand as it closed: a plug drawn out at a lean pries against the bore.
  const out: Waypoint = {
    phase: 'lift',
    posM: [
      grasp.posM[0] + seat.axis[0] * pull,
      grasp.posM[1] + seat.axis[1] * pull,
      grasp.posM[2] + seat.axis[2] * pull,
    ],
    mat: grasp.mat,
    gripperOpeningM: 0,
    minDurationS: p.pullDurationS,
    holdS: 0,
  };
  const rest = pick.waypoints.slice(graspAt + 1).filter((w) => (w.posM?.[2] ?? Infinity) > out.posM[2]);
  return planned([...pick.waypoints.slice(0, graspAt + 1), out, ...rest]);
}

function checkRemoved(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: RemoveParams,
): CheckResult[] {
  const seat = seatHolding(ctx.objects, ctx.poses, call.target);
  const stopper = ctx.objects.get(call.target);
  const predicate = 'remove.clear-of-seat';
  if (!seat || !stopper) return [{ predicate, ok: false, code: 'remove.not-seated' }];
  const grasped = checkLifted(frames, ctx, call, { ...p, liftedThresholdM: 0 } as PickParams);
  if (grasped.code === 'pick.no-contact' || grasped.code === 'pick.no-grasp-phase')
    return [{ predicate, ok: false, code: 'remove.no-contact', detail: grasped.detail ?? '' }];
  // The plug's bottom (the stopper's base) above the rim, along the neck's axis.
  const clearM = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    if (!o) return -Infinity;
    const d = [0, 1, 2].map((i) => (o.posM[i] as number) - (seat.rimM[i] as number));
    return d[0]! * seat.axis[0] + d[1]! * seat.axis[1] + d[2]! * seat.axis[2];
  };
  const end = frames.slice(-2 * HOLD_FRAMES);
  const held = (f: FrameObservation) => f.touching.has(call.target) && clearM(f) >= p.minClearOfSeatM;
  const last = frames[frames.length - 1];
  const metrics = { clearOfSeatM: last ? clearM(last) : 0 };
  const out: CheckResult[] = [];
  if (heldFor(end, HOLD_FRAMES, held)) out.push({ predicate, ok: true, metrics });
  else {
    const inHand = last?.touching.has(call.target) ?? false;
    out.push({
      predicate,
      ok: false,
      code: inHand ? 'remove.not-clear' : 'remove.dropped',
      detail: inHand
        ? `the plug ends ${(metrics.clearOfSeatM * 100).toFixed(1)} cm above the rim (at least ${(p.minClearOfSeatM * 100).toFixed(0)} cm)`
        : `${call.target} is not in the hand at the end`,
      metrics,
    });
  }
  const start = ctx.poses.get(seat.holderId);
  out.push(
    stayedPut(frames, seat.holderId, start, p.maxHolderShiftM, p.maxHolderTiltRad)
      ? { predicate: 'remove.bottle-standing', ok: true }
      : {
          predicate: 'remove.bottle-standing',
          ok: false,
          code: 'remove.bottle-disturbed',
          detail: `${seat.holderId} was lifted, pushed or tipped with the stopper`,
        },
  );
  return out;
}

export const removeFailureCodes: Record<string, string> = {
  'remove.not-seated': 'the stopper is not seated in a mouth (planned, never simulated)',
  'pick.not-graspable': 'the stopper has no top-down grasp (planned, never simulated)',
  'pick.no-room': 'the open fingers do not fit beside a neighbouring object (planned, never simulated)',
  'remove.no-contact': 'the fingers closed without touching the stopper',
  'remove.not-clear': 'the plug did not end at least 5 cm above the rim',
  'remove.dropped': 'the stopper left the hand',
  'remove.bottle-disturbed':
    'the bottle was lifted, pushed (more than 1 cm) or tipped (more than 10 degrees)',
};

export const removeParamDocs: Record<keyof RemoveParams, string> = {
  ...pickParamDocs,
  pullClearanceM: "straight pull along the neck's axis beyond the plug's length, before the lift may lean",
  pullDurationS: 'least time of the straight pull',
  minClearOfSeatM: "height of the plug's bottom above the rim that counts as removed (0.05 m)",
  maxHolderShiftM: 'how far the bottle may move while the stopper comes out',
  maxHolderTiltRad: 'how far the bottle may tilt while the stopper comes out',
};

export const remove: Skill<RemoveParams> = {
  id: 'remove',
  version: 1,
  defaults: removeDefaults,
  doc: {
    description:
      "Take a stopper out of a bottle's neck: grasp the head from above with the fingertips clear of the rim, draw it straight up the neck's axis, lift it clear and hold it.",
    parameters: removeParamDocs,
    success: [
      `remove.clear-of-seat: for ${HOLD_FRAMES} consecutive frames at the end the stopper is in the hand with its plug's bottom at least 5 cm above the rim`,
      'remove.bottle-standing: the bottle never moves more than 1 cm or tilts beyond 10 degrees',
    ],
    failureCodes: removeFailureCodes,
  },
  plan: (ctx, call, p) => planRemove(ctx, call, p),
  check: (frames, ctx, call, p) => checkRemoved(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o ? graspTargets(o, p) : [];
  },
};
