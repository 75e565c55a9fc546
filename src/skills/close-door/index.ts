// Skill `close-door`: pinch an open door's top edge from above and swing it most of the way shut about its hinge,
// then push its outside with the side of the closed fingers onto the closed stop; hinge friction holds it there.
import { hingeParamDocs } from '../hinge-param-docs.js';
import {
  alreadyThere,
  atAngle,
  checkHinge,
  chooseGrip,
  followed,
  type Grip,
  gripFromTcp,
  gripperOf,
  gripPose,
  type GripperFacts,
  gripTargets,
  hingeArc,
  hingeDefaults,
  type HingeTarget,
  isFailure,
  layoutFlip,
  nearerFlip,
  nominalGripper,
  pinchArcTargets,
  pinchMotions,
  releaseMotions,
  targetFromContext,
  targetFromLayout,
  topEdgeGrip,
  topSidePush,
  turnForDistance,
  turnGrip,
  alongArc,
} from '../hinge-skill.js';
import { add, normalize, scale, type Vec3 } from '../../motion/math3d.js';
import { partVecWorld } from '../hinge-geometry.js';
import {
  planned,
  type PlanResult,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
} from '../skill.js';

export const closeDoorDefaults = {
  ...hingeDefaults,
  /**
   * The hand lines up 10 cm above the top edge: from a 5 cm line-up the xArms' travel from home came in below the
   * door's top and pushed the open door further open before the pinch (close-door 0/4 -> 3/3 on both).
   */
  approachDistanceM: 0.1,
  /**
   * The top-edge pinch lets go here: nearer shut, the finger behind the door would be caught between the door
   * and the instrument's front. The side of the closed fingers pushes the door's outside the rest of the way.
   */
  handOverRad: 0.3,
  /** The top edge is pinched (and pushed) this share of the door's width from the hinge. */
  topRadiusShare: 0.6,
  /** The fingertips pinching the top edge reach this far below it. */
  topDepthM: 0.025,
  /** Tilts of the top-down pinch tried (about the closing axis, towards or away from the hinge). */
  topPitchStepRad: 0.35,
  /** The closed fingers pushing the door's outside reach this far below its top edge. */
  pushDepthM: 0.035,
  /** ... their side starting this far off the face. */
  pushGapM: 0.004,
  /** The hand passes this far above the door's top edge between the pinch and the push. */
  overTopM: 0.04,
  /** The push ends this far before the closed stop: the door is shut and the arm never presses it into its stop. */
  closePushToRad: 0.01,
  /** Finger thickness reach targets assume (they know no gripper). */
  reachFingerThicknessM: 0.015,
};
export type CloseDoorParams = typeof closeDoorDefaults;

const ID = 'close-door';

const topRadius = (t: HingeTarget, p: CloseDoorParams): number =>
  t.panel.radialMinM + p.topRadiusShare * (t.panel.radialMaxM - t.panel.radialMinM);

const topGrip = (t: HingeTarget, g: GripperFacts, p: CloseDoorParams, flip: boolean, pitch: number): Grip =>
  topEdgeGrip(t, g, p, topRadius(t, p), p.topDepthM, flip, pitch);

const pushAt = (
  t: HingeTarget,
  g: GripperFacts & { fingerThicknessM: number },
  p: CloseDoorParams,
  flip: boolean,
): Grip => topSidePush(t, g, topRadius(t, p), p.pushDepthM, p.pushGapM, flip);

/** The side push from where the door is now: over the top, down beside its outside, along the arc to shut. */
function pushStage(ctx: SkillContext, call: SkillCall, p: CloseDoorParams): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const g = { ...gripperOf(ctx), fingerThicknessM: ctx.gripper.fingerThicknessM };
  const flip = nearerFlip(ctx.tcp.mat, (f) => [pushAt(t, g, p, f)]);
  const push = pushAt(t, g, p, flip);
  const endRad = t.hinge.rangeRad[0] + p.closePushToRad;
  const nowRad = t.hinge.angleRad;
  const above = { ...push, posM: add(push.posM, scale(push.approach, -(p.pushDepthM + p.overTopM))) };
  const shut = turnGrip(t.hinge, push, Math.min(0, endRad - nowRad));
  // Off the face (along the door's outward normal where it ends), then up and clear.
  const outward = partVecWorld(
    t.object,
    t.pose,
    t.part,
    { ...t.positions, [t.part]: endRad },
    t.panel.normal,
  );
  const off = { ...shut, posM: add(shut.posM, scale(normalize(outward), p.slideOffM)) };
  return planned([
    gripPose('reach', above, 0.8, 0, 0),
    gripPose('pregrasp', push, 0.8, 0.1),
    ...(nowRad > endRad ? [hingeArc(t.hinge, nowRad, endRad, 'close', 0, p, 0.2)] : []),
    gripPose('retreat', off, 0.5, 0),
    gripPose('retreat', add3(off, scale(push.approach, -p.withdrawM)), 0.5, 0.1),
  ]);
}

const add3 = (g: Grip, d: Vec3): Grip => ({ ...g, posM: add(g.posM, d) });

export function planCloseDoor(ctx: SkillContext, call: SkillCall, p: CloseDoorParams): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const [lo] = t.hinge.rangeRad;
  const startRad = t.hinge.angleRad;
  if (Math.abs(startRad - lo) <= p.closedToleranceRad) return alreadyThere(ctx);
  // Ajar less than the hand-over: the fingers' side alone pushes it shut.
  if (startRad <= lo + p.handOverRad) return pushStage(ctx, call, p);
  const g = gripperOf(ctx);
  const handOver = lo + p.handOverRad;
  const { flip, pitchRad } = chooseGrip(ctx, [0, p.topPitchStepRad, -p.topPitchStepRad], (f, pitch) =>
    alongArc(t.hinge, topGrip(t, g, p, f, pitch), startRad, handOver),
  );
  const grip = topGrip(t, g, p, flip, pitchRad);
  const breakRad = startRad - turnForDistance(grip, p.breakawayM);
  return {
    ok: true,
    motions: [...pinchMotions(grip, p), hingeArc(t.hinge, startRad, breakRad, 'close', 0, p)],
    next: (now) => {
      const t2 = targetFromContext(ID, now, call);
      if (isFailure(t2)) return t2;
      const hand = gripFromTcp(t2.hinge, now.tcp, grip.openM);
      const nowRad = t2.hinge.angleRad;
      // Held open (something in its way): let go rather than fight it; the check reports it not closed.
      if (!followed(startRad, breakRad, nowRad, p)) return planned(releaseMotions(hand, p));
      const handed = turnGrip(t2.hinge, hand, handOver - nowRad);
      return {
        ok: true,
        motions: [hingeArc(t2.hinge, nowRad, handOver, 'close', 0, p, 0.2), ...releaseMotions(handed, p)],
        next: (later) => pushStage(later, call, p),
      };
    },
  };
}

export const closeDoor: Skill<CloseDoorParams> = {
  id: ID,
  version: 1,
  defaults: closeDoorDefaults,
  doc: {
    description:
      "Pinch the top edge of an open hinged door (incubator) from above, pull a little and check the door follows, swing it along its hinge arc (the axis from the asset and the door's current angle; the top-down hand only turns about its own axis) to nearly shut and let go; then bring the closed fingers down beside the door's outside and push it along the arc onto its closed stop with their side, and withdraw: hinge friction holds it shut.",
    parameters: hingeParamDocs(closeDoorDefaults, {
      approachDistanceM: 'standoff above the top edge before closing in',
      openMarginM: 'room each open finger keeps beside the door',
      breakawayM: 'first pull along the arc before checking that the door follows',
      followFraction: 'share of that pull the door must follow (else it is held and let go of)',
      handOverRad: 'the top-edge pinch lets go at this door angle, the side push takes over',
      topRadiusShare: "the top edge is pinched and pushed at this share of the door's width from the hinge",
      topDepthM: 'the fingertips pinching the top edge reach this far below it',
      pushDepthM: 'the pushing fingers reach this far below the top edge',
      pushGapM: "the pushing fingers' side starts this far off the face",
      closePushToRad: 'the push ends this far before the closed stop',
      hingeSpeedRadS: 'average angular speed along the hinge',
      closedToleranceRad: 'success threshold: distance from the closed stop (0.05 rad)',
    }),
    success: [
      `${ID}.closed: the door angle is within 0.05 rad of closed on the last 5 frames, with the hand off the instrument`,
    ],
    failureCodes: {
      [`${ID}.no-hinge`]: 'the target has no hinged part with a named angle (planned, never simulated)',
      [`${ID}.not-closed`]: 'the door did not end closed (held open, slipped from the fingers, pushed short)',
      [`${ID}.not-released`]: 'the door is closed but the hand still touches the instrument',
    },
  },
  plan: (ctx, call, p) => planCloseDoor(ctx, call, p),
  check: (frames, ctx, call, p) => checkHinge(ID, 'closed', frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const t = targetFromLayout(ID, objects, call);
    if (isFailure(t)) return [];
    const g = nominalGripper(p);
    const [lo] = t.hinge.rangeRad;
    const startRad = t.hinge.angleRad;
    const handOver = lo + p.handOverRad;
    const label = `close ${call.target} ${t.part}`;
    const out: ReachTarget[] = [];
    let pushFrom = startRad;
    if (startRad > handOver) {
      const grip = topGrip(
        t,
        g,
        p,
        layoutFlip(t, (f) => [topGrip(t, g, p, f, 0)]),
        0,
      );
      out.push(...pinchArcTargets(`${label} (top edge)`, t, grip, startRad, handOver, p));
      pushFrom = handOver;
    }
    const at = atAngle(t, pushFrom);
    const gp = { ...g, fingerThicknessM: p.reachFingerThicknessM };
    const push = pushAt(
      at,
      gp,
      p,
      layoutFlip(at, (f) => [pushAt(at, gp, p, f)]),
    );
    out.push(
      ...gripTargets(`${label} (push)`, [
        ['push', push],
        ['shut', turnGrip(t.hinge, push, lo + p.closePushToRad - pushFrom)],
      ]),
    );
    return out;
  },
};
