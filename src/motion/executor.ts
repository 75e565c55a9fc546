// Follows timed Cartesian segments: IK at the control rate, velocity-limited joint targets, gripper ramps, physics stepping.

import type { Guard, PhaseName } from '../skills/skill.js';
import { type IkOptions, type KinematicsProbe, solveIk } from './ik.js';
import type { Vec3 } from './math3d.js';
import { type MotionLimits, type Segment, sampleSegment, timeSegments } from './trajectory.js';

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
  /** Reads the live simulation for a guarded segment; without it guards never fire. */
  guardFired?: (guard: Guard) => boolean;
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
}

export function executeSegments(
  robot: ControlledRobot,
  stepper: Stepper,
  segments: readonly Segment[],
  limits: MotionLimits,
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
  };
  const ikOptions: Partial<IkOptions> = {
    iterations: 12,
    positionFirstIterations: 12,
    posture: options.posture,
    ...options.ik,
  };
  let plan: readonly Segment[] = segments;
  for (let i = 0; i < plan.length; i++) {
    const seg = plan[i] as Segment;
    const end = seg.startS + seg.moveS + seg.holdS;
    const ticks = Math.max(1, Math.round((end - seg.startS) / dt));
    for (let k = 1; k <= ticks; k++) {
      const t = seg.startS + k * dt;
      const goal = sampleSegment(seg, Math.min(t, end), limits);
      const ik = solveIk(robot, goal, q, ikOptions);
      report.maxIkErrorM = Math.max(report.maxIkErrorM, ik.posErrM);
      let clamped = false;
      const next = ik.q.map((qi, j) => {
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
      robot.setGripperTarget(goal.gripperOpeningM);
      const cmd: ControlCommand = {
        phase: seg.phase,
        armTargetsRad: q,
        gripperTargetM: goal.gripperOpeningM,
      };
      for (let s = 0; s < options.controlPeriodSteps; s++) {
        stepper.step(1);
        afterStep(cmd);
      }
      if (seg.to.guard && t < seg.startS + seg.moveS && options.guardFired?.(seg.to.guard)) {
        plan = replanFromGuardStop(robot, plan, i, goal, t, limits);
        break;
      }
    }
  }
  report.finalTargetsRad = q;
  return report;
}

/**
 * The rest of a plan after guarded segment `i` stopped at time `t`: its hold where the TCP really is, then the
 * remaining waypoints, those marked `atGuardStop` moved to the stop, re-timed from there.
 */
function replanFromGuardStop(
  robot: ControlledRobot,
  plan: readonly Segment[],
  i: number,
  goal: { mat: number[]; gripperOpeningM: number },
  t: number,
  limits: MotionLimits,
): Segment[] {
  const stopped = robot.tcpPose().posM;
  const seg = plan[i] as Segment;
  const { guard: _guard, ...stopWaypoint } = seg.to;
  const rest = plan.slice(i + 1).map((s) => (s.to.atGuardStop ? { ...s.to, posM: stopped } : s.to));
  const timed = timeSegments(
    { posM: stopped, mat: goal.mat, gripperOpeningM: goal.gripperOpeningM },
    [{ ...stopWaypoint, posM: stopped, mat: goal.mat, minDurationS: 0 }, ...rest],
    limits,
    t,
  );
  return [...plan.slice(0, i + 1), ...timed];
}
