// Follows a plan's motions: IK at the control rate, velocity-limited joint targets, gripper ramps, physics
// stepping, guards and tracking read from the live simulation.

import type { PhaseName } from '../skills/phases.js';
import { type IkOptions, type KinematicsProbe, solveIk } from './ik.js';
import type { Vec3 } from './math3d.js';
import { isPoseMotion, type LiveView, type Motion } from './motions.js';
import {
  cartesianAt,
  cartesianEnd,
  gripperAt,
  jointsAt,
  type MotionLimits,
  type MotionStart,
  type TimedMotion,
  timeMotion,
} from './trajectory.js';

/** The robot as the executor drives it (implemented by the sim adapter's RobotBinding). */
export interface ControlledRobot extends KinematicsProbe {
  setArmTargets(q: readonly number[]): void;
  setGripperTarget(openingM: number): void;
  /** The measured TCP pose (where a guarded move really stopped). */
  tcpPose(): { posM: Vec3; mat: number[] };
}

export interface Stepper {
  step(n: number): void;
}

export interface ControlCommand {
  phase: PhaseName;
  armTargetsRad: readonly number[];
  gripperTargetM: number;
}

export interface ExecutorOptions {
  timestepS: number;
  /** Physics steps per control tick (IK is solved once per tick). */
  controlPeriodSteps: number;
  velocityLimitsRadS: readonly number[];
  posture?: readonly number[];
  ik?: Partial<IkOptions>;
  /** The live simulation, for guarded and tracking motions; without it guards never fire. */
  live?: LiveView;
}

export interface ExecutionReport {
  /** Largest IK position error over all ticks (m). */
  maxIkErrorM: number;
  /** Ticks where a joint target had to be slowed to its velocity limit. */
  velocityClampedTicks: number;
  /** Ticks where a joint target sat on its limit. */
  jointLimitTicks: number;
  /** Control ticks executed. */
  ticks: number;
  /** The last commanded joint targets (seed for the next skill). */
  finalTargetsRad: number[];
  /** The last commanded TCP pose and gripper opening (where the next motions start). */
  final: MotionStart;
  /** Guards that fired, by motion index. */
  guardsFired: number[];
  /** Simulated time the motions took (s). */
  durationS: number;
}

// The next motion starts at start + (move + hold): summed in this order, timings match the plans recorded
// before motions were timed one at a time, to the last bit.
const nextStartS = (t: TimedMotion): number => t.startS + (t.moveS + t.holdS);

/**
 * Runs `motions` in order from the commanded state `start` / `seedRad`. Each motion is timed when it starts,
 * from where the previous one really ended: a guarded motion that stopped early hands its stop on (motions
 * marked `atGuardStop` go there instead of their own goal).
 */
export function executeMotions(
  robot: ControlledRobot,
  stepper: Stepper,
  motions: readonly Motion[],
  limits: MotionLimits,
  start: MotionStart,
  seedRad: readonly number[],
  options: ExecutorOptions,
  afterStep: (cmd: ControlCommand) => void,
): ExecutionReport {
  const dt = options.timestepS * options.controlPeriodSteps;
  let q = [...seedRad];
  const report: ExecutionReport = {
    maxIkErrorM: 0,
    velocityClampedTicks: 0,
    jointLimitTicks: 0,
    ticks: 0,
    finalTargetsRad: q,
    final: start,
    guardsFired: [],
    durationS: 0,
  };
  const ikOptions: Partial<IkOptions> = {
    iterations: 12,
    positionFirstIterations: 12,
    posture: options.posture,
    ...options.ik,
  };
  let from = start;
  let t0 = 0;
  let guardStopM: Vec3 | undefined;

  /** One control tick towards a Cartesian goal or joint targets: targets set, physics stepped. */
  const tick = (
    phase: PhaseName,
    goal: { posM: Vec3; mat: number[] } | { jointsRad: number[] },
    gripperM: number,
  ) => {
    let want: number[];
    if ('jointsRad' in goal) want = goal.jointsRad;
    else {
      const ik = solveIk(robot, goal, q, ikOptions);
      report.maxIkErrorM = Math.max(report.maxIkErrorM, ik.posErrM);
      want = ik.q;
    }
    let clamped = false;
    const next = want.map((qi, j) => {
      const step = (options.velocityLimitsRadS[j] as number) * dt;
      const d = qi - (q[j] as number);
      if (Math.abs(d) > step) {
        clamped = true;
        return (q[j] as number) + Math.sign(d) * step;
      }
      return qi;
    });
    if (clamped) report.velocityClampedTicks++;
    if (
      next.some(
        (v, j) => v <= (robot.lowerRad[j] as number) + 1e-6 || v >= (robot.upperRad[j] as number) - 1e-6,
      )
    ) {
      report.jointLimitTicks++;
    }
    q = next;
    report.ticks++;
    robot.setArmTargets(q);
    robot.setGripperTarget(gripperM);
    const cmd: ControlCommand = { phase, armTargetsRad: q, gripperTargetM: gripperM };
    for (let s = 0; s < options.controlPeriodSteps; s++) {
      stepper.step(1);
      afterStep(cmd);
    }
  };

  for (const [index, original] of motions.entries()) {
    const motion: Motion =
      isPoseMotion(original) && original.atGuardStop && guardStopM
        ? { ...original, posM: guardStopM }
        : original;
    const timed: TimedMotion = timeMotion(motion, from, q, t0, limits, options.velocityLimitsRadS);
    const end = timed.startS + timed.moveS + timed.holdS;
    const moveEnd = timed.startS + timed.moveS;
    const ticks = Math.max(1, Math.round((end - timed.startS) / dt));
    let last: { posM: Vec3; mat: number[] } | undefined;
    let stoppedAtS: number | undefined;
    for (let k = 1; k <= ticks; k++) {
      const t = Math.min(timed.startS + k * dt, end);
      const gripperM = gripperAt(timed, t, limits);
      if (motion.kind === 'joint') {
        const jointsRad = jointsAt(timed, Math.min(t, moveEnd));
        tick(motion.phase, { jointsRad }, gripperM);
      } else {
        if (motion.kind === 'track') {
          if (!options.live) throw new Error('a tracking motion needs the live simulation');
          last = motion.goal(options.live);
        } else last = cartesianAt(timed, t);
        tick(motion.phase, last, gripperM);
      }
      if (motion.guard && timed.startS + k * dt < moveEnd && options.live?.guardFired(motion.guard)) {
        stoppedAtS = timed.startS + k * dt;
        break;
      }
    }
    if (stoppedAtS !== undefined) {
      // The hold of a guarded motion happens where the TCP really stopped, re-timed from there.
      report.guardsFired.push(index);
      const stopped = robot.tcpPose().posM;
      guardStopM = stopped;
      const mat = last?.mat ?? robot.tcpPose().mat;
      const gripperM = gripperAt(timed, stoppedAtS, limits);
      const { guard: _guard, ...rest } = motion as Motion & { guard?: unknown };
      const hold = timeMotion(
        { ...(rest as object), kind: 'pose', posM: stopped, mat, minDurationS: 0 } as Motion,
        { posM: stopped, mat, gripperOpeningM: gripperM },
        q,
        stoppedAtS,
        limits,
        options.velocityLimitsRadS,
      );
      const holdEnd = hold.startS + hold.moveS + hold.holdS;
      const holdTicks = Math.max(1, Math.round((holdEnd - hold.startS) / dt));
      for (let k = 1; k <= holdTicks; k++) {
        const t = Math.min(hold.startS + k * dt, holdEnd);
        tick(motion.phase, cartesianAt(hold, t), gripperAt(hold, t, limits));
      }
      from = { posM: stopped, mat, gripperOpeningM: motion.gripperOpeningM };
      t0 = nextStartS(hold);
      continue;
    }
    if (motion.kind === 'joint') {
      const f = robot.probe(motion.goalRad);
      from = { posM: f.posM, mat: [...f.mat], gripperOpeningM: motion.gripperOpeningM };
    } else if (motion.kind === 'track') {
      from = { ...(last ?? from), gripperOpeningM: motion.gripperOpeningM };
    } else {
      from = { ...cartesianEnd(motion, timed.from), gripperOpeningM: motion.gripperOpeningM };
    }
    t0 = nextStartS(timed);
  }
  report.finalTargetsRad = q;
  report.final = from;
  report.durationS = t0;
  return report;
}
