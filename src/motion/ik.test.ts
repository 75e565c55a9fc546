import { describe, expect, it } from 'vitest';
import { type KinematicsProbe, reachesComfortably, rotationError, solveIk } from './ik.js';
import { matMul, type Vec3 } from './math3d.js';

/**
 * A 3-joint arm (base yaw, shoulder and elbow pitch, two 0.3 m links): it can put its tip anywhere in reach
 * but cannot choose the tool orientation freely, like a 5-joint arm that cannot meet every pose.
 */
function threeJointArm(): KinematicsProbe {
  const rotZ = (a: number) => [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1];
  const rotY = (a: number) => [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
  const fk = (q: readonly number[]) => {
    const r1 = matMul(rotZ(q[0] as number), rotY(q[1] as number));
    const r2 = matMul(r1, rotY(q[2] as number));
    const along = (m: number[], l: number): Vec3 => [
      (m[0] as number) * l,
      (m[3] as number) * l,
      (m[6] as number) * l,
    ];
    const a = along(r1, 0.3);
    const b = along(r2, 0.3);
    return { posM: [a[0] + b[0], a[1] + b[1], a[2] + b[2]] as Vec3, mat: r2 };
  };
  const h = 1e-6;
  return {
    dof: 3,
    lowerRad: [-3, -3, -3],
    upperRad: [3, 3, 3],
    probe(q) {
      const f = fk(q);
      const jacp = new Float64Array(9);
      const jacr = new Float64Array(9);
      for (let j = 0; j < 3; j++) {
        const qh = [...q];
        qh[j] = (qh[j] as number) + h;
        const g = fk(qh);
        const w = rotationError(f.mat, g.mat);
        for (let r = 0; r < 3; r++) {
          jacp[r * 3 + j] = ((g.posM[r] as number) - (f.posM[r] as number)) / h;
          jacr[r * 3 + j] = (w[r] as number) / h;
        }
      }
      return { ...f, jacp, jacr };
    },
  };
}

const topDown = [1, 0, 0, 0, -1, 0, 0, 0, -1];

/**
 * A 5-joint arm shaped like the small desktop arms (base yaw, three pitch joints, a roll about the tool axis):
 * each joint turns about its own axis, then the link runs `linkM` along its x; the tool's z axis is the last
 * link's x. Its tool always points within the vertical plane through the base, so a pose whose tool tilts
 * sideways out of that plane cannot be met.
 */
function fiveJointArm(): KinematicsProbe {
  const rot = (axis: 'x' | 'y' | 'z', a: number): number[] => {
    const c = Math.cos(a);
    const s = Math.sin(a);
    if (axis === 'x') return [1, 0, 0, 0, c, -s, 0, s, c];
    if (axis === 'y') return [c, 0, s, 0, 1, 0, -s, 0, c];
    return [c, -s, 0, s, c, 0, 0, 0, 1];
  };
  const joints: Array<{ axis: 'x' | 'y' | 'z'; linkM: number }> = [
    { axis: 'z', linkM: 0 },
    { axis: 'y', linkM: 0.12 },
    { axis: 'y', linkM: 0.14 },
    { axis: 'y', linkM: 0.06 },
    { axis: 'x', linkM: 0.1 },
  ];
  const fk = (q: readonly number[]) => {
    let r = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const p: Vec3 = [0, 0, 0];
    joints.forEach((j, i) => {
      r = matMul(r, rot(j.axis, q[i] as number));
      for (let k = 0; k < 3; k++) p[k] = (p[k] as number) + (r[k * 3] as number) * j.linkM;
    });
    return { posM: p, mat: matMul(r, rot('y', Math.PI / 2)) };
  };
  const h = 1e-6;
  return {
    dof: 5,
    lowerRad: [-3, -3, -3, -3, -3],
    upperRad: [3, 3, 3, 3, 3],
    probe(q) {
      const f = fk(q);
      const jacp = new Float64Array(15);
      const jacr = new Float64Array(15);
      for (let j = 0; j < 5; j++) {
        const qh = [...q];
        qh[j] = (qh[j] as number) + h;
        const g = fk(qh);
        const w = rotationError(f.mat, g.mat);
        for (let r = 0; r < 3; r++) {
          jacp[r * 5 + j] = ((g.posM[r] as number) - (f.posM[r] as number)) / h;
          jacr[r * 5 + j] = (w[r] as number) / h;
        }
      }
      return { ...f, jacp, jacr };
    },
  };
}

describe('solveIk', () => {
  const arm = threeJointArm();
  const target = { posM: [0.35, 0.1, -0.1] as Vec3, mat: topDown };

  it('balances position against an unreachable orientation by default', () => {
    const ik = solveIk(arm, target, [0, 0.3, 0.6], { iterations: 200 });
    expect(ik.posErrM).toBeGreaterThan(0.005);
  });

  it('meets the position with the best orientation it can when asked to put position first', () => {
    const ik = solveIk(arm, target, [0, 0.3, 0.6], { iterations: 200, positionFirstIterations: 200 });
    expect(ik.posErrM).toBeLessThan(0.001);
    // The orientation it could not meet is reported, not hidden.
    expect(ik.rotErrRad).toBeGreaterThan(0.1);
    expect(ik.converged).toBe(false);
  });

  it('counts a pose as comfortably reachable only when position and orientation are both met', () => {
    expect(reachesComfortably(arm, target, [0, 0.3, 0.6])).toBe(false);
    const tip = arm.probe([0.2, 0.5, 0.9]);
    expect(reachesComfortably(arm, { posM: tip.posM, mat: tip.mat }, [0, 0.3, 0.6])).toBe(true);
  });

  describe('on a 5-joint arm', () => {
    const five = fiveJointArm();
    const seed = [0.1, -0.4, 0.8, 0.6, 0.1];

    it('meets a whole pose the arm can take, tool pointing down included', () => {
      // A pose of the arm itself: tool straight down, 0.2 m out.
      const target = five.probe([0.3, -0.2, 0.9, 0.87, -0.5]);
      const ik = solveIk(five, { posM: target.posM, mat: target.mat }, seed, { iterations: 300 });
      expect(ik.posErrM).toBeLessThan(0.0005);
      expect(ik.rotErrRad).toBeLessThan(0.005);
    });

    it('meets the position and reports the orientation it cannot reach when the tool must tilt sideways', () => {
      const reachable = five.probe([0.3, -0.2, 0.9, 0.87, -0.5]);
      // The same point with the tool turned 0.4 rad about the direction from the base: out of the arm's plane.
      const a = 0.4;
      const radial = Math.atan2(reachable.posM[1], reachable.posM[0]);
      const c = Math.cos(radial);
      const s = Math.sin(radial);
      const toRadial = [c, -s, 0, s, c, 0, 0, 0, 1];
      const fromRadial = [c, s, 0, -s, c, 0, 0, 0, 1];
      const tiltAboutRadial = matMul(
        toRadial,
        matMul([1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)], fromRadial),
      );
      const target = { posM: reachable.posM, mat: matMul(tiltAboutRadial, reachable.mat) };
      const ik = solveIk(five, target, seed, { iterations: 300, positionFirstIterations: 300 });
      expect(ik.posErrM).toBeLessThan(0.001);
      expect(ik.rotErrRad).toBeGreaterThan(0.2);
    });
  });
});
