// Skill `open-door`: pinch a door's handle and pull the door ajar about its hinge, then pinch its top edge from above
// and swing it open; the door's hinge friction holds it where it is left.
import { hingeParamDocs } from '../hinge-param-docs.js';
import {
  alreadyThere,
  checkHinge,
  chooseGrip,
  closeInMotions,
  followed,
  type Grip,
  gripFromTcp,
  gripperOf,
  gripPose,
  gripTargets,
  handleGrip,
  hingeArc,
  hingeDefaults,
  type HingeTarget,
  isFailure,
  isGrip,
  layoutFlip,
  lineUpMotions,
  lineUpPoses,
  nominalGripper,
  pinchArcTargets,
  pinchMotions,
  pitchCandidates,
  releaseMotions,
  releasePoses,
  atAngle,
  successAngle,
  targetFromContext,
  targetFromLayout,
  topEdgeGrip,
  turnForDistance,
  turnGrip,
  type GripperFacts,
  alongArc,
} from '../hinge-skill.js';
import { norm, type Vec3 } from '../../motion/math3d.js';
import {
  planned,
  type PlanResult,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
} from '../skill.js';

export const openDoorDefaults = {
  ...hingeDefaults,
  /**
   * The hand lines up 10 cm out: an arm's home pose stands close to the incubator's front, and turning the hand
   * on the way to a 5 cm line-up swung the Panda's 19 cm hand into the door.
   */
  approachDistanceM: 0.1,
  /**
   * The handle pull ends here: enough for the fingers to reach behind the door's top edge. Further, the handle
   * on the door's outside turns away from an arm standing in front and the hand would wrap round the door's edge.
   */
  pullToRad: 0.3,
  /** The door is swung this far through its range (success needs 80%; hinge friction keeps it there). */
  openGoalFractionOfRange: 0.9,
  /**
   * The handle is pinched with the hand pitched down this much (the pads stay parallel to the bar): level, the
   * hands of 7 of 16 arms could not meet it at its 0.22 m height.
   */
  pitchRad: 0.5,
  /** Further pitches tried, this much either side, when the arm cannot take the first. */
  pitchStepRad: 0.3,
  maxPitchRad: 1.1,
  /**
   * The top edge is pinched this share of the door's width from the hinge: the arc then only turns a top-down hand
   * about its own axis (an arm's easiest motion) on a circle that stays clear of the arm's base.
   */
  topRadiusShare: 0.6,
  /** The fingertips pinching the top edge reach this far below it. */
  topDepthM: 0.025,
  /** Tilts of the top-down pinch tried (about the closing axis, towards or away from the hinge). */
  topPitchStepRad: 0.35,
  /** Between the handle and the top edge the hand rises this far above the door's top. */
  overTopM: 0.06,
};
export type OpenDoorParams = typeof openDoorDefaults;

const ID = 'open-door';

const handlePitches = (p: OpenDoorParams): number[] =>
  pitchCandidates(p.pitchRad, p.pitchStepRad, p.maxPitchRad);
const topPitches = (p: OpenDoorParams): number[] => [0, p.topPitchStepRad, -p.topPitchStepRad];

/** Level, from a grip towards the arm's base. */
function towardBase(ctx: SkillContext, g: Grip): Vec3 {
  const d: Vec3 = [ctx.robotBase.posM[0] - g.posM[0], ctx.robotBase.posM[1] - g.posM[1], 0];
  return norm(d) > 1e-6 ? d : [0, 0, 1];
}

/** The angle the door is swung to. */
export function openGoalRad(t: HingeTarget, p: OpenDoorParams): number {
  const [lo, hi] = t.hinge.rangeRad;
  return Math.max(successAngle(t, 'open', p), lo + p.openGoalFractionOfRange * (hi - lo));
}

const topRadius = (t: HingeTarget, p: OpenDoorParams): number =>
  t.panel.radialMinM + p.topRadiusShare * (t.panel.radialMaxM - t.panel.radialMinM);

const topGrip = (t: HingeTarget, g: GripperFacts, p: OpenDoorParams, flip: boolean, pitch: number): Grip =>
  topEdgeGrip(t, g, p, topRadius(t, p), p.topDepthM, flip, pitch);

/** The top-edge pinch from where the door is now: over the top, down onto the edge, swing, let go, rise. */
function topStage(ctx: SkillContext, call: SkillCall, p: OpenDoorParams, from: Grip | undefined): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const goal = openGoalRad(t, p);
  const nowRad = t.hinge.angleRad;
  const g = gripperOf(ctx);
  const { flip, pitchRad } = chooseGrip(ctx, topPitches(p), (f, pitch) =>
    alongArc(t.hinge, topGrip(t, g, p, f, pitch), nowRad, goal),
  );
  const grip = topGrip(t, g, p, flip, pitchRad);
  const { pre } = lineUpPoses(grip, p);
  const end = turnGrip(t.hinge, grip, goal - nowRad);
  // From the handle the hand rises straight up clear of the door's top, then turns top-down on its way over the
  // edge (turning beside the door ran the hands of 3 of 6 arms into it or into their own upper arm).
  const over = from && {
    ...from,
    posM: [from.posM[0], from.posM[1], Math.max(from.posM[2], pre.posM[2]) + p.overTopM] as typeof from.posM,
  };
  const approach = over
    ? [
        gripPose('reach', over, 0.8, 0),
        gripPose(
          'reach',
          { ...pre, posM: [pre.posM[0], pre.posM[1], pre.posM[2] + p.overTopM] },
          p.reachDurationS,
          0,
        ),
        gripPose('reach', pre, 0.6, 0.1),
      ]
    : lineUpMotions(grip, p);
  return planned([
    ...approach,
    ...closeInMotions(grip, p),
    hingeArc(t.hinge, nowRad, goal, 'open', 0, p, 0.2),
    // Up off the edge, then level towards the arm's base (rising further at the door's far end ran an xArm6 onto
    // its limits and its forearm into its fingers).
    ...releaseMotions(end, p, towardBase(ctx, end)),
  ]);
}

export function planOpenDoor(ctx: SkillContext, call: SkillCall, p: OpenDoorParams): PlanResult {
  const t = targetFromContext(ID, ctx, call);
  if (isFailure(t)) return t;
  const startRad = t.hinge.angleRad;
  if (startRad >= successAngle(t, 'open', p)) return alreadyThere(ctx);
  // Already ajar past the pull: straight to the top edge.
  if (startRad >= p.pullToRad) return topStage(ctx, call, p, undefined);
  const goal = openGoalRad(t, p);
  const pullEnd = Math.min(p.pullToRad, goal);
  const g = gripperOf(ctx);
  const { flip, pitchRad } = chooseGrip(ctx, handlePitches(p), (f, pitch) => {
    const grip = handleGrip(t, g, p, f, pitch);
    return grip ? alongArc(t.hinge, grip, startRad, pullEnd) : [];
  });
  const grip = handleGrip(t, g, p, flip, pitchRad);
  if (!grip)
    return { ok: false, code: `${ID}.no-handle`, detail: `the ${t.part} of ${call.target} has no handle` };
  const breakRad = startRad + turnForDistance(grip, p.breakawayM);
  return {
    ok: true,
    motions: [...pinchMotions(grip, p), hingeArc(t.hinge, startRad, breakRad, 'open', 0, p)],
    next: (now) => {
      const t2 = targetFromContext(ID, now, call);
      if (isFailure(t2)) return t2;
      const hand = gripFromTcp(t2.hinge, now.tcp, grip.openM);
      const nowRad = t2.hinge.angleRad;
      // Held shut (something in front of it): let go rather than fight it; the check reports it not open.
      if (!followed(startRad, breakRad, nowRad, p)) return planned(releaseMotions(hand, p));
      const pulled = turnGrip(t2.hinge, hand, pullEnd - nowRad);
      const pull = [hingeArc(t2.hinge, nowRad, pullEnd, 'open', 0, p, 0.2), ...releaseMotions(pulled, p)];
      if (pullEnd >= goal) return planned(pull);
      const { away } = releasePoses(pulled, p);
      return {
        ok: true,
        motions: pull,
        next: (later) => topStage(later, call, p, { ...pulled, posM: away }),
      };
    },
  };
}

export const openDoor: Skill<OpenDoorParams> = {
  id: ID,
  version: 1,
  defaults: openDoorDefaults,
  doc: {
    description:
      "Pinch the handle of a hinged door (incubator) from the front, pull a little and check the door follows, pull it ajar along its hinge arc (the axis from the asset and the door's current angle) and let go; then rise over the door, pinch its top edge from above and swing it on along the arc (turning the top-down hand about its own axis) to 90% of its range, let go and rise clear: hinge friction holds it open.",
    parameters: hingeParamDocs(openDoorDefaults, {
      approachDistanceM: 'standoff in front of the handle (above the top edge) before closing in',
      fingertipClearanceM: 'fingertips stop this far short of the door face behind the handle',
      openMarginM: 'room each open finger keeps beside the handle or the door',
      breakawayM: 'first pull along the arc before checking that the door follows',
      followFraction: 'share of that pull the door must follow (else it is held shut and let go of)',
      pullToRad: 'the handle pull ends at this door angle, the top-edge pinch takes over',
      pitchRad: 'the handle is pinched with the hand pitched down this much',
      topRadiusShare: "the top edge is pinched at this share of the door's width from the hinge",
      topDepthM: 'the fingertips pinching the top edge reach this far below it',
      overTopM: 'between the two pinches the hand passes this far above the door',
      openGoalFractionOfRange: 'the door is swung to this share of its range',
      hingeSpeedRadS: 'average angular speed along the hinge',
      openFractionOfRange: 'success threshold: share of the joint range (0.8)',
    }),
    success: [
      `${ID}.open: the door angle is past 80% of its range on the last 5 frames, with the hand off the instrument`,
    ],
    failureCodes: {
      [`${ID}.no-hinge`]: 'the target has no hinged part with a named angle (planned, never simulated)',
      [`${ID}.no-handle`]: 'the door has no handle to pinch (planned, never simulated)',
      [`${ID}.not-open`]: 'the door did not end open (held shut, slipped from the fingers)',
      [`${ID}.not-released`]: 'the door is open but the hand still touches the instrument',
    },
  },
  plan: (ctx, call, p) => planOpenDoor(ctx, call, p),
  check: (frames, ctx, call, p) => checkHinge(ID, 'open', frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const t = targetFromLayout(ID, objects, call);
    if (isFailure(t)) return [];
    const g = nominalGripper(p);
    const startRad = t.hinge.angleRad;
    const goal = openGoalRad(t, p);
    const label = `open ${call.target} ${t.part}`;
    const out: ReachTarget[] = [];
    let topFrom = startRad;
    if (startRad < p.pullToRad) {
      const handleAt = (f: boolean) => handleGrip(t, g, p, f, p.pitchRad);
      const grip = handleAt(layoutFlip(t, (f) => [handleAt(f)].filter(isGrip)));
      if (!grip) return [];
      const pullEnd = Math.min(p.pullToRad, goal);
      out.push(...pinchArcTargets(`${label} (handle)`, t, grip, startRad, pullEnd, p));
      topFrom = pullEnd;
    }
    if (topFrom < goal) {
      const at = atAngle(t, topFrom);
      const top = topGrip(
        at,
        g,
        p,
        layoutFlip(at, (f) => [topGrip(at, g, p, f, 0)]),
        0,
      );
      const n = Math.max(1, Math.ceil((goal - topFrom) / 0.4));
      out.push(
        ...gripTargets(`${label} (top edge)`, [
          ['line up', lineUpPoses(top, p).pre],
          ['pinch', top],
          ...Array.from({ length: n }, (_, k): [string, Grip] => [
            k === n - 1 ? 'let go' : `arc ${k + 1}/${n}`,
            turnGrip(t.hinge, top, ((goal - topFrom) * (k + 1)) / n),
          ]),
        ]),
      );
    }
    return out;
  },
};
