// Skill `stir`: take the glass rod from the bench, stand it upright in the hand over the vessel, lower its tip into
// the liquid, circle it round the vessel's axis, lift it out and lay it back where it lay.
import { add, matMul, matTranspose, matVec, rotationAngle, type Vec3 } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import { innerRadiusM, stayedPut, tallestObstacleZ } from '../grasp-geometry.js';
import { type PickParams, pickDefaults, pickParamDocs, planPick } from '../pick/index.js';
import { graspTargets } from '../pick/reach.js';
import { headingFrom, rotationAbout, sideGraspFrame, turnPose } from '../pour/side-grasp.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  type PlanResult,
  type Skill,
  type SkillCall,
  type SkillContext,
  type Waypoint,
  poseMotion,
} from '../skill.js';

const DEG = Math.PI / 180;

export const stirDefaults = {
  ...pickDefaults,
  /** A 6 mm rod lying on the bench is pinched below its centre line only with the fingertips this low. */
  fingertipClearanceM: 0.0012,
  /** The rod's tip circles this high above the vessel's floor. */
  tipAboveFloorM: 0.015,
  /** And this far inside its inner wall. */
  wallClearanceM: 0.012,
  revolutions: 2.5,
  /** The tip stands this high above the bench before the rod is tipped over it. */
  tipAboveBenchM: 0.006,
  /** Time to tip the rod over its tip to lie on the bench. */
  turnS: 2.0,
  revolutionS: 2.0,
  /** Points per revolution of the circle the hand follows. */
  circlePoints: 16,
  /** Room between the rod's tip and the rim as it comes in and goes out. */
  rimClearanceM: 0.03,
  carryClearanceM: 0.04,
  retreatM: 0.08,
  settleS: 0.5,
  minRevolutions: 2,
  maxVesselShiftM: 0.01,
  maxVesselTiltRad: 10 * DEG,
  /** The rod counts as lying on the bench when its axis is this close to level and it is this low. */
  maxRodAboveBenchM: 0.004,
};
export type StirParams = typeof stirDefaults;

type Pose = { posM: Vec3; mat: number[] };

/** The rod's two ends (world), from its pose: along its own x axis, through the middle of the capsule. */
function rodEnds(rod: PlacedObject, pose: { posM: Vec3; mat: readonly number[] }): [Vec3, Vec3] {
  const half = rod.built.footprintHalfM[0];
  const r = rod.built.heightM / 2;
  const m = pose.mat;
  const x: Vec3 = [m[0] as number, m[3] as number, m[6] as number];
  const centre = add(pose.posM, matVec(m, [0, 0, r]));
  return [add(centre, x.map((v) => v * half) as Vec3), add(centre, x.map((v) => -v * half) as Vec3)];
}

/** The lower end of the rod. */
export function rodTip(rod: PlacedObject, pose: { posM: Vec3; mat: readonly number[] }): Vec3 {
  const [a, b] = rodEnds(rod, pose);
  return a[2] <= b[2] ? a : b;
}

function planStir(ctx: SkillContext, call: SkillCall, p: StirParams): PlanResult {
  const vessel = call.destination === undefined ? undefined : ctx.objects.get(call.destination);
  if (!vessel?.built.container)
    return {
      ok: false,
      code: 'stir.no-vessel',
      detail: `${call.destination ?? 'nothing'} holds nothing to stir`,
    };
  if (vessel.built.mouth)
    return {
      ok: false,
      code: 'stir.narrow-mouth',
      detail: `the rod cannot circle in the neck of ${call.destination}`,
    };
  const pick = planPick(ctx, call, p as PickParams);
  if (!pick.ok) return pick;
  const grasp = pick.waypoints.find((w) => w.phase === 'grasp') as Waypoint & { posM: Vec3 };
  return {
    ok: true,
    motions: pick.waypoints,
    next: (lifted) => stirStage(lifted, call, p, { posM: grasp.posM, mat: grasp.mat }),
  };
}

/** From the rod as it really hangs in the hand: upright over the vessel, in, round, out, laid back down. */
function stirStage(
  ctx: SkillContext,
  call: SkillCall,
  p: StirParams,
  pickedAt: Pose,
  final = false,
): PlanResult {
  const rod = ctx.objects.get(call.target);
  const rodPose = ctx.poses.get(call.target);
  const vessel = ctx.objects.get(call.destination ?? '');
  const vesselPose = ctx.poses.get(call.destination ?? '');
  if (!rod || !rodPose || !vessel || !vesselPose)
    return { ok: false, code: 'stir.no-vessel', detail: 'the rod or the vessel left the scene' };
  const startZ = ctx.benchTopZM;
  if (rodPose.posM[2] - startZ < p.liftedThresholdM / 2)
    return { ok: false, code: 'stir.not-lifted', detail: `${call.target} did not come up with the hand` };
  const tcpT = matTranspose(ctx.tcp.mat);
  const hold = {
    posM: matVec(tcpT, rodPose.posM.map((v, i) => v - (ctx.tcp.posM[i] as number)) as Vec3),
    mat: matMul(tcpT, rodPose.mat),
  };
  const floorZ = vesselPose.posM[2] + (vessel.built.container?.minM[2] ?? 0);
  const rimZ = vesselPose.posM[2] + vessel.built.heightM;
  const circleR = Math.max(0, innerRadiusM(vessel) - rod.built.heightM / 2 - p.wallClearanceM);
  // The TCP that puts the rod's lower tip at a point, the hand in orientation H.
  const tcpForTip = (H: number[], tip: Vec3): Pose => {
    const rodMat = matMul(H, hold.mat);
    const probe = rodTip(rod, { posM: [0, 0, 0], mat: rodMat });
    const rodOrigin = tip.map((v, i) => v - (probe[i] as number)) as Vec3;
    return { posM: rodOrigin.map((v, i) => v - (matVec(H, hold.posM)[i] as number)) as Vec3, mat: H };
  };
  const centre = (zM: number): Vec3 => [vesselPose.posM[0], vesselPose.posM[1], zM];
  const around = (H: number[], k: number, n: number): Pose => {
    const a = (2 * Math.PI * k) / n;
    return tcpForTip(H, [
      vesselPose.posM[0] + circleR * Math.cos(a),
      vesselPose.posM[1] + circleR * Math.sin(a),
      floorZ + p.tipAboveFloorM,
    ]);
  };
  // The hand turned so the rod stands upright: its tool level, pointing along a heading from the base, either
  // way up; the turn the arm makes least of, among those whose every pose it reaches.
  const candidates = [0, 30, -30, 60, -60, 90, -90].flatMap((turnDeg) =>
    ([1, -1] as const).map((handUp) => {
      const h = headingFrom(ctx.robotBase.posM, vesselPose.posM);
      const c = Math.cos(turnDeg * DEG);
      const s = Math.sin(turnDeg * DEG);
      return sideGraspFrame([c * h[0] - s * h[1], s * h[0] + c * h[1], 0], handUp);
    }),
  );
  const scored = candidates
    .map((H) => {
      const rodMat = matMul(H, hold.mat);
      const axis: Vec3 = [rodMat[0] as number, rodMat[3] as number, rodMat[6] as number];
      return { H, vertical: Math.abs(axis[2]), turn: rotationAngle(ctx.tcp.mat, H) };
    })
    .filter((c) => c.vertical > Math.cos(15 * DEG))
    .sort((a, b) => a.turn - b.turn);
  const n = p.circlePoints;
  const chosen = scored.find(({ H }) => {
    const poses = [
      tcpForTip(H, centre(floorZ + p.tipAboveFloorM)),
      ...[0, 1, 2, 3].map((k) => around(H, (k * n) / 4, n)),
    ];
    return !ctx.canReach || poses.every((x) => ctx.canReach?.(x.posM, x.mat));
  });
  if (!chosen)
    return {
      ok: false,
      code: 'stir.unreachable',
      detail: `no way of holding ${call.target} upright in ${call.destination} that the arm reaches`,
    };
  const H = chosen.H;
  const top = tallestObstacleZ(ctx, call.target, ctx.tcp.posM, vesselPose.posM, 0.1);
  const inside = tcpForTip(H, centre(floorZ + p.tipAboveFloorM));
  const above = tcpForTip(H, centre(Math.max(rimZ, top) + p.rimClearanceM));
  const lift: Pose = {
    posM: [ctx.tcp.posM[0], ctx.tcp.posM[1], Math.max(ctx.tcp.posM[2], above.posM[2])],
    mat: ctx.tcp.mat,
  };
  const circle: Waypoint[] = [];
  const steps = Math.round(p.revolutions * n);
  circle.push(poseMotion('stir', around(H, 0, n), 0, 0.6, 0.1));
  for (let k = 1; k <= steps; k++) circle.push(poseMotion('stir', around(H, k, n), 0, p.revolutionS / n));
  const halfM = rod.built.footprintHalfM[0];
  const tipHighZ = Math.max(
    tallestObstacleZ(ctx, call.target, vesselPose.posM, pickedAt.posM, halfM + 0.05) + p.carryClearanceM,
    rimZ + p.rimClearanceM,
  );
  // Laid down by tipping it over its own tip: stood upright just above the bench, then turned about the tip by a
  // quarter turn round the fingers' axis, so it comes to lie where it lay. Turned flat in the air it slipped out
  // of the pinch and fell onto the bench.
  const closing: Vec3 = [H[1] as number, H[4] as number, H[7] as number];
  const ways = ([1, -1] as const).map((sign) => {
    const R = rotationAbout(closing, (sign * Math.PI) / 2);
    const falls = matVec(R, [0, 0, 1]);
    return { sign, falls, turn: rotationAngle(matMul(R, H), pickedAt.mat) };
  });
  const way = ways[0]!.turn <= ways[1]!.turn ? ways[0]! : ways[1]!;
  const tipAt: Vec3 = [
    pickedAt.posM[0] - way.falls[0] * halfM,
    pickedAt.posM[1] - way.falls[1] * halfM,
    ctx.benchTopZM + p.tipAboveBenchM,
  ];
  const uprightThere = tcpForTip(H, [tipAt[0], tipAt[1], tipHighZ]);
  const lowThere = tcpForTip(H, tipAt);
  const laid = turnPose(lowThere, tipAt, closing, (way.sign * Math.PI) / 2);
  const away: Pose = { posM: add(laid.posM, [0, 0, p.retreatM]), mat: laid.mat };
  const open = Math.min(ctx.gripper.strokeM, 2 * rod.built.heightM + 0.03);
  if (!final)
    return {
      ok: true,
      motions: [poseMotion('carry', lift, 0, 0.5), poseMotion('carry', above, 0, 1.2, 0.3)],
      // Lined up again from where the rod really hangs over the vessel: turning it upright on the way shifts it in
      // the pinch, and its tip came down 2 cm off the axis, into the wall.
      next: (there) => stirStage(there, call, p, pickedAt, true),
    };
  return {
    ok: true,
    motions: [
      poseMotion('carry', above, 0, 0.4, 0.1),
      poseMotion('carry', inside, 0, 1.0, 0.1),
      ...circle,
      poseMotion('stir', inside, 0, 0.4),
      poseMotion('carry', above, 0, 1.0),
      // Carried upright over where it lay, and only there laid flat, slowly: turned on the way it slipped about
      // the fingers' axis and fell the last 13 cm onto the bench.
      poseMotion('carry', uprightThere, 0, 1.2, 0.1),
      poseMotion('carry', tcpForTip(H, add(tipAt, [0, 0, 0.03])), 0, 1.2, 0.1),
      poseMotion('carry', lowThere, 0, 1.0, 0.2),
      {
        kind: 'arc',
        phase: 'release',
        centerM: tipAt,
        axis: closing,
        angleRad: (way.sign * Math.PI) / 2,
        gripperOpeningM: 0,
        minDurationS: p.turnS,
        holdS: 0.2,
      },
      { kind: 'hold', phase: 'release', gripperOpeningM: open, minDurationS: 0.4, holdS: 0.3 },
      poseMotion('retreat', away, open, 0.6),
      poseMotion('settle', away, open, 0.1, p.settleS),
    ],
  };
}

function checkStir(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: StirParams,
): CheckResult[] {
  const rod = ctx.objects.get(call.target);
  const vessel = ctx.objects.get(call.destination ?? '');
  const start = ctx.poses.get(call.destination ?? '');
  if (!rod || !vessel || !start) return [{ predicate: 'stir.turned', ok: false, code: 'stir.no-vessel' }];
  const r = innerRadiusM(vessel);
  // Revolutions of the tip round the vessel's axis while it stays inside, below the rim; a tip that leaves ends
  // the count.
  let turned = 0;
  let best = 0;
  let prev: number | undefined;
  for (const f of frames) {
    if (f.phase !== 'stir') continue;
    const rp = f.objects.get(call.target);
    const vp = f.objects.get(call.destination ?? '');
    if (!rp || !vp) continue;
    const tip = rodTip(rod, rp);
    const dx = tip[0] - vp.posM[0];
    const dy = tip[1] - vp.posM[1];
    const inside =
      Math.hypot(dx, dy) < r &&
      tip[2] > vp.posM[2] + (vessel.built.container?.minM[2] ?? 0) - 0.002 &&
      tip[2] < vp.posM[2] + vessel.built.heightM;
    if (!inside) {
      turned = 0;
      prev = undefined;
      continue;
    }
    const a = Math.atan2(dy, dx);
    if (prev !== undefined) {
      let d = a - prev;
      if (d > Math.PI) d -= 2 * Math.PI;
      if (d < -Math.PI) d += 2 * Math.PI;
      turned += d;
      best = Math.max(best, Math.abs(turned) / (2 * Math.PI));
    }
    prev = a;
  }
  const out: CheckResult[] = [];
  out.push(
    best >= p.minRevolutions
      ? { predicate: 'stir.turned', ok: true, metrics: { revolutions: best } }
      : {
          predicate: 'stir.turned',
          ok: false,
          code: 'stir.too-few-turns',
          detail: `the rod's tip went ${best.toFixed(2)} times round inside ${call.destination} below its rim (at least ${p.minRevolutions})`,
          metrics: { revolutions: best },
        },
  );
  out.push(
    stayedPut(frames, call.destination ?? '', start, p.maxVesselShiftM, p.maxVesselTiltRad)
      ? { predicate: 'stir.vessel-still', ok: true }
      : {
          predicate: 'stir.vessel-still',
          ok: false,
          code: 'stir.vessel-moved',
          detail: `${call.destination} moved more than 1 cm or tipped while stirred`,
        },
  );
  const lying = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    if (!o || f.touching.has(call.target)) return false;
    const [a, b] = rodEnds(rod, o);
    return Math.max(a[2], b[2]) - ctx.benchTopZM <= rod.built.heightM + p.maxRodAboveBenchM;
  };
  const after = frames.filter((f) => f.phase === 'retreat' || f.phase === 'settle');
  const last = frames[frames.length - 1];
  out.push(
    heldFor(after, HOLD_FRAMES, lying) && last && lying(last)
      ? { predicate: 'stir.rod-down', ok: true }
      : {
          predicate: 'stir.rod-down',
          ok: false,
          code: last?.touching.has(call.target) ? 'stir.rod-still-held' : 'stir.rod-not-down',
          detail: `${call.target} does not end lying on the bench, let go`,
        },
  );
  return out;
}

export const stirFailureCodes: Record<string, string> = {
  'stir.no-vessel': 'the destination holds nothing to stir (planned, never simulated)',
  'stir.narrow-mouth': 'the vessel has a narrow neck the rod cannot circle in (planned, never simulated)',
  'stir.unreachable':
    'no way of holding the rod upright in the vessel that the arm reaches (planned, never simulated)',
  'stir.not-lifted': 'the rod did not come up with the hand',
  'pick.not-graspable': 'the rod has no top-down grasp (planned, never simulated)',
  'pick.no-room': 'the open fingers do not fit beside a neighbouring object (planned, never simulated)',
  'stir.too-few-turns': "the rod's tip went round fewer than two times inside the vessel below its rim",
  'stir.vessel-moved': 'the vessel moved more than 1 cm or tipped beyond 10 degrees',
  'stir.rod-not-down': 'the rod does not end lying on the bench',
  'stir.rod-still-held': 'the rod is still in the hand at the end',
};

export const stirParamDocs: Record<keyof StirParams, string> = {
  ...pickParamDocs,
  fingertipClearanceM: 'gap kept between the fingertips and the bench when taking the rod (low: a 6 mm rod)',
  tipAboveFloorM: "height of the rod's tip above the vessel's floor while it circles",
  wallClearanceM: "room between the rod and the vessel's inner wall while it circles",
  revolutions: 'revolutions the hand makes',
  tipAboveBenchM: "height of the rod's tip above the bench before it is tipped over it to lie down",
  turnS: 'time to tip the rod over its tip until it lies on the bench',
  revolutionS: 'time of one revolution',
  circlePoints: 'points per revolution of the circle',
  rimClearanceM: "room between the rod's tip and the rim as it comes in and goes out",
  carryClearanceM: 'room kept above the labware on the way',
  retreatM: 'how far the open hand rises after letting go',
  settleS: 'time held still at the end',
  minRevolutions: 'revolutions of the tip inside the vessel that count as stirred (2)',
  maxVesselShiftM: 'how far the vessel may move (1 cm)',
  maxVesselTiltRad: 'how far the vessel may tilt (10 degrees)',
  maxRodAboveBenchM: 'how high above lying flat the rod may end',
};

export const stir: Skill<StirParams> = {
  id: 'stir',
  version: 1,
  defaults: stirDefaults,
  doc: {
    description:
      'Take the glass rod from the bench, hold it upright over the vessel, lower its tip into the liquid, circle it round the vessel, lift it out and lay it back where it lay, tipped over its own tip.',
    parameters: stirParamDocs,
    success: [
      "stir.turned: the rod's tip goes round the vessel's axis at least two times while it stays inside, below the rim",
      'stir.vessel-still: the vessel never moves more than 1 cm or tilts beyond 10 degrees',
      `stir.rod-down: for ${HOLD_FRAMES} consecutive frames after letting go, and on the last frame, the rod lies on the bench, free of the hand`,
    ],
    failureCodes: stirFailureCodes,
  },
  plan: (ctx, call, p) => planStir(ctx, call, p),
  check: (frames, ctx, call, p) => checkStir(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const rod = objects.get(call.target);
    const vessel = objects.get(call.destination ?? '');
    return [
      ...(rod ? graspTargets(rod, p) : []),
      ...(vessel && rod
        ? [
            {
              label: `stir in ${call.destination}`,
              posM: [
                vessel.posM[0],
                vessel.posM[1],
                vessel.posM[2] + rod.built.footprintHalfM[0] + 0.02,
              ] as Vec3,
            },
          ]
        : []),
    ];
  },
};
