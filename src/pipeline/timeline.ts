// The episode's timeline: each plan step's skill, and between two skills a transition (clear the instrument,
// then a joint-space move to where the next skill starts), with settle and the return home at the end.
import type { ArticulationState } from '../assets/articulation-state.js';
import { solveIk } from '../motion/ik.js';
import type { Vec3 } from '../motion/math3d.js';
import { isPoseMotion, type Motion } from '../motion/motions.js';
import type { Rng } from '../rng.js';
import type { RobotProfile } from '../schemas/robot.js';
import { getSkill } from '../skills/registry.js';
import {
  type CheckResult,
  type FrameObservation,
  HOLD_FRAMES,
  NOT_ATTEMPTED,
  type PlanResult,
  type SkillCall,
  type SkillContext,
} from '../skills/skill.js';
import { skillLanguages } from '../skills/languages.js';
import type { Rollout } from './rollout.js';

// Long enough for a released tube that tips over to roll to a stop in a basket (about 1 s measured).
const SETTLE_S = 1.2;
/** Held at home after the last skill: the end state the final checks judge, with nothing moving. */
const HOME_HOLD_S = 0.4;

/** How a transition clears the scene before its joint-space move (DESIGN §5.1: the timeline's, not a skill's). */
export const transitionDefaults = {
  /** The hand first rises this much straight up from where the last skill left it. */
  riseM: 0.05,
  riseMinDurationS: 0.4,
  /** Shortest joint-space move to the next skill's start configuration, and the pause there. */
  jointMinDurationS: 0.6,
  jointHoldS: 0.1,
  /** The next skill's start must be solved this closely for the joint move to go there. */
  startPoseTolM: 0.003,
  /** A start solved from where the arm is must keep every joint this far from its stops, else home is tried. */
  startLimitMarginRad: 0.3,
  /** Joint-space paths are checked for contacts at configurations at most this far apart (largest joint). */
  pathCheckStepRad: 0.03,
  /** A detour lifts the hand this far above the tallest object on the bench. */
  detourClearanceM: 0.12,
  /**
   * Whether a transition puts down what the hand holds when the next skill does not use it (off only to show
   * what the end-state check does without it: the next skill's fingers let it fall, `episode.dropped`).
   */
  putDownHeld: true,
  /** Or pulls it back this far towards the robot's base and this far up, clear of what it worked at. */
  pullBackM: 0.15,
  pullBackRiseM: 0.08,
};

export interface TimelineSegment {
  /** Position in the timeline (skills and transitions in order). */
  index: number;
  kind: 'skill' | 'transition';
  /** The plan step: the skill's own, or for a transition the step it leads to. */
  step: number;
  /** The skill id, or `transition`. */
  skill: string;
  /** Versioned skill id, `id@N` (DESIGN §3); absent for a transition. */
  skillVersion?: string;
  target: string;
  part?: string;
  destination?: string;
  args?: SkillCall['args'];
  text: string;
  startFrame: number;
  /** Exclusive. */
  endFrame: number;
  success: boolean;
  checks: CheckResult[];
  /**
   * For a transition into a skill that needs the hand but not what it holds: where the held object was put
   * down first (the place skill's own plan and checks, run inside the transition).
   */
  putDown?: { target: string; destination: string };
  /** Measured arm joint positions at the segment's first frame (the start-pose library). */
  startJointsRad: number[];
  /**
   * Named state of the instruments the step acts on (target, destination), before and after the segment, and
   * the sprung states that registered during it (held on for 5 frames in a row: a button pressed and let
   * spring back reads unpressed after, its press is here).
   */
  instrumentStates: Array<{
    object: string;
    before: ArticulationState;
    after: ArticulationState;
    registered: string[];
  }>;
}

export interface TimelineInput {
  steps: readonly SkillCall[];
  robot: RobotProfile;
  /** The planner's world at a skill's start, taken fresh from the live simulation. */
  snapshot: () => SkillContext;
  rng: Rng;
  home: { posM: Vec3; mat: number[] };
  /** The robot's base in the world (where a hand pulls back to). */
  basePosM: Vec3;
}

export function runTimeline(rollout: Rollout, input: TimelineInput): TimelineSegment[] {
  const { steps, robot } = input;
  const segments: TimelineSegment[] = [];
  const begin = (
    kind: TimelineSegment['kind'],
    step: number,
    call: SkillCall,
  ): Omit<TimelineSegment, 'endFrame' | 'success' | 'checks'> => {
    const index = segments.length;
    rollout.label = { segment: index, step, transition: kind === 'transition', text: call.text };
    const skill = kind === 'skill' ? getSkill(call.skill) : undefined;
    return {
      index,
      kind,
      step,
      skill: skill ? call.skill : 'transition',
      ...(skill ? { skillVersion: `${skill.id}@${skill.version}` } : {}),
      target: call.target,
      ...(call.part ? { part: call.part } : {}),
      ...(call.destination ? { destination: call.destination } : {}),
      ...(call.args ? { args: call.args } : {}),
      text: call.text,
      startFrame: rollout.frame,
      startJointsRad: rollout.binding.armPositions(),
      instrumentStates: instrumentsOf(call, rollout).map((object) => ({
        object,
        before: rollout.observer.partState(object),
        after: {},
        registered: [],
      })),
    };
  };
  const end = (seg: ReturnType<typeof begin>, checks: CheckResult[]): TimelineSegment => {
    const done: TimelineSegment = {
      ...seg,
      endFrame: rollout.frame,
      success: checks.every((c) => c.ok),
      checks,
      instrumentStates: seg.instrumentStates.map((s) => ({
        ...s,
        after: rollout.observer.partState(s.object),
        registered: registeredStates(rollout.observations.slice(seg.startFrame), s.object),
      })),
    };
    segments.push(done);
    return done;
  };

  for (const [index, call] of steps.entries()) {
    if (rollout.unstable) break;
    const skill = getSkill(call.skill);
    const params = { ...skill.defaults, ...(robot.skillOverrides[call.skill] ?? {}) };
    const rng = input.rng.fork(`${index}`);
    let plan: PlanResult;
    let ctx: SkillContext;
    if (index > 0) {
      const transition = begin('transition', index, call);
      // Clear the instrument first: straight up from where the last skill let go (or still holds).
      const tcp = rollout.binding.tcpPose();
      rollout.transitionHeld = rollout.observer.touchingGripper();
      rollout.execute([
        {
          phase: 'transition',
          posM: [tcp.posM[0], tcp.posM[1], tcp.posM[2] + transitionDefaults.riseM],
          mat: tcp.mat,
          gripperOpeningM: rollout.gripperCmdM,
          minDurationS: transitionDefaults.riseMinDurationS,
          holdS: 0,
        },
      ]);
      // The hand holds something the next skill does not use (closing a lid with the PCR plate just taken out):
      // put it down first, the way the place skill would, and judge that placement as the skill would.
      const putDown = transitionDefaults.putDownHeld ? heldToPutDown(rollout, call) : undefined;
      let putDownChecks: CheckResult[] = [];
      if (putDown) {
        rollout.transitionHeld = null;
        const result = putHeldDown(rollout, input, putDown, call, rng.fork('put-down'));
        putDownChecks = result.checks;
        if (result.destination) transition.putDown = { target: putDown, destination: result.destination };
        rollout.transitionHeld = rollout.observer.touchingGripper();
      }
      if (putDownChecks.some((c) => !c.ok)) {
        end(transition, putDownChecks);
        return segments;
      }
      ctx = input.snapshot();
      plan = skill.plan(ctx, call, params, rng);
      const start = plan.ok ? startConfiguration(rollout, plan.motions[0], robot.homeRad) : null;
      const path = start ? clearJointPath(rollout, start, input) : null;
      if (path && 'via' in path) {
        rollout.execute(
          jointMoves(
            path.via,
            'transition',
            rollout.gripperCmdM,
            transitionDefaults.jointMinDurationS,
            transitionDefaults.jointHoldS,
          ),
        );
      }
      rollout.transitionHeld = null;
      const contact = rollout.transitionContact;
      const collided = contact !== null && contact.segment === transition.index;
      const blocked = path && 'blocked' in path ? path.blocked : null;
      end(transition, [
        ...putDownChecks,
        blocked
          ? {
              predicate: 'transition.clear',
              ok: false,
              code: 'transition.no-clear-path',
              detail: `no joint-space path to the start of "${call.text}" clears the scene (straight there: ${blocked})`,
            }
          : collided
            ? {
                predicate: 'transition.clear',
                ok: false,
                code: 'transition.collision',
                detail: `${contact.bodies} touched at frame ${contact.frame}`,
              }
            : { predicate: 'transition.clear', ok: true },
      ]);
      if (collided || blocked) return segments;
    } else {
      ctx = input.snapshot();
      plan = skill.plan(ctx, call, params, rng);
    }

    const seg = begin('skill', index, call);
    plan = runPlan(rollout, plan, input.snapshot);
    const frames = rollout.observations.slice(seg.startFrame);
    if (!plan.ok) {
      // No plan (no room left in the container, nothing to grasp): the attempt ends here, nothing is pushed.
      // A stage that could not be planned may follow one that already failed (a place after an empty grasp):
      // the skill's own failed checks come first, they name the cause.
      const failure: CheckResult = {
        predicate: `${call.skill}.planned`,
        ok: false,
        code: plan.code,
        ...(plan.detail ? { detail: plan.detail } : {}),
      };
      const ran = frames.length > 0 ? skill.check(frames, ctx, call, params) : [];
      end(seg, [...ran.filter((c) => !c.ok && c.code !== NOT_ATTEMPTED), failure]);
      return segments;
    }
    end(seg, skill.check(frames, ctx, call, params));
  }

  // The arm goes back to its home pose, so the last frames show what the episode left behind rather than the
  // hand hovering over it, and the end state is judged with the arm gone. Not with something in the hand: a
  // plan that ends holding (a pick) ends where it holds it.
  const last = segments[segments.length - 1];
  if (
    last &&
    !rollout.unstable &&
    segments.every((s) => s.success) &&
    rollout.observer.touchingGripper().size === 0
  ) {
    // Up clear of what it worked at, then a joint-space move home along a path checked clear of the scene: a
    // straight Cartesian line from a low instrument pose (a stirrer's front knob, a drawer's handle) ran the arm
    // through its joint limits. Where no joint path is clear, the straight line as before.
    const tcp = rollout.binding.tcpPose();
    rollout.execute([
      {
        phase: 'return-home',
        posM: [tcp.posM[0], tcp.posM[1], tcp.posM[2] + transitionDefaults.riseM],
        mat: tcp.mat,
        gripperOpeningM: rollout.gripperCmdM,
        minDurationS: transitionDefaults.riseMinDurationS,
        holdS: 0,
      },
    ]);
    const path = clearJointPath(rollout, [...robot.homeRad], input);
    rollout.execute(
      'via' in path
        ? jointMoves(path.via, 'return-home', rollout.gripperCmdM, 1.0, HOME_HOLD_S)
        : [
            {
              phase: 'return-home',
              posM: input.home.posM,
              mat: input.home.mat,
              gripperOpeningM: rollout.gripperCmdM,
              minDurationS: 1.0,
              holdS: HOME_HOLD_S,
            },
          ],
    );
    last.endFrame = rollout.frame;
    for (const s of last.instrumentStates) s.after = rollout.observer.partState(s.object);
  }
  return segments;
}

/** Joint-space moves through `via` (its last configuration the goal, reached no faster than `lastS`). */
function jointMoves(
  via: readonly number[][],
  phase: 'transition' | 'return-home',
  gripperOpeningM: number,
  lastS: number,
  lastHoldS: number,
): Motion[] {
  return via.map((goalRad, i) => ({
    kind: 'joint' as const,
    phase,
    goalRad,
    gripperOpeningM,
    minDurationS: i === via.length - 1 ? lastS : 0.3,
    holdS: i === via.length - 1 ? lastHoldS : 0,
  }));
}

/** Executes a plan and its follow-ups (each planned from the live scene); returns the last plan result. */
function runPlan(rollout: Rollout, first: PlanResult, snapshot: () => SkillContext): PlanResult {
  let plan = first;
  for (;;) {
    if (!plan.ok) return plan;
    const motions: Motion[] = [...plan.motions];
    if (motions.length > 0 && !plan.next) motions.push(settleMotion(motions[motions.length - 1] as Motion));
    rollout.execute(motions);
    if (!plan.next || rollout.unstable) return plan;
    plan = plan.next(snapshot());
  }
}

/** The skill that puts a held object into a destination (its language: needs it held, puts it there). */
function putDownSkill(): string | undefined {
  return skillLanguages.find(
    (l) =>
      l.requires.some((r) => 'hand' in r && r.hand === 'holding') &&
      l.effects.some((e) => 'put' in e) &&
      l.destination === 'required',
  )?.skill;
}

/** The movable object in the hand that the next call neither acts on nor needs held, if any. */
function heldToPutDown(rollout: Rollout, next: SkillCall): string | undefined {
  const language = skillLanguages.find((l) => l.skill === next.skill);
  if (language?.requires.some((r) => 'hand' in r && r.hand === 'holding')) return undefined;
  return [...rollout.observer.touchingGripper()].find(
    (id) =>
      id !== next.target &&
      id !== next.destination &&
      rollout.objects.find((o) => o.id === id)?.movable === true,
  );
}

/**
 * Puts the held object into the nearest container or holder (other than what the next step acts on) that the
 * put-down skill can plan for, with that skill's motions and checks; `transition.no-put-down` when none can.
 */
function putHeldDown(
  rollout: Rollout,
  input: TimelineInput,
  held: string,
  next: SkillCall,
  rng: Rng,
): { checks: CheckResult[]; destination?: string } {
  const id = putDownSkill();
  const tcp = rollout.binding.tcpPose().posM;
  const holders = rollout.objects
    .filter(
      (o) =>
        o.id !== held &&
        o.id !== next.target &&
        o.id !== next.destination &&
        (o.built.container !== undefined || (o.built.slots?.length ?? 0) > 0),
    )
    .map((o) => ({ o, d: Math.hypot(...o.posM.map((v, i) => v - (tcp[i] as number))) }))
    .sort((a, b) => a.d - b.d || a.o.id.localeCompare(b.o.id));
  const tried: string[] = [];
  if (id) {
    const skill = getSkill(id);
    const params = { ...skill.defaults, ...(input.robot.skillOverrides[id] ?? {}) };
    for (const { o } of holders) {
      const call: SkillCall = { skill: id, target: held, destination: o.id, text: `put the ${held} down` };
      const ctx = input.snapshot();
      const plan = skill.plan(ctx, call, params, rng.fork(o.id));
      if (!plan.ok) {
        tried.push(`${o.id}: ${plan.code}`);
        continue;
      }
      const from = rollout.frame;
      const last = runPlan(rollout, plan, input.snapshot);
      const checks = skill.check(rollout.observations.slice(from), ctx, call, params);
      if (!last.ok)
        checks.push({ predicate: `${id}.planned`, ok: false, code: last.code, detail: last.detail ?? '' });
      return { checks, destination: o.id };
    }
  }
  return {
    checks: [
      {
        predicate: 'transition.put-down',
        ok: false,
        code: 'transition.no-put-down',
        detail: `the hand holds ${held}, which "${next.text}" does not use, and there is nowhere to put it down (${
          tried.join('; ') || 'no container or holder in the scene'
        })`,
      },
    ],
  };
}

/** The boolean states of an object that were on for HOLD_FRAMES frames in a row among `frames`. */
function registeredStates(frames: readonly FrameObservation[], object: string): string[] {
  const names = new Set<string>();
  const run = new Map<string, number>();
  for (const f of frames) {
    for (const [name, value] of Object.entries(f.partStates.get(object) ?? {})) {
      if (typeof value !== 'boolean') continue;
      const n = value ? (run.get(name) ?? 0) + 1 : 0;
      run.set(name, n);
      if (n >= HOLD_FRAMES) names.add(name);
    }
  }
  return [...names].sort();
}

/** The settle after a skill's last motion: the hand stays where it ended while the scene comes to rest. */
const settleMotion = (last: Motion): Motion => ({
  kind: 'hold',
  phase: 'settle',
  gripperOpeningM: last.gripperOpeningM,
  minDurationS: 0,
  holdS: SETTLE_S,
});

/** The articulated objects a call acts on: its target and destination, when they have named states. */
function instrumentsOf(call: SkillCall, rollout: Rollout): string[] {
  return [call.target, call.destination].filter(
    (id): id is string =>
      id !== undefined && (rollout.objects.find((o) => o.id === id)?.built.states?.length ?? 0) > 0,
  );
}

/**
 * A joint-space way from the current targets to `goal` that clears the scene, checked configuration by
 * configuration on scratch collision detection before it is taken: straight there; else over the top (the hand
 * lifted above the tallest object first, then above the goal); else through the home pose. `blocked` names the
 * first contact on the straight path when none is clear.
 */
function clearJointPath(
  rollout: Rollout,
  goal: number[],
  input: TimelineInput,
): { via: number[][] } | { blocked: string } {
  const held = rollout.observer.touchingGripper();
  const from = rollout.targetsRad;
  const firstContact = (via: readonly number[][]): string | null => {
    let q0: readonly number[] = from;
    for (const q1 of via) {
      const span = Math.max(...q1.map((v, j) => Math.abs(v - (q0[j] as number))));
      const n = Math.max(1, Math.ceil(span / transitionDefaults.pathCheckStepRad));
      for (let k = 1; k <= n; k++) {
        const q = q1.map((v, j) => (q0[j] as number) + ((v - (q0[j] as number)) * k) / n);
        const hit = rollout.observer.robotSceneContactAt(q, held);
        if (hit) return hit;
      }
      q0 = q1;
    }
    return null;
  };
  const atGoal = rollout.observer.robotSceneContactAt(goal, held);
  if (atGoal) return { blocked: `the start itself touches ${atGoal}` };
  const direct = firstContact([goal]);
  if (!direct) return { via: [goal] };
  const candidates: number[][][] = [];
  // Over what stands now (a lid left open towers over its instrument's closed height).
  const safeZ = rollout.observer.objectsTopZM() + transitionDefaults.detourClearanceM;
  const here = rollout.binding.probe(from);
  const there = rollout.binding.probe(goal);
  const lifted = (pose: { posM: Vec3; mat: number[] }, seed: readonly number[]) =>
    solveIk(
      rollout.binding,
      { posM: [pose.posM[0], pose.posM[1], Math.max(pose.posM[2], safeZ)], mat: pose.mat },
      seed,
      {
        iterations: 150,
        posture: rollout.posture,
      },
    );
  const up = lifted({ posM: here.posM, mat: [...here.mat] }, from);
  const over = lifted({ posM: there.posM, mat: [...there.mat] }, goal);
  if (up.converged && over.converged) candidates.push([up.q, over.q, goal]);
  // Pulled back towards the base and up, at both ends: out from under a lid standing open, away from a face.
  const pulledBack = (pose: { posM: Vec3; mat: number[] }, seed: readonly number[]) => {
    const [dx, dy] = [input.basePosM[0] - pose.posM[0], input.basePosM[1] - pose.posM[1]];
    const k = transitionDefaults.pullBackM / Math.max(Math.hypot(dx, dy), 1e-6);
    return solveIk(
      rollout.binding,
      {
        posM: [pose.posM[0] + dx * k, pose.posM[1] + dy * k, pose.posM[2] + transitionDefaults.pullBackRiseM],
        mat: pose.mat,
      },
      seed,
      { iterations: 150, posture: rollout.posture },
    );
  };
  const backHere = pulledBack({ posM: here.posM, mat: [...here.mat] }, from);
  const backThere = pulledBack({ posM: there.posM, mat: [...there.mat] }, goal);
  if (backHere.converged && backThere.converged) candidates.push([backHere.q, backThere.q, goal]);
  candidates.push([[...input.robot.homeRad], goal]);
  for (const via of candidates) if (!firstContact(via)) return { via };
  return { blocked: direct };
}

/**
 * The joint configuration the next skill starts in: its first motion's pose solved from the current targets,
 * or null when that motion is not a pose or the arm cannot meet it closely (the skill's own first motion then
 * takes the hand there in Cartesian space, as an atomic episode would).
 */
function startConfiguration(
  rollout: Rollout,
  first: Motion | undefined,
  homeRad: readonly number[],
): number[] | null {
  if (!first || !isPoseMotion(first)) return null;
  const { lowerRad, upperRad } = rollout.binding;
  const margin = (q: readonly number[]) =>
    Math.min(...q.map((v, j) => Math.min(v - (lowerRad[j] as number), (upperRad[j] as number) - v)));
  // Solved from where the arm is (the least move), and from home when that leaves a joint near its stop: after
  // a knob turned half a turn the wrist is wound up, and the next skill would run with it pinned on its limit.
  // A solution that puts the arm into the scene is passed over for the other seed's: after closing the
  // centrifuge's lid the UR5e's present arm solved the press's first pose with the shoulder lifted past -pi
  // (upper arm down into the bench) although the home seed's elbow-up solution was clear.
  const held = rollout.observer.touchingGripper();
  let best: number[] | null = null;
  let touching: number[] | null = null;
  for (const seed of [rollout.targetsRad, homeRad]) {
    const ik = solveIk(rollout.binding, { posM: first.posM, mat: first.mat }, seed, {
      iterations: 150,
      posture: rollout.posture,
    });
    if (ik.posErrM >= transitionDefaults.startPoseTolM || ik.rotErrRad >= 0.02) continue;
    if (rollout.observer.robotSceneContactAt(ik.q, held) !== null) {
      touching ??= ik.q;
      continue;
    }
    if (!best || margin(ik.q) > margin(best) + 1e-9) best = ik.q;
    if (margin(best) >= transitionDefaults.startLimitMarginRad) break;
  }
  return best ?? touching;
}
