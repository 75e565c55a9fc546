// Curved geoms (sphere, ellipsoid, capsule, cylinder): per-pixel normals and Lambert shading into RGB.
//
// Normals are gathered per primitive type into a small chunk buffer (one monomorphic loop per
// type), then one shared loop lights the chunk: V8 optimises these short loops far better than
// one loop that switches on the type per pixel. The hit point is rebuilt in the geom frame from
// the z-buffer and the normal rotated to the camera frame (row a of Rgᵀ·Rc is geom axis a there).

import { GF_M, GF_O, GF_S } from './geom-frame.js';
import { type FrameLights, type GeomShading, localLight } from './geom-shading.js';
import { GeomType } from './geom-type.js';
import { DIRECTIONAL_STRIDE, type ShadingBuffers } from './shading-buffers.js';

const CHUNK = 256;

export class CurvedScratch {
  count = 0;
  readonly pixel = new Int32Array(CHUNK);
  /** Unit camera-frame normal facing the camera, 3 per entry. */
  readonly normal = new Float64Array(3 * CHUNK);
  /** Normal and hit point handed to localLight. */
  readonly at = new Float64Array(6);
  readonly light = new Float64Array(3);
}

/** The geom being shaded: its shading, colour (0-255) and the frame's spot/point lights. */
export interface CurvedGeom {
  shading: GeomShading;
  lights: FrameLights;
  r: number;
  g: number;
  b: number;
}

function shadeChunk(b: ShadingBuffers, s: CurvedScratch, c: CurvedGeom): void {
  const { rgb, zbuf, rayX, rayY } = b;
  const { count, pixel, normal, light, at } = s;
  const { ambR, ambG, ambB, directional, directionalLength, perPixelLocal } = c.shading;
  const { local, localLength } = c.lights;
  const { r, g, b: bb } = c;
  for (let e = 0; e < count; e++) {
    const p = pixel[e] as number;
    const nx = normal[3 * e] as number;
    const ny = normal[3 * e + 1] as number;
    const nz = normal[3 * e + 2] as number;
    let lr = ambR,
      lg = ambG,
      lb = ambB;
    for (let o = 0; o < directionalLength; o += DIRECTIONAL_STRIDE) {
      const ndl =
        nx * (directional[o] as number) +
        ny * (directional[o + 1] as number) +
        nz * (directional[o + 2] as number);
      if (ndl > 0) {
        lr += ndl * (directional[o + 3] as number);
        lg += ndl * (directional[o + 4] as number);
        lb += ndl * (directional[o + 5] as number);
      }
    }
    if (perPixelLocal) {
      const t = zbuf[p] as number;
      at[0] = nx;
      at[1] = ny;
      at[2] = nz;
      at[3] = t * (rayX[p] as number);
      at[4] = t * (rayY[p] as number);
      at[5] = -t;
      localLight(local, localLength, at, light);
      lr += light[0] as number;
      lg += light[1] as number;
      lb += light[2] as number;
    }
    const q = 3 * p;
    const vr = r * lr + 0.5;
    const vg = g * lg + 0.5;
    const vb = bb * lb + 0.5;
    rgb[q] = vr >= 255 ? 255 : vr > 0 ? vr | 0 : 0;
    rgb[q + 1] = vg >= 255 ? 255 : vg > 0 ? vg | 0 : 0;
    rgb[q + 2] = vb >= 255 ? 255 : vb > 0 ? vb | 0 : 0;
  }
  s.count = 0;
}

/**
 * Appends pixel p with geom-frame normal (lx, ly, lz) scaled by `scale`, rotated to the camera
 * frame by Mᵀ (M at gf[m..m+8]) and flipped to face the camera when the ray (X, Y, -1) sees its
 * back (two-sided lighting, for cameras inside a geom).
 */
function push(
  s: CurvedScratch,
  p: number,
  gf: Float64Array,
  m: number,
  lx: number,
  ly: number,
  lz: number,
  scale: number,
  X: number,
  Y: number,
): void {
  const nx = ((gf[m] as number) * lx + (gf[m + 3] as number) * ly + (gf[m + 6] as number) * lz) * scale;
  const ny = ((gf[m + 1] as number) * lx + (gf[m + 4] as number) * ly + (gf[m + 7] as number) * lz) * scale;
  const nz = ((gf[m + 2] as number) * lx + (gf[m + 5] as number) * ly + (gf[m + 8] as number) * lz) * scale;
  const flip = nx * X + ny * Y - nz > 0 ? -1 : 1;
  const e = s.count++;
  s.pixel[e] = p;
  s.normal[3 * e] = nx * flip;
  s.normal[3 * e + 1] = ny * flip;
  s.normal[3 * e + 2] = nz * flip;
}

/** Shades the pixels list[from..to) of curved geom (record at gf[g..]) of the given type. */
export function shadeCurved(
  b: ShadingBuffers,
  s: CurvedScratch,
  c: CurvedGeom,
  type: number,
  gf: Float64Array,
  g: number,
  list: Int32Array,
  from: number,
  to: number,
): void {
  const { zbuf, rayX, rayY } = b;
  const m = g + GF_M;
  const ox = gf[g + GF_O] as number,
    oy = gf[g + GF_O + 1] as number,
    oz = gf[g + GF_O + 2] as number;
  const m00 = gf[m] as number,
    m01 = gf[m + 1] as number,
    m02 = gf[m + 2] as number;
  const m10 = gf[m + 3] as number,
    m11 = gf[m + 4] as number,
    m12 = gf[m + 5] as number;
  const m20 = gf[m + 6] as number,
    m21 = gf[m + 7] as number,
    m22 = gf[m + 8] as number;
  const s0 = gf[g + GF_S] as number,
    s1 = gf[g + GF_S + 1] as number,
    s2 = gf[g + GF_S + 2] as number;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    switch (type) {
      case GeomType.sphere: {
        // On the surface |q| = r, so scaling by 1/r normalises without a square root.
        const inv = 1 / s0;
        for (let e = start; e < end; e++) {
          const p = list[e] as number;
          const t = zbuf[p] as number,
            X = rayX[p] as number,
            Y = rayY[p] as number;
          const qx = ox + t * (m00 * X + m01 * Y - m02);
          const qy = oy + t * (m10 * X + m11 * Y - m12);
          const qz = oz + t * (m20 * X + m21 * Y - m22);
          push(s, p, gf, m, qx, qy, qz, inv, X, Y);
        }
        break;
      }
      case GeomType.ellipsoid: {
        // The normal is the gradient of sum(q_i^2 / s_i^2).
        const e0 = 1 / (s0 * s0),
          e1 = 1 / (s1 * s1),
          e2 = 1 / (s2 * s2);
        for (let e = start; e < end; e++) {
          const p = list[e] as number;
          const t = zbuf[p] as number,
            X = rayX[p] as number,
            Y = rayY[p] as number;
          const nx = (ox + t * (m00 * X + m01 * Y - m02)) * e0;
          const ny = (oy + t * (m10 * X + m11 * Y - m12)) * e1;
          const nz = (oz + t * (m20 * X + m21 * Y - m22)) * e2;
          push(s, p, gf, m, nx, ny, nz, 1 / Math.sqrt(nx * nx + ny * ny + nz * nz), X, Y);
        }
        break;
      }
      case GeomType.capsule: {
        // The offset from the nearest point of the axis segment has length r on the surface.
        const inv = 1 / s0;
        for (let e = start; e < end; e++) {
          const p = list[e] as number;
          const t = zbuf[p] as number,
            X = rayX[p] as number,
            Y = rayY[p] as number;
          const qx = ox + t * (m00 * X + m01 * Y - m02);
          const qy = oy + t * (m10 * X + m11 * Y - m12);
          const qz = oz + t * (m20 * X + m21 * Y - m22);
          push(s, p, gf, m, qx, qy, qz > s1 ? qz - s1 : qz < -s1 ? qz + s1 : 0, inv, X, Y);
        }
        break;
      }
      case GeomType.cylinder: {
        const inv = 1 / s0;
        for (let e = start; e < end; e++) {
          const p = list[e] as number;
          const t = zbuf[p] as number,
            X = rayX[p] as number,
            Y = rayY[p] as number;
          const qx = ox + t * (m00 * X + m01 * Y - m02);
          const qy = oy + t * (m10 * X + m11 * Y - m12);
          const qz = oz + t * (m20 * X + m21 * Y - m22);
          // The hit lies on the side or on an end cap: whichever surface it is (signed) nearest to.
          if (Math.abs(qz) - s1 > Math.sqrt(qx * qx + qy * qy) - s0)
            push(s, p, gf, m, 0, 0, qz > 0 ? 1 : -1, 1, X, Y);
          else push(s, p, gf, m, qx, qy, 0, inv, X, Y);
        }
        break;
      }
      default:
        throw new RangeError(`geom type ${type} is not a curved primitive`);
    }
    shadeChunk(b, s, c);
  }
}
