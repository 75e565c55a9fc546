// Skill `press-button`: push an instrument's sprung button in with the closed fingertips until the instrument
// registers it, hold it there, then withdraw and let it spring back.
import { add, dot, normalize, scale, sub, type Vec3, cross, rotationAngle } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import {
  choosePart,
  frameOnPart,
  graspFrameWorld,
  handFrame,
  placedPartPositions,
  placedPose,
  type RigidPose,
  stateOfPart,
} from '../instrument-frames.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  heldFor,
  type PlanResult,
  planned,
  type ReachTarget,
  type Skill,
  type SkillCall,
  type SkillContext,
  type Motion,
  type TrackMotion,
} from '../skill.js';
import { neutralYaw, topDownFrameAtYaw } from '../grasp-geometry.js';

export const pressButtonDefaults = {
  /**
   * The hand is pitched down from the button's axis by this much: buttons sit low on front faces (a centrifuge's
   * 25 mm above the bench), where a level hand's wrist would meet the bench; the fingertips' upper edge presses.
   */
  pitchRad: 0.6,
  /** Further pitches tried, each this much either side of the first, when the arm cannot take the first. */
  pitchStepRad: 0.25,
  /** Steepest pitch tried (a steeper hand's back would come over the face above the button). */
  maxPitchRad: 1.25,
  /** Room the fingertips' lower edge keeps above what the instrument stands on. */
  benchClearanceM: 0.005,
  /** The fingertips' pressing edge aims this far above the cap's centre (8 mm radius), away from the bench. */
  aimAboveCentreM: 0.003,
  /** Where the reach ends: this far out along the button axis from first contact. */
  approachDistanceM: 0.08,
  /** The reach passes this far above the approach pose, turned already, before coming down to it. */
  approachRiseM: 0.06,
  /**
   * Least duration of the reach: turning the hand from top-down to the front folds the arm; at 1.2 s a UR5e's
   * joints lagged their targets by 0.24 rad and the fingertips dipped 7 cm below the straight path, onto the bench.
   */
  reachDurationS: 2.0,
  /** Least duration of turning the hand to the front where it starts. */
  turnDurationS: 1.2,
  /** The slow guarded press starts this far out from first contact. */
  standoffM: 0.012,
  /**
   * The press searches for the cap up to this far past where the fingertips should first touch it (a compliant
   * arm's fingertips arrive millimetres late: 4.5 mm on the ViperX), plus the button's travel.
   */
  contactSearchM: 0.008,
  /**
   * Most the hand moves in along the button axis per control tick (the live goal is recomputed every 10 ms
   * tick: 20 mm/s) while it searches for the cap and pushes it in.
   */
  pressStepPerTickM: 0.0002,
  /** Time the press may take to find the cap and push it past registration, before the hold. */
  pressSearchS: 1.4,
  /**
   * Once registered, the cap is held this far into its travel (as a share of the way from the registration depth
   * to the full travel): deep enough that the arm yielding to the spring does not let it out, short of the stop.
   */
  holdDepthFraction: 0.5,
  /** Share of the depth error the held press corrects per control tick (a slow integrator on the cap depth). */
  holdGainPerTick: 0.15,
  /**
   * The button is held in this long once registered: 5 frames down to 10 fps, so the registered state shows on
   * at least HOLD_FRAMES recorded frames.
   */
  pressHoldS: 0.6,
  /** After the withdrawal the hand rises this far. */
  clearRiseM: 0.12,
  /** Duration of the withdrawal back to the approach pose. */
  withdrawDurationS: 0.8,
};
export type PressButtonParams = typeof pressButtonDefaults;

/** A sprung button of the target: the call's part, or the instrument's first button. */
function buttonOf(object: PlacedObject, part: string | undefined) {
  const p = choosePart(
    object,
    part,
    (x) =>
      x.joint.type === 'slide' &&
      stateOfPart(object, x.name, 'pressed') !== undefined &&
      frameOnPart(object, x.name, 'press') !== undefined,
  );
  if (!p) return undefined;
  const state = stateOfPart(object, p.name, 'pressed');
  const frame = frameOnPart(object, p.name, 'press');
  return p && state && frame ? { part: p, state, frame } : undefined;
}

/** The TCP pose whose fingertips' leading edge touches the button's cap centre, with the hand pitched down. */
export function pressPose(
  capM: Vec3,
  pressDir: Vec3,
  pitchRad: number,
  flip: boolean,
  gripper: { fingertipBelowTcpM: number; fingertipHalfDepthM?: number },
): RigidPose {
  const a = normalize(pressDir);
  const up = normalize(sub([0, 0, 1], scale(a, a[2])));
  const z = add(scale(a, Math.cos(pitchRad)), scale(up, -Math.sin(pitchRad)));
  const side = normalize(cross(up, a));
  const mat = handFrame(z, flip ? scale(side, -1) : side);
  // The fingertips' upper edge (the end face's corner toward +up) reaches furthest along the press direction.
  const edge = add(scale(a, Math.sin(pitchRad)), scale(up, Math.cos(pitchRad)));
  const posM = sub(
    sub(capM, scale(z, gripper.fingertipBelowTcpM)),
    scale(edge, gripper.fingertipHalfDepthM ?? 0),
  );
  return { posM, mat };
}

type Located = {
  capM: Vec3;
  pressDir: Vec3;
  travelM: number;
  registeredM: number;
  stateName: string;
  part: string;
  /** What the instrument stands on (the bench top): the fingertips keep clear of it. */
  floorZM: number;
};

function locate(
  object: PlacedObject,
  pose: RigidPose,
  positions: Readonly<Record<string, number>> | undefined,
  part: string | undefined,
): Located | undefined {
  const b = buttonOf(object, part);
  if (!b) return undefined;
  // The cap where it rests (a button already held in reads the same: its frame is on the moving cap).
  const w = graspFrameWorld(object, pose, { ...positions, [b.part.name]: 0 }, b.frame);
  if (!w) return undefined;
  return {
    capM: w.posM,
    pressDir: w.approach,
    travelM: b.part.joint.range[1],
    registeredM: b.state.pressedBeyondM ?? b.part.joint.range[1],
    stateName: b.state.name,
    part: b.part.name,
    floorZM: pose.posM[2],
  };
}

/**
 * The hand pitches to try, in order: `pitchRad`, or steeper where the button sits so low that the fingertips'
 * lower edge (2 x their half depth below the pressing edge, foreshortened by the pitch) would meet the bench
 * (a centrifuge's start button stands 17-32 mm above it); then steeper and flatter ones for arms that cannot
 * take the first.
 */
export function pressPitches(aimHeightM: number, halfDepthM: number, p: PressButtonParams): number[] {
  const room = aimHeightM - p.benchClearanceM;
  const least = room <= 0 ? Math.PI / 2 : Math.acos(Math.min(1, room / (2 * Math.max(halfDepthM, 1e-6))));
  const first = Math.max(p.pitchRad, least);
  return [first, first + p.pitchStepRad, first + 2 * p.pitchStepRad, first - p.pitchStepRad].filter(
    (x) => x >= least - 1e-9 && x <= p.maxPitchRad,
  );
}

export function planPressButton(ctx: SkillContext, call: SkillCall, p: PressButtonParams): PlanResult {
  const object = ctx.objects.get(call.target);
  const pose = ctx.poses.get(call.target);
  const at = object && pose ? locate(object, pose, ctx.partPositions.get(call.target), call.part) : undefined;
  if (!at)
    return {
      ok: false,
      code: 'press-button.no-button',
      detail: `"${call.target}" has no sprung button${call.part ? ` named "${call.part}"` : ''}`,
    };
  // Of the two hand turns (the fingers are symmetric about the palm axis), the one nearer the hand's present
  // orientation first, so the wrist does not spin half a turn on the way.
  const aimM = add(at.capM, [0, 0, p.aimAboveCentreM]);
  const halfDepthM = ctx.gripper.fingertipHalfDepthM ?? 0;
  const options = pressPitches(aimM[2] - at.floorZM, halfDepthM, p).flatMap((pitch) => {
    const both = [false, true].map((flip) => pressPose(aimM, at.pressDir, pitch, flip, ctx.gripper));
    return both.sort((u, v) => rotationAngle(u.mat, ctx.tcp.mat) - rotationAngle(v.mat, ctx.tcp.mat));
  });
  const a = at.pressDir;
  const along = (pose: RigidPose, d: number): Vec3 => add(pose.posM, scale(a, d));
  const rise = (v: Vec3): Vec3 => [v[0], v[1], v[2] + p.approachRiseM];
  const stops = (o: RigidPose): Array<[string, Vec3]> => [
    ['press', o.posM],
    ['approach', along(o, -p.approachDistanceM)],
    ['above-approach', rise(along(o, -p.approachDistanceM))],
  ];
  const missed = (o: RigidPose) => stops(o).find(([, x]) => ctx.canReach && !ctx.canReach(x, o.mat))?.[0];
  // The reach test solves IK from the arm's start, far from the front-facing pose, and can miss a pose the arm
  // reaches by following the path there (a Panda at the thermal cycler's button): no candidate passing means
  // the first is tried, and the rollout's own IK check judges it.
  // And where none passes, the pitch and hand turn nearest the arm's comfortable top-down hand over the button
  // rather than the present hand: after a knob turned half a turn the present hand is wound up, and the nearer turn ran the
  // Panda's last joint on its stop through the whole press.
  const comfortable = topDownFrameAtYaw(neutralYaw(ctx, at.capM), ctx.toolPitchRad);
  const fallback = [...options].sort(
    (u, v) => rotationAngle(u.mat, comfortable) - rotationAngle(v.mat, comfortable),
  )[0];
  const contact = options.find((o) => missed(o) === undefined) ?? fallback;
  if (!contact)
    return {
      ok: false,
      code: 'press-button.unreachable',
      detail: `no hand pitch keeps the fingertips above the bench at the ${at.part} of ${call.target}`,
    };
  const { mat } = contact;
  const far = along(contact, -p.approachDistanceM);
  const above = rise(far);
  const turnInPlace = !ctx.canReach || ctx.canReach(ctx.tcp.posM, mat);
  const reach: Motion[] = [
    // Turned where it starts (clear of everything), then carried above the approach pose: turning from top-down
    // to the front while travelling, lagging joints took a Sawyer's fingertips into the thermal cycler's display.
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
    { phase: 'reach', posM: above, mat, gripperOpeningM: 0, minDurationS: p.reachDurationS, holdS: 0 },
    { phase: 'reach', posM: far, mat, gripperOpeningM: 0, minDurationS: 0.5, holdS: 0.1 },
    {
      phase: 'reach',
      posM: along(contact, -p.standoffM),
      mat,
      gripperOpeningM: 0,
      minDurationS: 0.5,
      holdS: 0.1,
    },
    {
      kind: 'track',
      phase: 'press',
      gripperOpeningM: 0,
      minDurationS: p.pressSearchS + p.pressHoldS,
      holdS: 0,
      goal: pressByDepth(call.target, at, along(contact, -p.standoffM), mat, p),
    },
    { phase: 'retreat', posM: far, mat, gripperOpeningM: 0, minDurationS: p.withdrawDurationS, holdS: 0 },
    // Up, clear of the instrument's front: the next move (a transition, the return home) starts away from the
    // bench; from low in front of the centrifuge a UR10e's lagging joints swept its fingertips into both. The hand
    // is not turned back here: a Cartesian turn back to top-down took a Doosan's wrist round onto a joint limit.
    {
      phase: 'retreat',
      posM: [far[0], far[1], far[2] + p.clearRiseM],
      mat,
      gripperOpeningM: 0,
      minDurationS: p.reachDurationS,
      holdS: 0,
    },
  ];
  return planned(reach);
}

/**
 * The press, closed on the cap's depth (read live off the button's body every control tick): the hand moves in
 * along the button axis from the standoff by an offset that grows by a share of the remaining depth error each
 * tick, never more than `pressStepPerTickM`. Before the fingertips reach the cap the error is the whole hold depth,
 * so the hand comes in at that speed; once the cap moves, the offset settles where the cap sits at `holdDepthM`,
 * past the registration depth and short of the full travel, whatever the arm's stiffness or sag. A guard that
 * stopped the hand at registration would re-anchor it on the measured pose: a compliant arm (ViperX, Piper) then
 * sags millimetres further and a stiff one lets the spring push the cap back out (measured on a UR5e: from 1.8 to
 * 1.2 mm, unregistered), so the registered press is held by this regulator instead.
 */
function pressByDepth(
  object: string,
  at: Located,
  standoff: Vec3,
  mat: number[],
  p: PressButtonParams,
): TrackMotion['goal'] {
  const holdDepthM = at.registeredM + p.holdDepthFraction * (at.travelM - at.registeredM);
  const maxOffsetM = p.standoffM + p.contactSearchM + at.travelM;
  const stepM = p.pressStepPerTickM;
  let offsetM = 0;
  return (live) => {
    const depthM = dot(sub(live.pose(object, at.part).posM, live.pose(object).posM), at.pressDir);
    const want = p.holdGainPerTick * (holdDepthM - Math.max(0, depthM));
    offsetM = Math.min(maxOffsetM, Math.max(0, offsetM + Math.max(-stepM, Math.min(stepM, want))));
    return { posM: add(standoff, scale(at.pressDir, offsetM)), mat };
  };
}

export function checkPressButton(
  frames: readonly FrameObservation[],
  ctx: SkillContext,
  call: SkillCall,
  p: PressButtonParams,
): CheckResult[] {
  void p;
  const object = ctx.objects.get(call.target);
  const b = object ? buttonOf(object, call.part) : undefined;
  if (!b) return [{ predicate: 'press-button.registered', ok: false, code: 'press-button.no-button' }];
  const pressed = (f: FrameObservation) => f.partStates.get(call.target)?.[b.state.name] === true;
  const registered = heldFor(frames, HOLD_FRAMES, pressed);
  const count = frames.filter(pressed).length;
  const last = frames.slice(-HOLD_FRAMES);
  const released =
    last.length === HOLD_FRAMES && last.every((f) => !pressed(f) && !f.touching.has(call.target));
  return [
    registered
      ? { predicate: 'press-button.registered', ok: true, metrics: { pressedFrames: count } }
      : {
          predicate: 'press-button.registered',
          ok: false,
          code: 'press-button.not-registered',
          detail: `${b.state.name} held on ${count} frames, fewer than ${HOLD_FRAMES} in a row`,
        },
    released
      ? { predicate: 'press-button.released', ok: true }
      : {
          predicate: 'press-button.released',
          ok: false,
          code: 'press-button.not-released',
          detail: last.some(pressed)
            ? `${b.state.name} still registered on the last frames`
            : 'the hand still touches the instrument on the last frames',
        },
  ];
}

/** The press pose at the default pitch and the approach pose out along the axis, as laid out in the scene. */
/** Placement does not know the gripper: fingertips as most profiles have them (11 mm beyond the TCP, 11 mm deep). */
const TYPICAL_FINGERTIPS = { fingertipBelowTcpM: 0.011, fingertipHalfDepthM: 0.011 };

export function pressReachTargets(
  object: PlacedObject,
  call: SkillCall,
  p: PressButtonParams,
  gripper = TYPICAL_FINGERTIPS,
): ReachTarget[] {
  const at = locate(object, placedPose(object), placedPartPositions(object), call.part);
  if (!at) return [];
  const aimM = add(at.capM, [0, 0, p.aimAboveCentreM]);
  const pitch = pressPitches(aimM[2] - at.floorZM, gripper.fingertipHalfDepthM, p)[0] ?? p.pitchRad;
  const contact = pressPose(aimM, at.pressDir, pitch, false, gripper);
  const label = `${at.part} of ${object.id}`;
  const far = add(contact.posM, scale(at.pressDir, -p.approachDistanceM));
  return [
    { label: `above ${label}`, posM: [far[0], far[1], far[2] + p.approachRiseM], mat: contact.mat },
    { label: `press ${label}`, posM: add(contact.posM, scale(at.pressDir, at.travelM)), mat: contact.mat },
    { label: `approach ${label}`, posM: far, mat: contact.mat },
  ];
}

export const pressButtonFailureCodes: Record<string, string> = {
  'press-button.no-button': 'the target has no sprung button (by that name) (planned, never simulated)',
  'press-button.unreachable':
    'no hand pitch up to the steepest keeps the fingertips above the bench (planned, never simulated)',
  'press-button.not-registered': `the instrument did not register the press on ${HOLD_FRAMES} consecutive frames`,
  'press-button.not-released':
    'on the last frames the button was still registered or the hand still touched the instrument',
};

export const pressButton: Skill<PressButtonParams> = {
  id: 'press-button',
  version: 1,
  defaults: pressButtonDefaults,
  doc: {
    description:
      'Close the fingers, turn the hand to face a sprung button along its axis (pitched down, so the wrist stays above the bench), come in and push the cap with the fingertips: a closed loop on the cap depth read live from the instrument brings the hand in until the cap passes its registration depth and holds it there, short of its stop; then withdraw so the button springs back, and rise clear.',
    parameters: {
      pitchRad: 'hand pitch down from the button axis (steeper where the button sits low above the bench)',
      pitchStepRad: 'step between the further pitches tried when the arm cannot take the first',
      maxPitchRad: 'steepest pitch tried',
      benchClearanceM: "room the fingertips' lower edge keeps above what the instrument stands on",
      aimAboveCentreM: "the fingertips' pressing edge aims this far above the cap centre",
      approachDistanceM: 'distance out along the axis where the reach ends and the withdrawal returns',
      approachRiseM: 'the reach passes this far above the approach pose before coming down to it',
      reachDurationS: 'least duration of the reach to above the approach pose',
      turnDurationS: 'least duration of turning the hand to the front where it starts',
      standoffM: 'distance out from the expected first contact where the press starts',
      contactSearchM: 'how far past the expected first contact the press may search for the cap',
      pressStepPerTickM: 'most the hand moves in per 10 ms control tick while pressing',
      pressSearchS: 'time the press may take to find the cap and register',
      holdDepthFraction:
        'where the registered cap is held, as a share of the way from the registration depth to the stop',
      holdGainPerTick: 'share of the cap depth error corrected per control tick',
      pressHoldS: 'time the press is held once registered (at least 5 frames at 10 fps)',
      withdrawDurationS: 'duration of the withdrawal to the approach pose',
      clearRiseM: 'how far the hand rises after the withdrawal',
    },
    success: [
      `press-button.registered: the instrument's named button state (startButtonPressed, tareButtonPressed: the cap past its registration depth) holds on ${HOLD_FRAMES} consecutive frames`,
      `press-button.released: on the skill's last ${HOLD_FRAMES} frames (after the withdrawal and the settle) the button is released and the hand touches nothing of the instrument`,
    ],
    failureCodes: pressButtonFailureCodes,
  },
  plan: (ctx, call, p) => planPressButton(ctx, call, p),
  check: (frames, ctx, call, p) => checkPressButton(frames, ctx, call, p),
  reachTargets: (objects, call, p) => {
    const o = objects.get(call.target);
    return o ? pressReachTargets(o, call, p) : [];
  },
};
