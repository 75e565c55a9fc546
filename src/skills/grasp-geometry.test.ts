import { describe, expect, it } from 'vitest';
import { matColumn, matMul, matTranspose, type Vec3 } from '../motion/math3d.js';
import { graspFrame, topDownFrameAtYaw } from './grasp-geometry.js';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function expectRotation(m: number[]) {
  const i = matMul(m, matTranspose(m));
  [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, k) => expect(i[k]).toBeCloseTo(v, 9));
}

describe('tilted top-down frames', () => {
  it('leans the tool axis toward the lean heading whatever the hand yaw', () => {
    const pitch = 0.5;
    for (const yaw of [0, 0.7, Math.PI / 2, -2.4]) {
      const m = topDownFrameAtYaw(yaw, pitch, 0);
      expectRotation(m);
      const z = matColumn(m, 2);
      // Down by cos(pitch), leaning along +x (heading 0) by sin(pitch), not sideways.
      expect(z[2]).toBeCloseTo(-Math.cos(pitch), 9);
      expect(z[0]).toBeCloseTo(Math.sin(pitch), 9);
      expect(z[1]).toBeCloseTo(0, 9);
    }
  });

  it('keeps the finger axis horizontal when it crosses the lean, and tilts it when it points along the lean', () => {
    const pitch = 0.5;
    // Finger axis y = (sin yaw, -cos yaw, 0): yaw 0 gives y across a lean toward +x.
    const across = matColumn(topDownFrameAtYaw(0, pitch, 0), 1);
    expect(across[2]).toBeCloseTo(0, 9);
    const along = matColumn(topDownFrameAtYaw(Math.PI / 2, pitch, 0), 1);
    expect(Math.abs(along[2])).toBeCloseTo(Math.sin(pitch), 9);
  });

  it('reduces to the old frame when the lean follows the hand x axis', () => {
    const yaw = 0.9;
    const m = topDownFrameAtYaw(yaw, 0.4);
    const x = matColumn(m, 0);
    const z = matColumn(m, 2);
    expect(dot(x, [Math.cos(yaw), Math.sin(yaw), 0])).toBeGreaterThan(0.9);
    expect(z[0] * Math.cos(yaw) + z[1] * Math.sin(yaw)).toBeCloseTo(Math.sin(0.4), 9);
  });
});

describe('graspFrame', () => {
  const gripper = { strokeM: 0.07, clearanceM: 0.002 };

  it('takes a narrow object at the full lean', () => {
    const { pitchRad } = graspFrame({ closingAxis: [1, 0, 0], widthM: 0.011 }, 0, 0.52, 0, gripper);
    expect(pitchRad).toBeCloseTo(0.52, 9);
  });

  it('straightens the tool for a wide object whose closing axis points along the lean', () => {
    const wide = graspFrame({ closingAxis: [1, 0, 0], widthM: 0.064 }, 0, 0.52, 0, gripper);
    expect(wide.pitchRad).toBeLessThan(0.52);
    // The tilted span still fits: width / cos(tilt of the finger axis) <= stroke - 2 clearance.
    const tilt = Math.asin(Math.abs(matColumn(wide.mat, 1)[2]));
    expect(0.064 / Math.cos(tilt)).toBeLessThanOrEqual(0.066 + 1e-9);
    // Wider than the stroke allows at any lean: upright.
    expect(graspFrame({ closingAxis: [1, 0, 0], widthM: 0.066 }, 0, 0.52, 0, gripper).pitchRad).toBe(0);
  });

  it('closes across the other axis when the object fits that way too and it allows a steeper lean', () => {
    // A 30 mm cube in front of the arm: closing along the lean would tilt the fingers, across it does not.
    const cube = graspFrame({ closingAxis: [1, 0, 0], widthM: 0.03, crossWidthM: 0.03 }, 0, 0.52, 0, gripper);
    expect(cube.pitchRad).toBeCloseTo(0.52, 9);
    expect(matColumn(cube.mat, 1)[2]).toBeCloseTo(0, 9);
    // A 30 x 50 mm block: closing across its 50 mm side keeps the fingers level, so the hand must open for 50 mm.
    const block = graspFrame(
      { closingAxis: [1, 0, 0], widthM: 0.03, crossWidthM: 0.05, graspHeightM: 0.05 },
      0,
      0.52,
      0,
      gripper,
    );
    expect(block.widthM).toBe(0.05);
    expect(Math.abs(matColumn(block.mat, 1)[1])).toBeCloseTo(1, 9);
    // A box too long across: it keeps its own axis and straightens instead.
    const box = graspFrame({ closingAxis: [1, 0, 0], widthM: 0.064, crossWidthM: 0.1 }, 0, 0.52, 0, gripper);
    expect(box.pitchRad).toBeLessThan(0.52);
    expect(Math.abs(matColumn(box.mat, 1)[0])).toBeGreaterThan(0.9);
  });

  it('keeps both pads on a flat plate: the step between them stays within a third of its height', () => {
    const plate = graspFrame(
      { closingAxis: [1, 0, 0], widthM: 0.062, graspHeightM: 0.017 },
      0,
      0.52,
      0,
      gripper,
    );
    const step = 0.062 * Math.abs(matColumn(plate.mat, 1)[2]);
    expect(step).toBeLessThanOrEqual(0.017 / 3 + 1e-9);
    // Without the height limit the same plate would be taken at a steeper lean (the width alone allows ~20 degrees).
    const loose = graspFrame({ closingAxis: [1, 0, 0], widthM: 0.062 }, 0, 0.52, 0, gripper);
    expect(loose.pitchRad).toBeGreaterThan(plate.pitchRad);
  });

  it('keeps the full lean for a wide object whose closing axis crosses the lean', () => {
    const { pitchRad } = graspFrame({ closingAxis: [0, 1, 0], widthM: 0.064 }, 0, 0.52, 0, gripper);
    expect(pitchRad).toBeCloseTo(0.52, 9);
  });
});
