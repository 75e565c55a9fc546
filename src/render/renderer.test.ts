// Renderer on hand-built scenes: analytic depths, visibility rules, determinism, buffer reuse.

import { describe, expect, it } from 'vitest';
import type { Camera } from './camera.js';
import { GeomType } from './geom-type.js';
import { sceneFromMujocoArrays } from './render-scene.js';
import { createRenderer, renderCamera } from './renderer.js';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

interface G {
  type: number;
  size: number[];
  pos: number[];
  mat?: number[];
  rgba?: number[];
}

function scene(geoms: G[]) {
  return sceneFromMujocoArrays({
    ngeom: geoms.length,
    geom_type: geoms.map((g) => g.type),
    geom_size: geoms.flatMap((g) => [...g.size, 0, 0, 0].slice(0, 3)),
    geom_rgba: geoms.flatMap((g) => g.rgba ?? [0.8, 0.3, 0.2, 1]),
    geom_matid: geoms.map(() => -1),
    mat_rgba: [],
    geom_group: geoms.map(() => 0),
    geom_xpos: geoms.flatMap((g) => g.pos),
    geom_xmat: geoms.flatMap((g) => g.mat ?? IDENTITY),
  });
}

/** Camera at the origin looking along world +x (its -z), with world +z up. */
const lookingAlongX: Camera = { pos: [0, 0, 0], mat: [0, 0, -1, -1, 0, 0, 0, 1, 0], fovyDeg: 60 };

describe('renderer', () => {
  it('matches the analytic distance to a sphere straight ahead', () => {
    const out = renderCamera(scene([{ type: GeomType.sphere, size: [0.5], pos: [3, 0, 0] }]), lookingAlongX, {
      width: 64,
      height: 64,
      depth: true,
      segmentation: true,
    });
    const depth = out.depth as Float32Array;
    // The four centre pixels are symmetric about the axis, a hair off it.
    const centre = depth[32 * 64 + 32] as number;
    expect(centre).toBeGreaterThan(2.5);
    expect(centre).toBeLessThan(2.51);
    expect(depth[31 * 64 + 31]).toBeCloseTo(centre, 6);
    expect(depth[0]).toBe(Number.POSITIVE_INFINITY);
    expect(out.segmentation?.[32 * 64 + 32]).toBe(0);
    expect(out.segmentation?.[0]).toBe(-1);
    const lit = out.rgb[3 * (32 * 64 + 32)] as number;
    expect(lit).toBeGreaterThan(0);
  });

  it('renders an empty scene as background', () => {
    const r = createRenderer(8, 6);
    const out = r.render(scene([]), lookingAlongX, { depth: true, segmentation: true });
    expect(out.rgb.every((v) => v === 0)).toBe(true);
    expect(out.depth?.every((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
    expect(out.segmentation?.every((v) => v === -1)).toBe(true);
  });

  it('sees a plane only from its front and only within a finite size', () => {
    // Plane at x = 2 facing the camera (+z of the plane = world -x).
    const facing = [0, 0, -1, 0, 1, 0, 1, 0, 0];
    const away = [0, 0, 1, 0, 1, 0, -1, 0, 0];
    const opts = { width: 32, height: 32, depth: true };
    const front = renderCamera(
      scene([{ type: GeomType.plane, size: [0, 0, 1], pos: [2, 0, 0], mat: facing }]),
      lookingAlongX,
      opts,
    );
    expect(front.depth?.every((v) => Number.isFinite(v))).toBe(true);
    const back = renderCamera(
      scene([{ type: GeomType.plane, size: [0, 0, 1], pos: [2, 0, 0], mat: away }]),
      lookingAlongX,
      opts,
    );
    expect(back.depth?.every((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
    // Half-size 0.5 at distance 2 covers tan 0.25 of the tan 0.577 half field: about 43% of the width.
    const finite = renderCamera(
      scene([{ type: GeomType.plane, size: [0.5, 0.5, 1], pos: [2, 0, 0], mat: facing }]),
      lookingAlongX,
      opts,
    );
    const row = Array.from(finite.depth?.subarray(16 * 32, 17 * 32) ?? []);
    const hits = row.filter((v) => Number.isFinite(v)).length;
    expect(hits).toBeGreaterThan(12);
    expect(hits).toBeLessThan(16);
  });

  it('sees the inside walls from a camera inside a box, as mj_ray does', () => {
    const out = renderCamera(
      scene([{ type: GeomType.box, size: [1, 1, 1], pos: [0, 0, 0] }]),
      lookingAlongX,
      {
        width: 16,
        height: 16,
        depth: true,
      },
    );
    const depth = out.depth as Float32Array;
    expect(depth.every((v) => Number.isFinite(v) && v >= 1 - 1e-9)).toBe(true);
    expect(depth[8 * 16 + 8]).toBeLessThan(1.01);
    expect(out.rgb.some((v) => v > 0)).toBe(true);
  });

  it('is deterministic and unaffected by what the renderer drew before', () => {
    const a = scene([
      { type: GeomType.capsule, size: [0.2, 0.5], pos: [3, 0.3, 0], mat: [0, 0, 1, 0, 1, 0, -1, 0, 0] },
      { type: GeomType.cylinder, size: [0.3, 0.2], pos: [4, -0.5, 0.2] },
      { type: GeomType.ellipsoid, size: [0.2, 0.4, 0.3], pos: [2.5, -0.3, -0.4] },
      { type: GeomType.plane, size: [0, 0, 1], pos: [0, 0, -1] },
    ]);
    const b = scene([{ type: GeomType.box, size: [0.5, 0.5, 0.5], pos: [2, 0, 0] }]);
    const r = createRenderer(48, 40);
    const opts = { depth: true, segmentation: true };
    const first = r.render(a, lookingAlongX, opts);
    const rgb1 = first.rgb.slice();
    const depth1 = first.depth?.slice();
    r.render(b, lookingAlongX, opts);
    const again = r.render(a, lookingAlongX, opts);
    expect(Buffer.compare(Buffer.from(again.rgb), Buffer.from(rgb1))).toBe(0);
    expect(again.depth).toEqual(depth1);
    const fresh = renderCamera(a, lookingAlongX, { width: 48, height: 40 });
    expect(Buffer.compare(Buffer.from(fresh.rgb), Buffer.from(rgb1))).toBe(0);
  });

  it('rejects a non-integer image size', () => {
    expect(() => createRenderer(0, 10)).toThrow(RangeError);
    expect(() => createRenderer(10.5, 10)).toThrow(/positive integers/);
  });
});
