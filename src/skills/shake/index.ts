// Skill `shake`: take a vessel from the side, lift it, shake it to and fro along the hand's approach, and stand it
// back where it stood. A filled vessel must be closed (a stoppered bottle): an open one would throw its liquid out.
import { add, scale, type Vec3 } from '../../motion/math3d.js';
import { bodyRadiusM, tiltFromUpright } from '../grasp-geometry.js';
import { planSideTake, pourDefaults, pourParamDocs } from '../pour/index.js';
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
import { ridersOf, seatHolding } from '../stopper-seat.js';

export const shakeDefaults = {
  ...pourDefaults,
  /** Commanded half stroke of the shake (the check asks for 2 cm measured on the vessel). */
  amplitudeM: 0.03,
  cycles: 3,
  /** Time of one full cycle (to and fro). */
  cycleS: 0.8,
  /** Measured on the vessel: at least this far each side of its mean, this many full cycles. */
  minAmplitudeM: 0.02,
  minCycles: 2,
  /** The lowering back onto the bench aims this far below touching down; the guard stops it on contact. */
  pressM: 0.01,
  lowerSpeedMS: 0.08,
  retreatM: 0.08,
  settleS: 0.6,
  maxTiltAtRestRad: 0.17,
};
export type ShakeParams = typeof shakeDefaults;

type Pose = { posM: Vec3; mat: number[] };

function planShake(ctx: SkillContext, call: SkillCall, p: ShakeParams): PlanResult {
  const vessel = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  if (!vessel || !pose)
    return { ok: false, code: 'shake.no-target', detail: `${call.target} is not in the scene` };
  // Open and filled: the shake would throw the liquid out (refused before any simulation).
  const stoppered = ridersOf(ctx.objects, ctx.poses, call.target).length > 0;
  if (vessel.liquid && (vessel.liquid.particles ?? 0) > 0 && !stoppered)
    return {
      ok: false,
      code: 'shake.open-vessel',
      detail: `${call.target} holds liquid and nothing closes it: a shake would throw the liquid out`,
    };
  const widthM = 2 * bodyRadiusM(vessel);
  if (widthM + 2 * p.minOpenMarginM > ctx.gripper.strokeM)
    return {
      ok: false,
      code: 'shake.too-wide',
      detail: `${call.target} is ${(widthM * 1000).toFixed(0)} mm across; the hand opens ${(ctx.gripper.strokeM * 1000).toFixed(0)} mm`,
    };
  if (tiltFromUpright(pose.mat) > p.maxUprightTiltRad)
    return { ok: false, code: 'shake.not-upright', detail: `${call.target} does not stand upright` };
  const openM = Math.min(ctx.gripper.strokeM, widthM + 2 * p.openMarginM);
  const axisOf = (mat: number[]): Vec3 => {
    const h = Math.hypot(mat[2] as number, mat[5] as number) || 1;
    return [(mat[2] as number) / h, (mat[5] as number) / h, 0];
  };
  return planSideTake(ctx, call, p, vessel, pose, openM, {
    after: (g) => {
      const up = add(g.grasp, [0, 0, p.liftHeightM]);
      const a = axisOf(g.mat);
      return {
        poses: [
          { posM: add(up, scale(a, p.amplitudeM)), mat: g.mat },
          { posM: add(up, scale(a, -p.amplitudeM)), mat: g.mat },
        ],
      };
    },
    next: (now, _way, startZM) => shakeStage(now, call, p, startZM, pose, openM),
    unreachableCode: 'shake.unreachable',
    purpose: 'and shake it',
  });
}

/** From the vessel as it hangs in the hand: to and fro along the approach, then back down where it stood. */
function shakeStage(
  ctx: SkillContext,
  call: SkillCall,
  p: ShakeParams,
  startZM: number,
  stood: Pose,
  openM: number,
): PlanResult {
  const now = ctx.poses.get(call.target);
  if (!now || now.posM[2] - startZM < p.liftedThresholdM)
    return {
      ok: false,
      code: 'shake.not-lifted',
      detail: `${call.target} did not rise with the hand: not in it, no shake planned`,
    };
  const mat = ctx.tcp.mat;
  const h = Math.hypot(mat[2] as number, mat[5] as number) || 1;
  const axis: Vec3 = [(mat[2] as number) / h, (mat[5] as number) / h, 0];
  const centre = ctx.tcp.posM;
  const strokes: Waypoint[] = [];
  for (let k = 0; k < p.cycles; k++) {
    strokes.push(
      poseMotion(
        'shake',
        { posM: add(centre, scale(axis, p.amplitudeM)), mat },
        0,
        p.cycleS / (k === 0 ? 4 : 2),
      ),
    );
    strokes.push(
      poseMotion('shake', { posM: add(centre, scale(axis, -p.amplitudeM)), mat }, 0, p.cycleS / 2),
    );
  }
  strokes.push(poseMotion('shake', { posM: centre, mat }, 0, p.cycleS / 4, 0.2));
  // Back down where it stood, by the hand's offset to it now.
  const offset: Vec3 = [centre[0] - now.posM[0], centre[1] - now.posM[1], centre[2] - now.posM[2]];
  const down: Pose = {
    posM: [stood.posM[0] + offset[0], stood.posM[1] + offset[1], stood.posM[2] + offset[2] - p.pressM],
    mat,
  };
  const over: Pose = { posM: [down.posM[0], down.posM[1], centre[2]], mat };
  const approach: Vec3 = [mat[2] as number, mat[5] as number, mat[8] as number];
  const back: Pose = { posM: add(down.posM, scale(approach, -p.retreatM)), mat };
  const away: Pose = { posM: add(back.posM, [0, 0, p.retreatM]), mat };
  const dropM = centre[2] - down.posM[2];
  const riders = ridersOf(ctx.objects, ctx.poses, call.target);
  return {
    ok: true,
    motions: [
      ...strokes,
      poseMotion('carry', over, 0, 0.6),
      {
        ...poseMotion('release', down, 0, Math.max(0.5, dropM / p.lowerSpeedMS), 0.1),
        guard: { kind: 'contact', object: call.target, riders },
      },
      { ...poseMotion('release', down, openM, 0.4, 0.3), atGuardStop: true },
      poseMotion('retreat', back, openM, 0.6),
      poseMotion('retreat', away, openM, 0.5),
      poseMotion('settle', away, openM, 0.1, p.settleS),
    ],
  };
}

/**
 * Full cycles of a to-and-fro signal about its mean: from the first swing past the amplitude on one side, over to
 * the other side and back (a sine of three periods starting at its mean makes two and a half: counted as two).
 */
export function fullCycles(xs: readonly number[], amplitudeM: number): number {
  if (xs.length === 0) return 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  let side = 0;
  let swings = 0;
  for (const x of xs) {
    const d = x - mean;
    const now = d >= amplitudeM ? 1 : d <= -amplitudeM ? -1 : 0;
    if (now !== 0 && now !== side) {
      if (side !== 0) swings++;
      side = now;
    }
  }
  return Math.floor(swings / 2);
}

function checkShake(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: ShakeParams,
): CheckResult[] {
  const shaking = frames.filter((f) => f.phase === 'shake');
  const at = shaking.flatMap((f) => {
    const o = f.objects.get(call.target);
    return o ? [o.posM] : [];
  });
  // The shake axis from the vessel's own path: the horizontal direction it moved along most (principal axis).
  const mx = at.reduce((s, q) => s + q[0], 0) / Math.max(at.length, 1);
  const my = at.reduce((s, q) => s + q[1], 0) / Math.max(at.length, 1);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const q of at) {
    sxx += (q[0] - mx) ** 2;
    sxy += (q[0] - mx) * (q[1] - my);
    syy += (q[1] - my) ** 2;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const along = at.map((q) => (q[0] - mx) * Math.cos(angle) + (q[1] - my) * Math.sin(angle));
  const cycles = fullCycles(along, p.minAmplitudeM);
  const amplitudeM = along.length ? (Math.max(...along) - Math.min(...along)) / 2 : 0;
  const metrics = { cycles, amplitudeM };
  const out: CheckResult[] = [];
  out.push(
    cycles >= p.minCycles
      ? { predicate: 'shake.shaken', ok: true, metrics }
      : {
          predicate: 'shake.shaken',
          ok: false,
          code: 'shake.too-little',
          detail: `${call.target} went through ${cycles} full cycles of at least ${p.minAmplitudeM * 100} cm each side (at least ${p.minCycles}; it moved ${(amplitudeM * 100).toFixed(1)} cm each side at most)`,
          metrics,
        },
  );
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first?.liquid && last?.liquid) {
    const before = first.liquid.byContainer[call.target] ?? 0;
    const after = last.liquid.byContainer[call.target] ?? 0;
    out.push(
      after >= before
        ? { predicate: 'shake.kept', ok: true, metrics: { lostParticles: 0 } }
        : {
            predicate: 'shake.kept',
            ok: false,
            code: 'shake.lost-liquid',
            detail: `${before - after} of ${before} particles left ${call.target}`,
            metrics: { lostParticles: before - after },
          },
    );
  }
  // A stopper that closed the vessel still closes it.
  const riders = ridersOf(ctx.objects, ctx.poses, call.target);
  if (riders.length > 0 && last) {
    const poses = new Map<string, { posM: Vec3; mat: number[] }>(
      [...last.objects].map(([id, o]) => [id, { posM: o.posM, mat: [...o.mat] }]),
    );
    const loose = riders.filter((id) => seatHolding(ctx.objects, poses, id)?.holderId !== call.target);
    out.push(
      loose.length === 0
        ? { predicate: 'shake.still-closed', ok: true }
        : {
            predicate: 'shake.still-closed',
            ok: false,
            code: 'shake.stopper-loose',
            detail: `${loose.join(', ')} no longer seated in ${call.target}`,
          },
    );
  }
  const standing = (f: FrameObservation) => {
    const o = f.objects.get(call.target);
    return (
      o !== undefined &&
      !f.touching.has(call.target) &&
      tiltFromUpright(o.mat) <= p.maxTiltAtRestRad &&
      o.posM[2] - ctx.benchTopZM <= 0.005
    );
  };
  const after = frames.filter((f) => f.phase === 'retreat' || f.phase === 'settle');
  out.push(
    heldFor(after, HOLD_FRAMES, standing) && last && standing(last)
      ? { predicate: 'shake.set-back', ok: true }
      : {
          predicate: 'shake.set-back',
          ok: false,
          code: last?.touching.has(call.target) ? 'shake.still-held' : 'shake.not-set-back',
          detail: `${call.target} does not end standing on the bench, let go`,
        },
  );
  return out;
}

export const shakeFailureCodes: Record<string, string> = {
  'shake.no-target': 'the vessel is not in the scene (planned, never simulated)',
  'shake.open-vessel': 'the vessel holds liquid and nothing closes it (planned, never simulated)',
  'shake.too-wide': 'the vessel is wider than the hand opens (planned, never simulated)',
  'shake.not-upright': 'the vessel does not stand upright (planned, never simulated)',
  'shake.unreachable':
    'no side grasp and shake the arm reaches with its path clear (planned, never simulated)',
  'shake.not-lifted': 'the vessel did not rise with the hand (no shake planned)',
  'shake.too-little': 'fewer than two full cycles of at least 2 cm each side, measured on the vessel',
  'shake.lost-liquid': 'particles left the vessel during the shake',
  'shake.stopper-loose': 'the stopper that closed the vessel is no longer seated at the end',
  'shake.not-set-back': 'the vessel does not end standing on the bench',
  'shake.still-held': 'the vessel is still in the hand at the end',
};

export const shakeParamDocs: Record<keyof ShakeParams, string> = {
  ...pourParamDocs,
  amplitudeM: 'commanded half stroke of the shake',
  cycles: 'full cycles commanded',
  cycleS: 'time of one full cycle',
  minAmplitudeM: 'measured half stroke each side of the mean that counts (2 cm)',
  minCycles: 'full cycles that count as shaken (2)',
  pressM: 'how far below touching down the lowering aims (the guard stops it on contact)',
  lowerSpeedMS: 'speed of the lowering back onto the bench',
  retreatM: 'how far the open hand backs out along its approach, then rises',
  settleS: 'time held still at the end',
  maxTiltAtRestRad: 'tilt within which the vessel counts as standing again',
};

export const shake: Skill<ShakeParams> = {
  id: 'shake',
  version: 1,
  defaults: shakeDefaults,
  doc: {
    description:
      'Take a closed (or empty) vessel from the side, lift it, shake it to and fro along the hand, and stand it back where it stood.',
    parameters: shakeParamDocs,
    success: [
      "shake.shaken: the vessel's own path goes through at least two full cycles of at least 2 cm each side of its mean, along the axis it moved along most",
      'shake.kept: no particle leaves the vessel',
      'shake.still-closed: a stopper that closed it is still seated at the end',
      `shake.set-back: for ${HOLD_FRAMES} consecutive frames after letting go, and on the last frame, it stands on the bench, free of the hand`,
    ],
    failureCodes: shakeFailureCodes,
  },
  plan: (ctx, call, p) => planShake(ctx, call, p),
  check: (frames, ctx, call, p) => checkShake(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o
      ? [
          {
            label: `grasp ${call.target}`,
            posM: add(o.posM, [0, 0, p.graspHeightFraction * (o.built.fillBox?.maxM[2] ?? o.built.heightM)]),
          },
        ]
      : [];
  },
};
