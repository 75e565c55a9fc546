// Episode-level quality checks (independent of any skill): stability, reachability, joint limits.
import type { CheckResult } from '../skills/skill.js';
import type { Penetration } from './interpenetration.js';

export interface RolloutHealth {
  unstable: boolean;
  maxIkErrorM: number;
  /** Fraction of control ticks with a joint target on its limit. */
  jointLimitFraction: number;
  /** Largest excursion of a measured joint beyond its limit (rad). */
  maxLimitViolationRad: number;
  /** The first overlap of two solids beyond the tolerance, if any (`filter/interpenetration.ts`). */
  interpenetration: Penetration | null;
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
    h.interpenetration
      ? {
          predicate: 'sim.no-interpenetration',
          ok: false,
          code: 'sim.interpenetration',
          detail: `${h.interpenetration.bodies[0]} and ${h.interpenetration.bodies[1]} overlap by ${(h.interpenetration.depthM * 1000).toFixed(1)} mm at frame ${h.interpenetration.frame}`,
        }
      : { predicate: 'sim.no-interpenetration', ok: true },
  ];
}
