// Skill `close-lid`: take an open lid (by its handle where the arm reaches it all the way down, else by its side edge),
// swing it down about its hinge, let go near the body and withdraw: a closed lid rests on its stop by its own weight.
import { hingeParamDocs } from '../hinge-param-docs.js';
import {
  alreadyThere,
  checkHinge,
  chooseFlip,
  alongArc,
  chooseGrip,
  endGrip,
  followed,
  type Grip,
  gripFromTcp,
  gripperOf,
  type GripperFacts,
  handleGrip,
  hingeArc,
  hingeDefaults,
  type HingeTarget,
  isFailure,
  layoutFlip,
  lineUpPoses,
  nearerEnd,
  nominalGripper,
  type PanelEnd,
  pinchArcTargets,
  pinchMotions,
  reachable,
  releaseMotions,
  targetFromContext,
  targetFromLayout,
  turnForDistance,
  turnGrip,
} from '../hinge-skill.js';
import type { Vec3 } from '../../motion/math3d.js';
import { planned, type PlanResult, type Skill, type SkillCall, type SkillContext } from '../skill.js';

export const closeLidDefaults = {
  ...hingeDefaults,
  /**
   * By the handle the hand lets go this far above the closed stop: the lid settles the last few millimetres onto
   * the body by its own weight instead of being pressed into its stop by a stiff arm.
   */
  closeReleaseAboveRad: 0.02,
  /**
   * The side-edge pinch (when the arm cannot follow the handle over the top: a lid standing open on its stop leans
   * back past its hinge) holds the lid this share of its depth from the hinge.
   */
  sideRadiusShare: 0.7,
  /** Its fingertips reach this far in from the side edge. */
  sideDepthM: 0.025,
  /** Tilt of the side pinch tried either side of level (about the closing axis). */
  sidePitchStepRad: 0.35,
  /**
   * The side pinch lets go where the finger under the lid still has this much room above the body beyond its own
   * thickness and opening: the lid then drops the last few degrees onto the body.
   */
  sideClearanceM: 0.006,
  /** Finger thickness reach targets assume (they know no gripper). */
  reachFingerThicknessM: 0.015,
};
export type CloseLidParams = typeof closeLidDefaults;

const ID = 'close-lid';

/** Where reach targets assume the arm stands (every bundled scene mounts it at the world origin). */
const MOUNT_GUESS_M: Vec3 = [0, 0, 0];

const sideRadius = (t: HingeTarget, p: CloseLidParams): number =>
  t.panel.radialMinM + p.sideRadiusShare * (t.panel.radialMaxM - t.panel.radialMinM);

/** The angle the side pinch lets go at: the finger under the lid (its edge nearest the hinge) still clear. */
export function sideReleaseRad(
  t: HingeTarget,
  g: GripperFacts & { fingerThicknessM: number },
  p: CloseLidParams,
): number {
  const [lo] = t.hinge.rangeRad;
  const room = g.fingerThicknessM + p.openMarginM + p.sideClearanceM;
  const r = Math.max(0.05, sideRadius(t, p) - (g.fingertipHalfDepthM ?? g.fingertipBelowTcpM));
  return lo + Math.max(p.closeReleaseAboveRad, Math.asin(Math.min(1, room / r)));
}

const sideGrip = (
  t: HingeTarget,
  g: GripperFacts,
  p: CloseLidParams,
  end: PanelEnd,
  flip: boolean,
  pitch: number,
): Grip => endGrip(t, g, p, end, sideRadius(t, p), p.sideDepthM, flip, pitch);

/** Pinch, crack it down a little and check it follows, then (next stage) swing it to `endRad` and let go. */
function swing(t: HingeTarget, call: SkillCall, p: CloseLidParams, grip: Grip, endRad: number): PlanResult {
  const startRad = t.hinge.angleRad;
  const breakRad = startRad - turnForDistance(grip, p.breakawayM);
  return {
    ok: true,
    motions: [...pinchMotions(grip, p), hingeArc(t.hinge, startRad, breakRad, 'close', 0, p)],
    next: (now) => {
      const t2 = targetFromContext(ID, now, call);
      if (isFailure(t2)) return t2;
      const hand = gripFromTcp(t2.hinge, now.tcp, grip.openM);
      const nowRad = t2.hinge.angleRad;
      // Held open (something in its way): let go rather than fight it; the check reports the lid not closed.
      if (!followed(startRad, breakRad, nowRad, p)) return planned(releaseMotions(hand, p));
      const end = turnGrip(t2.hinge, hand, endRad - nowRad);
      return planned([hingeArc(t2.hinge, nowRad, endRad, 'close', 0, p, 0.2), ...releaseMotions(end, p)]);
    },
  };
}

export function planCloseLid(ctx: SkillContext, call: SkillCall, p: CloseLidParams): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const [lo] = t.hinge.rangeRad;
  const startRad = t.hinge.angleRad;
  if (Math.abs(startRad - lo) <= p.closedToleranceRad) return alreadyThere(ctx);
  const g = gripperOf(ctx);
  // By the handle, lowered all the way, where the arm reaches every pose of that swing.
  const lipEnd = lo + p.closeReleaseAboveRad;
  const lipPoses = (f: boolean): Grip[] => {
    const grip = handleGrip(t, g, p, f);
    if (!grip) return [];
    const { above, pre } = lineUpPoses(grip, p);
    const n = Math.max(1, Math.ceil(Math.abs(lipEnd - startRad) / 0.4));
    const arc = Array.from({ length: n }, (_, k) =>
      turnGrip(t.hinge, grip, ((lipEnd - startRad) * (k + 1)) / n),
    );
    return [above, pre, grip, ...arc];
  };
  const lipFlip = chooseFlip(ctx, lipPoses);
  const lip = handleGrip(t, g, p, lipFlip);
  if (lip && reachable(ctx, lipPoses(lipFlip))) return swing(t, call, p, lip, lipEnd);
  // Else by the side edge nearer the arm, let go a few degrees above the body.
  const gf = { ...g, fingerThicknessM: ctx.gripper.fingerThicknessM };
  const end = nearerEnd(t, ctx.robotBase.posM);
  const sideEnd = sideReleaseRad(t, gf, p);
  const { flip, pitchRad } = chooseGrip(ctx, [0, p.sidePitchStepRad, -p.sidePitchStepRad], (f, pitch) =>
    alongArc(t.hinge, sideGrip(t, g, p, end, f, pitch), startRad, sideEnd),
  );
  return swing(t, call, p, sideGrip(t, g, p, end, flip, pitchRad), sideEnd);
}

export const closeLid: Skill<CloseLidParams> = {
  id: ID,
  version: 1,
  defaults: closeLidDefaults,
  doc: {
    description:
      "Close a hinged lid (centrifuge, thermal cycler) along its hinge arc (the axis from the asset and the lid's current angle). Where the arm reaches the handle all the way down, pinch it, pull a little and check the lid follows, swing it down and let go just above the closed stop; else pinch the lid's side edge nearer the arm (the arc then rolls the level hand about its own axis), swing it down and let go where the finger under it still clears the body, so it drops the last few degrees. Withdraw along the approach: the lid rests closed by its own weight.",
    parameters: hingeParamDocs(closeLidDefaults, {
      approachDistanceM: 'standoff before closing in on the handle or the edge',
      fingertipClearanceM: 'fingertips stop this far short of the lid face behind the handle',
      openMarginM: 'room each open finger keeps beside the handle or the lid',
      breakawayM: 'first pull along the arc before checking that the lid follows',
      followFraction: 'share of that pull the lid must follow (else it is held and let go of)',
      hingeSpeedRadS: 'average angular speed along the hinge',
      closeReleaseAboveRad: 'by the handle the hand lets go this far above the closed stop',
      sideRadiusShare: 'the side-edge pinch holds the lid at this share of its depth from the hinge',
      sideDepthM: 'the side-edge pinch reaches this far in from the edge',
      sideClearanceM: 'room the finger under the lid keeps above the body when the side pinch lets go',
      slideOffM: 'slide back along the approach after letting go',
      withdrawM: 'then move this far further out',
      closedToleranceRad: 'success threshold: distance from the closed stop (0.05 rad)',
    }),
    success: [
      `${ID}.closed: the lid angle is within 0.05 rad of closed on the last 5 frames, with the hand off the instrument`,
    ],
    failureCodes: {
      [`${ID}.no-hinge`]: 'the target has no hinged part with a named angle (planned, never simulated)',
      [`${ID}.not-closed`]: 'the lid did not end closed (held open, slipped from the fingers)',
      [`${ID}.not-released`]: 'the lid is closed but the hand still touches the instrument',
    },
  },
  plan: (ctx, call, p) => planCloseLid(ctx, call, p),
  check: (frames, ctx, call, p) => checkHinge(ID, 'closed', frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    // The side-edge swing: the one every arm that closes the lid at all takes (the handle's only where it can).
    const t = targetFromLayout(ID, objects, call);
    if (isFailure(t)) return [];
    const g = { ...nominalGripper(p), fingerThicknessM: p.reachFingerThicknessM };
    const end = nearerEnd(t, MOUNT_GUESS_M);
    const grip = sideGrip(
      t,
      g,
      p,
      end,
      layoutFlip(t, (f) => [sideGrip(t, g, p, end, f, 0)]),
      0,
    );
    return pinchArcTargets(
      `close ${call.target} ${t.part} (side edge)`,
      t,
      grip,
      t.hinge.angleRad,
      sideReleaseRad(t, g, p),
      p,
    );
  },
};
