// Which lights reach a geom this frame and how: scene lights in camera coordinates, then per geom.
//
// A spot or point light far from a geom (relative to the geom's size) is replaced by a
// directional light with the cone and attenuation evaluated at the geom's centre: the direction
// varies by only a few degrees across the geom, it makes a flat face's lighting one constant, and
// it saves a square root and two divisions per pixel. Large geoms (floors, walls, table tops) keep
// per-pixel evaluation of all spot and point lights so light pools show.

import type { Camera } from './camera.js';
import type { RenderScene } from './render-scene.js';
import { DIRECTIONAL_STRIDE, LOCAL_STRIDE } from './shading-buffers.js';

/** Spot/point lights are evaluated per pixel when the geom's bounding radius exceeds this fraction of a light's distance. */
const PER_PIXEL_RADIUS_RATIO = 0.25;

/** Scene lights of one frame in camera coordinates. */
export interface FrameLights {
  ambR: number;
  ambG: number;
  ambB: number;
  directional: Float64Array;
  directionalLength: number;
  /** Spot and point lights, LOCAL_STRIDE floats each. */
  local: Float64Array;
  localLength: number;
}

/** How one geom is lit this frame, in camera coordinates. */
export interface GeomShading {
  ambR: number;
  ambG: number;
  ambB: number;
  /** Lights treated as directional for this geom; `directionalLength` floats are in use. */
  directional: Float64Array;
  directionalLength: number;
  /** True when the frame's spot and point lights are evaluated per pixel on this geom. */
  perPixelLocal: boolean;
}

/** Scene lights and headlight moved into the camera frame (Rcᵀ applied to directions and offsets). */
export function frameLights(scene: RenderScene, camera: Camera): FrameLights {
  const m = camera.mat;
  const [cx, cy, cz] = camera.pos;
  let ambR = 0,
    ambG = 0,
    ambB = 0;
  const directional: number[] = [];
  const local: number[] = [];
  for (const l of scene.lights) {
    ambR += l.ambient[0];
    ambG += l.ambient[1];
    ambB += l.ambient[2];
    const [dx, dy, dz] = l.dir;
    const ax = m[0] * dx + m[3] * dy + m[6] * dz;
    const ay = m[1] * dx + m[4] * dy + m[7] * dz;
    const az = m[2] * dx + m[5] * dy + m[8] * dz;
    if (l.kind === 'directional') {
      directional.push(-ax, -ay, -az, ...l.diffuse);
      continue;
    }
    const px = l.pos[0] - cx,
      py = l.pos[1] - cy,
      pz = l.pos[2] - cz;
    local.push(
      m[0] * px + m[3] * py + m[6] * pz,
      m[1] * px + m[4] * py + m[7] * pz,
      m[2] * px + m[5] * py + m[8] * pz,
      ax,
      ay,
      az,
      // A point light has no cone: no cosine is below -2.
      l.kind === 'spot' ? l.cosCutoff : -2,
      l.kind === 'spot' ? l.exponent : 0,
      ...l.attenuation,
      ...l.diffuse,
    );
  }
  if (scene.headlight) {
    ambR += scene.headlight.ambient[0];
    ambG += scene.headlight.ambient[1];
    ambB += scene.headlight.ambient[2];
    // The headlight shines along the view axis: towards the light is the camera's +z.
    directional.push(0, 0, 1, ...scene.headlight.diffuse);
  }
  return {
    ambR,
    ambG,
    ambB,
    directional: Float64Array.from(directional),
    directionalLength: directional.length,
    local: Float64Array.from(local),
    localLength: local.length,
  };
}

export function emptyGeomShading(): GeomShading {
  return {
    ambR: 0,
    ambG: 0,
    ambB: 0,
    directional: new Float64Array(0),
    directionalLength: 0,
    perPixelLocal: false,
  };
}

/**
 * Exact spot/point light (RGB, written to out[0..2]) at the camera-frame point and unit normal in
 * `at` (nx, ny, nz, hx, hy, hz), from `local[0 .. length)`. Shared by every stage that lights a
 * point; inputs travel in arrays because V8 boxes doubles passed to calls it does not inline.
 */
export function localLight(local: Float64Array, length: number, at: Float64Array, out: Float64Array): void {
  const nx = at[0] as number,
    ny = at[1] as number,
    nz = at[2] as number,
    hx = at[3] as number,
    hy = at[4] as number,
    hz = at[5] as number;
  let lr = 0,
    lg = 0,
    lb = 0;
  for (let o = 0; o < length; o += LOCAL_STRIDE) {
    const lx = (local[o] as number) - hx;
    const ly = (local[o + 1] as number) - hy;
    const lz = (local[o + 2] as number) - hz;
    const nl = nx * lx + ny * ly + nz * lz;
    if (nl <= 0) continue;
    const d = Math.sqrt(lx * lx + ly * ly + lz * lz);
    const inv = 1 / d;
    const cosA =
      -(lx * (local[o + 3] as number) + ly * (local[o + 4] as number) + lz * (local[o + 5] as number)) * inv;
    if (cosA < (local[o + 6] as number)) continue;
    let w = nl * inv;
    // cos^exponent by squaring: exact and platform independent, unlike Math.pow.
    let base = Math.max(cosA, 0);
    for (let e = local[o + 7] as number; e > 0; e >>= 1) {
      if (e & 1) w *= base;
      base *= base;
    }
    const att = (local[o + 8] as number) + d * ((local[o + 9] as number) + d * (local[o + 10] as number));
    if (att > 0) w /= att;
    lr += w * (local[o + 11] as number);
    lg += w * (local[o + 12] as number);
    lb += w * (local[o + 13] as number);
  }
  out[0] = lr;
  out[1] = lg;
  out[2] = lb;
}

/**
 * Fills `out` for a geom whose centre is at (cx, cy, cz) in camera coordinates with bounding
 * radius `radius` (Infinity for unbounded planes).
 */
export function fillGeomShading(
  fl: FrameLights,
  cx: number,
  cy: number,
  cz: number,
  radius: number,
  out: GeomShading,
): void {
  const localCount = fl.localLength / LOCAL_STRIDE;
  const maxDirectional = fl.directionalLength + localCount * DIRECTIONAL_STRIDE;
  if (out.directional.length < maxDirectional) out.directional = new Float64Array(maxDirectional);
  out.ambR = fl.ambR;
  out.ambG = fl.ambG;
  out.ambB = fl.ambB;
  out.directional.set(fl.directional.subarray(0, fl.directionalLength));
  let nd = fl.directionalLength;
  const src = fl.local;
  let large = false;
  for (let o = 0; o < fl.localLength; o += LOCAL_STRIDE) {
    const lx = (src[o] as number) - cx,
      ly = (src[o + 1] as number) - cy,
      lz = (src[o + 2] as number) - cz;
    if (!(radius <= PER_PIXEL_RADIUS_RATIO * Math.sqrt(lx * lx + ly * ly + lz * lz))) large = true;
  }
  out.perPixelLocal = large;
  if (!large) {
    for (let o = 0; o < fl.localLength; o += LOCAL_STRIDE) {
      const lx = (src[o] as number) - cx,
        ly = (src[o + 1] as number) - cy,
        lz = (src[o + 2] as number) - cz;
      const d = Math.sqrt(lx * lx + ly * ly + lz * lz);
      if (d === 0) continue;
      // Far enough to act as a directional light: cone and attenuation taken at the geom centre.
      const cosA =
        -(lx * (src[o + 3] as number) + ly * (src[o + 4] as number) + lz * (src[o + 5] as number)) / d;
      if (cosA < (src[o + 6] as number)) continue;
      let w = 1;
      let base = Math.max(cosA, 0);
      for (let e = src[o + 7] as number; e > 0; e >>= 1) {
        if (e & 1) w *= base;
        base *= base;
      }
      const att = (src[o + 8] as number) + d * ((src[o + 9] as number) + d * (src[o + 10] as number));
      if (att > 0) w /= att;
      const dir = out.directional;
      dir[nd] = lx / d;
      dir[nd + 1] = ly / d;
      dir[nd + 2] = lz / d;
      dir[nd + 3] = w * (src[o + 11] as number);
      dir[nd + 4] = w * (src[o + 12] as number);
      dir[nd + 5] = w * (src[o + 13] as number);
      nd += DIRECTIONAL_STRIDE;
    }
  }
  out.directionalLength = nd;
}
