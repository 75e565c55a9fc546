// Counting particles per container: inside the bore, outside the wall, above the rim, tipped, nested, spilled.
import { describe, expect, it } from 'vitest';
import { quatFromAxisAngle, quatToMat, type Vec3 } from '../motion/math3d.js';
import { type ContainerPose, countLiquid, insideContainer } from './liquid-state.js';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];
// A 250 ml beaker (35 mm outer radius, 14 staves: corners at 35.9 mm) standing at (1, 0, 0.75).
const beaker: ContainerPose = {
  id: 'beaker',
  posM: [1, 0, 0.75],
  mat: IDENTITY,
  interior: { minM: [-0.0235, -0.0235, 0.0025], maxM: [0.0235, 0.0235, 0.095] },
  footprintHalfM: [0.0359, 0.0359],
};
// A tray (200 x 150 mm, 5 mm walls, 40 mm deep) standing at (1.3, 0, 0.75).
const tray: ContainerPose = {
  id: 'tray',
  posM: [1.3, 0, 0.75],
  mat: IDENTITY,
  interior: { minM: [-0.095, -0.07, 0.003], maxM: [0.095, 0.07, 0.04] },
  footprintHalfM: [0.1, 0.075],
};
const at = (c: ContainerPose, local: Vec3): Vec3 => [
  c.posM[0] + local[0],
  c.posM[1] + local[1],
  c.posM[2] + local[2],
];
const R = 0.005;

describe('insideContainer', () => {
  it.each([
    { what: 'on the beaker floor at the axis', c: beaker, p: at(beaker, [0, 0, 0.0025 + R]), inside: true },
    {
      what: 'in the bore beyond the inscribed square',
      c: beaker,
      p: at(beaker, [0.028, 0, 0.008]),
      inside: true,
    },
    {
      what: 'against the outside of the wall',
      c: beaker,
      p: at(beaker, [0.035 + R, 0, 0.03]),
      inside: false,
    },
    { what: 'on the bench by the wall', c: beaker, p: at(beaker, [0.026, 0.026, R]), inside: false },
    { what: 'resting on the rim', c: beaker, p: at(beaker, [0.034, 0, 0.095 + R]), inside: false },
    { what: 'in a tray corner', c: tray, p: at(tray, [0.09, 0.065, 0.003 + R]), inside: true },
    { what: 'against the outside of a tray wall', c: tray, p: at(tray, [0.1 + R, 0, R]), inside: false },
  ])('$what: $inside', ({ c, p, inside }) => {
    expect(insideContainer(p, c)).toBe(inside);
  });

  it('follows the container when it is tipped', () => {
    // Turned 100 degrees about y: the local axis now points mostly along world +x.
    const mat = quatToMat(quatFromAxisAngle([0, 1, 0], (100 * Math.PI) / 180));
    const tipped = { ...beaker, mat };
    const localToWorld = (l: Vec3): Vec3 => [
      beaker.posM[0] + mat[0]! * l[0] + mat[1]! * l[1] + mat[2]! * l[2],
      beaker.posM[1] + mat[3]! * l[0] + mat[4]! * l[1] + mat[5]! * l[2],
      beaker.posM[2] + mat[6]! * l[0] + mat[7]! * l[1] + mat[8]! * l[2],
    ];
    expect(insideContainer(localToWorld([0, 0, 0.05]), tipped)).toBe(true);
    // Where the upright beaker's inside was, the tipped one holds nothing.
    expect(insideContainer(at(beaker, [0, 0, 0.05]), tipped)).toBe(false);
  });
});

describe('countLiquid', () => {
  it('counts each particle once: in its container, in the smallest of nested ones, or spilled', () => {
    const inTray: ContainerPose = { ...beaker, id: 'small', posM: [1.3, 0, 0.753] };
    const particles: Vec3[] = [
      at(beaker, [0, 0, 0.01]),
      at(beaker, [0.01, 0.01, 0.01]),
      at(tray, [0.06, 0, 0.01]),
      at(inTray, [0, 0, 0.01]),
      [0.5, 0.5, 0.755],
      [2, 0, 0.005],
    ];
    const counts = countLiquid(particles, [tray, beaker, inTray]);
    expect(counts).toEqual({ byContainer: { tray: 1, beaker: 2, small: 1 }, spilled: 2, total: 6 });
  });

  it('reports every container, empty ones as 0, and all particles spilled without containers', () => {
    expect(countLiquid([], [beaker, tray])).toEqual({
      byContainer: { beaker: 0, tray: 0 },
      spilled: 0,
      total: 0,
    });
    expect(countLiquid([at(beaker, [0, 0, 0.01])], []).spilled).toBe(1);
  });
});
