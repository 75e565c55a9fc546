// Skill `place`: carry a held object over a container, lower it inside, let go and withdraw.
import { carryOverTarget } from '../pick/reach.js';
import {
  matColumn,
  matMul,
  matSlerp,
  matTranspose,
  matVec,
  quatBetween,
  quatToMat,
  turnAboutVertical,
  type Vec3,
} from '../../motion/math3d.js';
import { assetHullPoints } from '../../assets/hull-points.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import { type Footprint, footprintAlong, freeSpots, spotMarginM } from '../container-space.js';
import {
  leanHeading,
  neutralYaw,
  tallestObstacleZ,
  toLocal,
  toWorld,
  topDownFrameAtYaw,
} from '../grasp-geometry.js';
import { judgePlacement, type PlacementMeasure, placesIntoSlots } from '../placement.js';
import { holderSlots } from '../slot-space.js';
import { hanging, type LoweringPlan, releaseWaypoints } from './lowering.js';
import { planSlotPlace } from './slot-place.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  NOT_ATTEMPTED,
  type PlanResult,
  planned,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
} from '../skill.js';

export const placeDefaults = {
  /** Clearance of the carried object's bottom over the tallest obstacle while carrying. */
  carryClearanceM: 0.06,
  /** Height of the object's bottom above the container floor when released. */
  releaseHeightM: 0.008,
  /** Finger clearance on each side of the object when letting go (kept small to miss the container walls). */
  releaseMarginM: 0.012,
  releaseHoldS: 0.4,
  /** The slow guarded lowering starts at least this far above the release, and with the object above the rim. */
  releaseApproachM: 0.03,
  rimClearanceM: 0.01,
  releaseApproachSpeedMS: 0.06,
  /** Pause above the rim before the guarded lowering, for the servos to settle. */
  entryHoldS: 0.15,
  /** Space kept between the carried footprint (object and open fingers) and the container's inner walls. */
  wallGapM: 0.008,
  /** And between it and each object already in the container. */
  contentGapM: 0.01,
  retreatHeightM: 0.12,
  restSpeedMS: 0.02,
  /** Into a slot: the object's lowest point this far above the slot's floor when let go (the walls guide it). */
  slotReleaseHeightM: 0.003,
  /** The release opening's margin may shrink this far to clear a slot's walls or a neighbour. */
  minReleaseMarginM: 0.004,
  /** Fingertips kept this far above slot walls or neighbours they cannot go down beside. */
  slotFingerClearanceM: 0.004,
  /** Space the open fingers keep from slot walls and neighbours they go down beside. */
  slotNeighbourGapM: 0.004,
  /** Let go with the object's lowest point at least this far below its slot's walls' top, or it drops onto them. */
  minInsertionM: 0.005,
  /**
   * Into a slot the guarded lowering is slower still: at 6 cm/s the Kinova Gen3's TCP drifted 3 mm sideways as it
   * went down, three times a rotor hole's room to spare.
   */
  slotInsertSpeedMS: 0.02,
  /** Over a slot the object is brought onto its axis, looking again after each move, to within this. */
  slotAlignToleranceM: 0.0005,
  /** And at most this many times. */
  slotAlignSteps: 3,
};
export type PlaceParams = typeof placeDefaults;

/** How much of the held object's tilt a leaning arm tries to take out before letting go, most first. */
const LEVELLING_SHARES = [1, 0.75, 0.5, 0.25];

/** A hand turned further than this about the vertical to square the object with the container strains the wrist. */
const MAX_SQUARING_TURN_RAD = 1.2;
/** Grid spacing of candidate drop spots on the container floor. */
const SPOT_STEP_M = 0.005;
/** Reachable spots tried before the planner gives up on a hand orientation. */
const SPOT_TRIES = 8;
/** Roughly where the TCP lets go of a tube above a slot's walls (fingertips just above them, pads on the tube). */
const SLOT_RELEASE_TCP_ABOVE_WALLS_M = 0.02;

/**
 * Plans the place from the current grasp: the TCP's height above the object's base is measured from the
 * snapshot, so a grasp that slipped a little is still released at the right height. The drop spot leaves room
 * for the object's whole footprint and the open fingers beside what already stands in the container; where
 * nothing fits, there is no plan (`place.no-room`) rather than a push into what is there. A destination with slots
 * (a rack, a centrifuge's rotor, a thermal cycler's plate seat) takes the object into a free slot instead.
 */
export function planPlace(
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
  carryStartZM?: number,
  heldWidthM?: number,
): PlanResult {
  const destination = call.destination;
  if (!destination) return { ok: false, code: 'place.no-container', detail: 'no destination given' };
  const container = ctx.objects.get(destination);
  if (container && placesIntoSlots(container)) return planSlotPlace(ctx, call, p, carryStartZM, heldWidthM);
  const cpose = ctx.poses.get(destination);
  const held = ctx.poses.get(call.target);
  const heldObject = ctx.objects.get(call.target);
  const region = container?.built.container;
  if (!container || !region || !cpose || !held || !heldObject)
    return { ok: false, code: 'place.no-container', detail: `"${destination}" is not a container` };
  const heldWidth = heldWidthM ?? heldObject.built.grasp?.widthM ?? ctx.gripper.strokeM;
  const open = Math.min(ctx.gripper.strokeM, heldWidth + 2 * p.releaseMarginM);
  const floorCentre = toWorld(cpose, [
    (region.minM[0] + region.maxM[0]) / 2,
    (region.minM[1] + region.maxM[1]) / 2,
    region.minM[2],
  ]);
  // The comfortable hand over the container: the home yaw turned toward it, or for a leaning arm its whole lean
  // swung round to face it (the held object stays tilted).
  const comfortable =
    ctx.toolPitchRad > 0
      ? turnAboutVertical(ctx.tcp.mat, leanHeading(ctx, floorCentre) - leanHeading(ctx, ctx.tcp.posM))
      : topDownFrameAtYaw(neutralYaw(ctx, floorCentre), 0);
  const contents = containerContents(ctx, destination, call.target);
  const preferM = nearestFloorCorner(region, toLocal(cpose, ctx.robotBase.posM));
  const hangBelow = (tcpMat: readonly number[]) => hanging(ctx.tcp, held, heldObject.built, tcpMat);
  // The carry clears what stands along its way (the held object's and the open hand's reach to each side).
  const corridorM = Math.hypot(...heldObject.built.footprintHalfM) + open / 2 + ctx.gripper.fingerThicknessM;
  const obstacleTop = Math.max(
    tallestObstacleZ(ctx, call.target, held.posM, floorCentre, corridorM),
    cpose.posM[2] + container.built.heightM,
  );
  let mostSpots = 0;
  for (const { turnRad, mustReach } of handTurns(ctx, cpose, held, comfortable)) {
    const mat = turnAboutVertical(comfortable, turnRad);
    const carried = hangBelow(mat);
    const carriedFootprint = carriedFootprintIn(cpose, ctx, heldObject, held, mat, carried.hangM, open);
    const spots = freeSpots({
      floor: region,
      contents,
      carried: carriedFootprint,
      wallGapM: p.wallGapM,
      contentGapM: p.contentGapM,
      stepM: SPOT_STEP_M,
      preferM: [preferM[0], preferM[1]],
    });
    mostSpots = Math.max(mostSpots, spots.length);
    const carryZ = Math.max(
      obstacleTop + p.carryClearanceM + carried.tcpAboveLowestM,
      carryStartZM ?? ctx.tcp.posM[2],
    );
    for (const spot of spots.slice(0, SPOT_TRIES)) {
      const spotM = toWorld(cpose, [spot.baseM[0], spot.baseM[1], region.minM[2]]);
      const releaseAt = (tcpMat: number[]) => {
        const released = hangBelow(tcpMat);
        const z = spotM[2] + p.releaseHeightM + released.tcpAboveLowestM;
        return { mat: tcpMat, posM: [spotM[0] - released.hangM[0], spotM[1] - released.hangM[1], z] as Vec3 };
      };
      const above: Vec3 = [spotM[0] - carried.hangM[0], spotM[1] - carried.hangM[1], carryZ];
      const reaches = (pose: { posM: Vec3; mat: number[] }) =>
        !ctx.canReach || ctx.canReach(pose.posM, pose.mat);
      let chosen = releaseAt(mat);
      if (mustReach && !(reaches(chosen) && reaches({ posM: above, mat }))) continue;
      // A leaning arm straightens the hand while lowering, as far as it comfortably can, so the held object
      // lands close to level, the way it was picked up.
      if (ctx.toolPitchRad > 0) {
        const turned = matMul(matMul(mat, matTranspose(ctx.tcp.mat)), held.mat);
        const levelled = matMul(quatToMat(quatBetween(matColumn(turned, 2), [0, 0, 1])), mat);
        // Held all the way down the guarded stretch, from just above the rim: both ends must be comfortable
        // (the Piper's wrist sat on its limit through the slow lowering when only the release was checked).
        const rimZ = toWorld(cpose, [spot.baseM[0], spot.baseM[1], region.maxM[2]])[2];
        const entryOf = (c: { posM: Vec3; mat: number[] }) => ({
          mat: c.mat,
          posM: [
            c.posM[0],
            c.posM[1],
            rimZ + p.rimClearanceM + (c.posM[2] - spotM[2] - p.releaseHeightM),
          ] as Vec3,
        });
        for (const share of LEVELLING_SHARES) {
          const candidate = releaseAt(matSlerp(mat, levelled, share));
          if (reaches(candidate) && reaches(entryOf(candidate))) {
            chosen = candidate;
            break;
          }
        }
      }
      const stage: LoweringPlan = {
        spotM,
        mat,
        releaseMat: chosen.mat,
        comfortable,
        open,
        carryZ,
        cpose,
      };
      return {
        ok: true,
        motions: [{ phase: 'carry', posM: above, mat, gripperOpeningM: 0, minDurationS: 1.0, holdS: 0.1 }],
        next: (overSpot) => planLowering(overSpot, call, p, stage),
      };
    }
  }
  return {
    ok: false,
    code: 'place.no-room',
    detail:
      mostSpots === 0
        ? `no free spot in ${destination} fits ${call.target} with the open fingers beside ${contents.length} object(s) already in it`
        : `no free spot in ${destination} for ${call.target} is within reach`,
  };
}

/**
 * The lowering, planned over the spot from where the object really hangs in the hand (a box can slide ~2 cm
 * along its pads while the hand turns it, measured on the Kinova Gen3): the hand first shifts so the object's
 * base is over the spot, and where the object no longer fits there, the nearest spot it fits is taken instead.
 */
function planLowering(ctx: SkillContext, call: SkillCall, p: PlaceParams, plan: LoweringPlan): PlanResult {
  const destination = call.destination as string;
  const container = ctx.objects.get(destination);
  const region = container?.built.container;
  const held = ctx.poses.get(call.target);
  const heldObject = ctx.objects.get(call.target);
  const cpose = ctx.poses.get(destination) ?? plan.cpose;
  if (!region || !held || !heldObject)
    return { ok: false, code: 'place.no-container', detail: `"${destination}" is not a container` };
  const contents = containerContents(ctx, destination, call.target);
  const planned2 = toLocal(cpose, plan.spotM);
  const wanted: [number, number] = [planned2[0], planned2[1]];
  // The levelled release hand first, then the carrying hand (a leaning arm then lets go as it carries): at the
  // planned spot if the object fits there as it really hangs, else at the nearest spot where it does.
  const fits = [plan.releaseMat, plan.mat].map((releaseMat) => {
    const released = hanging(ctx.tcp, held, heldObject.built, releaseMat);
    const query = {
      floor: region,
      contents,
      carried: carriedFootprintIn(cpose, ctx, heldObject, held, releaseMat, released.hangM, plan.open),
      wallGapM: p.wallGapM,
      contentGapM: p.contentGapM,
    };
    const nearest =
      spotMarginM(query, wanted) >= 0
        ? wanted
        : freeSpots({ ...query, stepM: SPOT_STEP_M, preferM: wanted })
            .map((s) => s.baseM)
            .sort(
              (a, b) =>
                Math.hypot(a[0] - wanted[0], a[1] - wanted[1]) -
                Math.hypot(b[0] - wanted[0], b[1] - wanted[1]),
            )[0];
    return { releaseMat, released, base: nearest };
  });
  const fit = fits.find((f) => f.base && f.base === wanted) ?? fits.find((f) => f.base);
  if (!fit?.base)
    return {
      ok: false,
      code: 'place.no-room',
      detail: `${call.target} as held no longer fits anywhere in ${destination}`,
    };
  const { base, released, releaseMat } = fit;
  const spotM = toWorld(cpose, [base[0], base[1], region.minM[2]]);
  const release: Vec3 = [
    spotM[0] - released.hangM[0],
    spotM[1] - released.hangM[1],
    spotM[2] + p.releaseHeightM + released.tcpAboveLowestM,
  ];
  const carried = hanging(ctx.tcp, held, heldObject.built, plan.mat);
  const over: Vec3 = [spotM[0] - carried.hangM[0], spotM[1] - carried.hangM[1], plan.carryZ];
  // The slow guarded stretch starts with the object's lowest point just above the rim, so the whole way
  // between the walls is taken slowly.
  const rimZ = toWorld(cpose, [base[0], base[1], region.maxM[2]])[2];
  const entryZ = Math.max(release[2] + p.releaseApproachM, rimZ + p.rimClearanceM + released.tcpAboveLowestM);
  return planned(
    releaseWaypoints(call.target, over, { ...plan, releaseMat }, release, Math.min(entryZ, plan.carryZ), p),
  );
}

/**
 * Hand turns about the vertical to try, from the comfortable hand: first those that square the held object with
 * the container's walls (packing room for what comes next), nearest first, each only where the arm reaches it
 * comfortably; then the comfortable hand itself.
 */
function handTurns(
  ctx: SkillContext,
  cpose: { posM: Vec3; mat: number[] },
  held: { posM: Vec3; mat: number[] },
  comfortable: number[],
): Array<{ turnRad: number; mustReach: boolean }> {
  const objectMat = matMul(matMul(comfortable, matTranspose(ctx.tcp.mat)), held.mat);
  const heading = matVec(matTranspose(cpose.mat), matColumn(objectMat, 0));
  const phi = Math.atan2(heading[1], heading[0]);
  const quarter = Math.PI / 2;
  // A footprint looks the same every half turn; squared with the walls every quarter turn.
  const square = (a: number) => a - quarter * Math.round(a / quarter);
  const first = -square(phi);
  const turns = [first, first + (first > 0 ? -quarter : quarter)]
    .filter((t) => Math.abs(t) <= MAX_SQUARING_TURN_RAD && Math.abs(t) > 1e-3)
    .sort((a, b) => Math.abs(a) - Math.abs(b));
  return [...turns.map((turnRad) => ({ turnRad, mustReach: true })), { turnRad: 0, mustReach: false }];
}

/** The held object's footprint with the open fingers beside it, relative to its base, in the container frame. */
function carriedFootprintIn(
  cpose: { posM: Vec3; mat: number[] },
  ctx: SkillContext,
  object: PlacedObject,
  held: { posM: Vec3; mat: number[] },
  tcpMat: number[],
  hangM: Vec3,
  openM: number,
): Footprint {
  const toContainer = matTranspose(cpose.mat);
  const objectMat = matMul(matMul(tcpMat, matTranspose(ctx.tcp.mat)), held.mat);
  const points: Vec3[] = assetHullPoints(object.built).map((q) => matVec(objectMat, q));
  const fingerOut = openM / 2 + ctx.gripper.fingerThicknessM;
  const fingerDepth = ctx.gripper.fingertipHalfDepthM ?? ctx.gripper.fingerThicknessM / 2;
  // The fingers hang from the TCP, which sits -hangM from the object's base.
  for (const sx of [-1, 1])
    for (const sy of [-1, 1]) {
      const f = matVec(tcpMat, [sx * fingerDepth, sy * fingerOut, 0]);
      points.push([f[0] - hangM[0], f[1] - hangM[1], f[2] - hangM[2]]);
    }
  const local = points.map((q) => matVec(toContainer, q));
  const heading = matVec(toContainer, matColumn(objectMat, 0));
  const n = Math.hypot(heading[0], heading[1]) || 1;
  return footprintAlong(local, [heading[0] / n, heading[1] / n]);
}

/** Footprints (container frame) of the objects standing in a container now, from their whole hulls. */
function containerContents(ctx: SkillContext, containerId: string, carriedId: string): Footprint[] {
  const cpose = ctx.poses.get(containerId);
  const region = ctx.objects.get(containerId)?.built.container;
  if (!cpose || !region) return [];
  const out: Footprint[] = [];
  for (const [id, o] of ctx.objects) {
    const pose = ctx.poses.get(id);
    if (id === containerId || id === carriedId || !pose) continue;
    const base = toLocal(cpose, pose.posM);
    const inside =
      base[0] > region.minM[0] &&
      base[0] < region.maxM[0] &&
      base[1] > region.minM[1] &&
      base[1] < region.maxM[1] &&
      base[2] > region.minM[2] - 0.01 &&
      base[2] < region.maxM[2];
    if (!inside) continue;
    const local = assetHullPoints(o.built).map((q) => toLocal(cpose, toWorld(pose, q)));
    const heading = matVec(matTranspose(cpose.mat), matColumn(pose.mat, 0));
    const n = Math.hypot(heading[0], heading[1]) || 1;
    out.push(footprintAlong(local, [heading[0] / n, heading[1] / n]));
  }
  return out;
}

/** The interior floor's corner nearest a point (container frame): packing starts there, closest to the arm. */
function nearestFloorCorner(region: { minM: Vec3; maxM: Vec3 }, point: Vec3): [number, number] {
  return [
    Math.abs(point[0] - region.minM[0]) < Math.abs(point[0] - region.maxM[0])
      ? region.minM[0]
      : region.maxM[0],
    Math.abs(point[1] - region.minM[1]) < Math.abs(point[1] - region.maxM[1])
      ? region.minM[1]
      : region.maxM[1],
  ];
}

/**
 * `place.in-container`: on the skill's last frames the whole object (every hull point) lies inside the
 * container's interior, below its rim and inside its inner wall faces, as upright as its family allows, at rest,
 * and the gripper has let go.
 */
export function checkPlaced(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
): CheckResult {
  const predicate = 'place.in-container';
  const container = call.destination ? ctx.objects.get(call.destination) : undefined;
  const object = ctx.objects.get(call.target);
  const start = call.destination ? ctx.poses.get(call.destination) : undefined;
  if (!container || !(container.built.container || placesIntoSlots(container)) || !object || !start)
    return { predicate, ok: false, code: 'place.no-container' };
  // Nothing to judge when the lowering never ran (its stage could not be planned): the plan failure says why.
  if (!frames.some((f) => f.phase === 'release')) return { predicate, ok: false, code: NOT_ATTEMPTED };
  const last = frames.slice(-HOLD_FRAMES);
  const judge = (f: FrameObservation): { code: string | null; measure?: PlacementMeasure } => {
    const o = f.objects.get(call.target);
    if (!o) return { code: 'place.outside-container' };
    const { measure, failure: misplaced } = judgePlacement(
      object,
      o,
      container,
      f.objects.get(container.id) ?? start,
    );
    if (misplaced) return { code: misplaced, measure };
    if (f.touching.has(call.target)) return { code: 'place.still-held', measure };
    if (o.speedMS >= p.restSpeedMS) return { code: 'place.not-at-rest', measure };
    return { code: null, measure };
  };
  const verdicts = last.map(judge);
  const final = verdicts[verdicts.length - 1];
  const metrics = final?.measure
    ? {
        placeMarginM: final.measure.insideMarginM,
        placeTiltRad: final.measure.tiltRad,
        placeBelowFloorM: final.measure.belowFloorM,
        ...(final.measure.slot !== undefined ? { placeSlot: final.measure.slot } : {}),
      }
    : undefined;
  const ok = last.length === HOLD_FRAMES && verdicts.every((v) => v.code === null);
  if (ok) return { predicate, ok, ...(metrics ? { metrics } : {}) };
  const failed = [...verdicts].reverse().find((v) => v.code !== null);
  const code = failed?.code ?? 'place.not-at-rest';
  const m = failed?.measure;
  const speed = last[last.length - 1]?.objects.get(call.target)?.speedMS;
  const detail =
    code === 'place.not-at-rest' && speed !== undefined
      ? `still moving at ${(speed * 100).toFixed(1)} cm/s when the skill ended`
      : code === 'place.tilted' && m
        ? `rests ${((m.tiltRad * 180) / Math.PI).toFixed(0)} degrees from upright (at most ${((object.placedMaxTiltRad * 180) / Math.PI).toFixed(0)})`
        : m && (code === 'place.on-rim' || code === 'place.outside-container' || code === 'place.above-rim')
          ? `a corner lies ${(-m.insideMarginM * 1000).toFixed(1)} mm outside ${container.id}'s interior`
          : m && code === 'place.through-floor'
            ? `${(m.belowFloorM * 1000).toFixed(1)} mm below ${container.id}'s floor`
            : m && code === 'place.not-seated'
              ? `its lowest point stands ${((m.seatGapM ?? 0) * 1000).toFixed(1)} mm above the floor of ${container.id}'s slot ${m.slot ?? '?'}`
              : m && code === 'place.outside-slot'
                ? `a hull point lies ${(-m.insideMarginM * 1000).toFixed(1)} mm beyond the walls of ${container.id}'s slot ${m.slot ?? '?'}`
                : undefined;
  return { predicate, ok, code, ...(detail ? { detail } : {}), ...(metrics ? { metrics } : {}) };
}

export const placeFailureCodes: Record<string, string> = {
  'place.no-room':
    'no free spot in the container, or no free slot of the holder, fits the object and the open fingers (planned, never simulated)',
  'place.not-seated':
    "in a slot: the object's lowest point stands more than 3 mm above the slot's floor (on the walls, on something else)",
  'place.outside-slot': "in a slot: part of the object lies in or beyond the slot's walls",
  'place.outside-container': 'the object ended outside the container',
  'place.on-rim': 'part of the object rests on or over the container wall',
  'place.above-rim': 'part of the object sticks up above the rim',
  'place.through-floor': 'the object sank into the container floor',
  'place.tilted': 'the object rests tilted beyond its family limit (a plate on its edge)',
  'place.still-held': 'the gripper was still touching the object',
  'place.not-at-rest': 'the object kept moving',
};

export const placeParamDocs: Record<keyof PlaceParams, string> = {
  carryClearanceM: "clearance of the object's bottom over the tallest obstacle while carrying",
  releaseHeightM: "height of the object's bottom above the container floor at release",
  releaseMarginM: 'finger clearance on each side of the object when letting go',
  releaseHoldS: 'time the opened fingers hold still after letting go',
  releaseApproachM:
    'the guarded lowering (slow, stopped on contact) starts at least this far above the release',
  rimClearanceM: "and with the object's lowest point this far above the container rim",
  releaseApproachSpeedMS: 'average speed of that guarded stretch',
  entryHoldS: 'pause above the rim before the guarded lowering, for the servos to settle',
  wallGapM: 'space kept between the object with its open fingers and the inner walls',
  contentGapM: 'space kept between the object with its open fingers and what is already in the container',
  retreatHeightM: 'how far the open hand rises after letting go',
  restSpeedMS: 'speed below which the released object counts as at rest',
  slotReleaseHeightM: "into a slot: height of the object's lowest point above the slot's floor at release",
  minReleaseMarginM:
    "the release opening's margin may shrink this far to clear a slot's walls or a neighbour",
  slotFingerClearanceM: 'fingertips kept this far above slot walls or neighbours they cannot go down beside',
  slotNeighbourGapM: 'space the open fingers keep from slot walls and neighbours they go down beside',
  minInsertionM: "the object's lowest point at least this far below its slot's walls' top when let go",
  slotInsertSpeedMS: 'average speed of the guarded lowering into a slot',
  slotAlignToleranceM:
    "over a slot the object is moved onto the slot's axis to within this before it goes in",
  slotAlignSteps: 'how many such corrections at most (each looks again where the object really is)',
};

export const place: Skill<PlaceParams> = {
  id: 'place',
  version: 2,
  defaults: placeDefaults,
  doc: {
    description:
      'Carry the held object above a container, lower it inside, open the gripper and withdraw; into a holder with slots (a rack, a centrifuge rotor, a plate seat), into a free slot it fits.',
    parameters: placeParamDocs,
    success: [
      `place.in-container: on the last ${HOLD_FRAMES} frames every hull point of the object lies inside the container's interior (inside the inner wall faces, below the rim), it is within its family's tilt limit, at rest and untouched by the gripper`,
      `into a slot: on the last ${HOLD_FRAMES} frames the object is seated (lowest point within 3 mm of the slot floor), every hull point below the slot walls' top inside them, within its family's tilt limit, at rest and untouched`,
    ],
    failureCodes: placeFailureCodes,
  },
  plan: (ctx, call, p) => planPlace(ctx, call, p),
  check: (frames, ctx, call, p) => [checkPlaced(frames, ctx, call, p)],
  reachTargets: (objects, call) => {
    const d = call.destination ? objects.get(call.destination) : undefined;
    return d ? [carryOverTarget(d), ...slotReleaseTargets(d)] : [];
  },
};

/**
 * Into a holder's slots the hand goes down to just above their walls, deeper than the carry over the holder: the
 * robot placement must reach there too, over the middle of the slots (which slot is free is known only then).
 */
function slotReleaseTargets(d: PlacedObject): ReachTarget[] {
  const slots = holderSlots(d.built);
  if (slots.length === 0) return [];
  const mid = (k: 0 | 1) => slots.reduce((s, slot) => s + slot.floorM[k], 0) / slots.length;
  const top = Math.max(...slots.map((s) => s.wallTopM));
  const c = Math.cos(d.yawRad);
  const s = Math.sin(d.yawRad);
  const [x, y] = [mid(0), mid(1)];
  return [
    {
      label: `release into ${d.id}`,
      posM: [
        d.posM[0] + c * x - s * y,
        d.posM[1] + s * x + c * y,
        d.posM[2] + top + SLOT_RELEASE_TCP_ABOVE_WALLS_M,
      ],
    },
  ];
}
