// Skill `heat`: stand a vessel on a hot plate: taken up (pick) unless the hand holds it, stood on the middle of the
// plate (set-down onto its top). "Heat the beaker on the hot plate" is this step followed by turning the plate's
// heat knob (turn-knob, its own step in the plan, `followedBy` in the language), whose named state records it.
import type { Vec3 } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import { tiltFromUpright, toLocal, toWorld } from '../grasp-geometry.js';
import { type PickParams, pickDefaults, planPick } from '../pick/index.js';
import { placedPose } from '../instrument-frames.js';
import { graspTargets } from '../pick/reach.js';
import { heldNow, planSetDownOnto, setDownDefaults } from '../set-down/index.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  type PlanResult,
  type Skill,
  type SkillCall,
  type SkillContext,
} from '../skill.js';

const DEG = Math.PI / 180;

export const heatDefaults = {
  /** The vessel's footprint keeps this far inside the plate's edge. */
  plateMarginM: 0.005,
  /** Standing on the plate: its base within this of the plate's top, within this tilt. */
  maxAbovePlateM: 0.005,
  maxTiltRad: 10 * DEG,
};
export type HeatParams = typeof heatDefaults;

type Pose = { posM: Vec3; mat: number[] };

/** The hot plate's top (world): its centre, its half extent along its own x and y, its height, its pose. */
function plateOf(holder: PlacedObject, pose: Pose) {
  const s = holder.built.surface;
  if (!s) return undefined;
  const centreLocal: Vec3 = [(s.minM[0] + s.maxM[0]) / 2, (s.minM[1] + s.maxM[1]) / 2, s.maxM[2]];
  return {
    centre: toWorld(pose, centreLocal),
    half: [(s.maxM[0] - s.minM[0]) / 2, (s.maxM[1] - s.minM[1]) / 2] as const,
    zM: pose.posM[2] + s.maxM[2],
    pose,
    centreLocal,
  };
}

function planHeat(ctx: SkillContext, call: SkillCall, p: HeatParams): PlanResult {
  const vessel = ctx.objects.get(call.target);
  const holder = call.destination === undefined ? undefined : ctx.objects.get(call.destination);
  const holderPose = call.destination === undefined ? undefined : ctx.poses.get(call.destination);
  const plate = holder && holderPose ? plateOf(holder, holderPose) : undefined;
  if (!vessel || !plate)
    return {
      ok: false,
      code: 'heat.no-hot-plate',
      detail: `${call.destination ?? 'nothing'} has no plate to heat on`,
    };
  const r = Math.hypot(...vessel.built.footprintHalfM);
  if (r + p.plateMarginM > Math.min(...plate.half))
    return {
      ok: false,
      code: 'heat.too-big',
      detail: `${call.target} (${(2 * r * 1000).toFixed(0)} mm across) does not fit on the plate of ${call.destination}`,
    };
  const onPlate = (now: SkillContext): PlanResult => {
    const standOn = planSetDownOnto(now, call, setDownDefaults, [plate.centre[0], plate.centre[1]], plate.zM);
    if (!standOn.ok) return standOn;
    return standOn;
  };
  if (heldNow(ctx, call.target, setDownDefaults)) return onPlate(ctx);
  const pick = planPick(ctx, call, pickDefaults as PickParams);
  if (!pick.ok) return pick;
  return { ok: true, motions: pick.waypoints, next: onPlate };
}

function checkHeat(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: HeatParams,
): CheckResult[] {
  const vessel = ctx.objects.get(call.target);
  const holder = ctx.objects.get(call.destination ?? '');
  if (!vessel || !holder) return [{ predicate: 'heat.on-plate', ok: false, code: 'heat.no-hot-plate' }];
  // The whole footprint on the plate, standing on it, let go: on the last frames (after the knob was turned).
  const onPlate = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    const h = f.objects.get(call.destination ?? '');
    if (!o || !h || f.touching.has(call.target)) return false;
    const plate = plateOf(holder, { posM: h.posM, mat: [...h.mat] });
    if (!plate) return false;
    const [fx, fy] = vessel.built.footprintHalfM;
    const corners: Vec3[] = [
      [fx, fy, 0],
      [-fx, fy, 0],
      [fx, -fy, 0],
      [-fx, -fy, 0],
    ].map((c) => toWorld({ posM: o.posM, mat: [...o.mat] }, c as Vec3));
    const holderPose = { posM: h.posM, mat: [...h.mat] };
    const inside = corners.every((c) => {
      const [lx, ly] = toLocal(holderPose, c);
      return (
        Math.abs(lx - plate.centreLocal[0]) <= plate.half[0] &&
        Math.abs(ly - plate.centreLocal[1]) <= plate.half[1]
      );
    });
    return (
      inside && Math.abs(o.posM[2] - plate.zM) <= p.maxAbovePlateM && tiltFromUpright(o.mat) <= p.maxTiltRad
    );
  };
  const last = frames.slice(-HOLD_FRAMES);
  return [
    last.length === HOLD_FRAMES && last.every(onPlate)
      ? { predicate: 'heat.on-plate', ok: true }
      : {
          predicate: 'heat.on-plate',
          ok: false,
          code: 'heat.not-on-plate',
          detail: `${call.target} does not end standing wholly on the plate of ${call.destination}, let go`,
        },
  ];
}

export const heatFailureCodes: Record<string, string> = {
  'heat.no-hot-plate': 'the destination has no plate to heat on (planned, never simulated)',
  'heat.too-big': 'the vessel does not fit on the plate (planned, never simulated)',
  'heat.not-on-plate': 'the vessel does not end standing wholly on the plate, let go',
  'pick.no-room': 'the open fingers do not fit beside a neighbouring object (planned, never simulated)',
  'set-down.not-held': 'the vessel did not come up with the hand',
};

export const heatParamDocs: Record<keyof HeatParams, string> = {
  plateMarginM: "room kept between the vessel's footprint and the plate's edge",
  maxAbovePlateM: "how far above the plate's top the vessel's base may end",
  maxTiltRad: 'tilt within which the vessel counts as standing on the plate',
};

export const heat: Skill<HeatParams> = {
  id: 'heat',
  version: 1,
  defaults: heatDefaults,
  doc: {
    description:
      "Stand a vessel on a hot plate: taken up unless held (pick), stood on the middle of the plate (set-down onto its top), with those skills' own parameters; the plan turns the heat knob next, a step of its own.",
    parameters: heatParamDocs,
    success: [
      `heat.on-plate: on the last ${HOLD_FRAMES} frames the vessel's whole footprint is on the plate, its base on the plate's top, upright within 10 degrees, let go`,
    ],
    failureCodes: heatFailureCodes,
  },
  plan: (ctx, call, p) => planHeat(ctx, call, p),
  check: (frames, ctx, call, p) => checkHeat(frames, ctx, call, p),
  reachTargets: (objects, call) => {
    const o = objects.get(call.target);
    const holder = objects.get(call.destination ?? '');
    const plate = holder ? plateOf(holder, placedPose(holder)) : undefined;
    return [
      ...(o ? graspTargets(o, pickDefaults) : []),
      ...(o && plate
        ? [
            {
              label: `stand ${call.target} on ${call.destination}`,
              posM: [plate.centre[0], plate.centre[1], plate.zM + o.built.heightM] as Vec3,
            },
          ]
        : []),
    ];
  },
};
