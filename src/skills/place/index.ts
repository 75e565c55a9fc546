// Skill `place`: carry a held object over a container, lower it inside, let go and withdraw.
import {
  matColumn,
  matMul,
  matSlerp,
  matTranspose,
  matVec,
  quatBetween,
  quatToMat,
  sub,
  turnAboutVertical,
  type Vec3,
} from '../../motion/math3d.js';
import {
  dropSpot,
  insideContainer,
  leanHeading,
  neutralYaw,
  tallestObstacleZ,
  topDownFrameAtYaw,
} from '../grasp-geometry.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  type Skill,
  type SkillCall,
  type SkillContext,
  type Waypoint,
} from '../skill.js';

export const placeDefaults = {
  /** Clearance of the carried object's bottom over the tallest obstacle while carrying. */
  carryClearanceM: 0.06,
  /** Height of the object's bottom above the container floor when released. */
  releaseHeightM: 0.008,
  /** Finger clearance on each side of the object when letting go (kept small to miss the container walls). */
  releaseMarginM: 0.012,
  releaseHoldS: 0.4,
  retreatHeightM: 0.12,
  restSpeedMS: 0.02,
};
export type PlaceParams = typeof placeDefaults;

/** How much of the held object's tilt a leaning arm tries to take out before letting go, most first. */
const LEVELLING_SHARES = [1, 0.75, 0.5, 0.25];

/**
 * Plans the place from the current grasp: the TCP's height above the object's base is measured from the
 * snapshot, so a grasp that slipped a little is still released at the right height.
 */
export function planPlace(
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
  carryStartZM?: number,
  heldWidthM?: number,
): Waypoint[] {
  const destination = call.destination;
  if (!destination) throw new Error('place: no destination');
  const container = ctx.objects.get(destination);
  const cpose = ctx.poses.get(destination);
  const held = ctx.poses.get(call.target);
  if (!container?.built.container || !cpose || !held)
    throw new Error(`place: "${destination}" is not a container`);
  const heldObject = ctx.objects.get(call.target);
  const heldWidth = heldWidthM ?? heldObject?.built.grasp?.widthM ?? ctx.gripper.strokeM;
  const open = Math.min(ctx.gripper.strokeM, heldWidth + 2 * p.releaseMarginM);
  const spot = dropSpot(ctx, destination, call.target, open / 2 + ctx.gripper.fingerThicknessM);
  // Labware may land in any yaw (the drop spot leaves room for its whole footprint circle), so carry it
  // with the hand at the comfortable yaw over the spot: the wrist then never runs into a joint limit.
  // A leaning arm instead swings its whole lean round to face the spot (the held object stays tilted).
  const mat =
    ctx.toolPitchRad > 0
      ? turnAboutVertical(ctx.tcp.mat, leanHeading(ctx, spot) - leanHeading(ctx, ctx.tcp.posM))
      : topDownFrameAtYaw(neutralYaw(ctx, spot), 0);
  const hangBelow = (tcpMat: readonly number[]) => hanging(ctx.tcp, held, heldObject?.built, tcpMat);
  const carried = hangBelow(mat);
  const obstacleTop = Math.max(tallestObstacleZ(ctx, call.target), cpose.posM[2] + container.built.heightM);
  const carryZ = Math.max(
    obstacleTop + p.carryClearanceM + carried.tcpAboveLowestM,
    carryStartZM ?? ctx.tcp.posM[2],
  );
  const above: Vec3 = [spot[0] - carried.hangM[0], spot[1] - carried.hangM[1], carryZ];
  const releaseAt = (tcpMat: number[]) => {
    const released = hangBelow(tcpMat);
    const z = spot[2] + p.releaseHeightM + released.tcpAboveLowestM;
    return { mat: tcpMat, posM: [spot[0] - released.hangM[0], spot[1] - released.hangM[1], z] as Vec3 };
  };
  // A leaning arm straightens the hand while lowering, as far as it comfortably can, so the held object
  // lands close to level, the way it was picked up.
  let chosen = releaseAt(mat);
  if (ctx.toolPitchRad > 0) {
    const turned = matMul(matMul(mat, matTranspose(ctx.tcp.mat)), held.mat);
    const levelled = matMul(quatToMat(quatBetween(matColumn(turned, 2), [0, 0, 1])), mat);
    for (const share of LEVELLING_SHARES) {
      const candidate = releaseAt(matSlerp(mat, levelled, share));
      if (!ctx.canReach || ctx.canReach(candidate.posM, candidate.mat)) {
        chosen = candidate;
        break;
      }
    }
  }
  const releaseMat = chosen.mat;
  const release = chosen.posM;
  const releaseZ = release[2];
  return [
    { phase: 'carry', posM: above, mat, gripperOpeningM: 0, minDurationS: 1.0, holdS: 0.1 },
    { phase: 'release', posM: release, mat: releaseMat, gripperOpeningM: 0, minDurationS: 0.6, holdS: 0.1 },
    {
      phase: 'release',
      posM: release,
      mat: releaseMat,
      gripperOpeningM: open,
      minDurationS: 0.3,
      holdS: p.releaseHoldS,
    },
    {
      phase: 'retreat',
      posM: [release[0], release[1], Math.max(releaseZ + p.retreatHeightM, carryZ)],
      mat,
      gripperOpeningM: open,
      minDurationS: 0.6,
      holdS: 0,
    },
  ];
}

/**
 * Where a held object hangs below the TCP once the hand turns from `tcp` to `tcpMat`: the offset of its base
 * (its footprint centre goes over the spot) and the TCP's height above its lowest corner, which sits below
 * its base when it is tilted.
 */
function hanging(
  tcp: { posM: Vec3; mat: number[] },
  held: { posM: Vec3; mat: number[] },
  built: { footprintHalfM: [number, number]; heightM: number } | undefined,
  tcpMat: readonly number[],
): { hangM: Vec3; tcpAboveLowestM: number } {
  const turn = matMul(tcpMat, matTranspose(tcp.mat));
  const hangM = matVec(turn, sub(held.posM, tcp.posM));
  const heldMat = matMul(turn, held.mat);
  const [hx, hy] = built?.footprintHalfM ?? [0, 0];
  let lowestBelowBaseM = 0;
  for (const [cx, cy] of [
    [hx, hy],
    [hx, -hy],
    [-hx, hy],
    [-hx, -hy],
  ] as const)
    for (const z of [0, built?.heightM ?? 0])
      lowestBelowBaseM = Math.min(lowestBelowBaseM, matVec(heldMat, [cx, cy, z])[2]);
  return { hangM, tcpAboveLowestM: -hangM[2] - lowestBelowBaseM };
}

/** `place.in-container`: at the end the object rests inside the container and the gripper has let go. */
export function checkPlaced(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
): CheckResult {
  const predicate = 'place.in-container';
  const container = call.destination ? ctx.objects.get(call.destination) : undefined;
  const cpose = call.destination ? ctx.poses.get(call.destination) : undefined;
  if (!container || !cpose) return { predicate, ok: false, code: 'place.no-container' };
  const after = frames.filter((f) => f.phase === 'retreat' || f.phase === 'settle');
  const inside = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    return o !== undefined && insideContainer(container, cpose, o.posM);
  };
  const ok = heldFor(
    after,
    HOLD_FRAMES,
    (f) =>
      inside(f) && !f.touching.has(call.target) && (f.objects.get(call.target)?.speedMS ?? 1) < p.restSpeedMS,
  );
  if (ok) return { predicate, ok };
  const last = after[after.length - 1] ?? frames[frames.length - 1];
  let code = 'place.not-at-rest';
  if (last && !inside(last)) code = 'place.outside-container';
  else if (last?.touching.has(call.target)) code = 'place.still-held';
  const speed = last?.objects.get(call.target)?.speedMS;
  const detail =
    code === 'place.not-at-rest' && speed !== undefined
      ? `still moving at ${(speed * 100).toFixed(1)} cm/s when the episode ended`
      : undefined;
  return { predicate, ok, code, ...(detail ? { detail } : {}) };
}

export const place: Skill<PlaceParams> = {
  id: 'place',
  version: 1,
  verbs: ['place', 'put', 'drop', 'deposit', 'move'],
  needsDestination: true,
  defaults: placeDefaults,
  doc: {
    description: 'Carry the held object above a container, lower it inside, open the gripper and withdraw.',
    parameters: {
      carryClearanceM: "clearance of the object's bottom over the tallest obstacle while carrying",
      releaseHeightM: "height of the object's bottom above the container floor at release",
      restSpeedMS: 'speed below which the released object counts as at rest',
    },
    success: [
      `place.in-container: for ${HOLD_FRAMES} consecutive frames after release the object rests inside the container, untouched by the gripper`,
    ],
    failureCodes: {
      'place.outside-container': 'the object ended outside the container',
      'place.still-held': 'the gripper was still touching the object',
      'place.not-at-rest': 'the object kept moving',
    },
  },
  plan: (ctx, call, p) => planPlace(ctx, call, p),
  check: (frames, ctx, call, p) => [checkPlaced(frames, ctx, call, p)],
};
