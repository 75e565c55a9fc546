// Skill `close-drawer`: push an open drawer shut along its slide with the closed fingertips on its handle's front
// face, stopping as it closes, then withdraw.
import { add, rotationAngle, scale, type Vec3 } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import { placedPartPositions, placedPose, type RigidPose } from '../instrument-frames.js';
import { along, drawerOf, type LocatedDrawer, locateDrawer } from '../open-drawer/drawer.js';
import { choosePose } from '../open-drawer/index.js';
import { pressPose } from '../press-button/index.js';
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

export const closeDrawerDefaults = {
  /**
   * The hand pushes pitched down this much from the slide axis, its fingertips' upper edge on the handle's front
   * face: a level hand 10 cm over the bench put the UR arms' wrist links onto it (open-drawer measured the same).
   */
  pitchRad: 0.5,
  /** Further pitches tried, this much either side, when the arm cannot take the first. */
  pitchStepRad: 0.25,
  /** Where the hand lines up in front of the handle, out along the slide. */
  approachDistanceM: 0.08,
  /**
   * The reach passes this far above that pose, turned already, before coming down to it: the straight line from
   * home to there passes over the open drawer's side wall (at 6 cm an iiwa's fingers scraped it).
   */
  approachRiseM: 0.12,
  /** The push starts this far out from the handle's face. */
  standoffM: 0.015,
  /** The push stops once the drawer stands out no more than this (the guard on its extension). */
  stopAtExtensionM: 0.002,
  /** Success: the drawer stands out no more than this after the hand has withdrawn (issue: within 5 mm). */
  closedToleranceM: 0.005,
  /** The push aims this far past fully closed, so the guard, not the goal, ends it. */
  overshootM: 0.004,
  /** Average speed of the push. */
  pushSpeedMS: 0.08,
  /** Least duration of the reach to above the approach pose. */
  reachDurationS: 2.0,
  /** Least duration of turning the hand to the front where it starts. */
  turnDurationS: 1.2,
  /** After the push the hand withdraws to the approach pose and rises this far. */
  clearRiseM: 0.05,
};
export type CloseDrawerParams = typeof closeDrawerDefaults;

/** The pitched push poses at the handle's front face, preferred first. */
function pushPoses(
  d: LocatedDrawer,
  p: CloseDrawerParams,
  gripper: { fingertipBelowTcpM: number; fingertipHalfDepthM?: number },
  current: readonly number[],
): RigidPose[] {
  const pitches = [p.pitchRad, p.pitchRad - p.pitchStepRad, p.pitchRad + p.pitchStepRad];
  return pitches.flatMap((pitch) =>
    [false, true]
      .map((flip) => pressPose(d.handleFrontM, d.approach, pitch, flip, gripper))
      .sort((u, v) => rotationAngle(u.mat, current) - rotationAngle(v.mat, current)),
  );
}

export function planCloseDrawer(ctx: SkillContext, call: SkillCall, p: CloseDrawerParams): PlanResult {
  const object = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  const d =
    object && pose ? locateDrawer(object, pose, ctx.partPositions.get(call.target), call.part) : undefined;
  if (!d)
    return {
      ok: false,
      code: 'close-drawer.no-drawer',
      detail: `"${call.target}" has no drawer with a handle${call.part ? ` named "${call.part}"` : ''}`,
    };
  const a = d.approach;
  const out = (x: RigidPose, m: number): Vec3 => add(x.posM, scale(a, -m));
  const rise = (v: Vec3, m: number): Vec3 => [v[0], v[1], v[2] + m];
  // The push runs from the face where it is now to where the face stands with the drawer closed, and a little past.
  const pushM = d.extensionM - d.rangeM[0] + p.overshootM;
  const contact = choosePose(ctx, pushPoses(d, p, ctx.gripper, ctx.tcp.mat), (c) => [
    rise(out(c, p.approachDistanceM), p.approachRiseM),
    out(c, p.approachDistanceM),
    out(c, -pushM),
  ]);
  if (!contact) return { ok: false, code: 'close-drawer.no-drawer', detail: 'no hand pose for the handle' };
  const { mat } = contact;
  const far = out(contact, p.approachDistanceM);
  const closed = out(contact, -pushM);
  const turnInPlace = !ctx.canReach || ctx.canReach(ctx.tcp.posM, mat);
  const motions: Motion[] = [
    ...(turnInPlace
      ? [
          {
            phase: 'reach' as const,
            posM: ctx.tcp.posM,
            mat,
            gripperOpeningM: 0,
            minDurationS: p.turnDurationS,
            holdS: 0,
          },
        ]
      : []),
    {
      phase: 'reach',
      posM: rise(far, p.approachRiseM),
      mat,
      gripperOpeningM: 0,
      minDurationS: p.reachDurationS,
      holdS: 0,
    },
    { phase: 'reach', posM: far, mat, gripperOpeningM: 0, minDurationS: 0.5, holdS: 0.1 },
    {
      phase: 'reach',
      posM: out(contact, p.standoffM),
      mat,
      gripperOpeningM: 0,
      minDurationS: 0.5,
      holdS: 0.1,
    },
    // Along the slide axis from the asset's joint; the drawer's own extension ends the push as it shuts, so the
    // fingertips never drive it onto its stop.
    {
      phase: 'close',
      posM: closed,
      mat,
      gripperOpeningM: 0,
      minDurationS: (pushM + p.standoffM) / p.pushSpeedMS,
      holdS: 0.2,
      guard: { kind: 'state', object: call.target, state: d.stateName, atMost: p.stopAtExtensionM },
    },
  ];
  return {
    ok: true,
    motions,
    // The way back starts from where the push really stopped (the drawer shut at the guard).
    next: (now) => {
      const back = add(now.tcp.posM, scale(a, -p.approachDistanceM));
      return planned([
        { phase: 'retreat', posM: back, mat, gripperOpeningM: 0, minDurationS: 0.8, holdS: 0 },
        {
          phase: 'retreat',
          posM: rise(back, p.clearRiseM),
          mat,
          gripperOpeningM: 0,
          minDurationS: 0.6,
          holdS: 0,
        },
      ]);
    },
  };
}

export function checkCloseDrawer(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: CloseDrawerParams,
): CheckResult[] {
  const object = ctx.objects.get(call.target);
  const d = object ? drawerOf(object, call.part) : undefined;
  if (!d) return [{ predicate: 'close-drawer.closed', ok: false, code: 'close-drawer.no-drawer' }];
  const closedM = d.part.joint.range[0];
  const ext = (f: FrameObservation) => Number(f.partStates.get(call.target)?.[d.state.name] ?? Infinity);
  const last = frames.slice(-HOLD_FRAMES);
  const worstM = last.length > 0 ? Math.max(...last.map(ext)) : Infinity;
  const released = last.every((f) => !f.touching.has(call.target));
  const ok = last.length === HOLD_FRAMES && worstM - closedM <= p.closedToleranceM && released;
  const metrics = Number.isFinite(worstM) ? { drawerExtensionM: worstM } : undefined;
  return [
    ok
      ? { predicate: 'close-drawer.closed', ok, ...(metrics ? { metrics } : {}) }
      : {
          predicate: 'close-drawer.closed',
          ok,
          code: released ? 'close-drawer.not-closed' : 'close-drawer.still-touching',
          detail: released
            ? `the drawer still stands out ${((worstM - closedM) * 1000).toFixed(1)} mm (at most ${(p.closedToleranceM * 1000).toFixed(0)} mm)`
            : 'the hand still touches the cabinet on the last frames',
          ...(metrics ? { metrics } : {}),
        },
  ];
}

/** The approach, the push's start and the closed pose, as laid out in the scene (the drawer standing open). */
export function closeReachTargets(
  object: PlacedObject,
  call: SkillCall,
  p: CloseDrawerParams,
): ReachTarget[] {
  const d = locateDrawer(object, placedPose(object), placedPartPositions(object), call.part);
  if (!d) return [];
  const contact = pressPose(d.handleFrontM, d.approach, p.pitchRad, false, TYPICAL_FINGERTIPS);
  const label = `${d.part} handle of ${object.id}`;
  const pushM = d.extensionM - d.rangeM[0];
  return [
    {
      label: `in front of the ${label}`,
      posM: along(contact.posM, d.approach, -p.approachDistanceM),
      mat: contact.mat,
    },
    { label: `push the ${label}`, posM: contact.posM, mat: contact.mat },
    { label: `the ${label} pushed shut`, posM: along(contact.posM, d.approach, pushM), mat: contact.mat },
  ];
}

/** Placement does not know the gripper: fingertips as most profiles have them (11 mm beyond the TCP, 11 mm deep). */
const TYPICAL_FINGERTIPS = { fingertipBelowTcpM: 0.011, fingertipHalfDepthM: 0.011 };

export const closeDrawerFailureCodes: Record<string, string> = {
  'close-drawer.no-drawer': 'the target has no drawer with a handle (planned, never simulated)',
  'close-drawer.not-closed': 'after the withdrawal the drawer stands out more than 5 mm',
  'close-drawer.still-touching': 'the hand still touched the cabinet on the last frames',
};

export const closeDrawer: Skill<CloseDrawerParams> = {
  id: 'close-drawer',
  version: 1,
  defaults: closeDrawerDefaults,
  doc: {
    description:
      "Close the fingers, line up in front of the open drawer's handle with the hand pitched down, push the handle's front face in with the fingertips straight along the slide axis taken from the asset's joint, stopping the moment the drawer's extension reaches closed (a guarded move on its named state), then withdraw and rise clear.",
    parameters: {
      pitchRad: 'hand pitch down from the slide axis (the fingertips’ upper edge pushes)',
      pitchStepRad: 'step of the further pitches tried when the arm cannot take the first',
      approachDistanceM: 'distance out along the slide where the hand lines up and withdraws to',
      approachRiseM: 'the reach passes this far above the approach pose',
      standoffM: "distance out from the handle's face where the push starts",
      stopAtExtensionM: 'the push stops once the drawer stands out no more than this',
      closedToleranceM: 'largest extension that counts as closed (5 mm)',
      overshootM: 'the push aims this far past closed (the guard ends it first)',
      pushSpeedMS: 'average speed of the push',
      reachDurationS: 'least duration of the reach',
      turnDurationS: 'least duration of turning the hand to the front where it starts',
      clearRiseM: 'how far the hand rises after withdrawing',
    },
    success: [
      `close-drawer.closed: on the skill's last ${HOLD_FRAMES} frames (after the withdrawal and the settle) the drawer's extension (drawerExtensionM) is within 5 mm of closed and the hand touches nothing of the cabinet`,
    ],
    failureCodes: closeDrawerFailureCodes,
  },
  plan: (ctx, call, p) => planCloseDrawer(ctx, call, p),
  check: (frames, ctx, call, p) => checkCloseDrawer(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o ? closeReachTargets(o, call, p) : [];
  },
};
