// Flat geoms (boxes, planes): the face each pixel lies on, its checker texture, and per-face lighting.
//
// On a flat face the normal, and with it every directional light term, is constant, so lighting
// is computed once per face per frame into the face table; pixels only record their face.

import { GF_M, GF_O, GF_S } from './geom-frame.js';
import type { GeomShading } from './geom-shading.js';
import {
  DIRECTIONAL_STRIDE,
  FACE_COLOR,
  FACE_LIT,
  FACE_NORMAL,
  FACE_STRIDE,
  FACES_PER_GEOM,
  type ShadingBuffers,
} from './shading-buffers.js';

/** Surface colour of the geom being shaded, 0-255 scale. */
export interface FlatColor {
  r: number;
  g: number;
  b: number;
}

function fillFace(
  b: ShadingBuffers,
  face: number,
  nx: number,
  ny: number,
  nz: number,
  sh: GeomShading,
  color: FlatColor,
): void {
  const { directional, directionalLength } = sh;
  let lr = sh.ambR,
    lg = sh.ambG,
    lb = sh.ambB;
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
  const f = b.faces;
  const o = FACE_STRIDE * face;
  f[o + FACE_NORMAL] = nx;
  f[o + FACE_NORMAL + 1] = ny;
  f[o + FACE_NORMAL + 2] = nz;
  f[o + FACE_LIT] = color.r * lr;
  f[o + FACE_LIT + 1] = color.g * lg;
  f[o + FACE_LIT + 2] = color.b * lb;
  f[o + FACE_COLOR] = color.r;
  f[o + FACE_COLOR + 1] = color.g;
  f[o + FACE_COLOR + 2] = color.b;
  b.faceLocal[face] = sh.perPixelLocal ? 1 : 0;
}

/**
 * Box k: faces 6k + 2a and 6k + 2a + 1 are its -a and +a faces, whose outward normals are -/+ row
 * a of Rgᵀ·Rc. A camera inside the box sees the inner sides, lit as if their normals faced it.
 */
export function boxSurface(
  b: ShadingBuffers,
  gf: Float64Array,
  g: number,
  k: number,
  sh: GeomShading,
  color: FlatColor,
  list: Int32Array,
  from: number,
  to: number,
): void {
  const { zbuf, rayX, rayY, faceIndex, texture } = b;
  const ox = gf[g + GF_O] as number,
    oy = gf[g + GF_O + 1] as number,
    oz = gf[g + GF_O + 2] as number;
  const m00 = gf[g + GF_M] as number,
    m01 = gf[g + GF_M + 1] as number,
    m02 = gf[g + GF_M + 2] as number;
  const m10 = gf[g + GF_M + 3] as number,
    m11 = gf[g + GF_M + 4] as number,
    m12 = gf[g + GF_M + 5] as number;
  const m20 = gf[g + GF_M + 6] as number,
    m21 = gf[g + GF_M + 7] as number,
    m22 = gf[g + GF_M + 8] as number;
  const s0 = gf[g + GF_S] as number,
    s1 = gf[g + GF_S + 1] as number,
    s2 = gf[g + GF_S + 2] as number;
  const base = FACES_PER_GEOM * k;
  const sign = Math.abs(ox) < s0 && Math.abs(oy) < s1 && Math.abs(oz) < s2 ? -1 : 1;
  for (let f = 0; f < 6; f++) {
    const row = g + GF_M + 3 * (f >> 1);
    const d = (f & 1 ? 1 : -1) * sign;
    fillFace(
      b,
      base + f,
      d * (gf[row] as number),
      d * (gf[row + 1] as number),
      d * (gf[row + 2] as number),
      sh,
      color,
    );
  }
  for (let e = from; e < to; e++) {
    const p = list[e] as number;
    const t = zbuf[p] as number;
    const X = rayX[p] as number;
    const Y = rayY[p] as number;
    const qx = ox + t * (m00 * X + m01 * Y - m02);
    const qy = oy + t * (m10 * X + m11 * Y - m12);
    const qz = oz + t * (m20 * X + m21 * Y - m22);
    // The face hit is the one the point lies on: the axis with the largest |q_a| - s_a.
    const fx = Math.abs(qx) - s0,
      fy = Math.abs(qy) - s1,
      fz = Math.abs(qz) - s2;
    faceIndex[p] =
      base + (fx >= fy && fx >= fz ? (qx > 0 ? 1 : 0) : fy >= fz ? (qy > 0 ? 3 : 2) : qz > 0 ? 5 : 4);
    texture[p] = 1;
  }
}

/**
 * Plane k: one face, 6k, with the plane's +z as normal (planes are one-sided), and a checker
 * texture of squares 1/checkerInvCell wide in the plane frame when checkerInvCell > 0.
 */
export function planeSurface(
  b: ShadingBuffers,
  gf: Float64Array,
  g: number,
  k: number,
  sh: GeomShading,
  color: FlatColor,
  list: Int32Array,
  from: number,
  to: number,
  checkerInvCell: number,
  checkerDark: number,
): void {
  const { zbuf, rayX, rayY, faceIndex, texture } = b;
  const face = FACES_PER_GEOM * k;
  fillFace(
    b,
    face,
    gf[g + GF_M + 6] as number,
    gf[g + GF_M + 7] as number,
    gf[g + GF_M + 8] as number,
    sh,
    color,
  );
  if (checkerInvCell <= 0) {
    for (let e = from; e < to; e++) {
      const p = list[e] as number;
      faceIndex[p] = face;
      texture[p] = 1;
    }
    return;
  }
  const inv = checkerInvCell;
  const ox = gf[g + GF_O] as number,
    oy = gf[g + GF_O + 1] as number;
  const m00 = gf[g + GF_M] as number,
    m01 = gf[g + GF_M + 1] as number,
    m02 = gf[g + GF_M + 2] as number;
  const m10 = gf[g + GF_M + 3] as number,
    m11 = gf[g + GF_M + 4] as number,
    m12 = gf[g + GF_M + 5] as number;
  for (let e = from; e < to; e++) {
    const p = list[e] as number;
    const t = zbuf[p] as number;
    const X = rayX[p] as number;
    const Y = rayY[p] as number;
    faceIndex[p] = face;
    // Checker parity with float arithmetic only: integer conversion of large or negative-zero
    // cell indices would make V8 deoptimise this loop.
    const c =
      Math.floor((ox + t * (m00 * X + m01 * Y - m02)) * inv) +
      Math.floor((oy + t * (m10 * X + m11 * Y - m12)) * inv);
    texture[p] = c - 2 * Math.floor(c * 0.5) === 0 ? 1 : checkerDark;
  }
}
