// Skill `open-drawer`: pinch a drawer's handle from the front, pull it out along its slide, let go and withdraw.
import type { Vec3 } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import { column, placedPartPositions, placedPose } from '../instrument-frames.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  type Motion,
  type PlanResult,
  planned,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
} from '../skill.js';
import { along, drawerOf, handlePoses, type LocatedDrawer, locateDrawer, yawCandidates } from './drawer.js';

export const openDrawerDefaults = {
  /** The pull ends with the drawer out this share of its travel (success needs 80 %). */
  targetFraction: 0.9,
  /** Share of the travel the drawer must stand out at the end. */
  openFraction: 0.8,
  /** Where the hand lines up in front of the handle before moving in, along the approach. */
  approachDistanceM: 0.08,
  /** Extra opening of the fingers beyond the handle's height, each side. */
  openMarginM: 0.012,
  /** Time the closed fingers squeeze the handle before the pull. */
  graspHoldS: 0.4,
  /** Average speed of the pull along the slide. */
  pullSpeedMS: 0.08,
  /** Time the opened fingers stay before withdrawing (the drawer comes to rest). */
  releaseHoldS: 0.3,
  /**
   * After letting go the hand backs off this far along its approach (the fingertips clear the handle), then rises:
   * short, since the pulled-out handle is near the arm's base (backing off 8 cm and rising 10 cm drove a Piper's
   * and a Z1's wrist onto a joint limit).
   */
  backOffM: 0.045,
  clearRiseM: 0.05,
  /** Least duration of the reach to the front of the handle. */
  reachDurationS: 2.0,
  /** Least duration of turning the hand to the front where it starts. */
  turnDurationS: 1.2,
  /**
   * The hand is pitched down this much about the handle's long axis (measured over 16 robots x 2 seeds: level
   * 20/32, 0.15 rad 22/32, 0.35 rad 26/32: a level hand put the wrist links of the UR arms onto the bench).
   */
  pitchRad: 0.35,
  /** Step between the approach yaws tried about the vertical when the arm cannot take the first. */
  yawStepRad: 0.25,
  /** Largest yaw of the approach from straight in (the fingertips swing towards the drawer front). */
  maxYawRad: 0.6,
  /** Room the fingertips keep from the drawer front behind the handle. */
  fingertipClearanceM: 0.003,
};
export type OpenDrawerParams = typeof openDrawerDefaults;

/** The hand's way in to a handle: turned where it starts when it can, carried in front, then in to the grasp. */
export function reachHandle(
  ctx: SkillContext,
  grasp: Vec3,
  mat: number[],
  p: { approachDistanceM: number; reachDurationS: number; turnDurationS: number },
  openingM: number,
): Motion[] {
  const front = along(grasp, column(mat, 2), -p.approachDistanceM);
  const turnInPlace = !ctx.canReach || ctx.canReach(ctx.tcp.posM, mat);
  return [
    ...(turnInPlace
      ? [
          {
            phase: 'reach' as const,
            posM: ctx.tcp.posM,
            mat,
            gripperOpeningM: openingM,
            minDurationS: p.turnDurationS,
            holdS: 0,
          },
        ]
      : []),
    {
      phase: 'reach',
      posM: front,
      mat,
      gripperOpeningM: openingM,
      minDurationS: p.reachDurationS,
      holdS: 0.1,
    },
  ];
}

/**
 * The first candidate the arm takes at every one of its `stops`; when none passes, the first (the reach test
 * solves IK from the arm's start, far from a front-facing pose, and can miss what the arm reaches by following
 * its path: the rollout's own IK check judges it).
 */
export function choosePose<T extends { mat: number[] }>(
  ctx: SkillContext,
  candidates: readonly T[],
  stops: (c: T) => Vec3[],
): T | undefined {
  const fits = (c: T) => !ctx.canReach || stops(c).every((x) => ctx.canReach?.(x, c.mat));
  return candidates.find(fits) ?? candidates[0];
}

export function planOpenDrawer(ctx: SkillContext, call: SkillCall, p: OpenDrawerParams): PlanResult {
  const object = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  const d =
    object && pose ? locateDrawer(object, pose, ctx.partPositions.get(call.target), call.part) : undefined;
  if (!d)
    return {
      ok: false,
      code: 'open-drawer.no-drawer',
      detail: `"${call.target}" has no drawer with a handle${call.part ? ` named "${call.part}"` : ''}`,
    };
  const pullM = Math.max(0, d.rangeM[0] + p.targetFraction * (d.rangeM[1] - d.rangeM[0]) - d.extensionM);
  const open = Math.min(ctx.gripper.strokeM, 2 * d.handleHalfWidthM + 2 * p.openMarginM);
  const candidates = handlePoses(
    d,
    yawCandidates(0, p.yawStepRad, p.maxYawRad),
    p.pitchRad,
    ctx.gripper,
    open,
    p.fingertipClearanceM,
  );
  const chosen = choosePose(ctx, candidates, (c) => [
    along(c.posM, column(c.mat, 2), -p.approachDistanceM),
    c.posM,
    along(c.posM, d.slideAxis, pullM),
  ]);
  if (!chosen) return { ok: false, code: 'open-drawer.no-drawer', detail: 'no hand pose for the handle' };
  const { mat, posM: grasp } = chosen;
  const pulled = along(grasp, d.slideAxis, pullM);
  const back = along(pulled, column(mat, 2), -p.backOffM);
  return planned([
    ...reachHandle(ctx, grasp, mat, p, open),
    { phase: 'pregrasp', posM: grasp, mat, gripperOpeningM: open, minDurationS: 0.8, holdS: 0.1 },
    { phase: 'grasp', posM: grasp, mat, gripperOpeningM: 0, minDurationS: 0.4, holdS: p.graspHoldS },
    // Straight out along the slide as the asset's joint axis runs, so the stiff arm follows the runners.
    {
      phase: 'open',
      posM: pulled,
      mat,
      gripperOpeningM: 0,
      minDurationS: pullM / p.pullSpeedMS,
      holdS: 0.2,
    },
    { phase: 'release', posM: pulled, mat, gripperOpeningM: open, minDurationS: 0.4, holdS: p.releaseHoldS },
    { phase: 'retreat', posM: back, mat, gripperOpeningM: open, minDurationS: 0.8, holdS: 0 },
    {
      phase: 'retreat',
      posM: [back[0], back[1], back[2] + p.clearRiseM],
      mat,
      gripperOpeningM: open,
      minDurationS: 0.8,
      holdS: 0,
    },
  ]);
}

export function checkOpenDrawer(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: OpenDrawerParams,
): CheckResult[] {
  const object = ctx.objects.get(call.target);
  const d = object ? drawerOf(object, call.part) : undefined;
  if (!d) return [{ predicate: 'open-drawer.open', ok: false, code: 'open-drawer.no-drawer' }];
  const [lo, hi] = d.part.joint.range;
  const needM = lo + p.openFraction * (hi - lo);
  const ext = (f: FrameObservation) => Number(f.partStates.get(call.target)?.[d.state.name] ?? 0);
  const graspEnd = [...frames].reverse().find((f) => f.phase === 'grasp');
  const grasped: CheckResult =
    graspEnd && graspEnd.touching.has(call.target)
      ? { predicate: 'open-drawer.grasped', ok: true }
      : {
          predicate: 'open-drawer.grasped',
          ok: false,
          code: 'open-drawer.no-contact',
          detail: 'the fingers closed without touching the handle',
        };
  const last = frames.slice(-HOLD_FRAMES);
  const finalM = last.length > 0 ? Math.min(...last.map(ext)) : 0;
  const released = last.every((f) => !f.touching.has(call.target));
  const ok = last.length === HOLD_FRAMES && finalM >= needM && released;
  return [
    grasped,
    ok
      ? { predicate: 'open-drawer.open', ok, metrics: { drawerExtensionM: finalM } }
      : {
          predicate: 'open-drawer.open',
          ok,
          code: released ? 'open-drawer.not-open' : 'open-drawer.still-held',
          detail: released
            ? `the drawer stands out ${(finalM * 1000).toFixed(0)} mm after letting go, less than ${(needM * 1000).toFixed(0)} mm (80 % of its travel)`
            : 'the hand still touches the cabinet on the last frames',
          metrics: { drawerExtensionM: finalM },
        },
  ];
}

/** The grasp in front of the handle, the handle, and the handle pulled out, as laid out in the scene. */
export function drawerReachTargets(
  object: PlacedObject,
  call: SkillCall,
  p: { approachDistanceM: number; fingertipClearanceM: number; pitchRad: number; openMarginM: number },
  endFraction: number,
): ReachTarget[] {
  const d: LocatedDrawer | undefined = locateDrawer(
    object,
    placedPose(object),
    placedPartPositions(object),
    call.part,
  );
  if (!d) return [];
  // Straight in, in the planner's first finger turn.
  const pose = handlePoses(
    d,
    [0],
    p.pitchRad,
    TYPICAL_GRIPPER,
    2 * d.handleHalfWidthM + 2 * p.openMarginM,
    p.fingertipClearanceM,
  )[0];
  if (!pose) return [];
  const endM = along(
    pose.posM,
    d.slideAxis,
    d.rangeM[0] + endFraction * (d.rangeM[1] - d.rangeM[0]) - d.extensionM,
  );
  const label = `${d.part} handle of ${object.id}`;
  return [
    {
      label: `in front of the ${label}`,
      posM: along(pose.posM, d.approach, -p.approachDistanceM),
      mat: pose.mat,
    },
    { label: `grasp the ${label}`, posM: pose.posM, mat: pose.mat },
    { label: `${label} at ${Math.round(endFraction * 100)} % of its travel`, posM: endM, mat: pose.mat },
  ];
}

/** Placement does not know the gripper: fingers as most profiles have them (tips 11 mm beyond the TCP, 11 mm deep). */
const TYPICAL_GRIPPER = { fingertipBelowTcpM: 0.011, fingertipHalfDepthM: 0.011, fingerThicknessM: 0.016 };

export const openDrawerFailureCodes: Record<string, string> = {
  'open-drawer.no-drawer': 'the target has no drawer with a handle (planned, never simulated)',
  'open-drawer.no-contact': 'the fingers closed without touching the handle',
  'open-drawer.not-open': 'after letting go the drawer stands out less than 80 % of its travel',
  'open-drawer.still-held': 'the hand still touched the cabinet on the last frames',
};

export const openDrawer: Skill<OpenDrawerParams> = {
  id: 'open-drawer',
  version: 1,
  defaults: openDrawerDefaults,
  doc: {
    description:
      "Turn the hand to face the drawer's handle, pinch it top and bottom from the front, pull it straight out along the slide axis taken from the asset's joint (transformed by the cabinet's pose) to 90 % of its travel, open the fingers and withdraw, then rise clear.",
    parameters: {
      targetFraction: 'share of the travel the pull ends at',
      openFraction: 'share of the travel the drawer must stand out at the end (80 %)',
      approachDistanceM: 'distance in front of the handle where the hand lines up',
      openMarginM: "extra opening of the fingers beyond the handle's height, each side",
      graspHoldS: 'time the closed fingers squeeze the handle before the pull',
      pullSpeedMS: 'average speed of the pull along the slide',
      releaseHoldS: 'time the opened fingers stay before withdrawing',
      backOffM: 'how far the hand backs off along its approach after letting go',
      clearRiseM: 'how far the hand rises after backing off',
      reachDurationS: 'least duration of the reach to the front of the handle',
      turnDurationS: 'least duration of turning the hand to the front where it starts',
      pitchRad: "the hand's pitch down about the handle's long axis",
      yawStepRad: 'step between the approach yaws tried about the vertical',
      maxYawRad: 'largest yaw of the approach from straight in',
      fingertipClearanceM: 'room the open fingertips keep from the drawer front behind the handle',
    },
    success: [
      'open-drawer.grasped: at the end of the grasp the fingers touch the handle',
      `open-drawer.open: on the skill's last ${HOLD_FRAMES} frames (after letting go, the withdrawal and the settle) the drawer's extension (drawerExtensionM) is at least 80 % of its travel and the hand touches nothing of the cabinet`,
    ],
    failureCodes: openDrawerFailureCodes,
  },
  plan: (ctx, call, p) => planOpenDrawer(ctx, call, p),
  check: (frames, ctx, call, p) => checkOpenDrawer(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o ? drawerReachTargets(o, call, p, p.targetFraction) : [];
  },
};
