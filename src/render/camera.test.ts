// cameraFromMujoco picks one camera out of MuJoCo's packed arrays; projectToImage agrees with the renderer's pixel rays.

import { describe, expect, it } from 'vitest';
import { cameraFromAxes, cameraFromMujoco, halfFovTangents, projectToImage } from './camera.js';
import { GeomType } from './geom-type.js';
import { sceneFromMujocoArrays } from './render-scene.js';
import { renderCamera } from './renderer.js';

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

describe('projectToImage', () => {
  // Looking along world +x from the origin, world +z up: image right is world -y.
  const camera = cameraFromAxes([0, 0, 0], [0, -1, 0], [0, 0, 1], 60);

  it('builds the frame MuJoCo completes from xyaxes (z = x × y, looking along -z)', () => {
    expect(camera.mat).toEqual([0, 0, -1, -1, 0, 0, 0, 1, 0]);
  });

  it('puts the optical axis at the image centre and the fov edges at the image edges', () => {
    const tan = Math.tan(Math.PI / 6);
    const centre = projectToImage(camera, 320, 240, [2, 0, 0]);
    expect(centre).toEqual({ u: 160, v: 120, depthM: 2 });
    const topRight = projectToImage(camera, 320, 240, [1, -tan * (320 / 240), tan]);
    expect(topRight.u).toBeCloseTo(320, 9);
    expect(topRight.v).toBeCloseTo(0, 9);
    expect(projectToImage(camera, 320, 240, [-1, 0, 0]).depthM).toBe(-1);
  });

  it('lands a small sphere on the pixels the renderer draws it in', () => {
    const width = 64;
    const height = 48;
    const centre: [number, number, number] = [2, -0.31, 0.17];
    const scene = sceneFromMujocoArrays({
      ngeom: 1,
      geom_type: [GeomType.sphere],
      geom_size: [0.06, 0, 0],
      geom_rgba: [1, 1, 1, 1],
      geom_matid: [-1],
      mat_rgba: [],
      geom_group: [0],
      geom_xpos: centre,
      geom_xmat: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
    const seg = renderCamera(scene, camera, { width, height, segmentation: true }).segmentation as Int32Array;
    let su = 0;
    let sv = 0;
    let n = 0;
    for (let j = 0; j < height; j++)
      for (let i = 0; i < width; i++)
        if (seg[j * width + i] === 0) {
          su += i + 0.5;
          sv += j + 0.5;
          n++;
        }
    expect(n).toBeGreaterThan(4);
    const p = projectToImage(camera, width, height, centre);
    expect(Math.abs(su / n - p.u)).toBeLessThan(0.2);
    expect(Math.abs(sv / n - p.v)).toBeLessThan(0.2);
  });
});
