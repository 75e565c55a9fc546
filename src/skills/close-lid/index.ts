// Skill `close-lid`: pinch an open lid's handle, swing it down about its hinge and lay it on the body, let go and
// withdraw: a closed lid rests on its stop by its own weight.
import { language } from './language.js';
import {
  alreadyThere,
  checkHinge,
  chooseFlip,
  followed,
  gripFromTcp,
  pinchArcTargets,
  gripperOf,
  handleGrip,
  hingeArc,
  hingeDefaults,
  isFailure,
  isGrip,
  layoutFlip,
  nominalGripper,
  pinchMotions,
  releaseMotions,
  targetFromContext,
  targetFromLayout,
  turnForDistance,
  turnGrip,
} from '../hinge-skill.js';
import { planned, type PlanResult, type Skill, type SkillCall, type SkillContext } from '../skill.js';

export const closeLidDefaults = {
  ...hingeDefaults,
  /**
   * The hand lets go this far above the closed stop: the lid settles the last few millimetres onto the body by its
   * own weight instead of being pressed into its stop by a stiff arm.
   */
  closeReleaseAboveRad: 0.02,
};
export type CloseLidParams = typeof closeLidDefaults;

const ID = 'close-lid';

export function planCloseLid(ctx: SkillContext, call: SkillCall, p: CloseLidParams): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const [lo] = t.hinge.rangeRad;
  const startRad = t.hinge.angleRad;
  if (Math.abs(startRad - lo) <= p.closedToleranceRad) return alreadyThere(ctx);
  const endRad = lo + p.closeReleaseAboveRad;
  const g = gripperOf(ctx);
  const flip = chooseFlip(ctx, (f) => {
    const grip = handleGrip(t, g, p, f);
    return grip ? [grip, turnGrip(t.hinge, grip, endRad - startRad)] : [];
  });
  const grip = handleGrip(t, g, p, flip);
  if (!grip)
    return { ok: false, code: `${ID}.no-handle`, detail: `the ${t.part} of ${call.target} has no handle` };
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

export const closeLid: Skill<CloseLidParams> = {
  id: ID,
  version: 1,
  verbs: language.verbs.map((v) => v.words),
  needsDestination: false,
  defaults: closeLidDefaults,
  doc: {
    description:
      "Pinch the handle of an open hinged lid (centrifuge, thermal cycler), pull it a little and check it follows, then swing it down about its hinge axis (an arc taken from the asset and the lid's current angle) onto the body, let go just above the closed stop and withdraw straight out: the lid rests closed by its own weight.",
    parameters: {
      approachDistanceM: 'standoff in front of the handle before closing in',
      fingertipClearanceM: 'fingertips stop this far short of the lid face behind the handle',
      openMarginM: 'room each open finger keeps beside the handle',
      breakawayM: 'first pull along the arc before checking that the lid follows',
      followFraction: 'share of that pull the lid must follow (else it is held and let go of)',
      hingeSpeedRadS: 'average angular speed along the hinge',
      closeReleaseAboveRad: 'the hand lets go this far above the closed stop',
      slideOffM: 'slide back along the approach after letting go',
      withdrawM: 'then move this far further out',
      closedToleranceRad: 'success threshold: distance from the closed stop (0.05 rad)',
    },
    success: [
      `${ID}.closed: the lid angle is within 0.05 rad of closed on the last 5 frames, with the hand off the instrument`,
    ],
    failureCodes: {
      [`${ID}.no-hinge`]: 'the target has no hinged part with a named angle (planned, never simulated)',
      [`${ID}.no-handle`]: 'the lid has no handle to pinch (planned, never simulated)',
      [`${ID}.not-closed`]: 'the lid did not end closed (held open, slipped from the fingers)',
      [`${ID}.not-released`]: 'the lid is closed but the hand still touches the instrument',
    },
  },
  plan: (ctx, call, p) => planCloseLid(ctx, call, p),
  check: (frames, ctx, call, p) => checkHinge(ID, 'closed', frames, ctx, call, p),
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
    const endRad = t.hinge.rangeRad[0] + p.closeReleaseAboveRad;
    return pinchArcTargets(`close ${call.target} ${t.part}`, t, grip, t.hinge.angleRad, endRad, p);
  },
};
