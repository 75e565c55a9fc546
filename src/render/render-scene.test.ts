// sceneFromMujocoArrays: which geoms are drawn (mj_ray's visibility rules), their colours, lights.

import { describe, expect, it } from 'vitest';
import { type MujocoSceneArrays, sceneFromMujocoArrays } from './render-scene.js';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Arrays for geoms given as [type, group, rgba, matid]; one material (red, alpha from matAlpha). */
function arrays(geoms: Array<[number, number, number[], number]>, matAlpha = 1): MujocoSceneArrays {
  const n = geoms.length;
  return {
    ngeom: n,
    geom_type: Int32Array.from(geoms.map((g) => g[0])),
    geom_size: new Float64Array(3 * n).fill(0.1),
    geom_rgba: Float32Array.from(geoms.flatMap((g) => g[2])),
    geom_matid: Int32Array.from(geoms.map((g) => g[3])),
    mat_rgba: Float32Array.from([1, 0, 0, matAlpha]),
    geom_group: Int32Array.from(geoms.map((g) => g[1])),
    geom_xpos: Float64Array.from(geoms.flatMap((_, i) => [i, 0, 0])),
    geom_xmat: Float64Array.from(geoms.flatMap(() => IDENTITY)),
  };
}

const GREY = [0.5, 0.5, 0.5, 1];
const BLUE = [0, 0, 1, 1];

describe('sceneFromMujocoArrays', () => {
  it('keeps visible primitives with their MuJoCo ids, positions and sizes', () => {
    const s = sceneFromMujocoArrays(
      arrays([
        [6, 0, BLUE, -1],
        [2, 1, BLUE, -1],
        [0, 2, BLUE, -1],
      ]),
    );
    expect(Array.from(s.geomId)).toEqual([0, 1, 2]);
    expect(Array.from(s.geomType)).toEqual([6, 2, 0]);
    expect(Array.from(s.geomPos.subarray(3, 6))).toEqual([1, 0, 0]);
    expect(s.geomSize[0]).toBeCloseTo(0.1);
  });

  it('drops geoms mj_ray ignores: alpha 0, material alpha 0, masked groups', () => {
    const s = sceneFromMujocoArrays(
      arrays([
        [6, 0, [1, 1, 1, 0], -1], // geom alpha 0
        [6, 0, GREY, -1],
        [6, 3, GREY, -1], // collision group, hidden by default
        [6, 0, [1, 1, 1, 0], 0], // geom alpha 0 but opaque material: mj_ray reads the material
        [6, 9, GREY, -1], // groups above 5 are clamped to 5
      ]),
    );
    expect(Array.from(s.geomId)).toEqual([1, 3]);
    const transparentMaterial = sceneFromMujocoArrays(arrays([[6, 0, BLUE, 0]], 0));
    expect(transparentMaterial.geomCount).toBe(0);
    const all = sceneFromMujocoArrays(
      arrays([
        [6, 3, GREY, -1],
        [6, 9, GREY, -1],
      ]),
      { visibleGroups: [3, 5] },
    );
    expect(Array.from(all.geomId)).toEqual([0, 1]);
  });

  it('lists visible non-primitive geoms (mesh, hfield) as skipped', () => {
    const s = sceneFromMujocoArrays(
      arrays([
        [7, 0, GREY, -1],
        [1, 0, GREY, -1],
        [5, 0, GREY, -1],
      ]),
    );
    expect(Array.from(s.geomId)).toEqual([2]);
    expect(s.skippedGeomIds).toEqual([0, 1]);
  });

  it('colours like MuJoCo: material rgba unless the geom rgba is not the default', () => {
    const s = sceneFromMujocoArrays(
      arrays([
        [6, 0, GREY, 0],
        [6, 0, BLUE, 0],
        [6, 0, BLUE, -1],
      ]),
    );
    expect(Array.from(s.geomColor)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 1]);
  });

  it('reads lights by type and falls back to a headlight when there is no light at all', () => {
    const base = arrays([[6, 0, GREY, -1]]);
    const s = sceneFromMujocoArrays({
      ...base,
      light_xpos: Float64Array.from([0, 0, 3, 0, 0, 0, 1, 1, 1, 5, 5, 5]),
      light_xdir: Float64Array.from([0, 0, -2, 0, 1, -1, 0, 0, -1, 0, 0, -1]),
      light_type: Int32Array.from([0, 1, 2, 0]),
      light_active: Uint8Array.from([1, 1, 1, 0]),
      light_cutoff: Float32Array.from([30, 45, 45, 45]),
      light_exponent: Float32Array.from([2.4, 10, 10, 10]),
      headlight: { ambient: [0.1, 0.1, 0.1], diffuse: [0.4, 0.4, 0.4], active: 0 },
    });
    expect(s.lights.map((l) => l.kind)).toEqual(['spot', 'directional', 'point']);
    expect(s.lights[0]?.dir).toEqual([0, 0, -1]);
    expect(s.lights[0]?.cosCutoff).toBeCloseTo(Math.cos(Math.PI / 6));
    expect(s.lights[0]?.exponent).toBe(2);
    expect(s.lights[0]?.diffuse[0]).toBeCloseTo(0.7);
    expect(s.headlight).toBeNull();

    const dark = sceneFromMujocoArrays({
      ...base,
      headlight: { ambient: [0, 0, 0], diffuse: [0, 0, 0], active: false },
    });
    expect(dark.lights).toEqual([]);
    expect(dark.headlight?.diffuse[0]).toBeGreaterThan(0);
    const legacy = sceneFromMujocoArrays({
      ...base,
      light_xpos: [0, 0, 1],
      light_xdir: [0, 0, -1],
      light_directional: Uint8Array.from([1]),
    });
    expect(legacy.lights[0]?.kind).toBe('directional');
  });

  it('copies its inputs, so later changes to MuJoCo arrays do not leak in', () => {
    const a = arrays([[2, 0, GREY, -1]]);
    const s = sceneFromMujocoArrays(a);
    (a.geom_xpos as Float64Array)[0] = 42;
    expect(s.geomPos[0]).toBe(0);
  });
});
