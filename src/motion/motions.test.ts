import { describe, expect, it } from 'vitest';
import { type ControlledRobot, executeMotions } from './executor.js';
import { rotationAngle, type Vec3 } from './math3d.js';
import type { ArcMotion, Guard, Motion } from './motions.js';
import { arcPose, cartesianAt, defaultMotionLimits, jointsAt, timeMotion } from './trajectory.js';

const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('arc motions (a hand following a hinge)', () => {
  // A lid hinged along the x axis at y = 0.15, z = 0.1; the hand holds its front edge.
  const arc: ArcMotion = {
    kind: 'arc',
    phase: 'open',
    centerM: [0, 0.15, 0.1],
    axis: [-1, 0, 0],
    angleRad: Math.PI / 2,
    gripperOpeningM: 0,
    minDurationS: 0,
    holdS: 0,
  };
  const from = { posM: [0, -0.15, 0.1] as Vec3, mat: I, gripperOpeningM: 0 };

  it('turns the hand rigidly about the axis: same radius, orientation turned by the same angle', () => {
    for (const a of [0.3, 1, Math.PI / 2]) {
      const p = arcPose(arc, from, a);
      expect(dist(p.posM, arc.centerM)).toBeCloseTo(0.3, 9);
      expect(rotationAngle(I, p.mat)).toBeCloseTo(a, 9);
    }
    // A quarter turn about -x lifts the front edge straight above the hinge.
    const up = arcPose(arc, from, Math.PI / 2);
    expect(up.posM[1]).toBeCloseTo(0.15, 9);
    expect(up.posM[2]).toBeCloseTo(0.4, 9);
  });

  it('is timed by its arc length at the linear speed limit, and sampled smoothly from start to end', () => {
    const t = timeMotion(arc, from, [], 0, defaultMotionLimits, []);
    expect(t.moveS).toBeCloseTo((0.3 * Math.PI) / 2 / defaultMotionLimits.linearSpeedMS, 9);
    expect(dist(cartesianAt(t, 0).posM, from.posM)).toBeLessThan(1e-12);
    expect(dist(cartesianAt(t, t.moveS).posM, arcPose(arc, from, arc.angleRad).posM)).toBeLessThan(1e-12);
  });
});

describe('joint motions', () => {
  it('interpolate every joint from the start to the goal, slowest joint at the speed fraction', () => {
    const motion: Motion = {
      kind: 'joint',
      phase: 'transition',
      goalRad: [1, -0.5],
      gripperOpeningM: 0.04,
      minDurationS: 0,
      holdS: 0,
    };
    const t = timeMotion(
      motion,
      { posM: [0, 0, 0], mat: I, gripperOpeningM: 0.04 },
      [0, 0],
      0,
      defaultMotionLimits,
      [2, 2],
    );
    expect(t.moveS).toBeCloseTo(1 / (2 * defaultMotionLimits.jointSpeedFraction), 9);
    expect(jointsAt(t, 0)).toEqual([0, 0]);
    expect(jointsAt(t, t.moveS)).toEqual([1, -0.5]);
  });
});

/** A 3-axis gantry as a robot: its joints are the TCP position, the hand never turns. */
function gantry(): ControlledRobot & { targets: number[] } {
  const robot = {
    dof: 3,
    lowerRad: [-1, -1, -1],
    upperRad: [1, 1, 1],
    targets: [0, 0, 0.5],
    probe: (q: readonly number[]) => ({
      posM: [q[0], q[1], q[2]] as Vec3,
      mat: I,
      jacp: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
      jacr: new Float64Array(9),
    }),
    setArmTargets(q: readonly number[]) {
      robot.targets = [...q];
    },
    setGripperTarget() {},
    tcpPose: () => ({ posM: [...robot.targets] as Vec3, mat: I }),
  };
  return robot;
}

describe('guarded motions (closed loop on the live simulation)', () => {
  it('stop where the guard fires; a following motion marked atGuardStop goes there, not to its own goal', () => {
    const robot = gantry();
    const fired: Guard[] = [];
    const live = {
      // "The button registered" once the hand is 5 cm down.
      guardFired: (g: Guard) => {
        const hit = (robot.targets[2] as number) <= 0.45;
        if (hit) fired.push(g);
        return hit;
      },
      pose: () => ({ posM: [0, 0, 0] as Vec3, mat: I }),
    };
    const guard: Guard = { kind: 'state', object: 'centrifuge', state: 'startButtonPressed', equals: true };
    const motions: Motion[] = [
      { phase: 'press', posM: [0, 0, 0.3], mat: I, gripperOpeningM: 0, minDurationS: 0, holdS: 0.1, guard },
      {
        phase: 'press',
        posM: [0, 0, 0.3],
        mat: I,
        gripperOpeningM: 0,
        minDurationS: 0.2,
        holdS: 0,
        atGuardStop: true,
      },
      { phase: 'retreat', posM: [0, 0, 0.5], mat: I, gripperOpeningM: 0, minDurationS: 0.2, holdS: 0 },
    ];
    const visited: number[] = [];
    const report = executeMotions(
      robot,
      { step: () => {} },
      motions,
      defaultMotionLimits,
      { posM: [0, 0, 0.5], mat: I, gripperOpeningM: 0 },
      [0, 0, 0.5],
      { timestepS: 0.002, controlPeriodSteps: 5, velocityLimitsRadS: [1, 1, 1], live },
      (cmd) => {
        if (cmd.phase === 'press') visited.push(cmd.armTargetsRad[2] as number);
      },
    );
    expect(report.guardsFired).toEqual([0]);
    expect(fired[0]).toEqual(guard);
    // Never below the stop (plus one control tick of travel), though the goal was 15 cm further down.
    expect(Math.min(...visited)).toBeGreaterThan(0.44);
    expect(report.final.posM[2]).toBeCloseTo(0.5, 6);
  });
});
