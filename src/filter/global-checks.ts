// Episode-level quality checks (independent of any skill): stability, reachability, joint limits.
import type { CheckResult } from '../skills/skill.js';

export interface RolloutHealth {
  unstable: boolean;
  maxIkErrorM: number;
  /** Fraction of control ticks with a joint target on its limit. */
  jointLimitFraction: number;
  /** Largest excursion of a measured joint beyond its limit (rad). */
  maxLimitViolationRad: number;
}

export const globalCheckLimits = {
  maxIkErrorM: 0.01,
  maxJointLimitFraction: 0.05,
  maxLimitViolationRad: 0.05,
};

export function globalChecks(h: RolloutHealth, limits = globalCheckLimits): CheckResult[] {
  return [
    h.unstable
      ? {
          predicate: 'sim.stable',
          ok: false,
          code: 'sim.unstable',
          detail: 'NaN or runaway velocity in the simulation',
        }
      : { predicate: 'sim.stable', ok: true },
    h.maxIkErrorM > limits.maxIkErrorM
      ? {
          predicate: 'motion.reachable',
          ok: false,
          code: 'motion.unreachable',
          detail: `IK missed a commanded pose by ${(h.maxIkErrorM * 1000).toFixed(1)} mm`,
        }
      : { predicate: 'motion.reachable', ok: true },
    h.jointLimitFraction > limits.maxJointLimitFraction ||
    h.maxLimitViolationRad > limits.maxLimitViolationRad
      ? {
          predicate: 'robot.joint-limits',
          ok: false,
          code: 'robot.joint-limit',
          detail: `targets on a limit ${(h.jointLimitFraction * 100).toFixed(1)}% of the time; worst excursion ${h.maxLimitViolationRad.toFixed(3)} rad`,
        }
      : { predicate: 'robot.joint-limits', ok: true },
  ];
}
