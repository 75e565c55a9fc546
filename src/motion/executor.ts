// Follows timed Cartesian segments: IK at the control rate, velocity-limited joint targets, gripper ramps, physics stepping.

import type { PhaseName } from '../skills/skill.js';
import { type IkOptions, type KinematicsProbe, solveIk } from './ik.js';
import { type MotionLimits, type Segment, sampleSegment } from './trajectory.js';

/** The robot as the executor drives it (implemented by the sim adapter's RobotBinding). */
export interface ControlledRobot extends KinematicsProbe {
  setArmTargets(q: readonly number[]): void;
  setGripperTarget(openingM: number): void;
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
}

export interface ExecutionReport {
  /** Largest IK position error over all ticks (m). */
  maxIkErrorM: number;
  /** Ticks where a joint target had to be slowed to its velocity limit. */
  velocityClampedTicks: number;
  /** Ticks where a joint target sat on its limit. */
  jointLimitTicks: number;
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
    finalTargetsRad: q,
  };
  const ikOptions: Partial<IkOptions> = {
    iterations: 12,
    positionFirstIterations: 12,
    posture: options.posture,
    ...options.ik,
  };
  for (const seg of segments) {
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
    }
  }
  report.finalTargetsRad = q;
  return report;
}
