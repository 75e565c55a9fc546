// Skill `open-lid`: pinch a lid's handle, swing the lid up about its hinge until it balances past its hinge, let go:
// gravity carries it onto its open stop.
import { hingeParamDocs } from '../hinge-param-docs.js';
import { fallOpenAngle } from '../hinge-geometry.js';
import {
  alreadyThere,
  checkHinge,
  chooseFlip,
  followed,
  gripFromTcp,
  pinchArcTargets,
  handleGrip,
  hingeArc,
  hingeDefaults,
  type HingeTarget,
  isFailure,
  isGrip,
  layoutFlip,
  nominalGripper,
  pinchMotions,
  releaseMotions,
  releasePoses,
  successAngle,
  targetFromContext,
  targetFromLayout,
  turnForDistance,
  turnGrip,
  gripperOf,
  alongArc,
} from '../hinge-skill.js';
import { matVec, normalize, type Vec3 } from '../../motion/math3d.js';
import { planned, type PlanResult, type Skill, type SkillCall, type SkillContext } from '../skill.js';

export const openLidDefaults = {
  ...hingeDefaults,
  /**
   * The hand lets go this far past the angle at which the lid balances over its hinge, so gravity (not the arm)
   * takes it the rest of the way onto its open stop.
   */
  releaseBeyondBalanceRad: 0.08,
  /** The hand never carries the lid closer than this to its open stop. */
  stopMarginRad: 0.03,
  /** Once off the lip the hand withdraws this far towards the operator, level ... */
  withdrawM: 0.1,
  /** ... then this far down, in front of the lid that fell back onto its stop. */
  dropAfterM: 0.1,
};
export type OpenLidParams = typeof openLidDefaults;

const ID = 'open-lid';

/** Where the pinch lets go: past the balance when gravity opens the lid, else at the open goal. */
export function releaseAngle(t: HingeTarget, p: OpenLidParams): number {
  const [, hi] = t.hinge.rangeRad;
  const fall = fallOpenAngle(t.object, t.pose, t.part);
  const goal = successAngle(t, 'open', p);
  const wanted = fall === undefined ? goal + p.releaseBeyondBalanceRad : fall + p.releaseBeyondBalanceRad;
  return Math.min(wanted, hi - p.stopMarginRad);
}

/**
 * Toward the operator, level, where the hand withdraws once off the lip: away from the lid, which falls back onto
 * its stop (withdrawing down as well, the upper finger caught the lid's edge and pushed it back to 1.3 rad).
 */
function towardOperator(t: HingeTarget): Vec3 {
  const front = matVec(t.pose.mat, t.panel.radial);
  return normalize([front[0], front[1], 0]);
}

export function planOpenLid(ctx: SkillContext, call: SkillCall, p: OpenLidParams): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const startRad = t.hinge.angleRad;
  if (startRad >= successAngle(t, 'open', p)) return alreadyThere(ctx);
  const releaseRad = releaseAngle(t, p);
  const g = gripperOf(ctx);
  const flip = chooseFlip(ctx, (f) => {
    const grip = handleGrip(t, g, p, f);
    return grip ? alongArc(t.hinge, grip, startRad, releaseRad) : [];
  });
  const grip = handleGrip(t, g, p, flip);
  if (!grip)
    return { ok: false, code: `${ID}.no-handle`, detail: `the ${t.part} of ${call.target} has no handle` };
  const breakRad = startRad + turnForDistance(grip, p.breakawayM);
  return {
    ok: true,
    motions: [...pinchMotions(grip, p), hingeArc(t.hinge, startRad, breakRad, 'open', 0, p)],
    // From where the lid really is once the hand has cracked it open.
    next: (now) => {
      const t2 = targetFromContext(ID, now, call);
      if (isFailure(t2)) return t2;
      const hand = gripFromTcp(t2.hinge, now.tcp, grip.openM);
      const nowRad = t2.hinge.angleRad;
      // Held shut (an obstacle on it): let go rather than fight it; the check reports the lid not open.
      if (!followed(startRad, breakRad, nowRad, p)) return planned(releaseMotions(hand, p));
      const end = turnGrip(t2.hinge, hand, releaseRad - nowRad);
      const away = releasePoses(end, p, towardOperator(t2)).away;
      return planned([
        hingeArc(t2.hinge, nowRad, releaseRad, 'open', 0, p, 0.2),
        ...releaseMotions(end, p, towardOperator(t2)),
        // Then down in front of the fallen lid, out of the arm's most stretched pose for the settle.
        {
          phase: 'retreat',
          posM: [away[0], away[1], away[2] - p.dropAfterM],
          mat: end.mat,
          gripperOpeningM: end.openM,
          minDurationS: 0.5,
          holdS: 0.1,
        },
      ]);
    },
  };
}

export const openLid: Skill<OpenLidParams> = {
  id: ID,
  version: 1,
  defaults: openLidDefaults,
  doc: {
    description:
      "Pinch the handle of a hinged lid (centrifuge, thermal cycler) from the front, lift it a little and check it follows, then swing it up about its hinge axis (an arc taken from the asset and the lid's current angle) until it balances past the hinge, let go and withdraw: gravity lays it on its open stop.",
    parameters: hingeParamDocs(openLidDefaults, {
      approachDistanceM: 'standoff in front of the handle before closing in',
      fingertipClearanceM: 'fingertips stop this far short of the lid face behind the handle',
      openMarginM: 'room each open finger keeps beside the handle',
      breakawayM: 'first lift along the arc before checking that the lid follows',
      followFraction: 'share of that lift the lid must follow (else it is held shut and let go of)',
      hingeSpeedRadS: 'average angular speed along the hinge',
      releaseBeyondBalanceRad:
        'the hand lets go this far past the angle where the lid balances over its hinge',
      stopMarginRad: 'the hand never carries the lid closer than this to its open stop',
      slideOffM: 'slide back along the approach after letting go',
      withdrawM: 'then move this far towards the operator, level',
      dropAfterM: 'then this far down, in front of the lid fallen back onto its stop',
      openFractionOfRange: 'success threshold: share of the joint range (0.8)',
    }),
    success: [
      `${ID}.open: the lid angle is past 80% of its range on the last 5 frames, with the hand off the instrument`,
    ],
    failureCodes: {
      [`${ID}.no-hinge`]: 'the target has no hinged part with a named angle (planned, never simulated)',
      [`${ID}.no-handle`]: 'the lid has no handle to pinch (planned, never simulated)',
      [`${ID}.not-open`]: 'the lid did not stay open (held shut, slipped from the fingers, fell back)',
      [`${ID}.not-released`]: 'the lid is open but the hand still touches the instrument',
    },
  },
  plan: (ctx, call, p) => planOpenLid(ctx, call, p),
  check: (frames, ctx, call, p) => checkHinge(ID, 'open', frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const t = targetFromLayout(ID, objects, call);
    if (isFailure(t)) return [];
    const g = nominalGripper(p);
    const grip = handleGrip(
      t,
      g,
      p,
      layoutFlip(t, (f) => [handleGrip(t, g, p, f)].filter(isGrip)),
    );
    if (!grip) return [];
    return pinchArcTargets(
      `open ${call.target} ${t.part}`,
      t,
      grip,
      t.hinge.angleRad,
      releaseAngle(t, p),
      p,
      towardOperator(t),
    );
  },
};
