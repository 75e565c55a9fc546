// cameraFromMujoco: picks one camera out of MuJoCo's packed arrays.

import { describe, expect, it } from 'vitest';
import { cameraFromMujoco, halfFovTangents } from './camera.js';

describe('cameraFromMujoco', () => {
  const xpos = Float64Array.from([1, 2, 3, 4, 5, 6]);
  const xmat = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, -1, 0, 0, 0, 0, 1]);
  const fovy = Float64Array.from([45, 90]);

  it('reads position, rotation and fovy of the indexed camera', () => {
    const c = cameraFromMujoco(xpos, xmat, fovy, 1);
    expect(c.pos).toEqual([4, 5, 6]);
    expect(c.mat).toEqual([0, 1, 0, -1, 0, 0, 0, 0, 1]);
    expect(c.fovyDeg).toBe(90);
  });

  it('rejects an index outside the model', () => {
    expect(() => cameraFromMujoco(xpos, xmat, fovy, 2)).toThrow(/out of range: the model has 2 camera/);
    expect(() => cameraFromMujoco(xpos, xmat, fovy, -1)).toThrow(RangeError);
  });

  it('rejects a field of view that is not a perspective one', () => {
    const c = cameraFromMujoco(xpos, xmat, fovy, 0);
    expect(() => halfFovTangents({ ...c, fovyDeg: 0 }, 10, 10)).toThrow(/between 0 and 180/);
    expect(() => halfFovTangents({ ...c, fovyDeg: 180 }, 10, 10)).toThrow(RangeError);
  });

  it('derives the horizontal field of view from the aspect ratio', () => {
    const t = halfFovTangents(cameraFromMujoco(xpos, xmat, fovy, 1), 320, 240);
    expect(t.tanY).toBeCloseTo(1);
    expect(t.tanX).toBeCloseTo(4 / 3);
  });
});
