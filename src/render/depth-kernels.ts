// Exact ray-primitive intersections over a geom's footprint, written to the z-buffer (MuJoCo's mj_ray rules).
//
// Each primitive has its own loop so V8 keeps every inner loop monomorphic. The intersection rules
// follow MuJoCo's engine_ray.c: the nearest non-negative root counts (so a camera inside a solid
// sees its far side), planes are one-sided and finite unless a half-size is zero.

import { GF_M, GF_O, GF_S, GF_TMIN, type KernelArgs } from './geom-frame.js';
import { GeomType } from './geom-type.js';

export type DepthKernel = (
  a: KernelArgs,
  k: number,
  g: number,
  base: number,
  first: number,
  last: number,
) => void;

/** mjMINVAL: below this a plane-facing ray component counts as parallel, as in mj_ray. */
const MIN_VAL = 1e-15;

function depthSphereLike(
  a: KernelArgs,
  k: number,
  g: number,
  base: number,
  first: number,
  last: number,
  ellipsoid: boolean,
): void {
  const { gf, spanStart, spanEnd, width, x0, dx, y0, dy, zbuf, owner } = a;
  // An ellipsoid is a unit sphere after scaling each local axis by 1/size.
  const ix = 1 / (gf[g + GF_S] as number);
  const iy = ellipsoid ? 1 / (gf[g + GF_S + 1] as number) : ix;
  const iz = ellipsoid ? 1 / (gf[g + GF_S + 2] as number) : ix;
  const ox = (gf[g + GF_O] as number) * ix;
  const oy = (gf[g + GF_O + 1] as number) * iy;
  const oz = (gf[g + GF_O + 2] as number) * iz;
  const m00 = (gf[g + GF_M] as number) * ix,
    m01 = (gf[g + GF_M + 1] as number) * ix,
    m02 = (gf[g + GF_M + 2] as number) * ix;
  const m10 = (gf[g + GF_M + 3] as number) * iy,
    m11 = (gf[g + GF_M + 4] as number) * iy,
    m12 = (gf[g + GF_M + 5] as number) * iy;
  const m20 = (gf[g + GF_M + 6] as number) * iz,
    m21 = (gf[g + GF_M + 7] as number) * iz,
    m22 = (gf[g + GF_M + 8] as number) * iz;
  const tmin = gf[g + GF_TMIN] as number;
  const c = ox * ox + oy * oy + oz * oz - 1;
  const sx = m00 * dx,
    sy = m10 * dx,
    sz = m20 * dx;
  for (let j = first; j <= last; j++) {
    const xs = spanStart[base + j] as number;
    const xe = spanEnd[base + j] as number;
    if (xs > xe) continue;
    const Y = y0 + j * dy;
    const X = x0 + xs * dx;
    let vx = m00 * X + m01 * Y - m02;
    let vy = m10 * X + m11 * Y - m12;
    let vz = m20 * X + m21 * Y - m22;
    let p = j * width + xs;
    for (let i = xs; i <= xe; i++, p++, vx += sx, vy += sy, vz += sz) {
      const zb = zbuf[p] as number;
      if (zb <= tmin) continue;
      const aa = vx * vx + vy * vy + vz * vz;
      const b = ox * vx + oy * vy + oz * vz;
      const det = b * b - aa * c;
      if (det < 0) continue;
      const sq = Math.sqrt(det);
      let t = (-b - sq) / aa;
      if (t < 0) t = (-b + sq) / aa;
      if (t >= 0 && t < zb) {
        zbuf[p] = t;
        owner[p] = k;
      }
    }
  }
}

function depthSphere(a: KernelArgs, k: number, g: number, base: number, first: number, last: number): void {
  depthSphereLike(a, k, g, base, first, last, false);
}

function depthEllipsoid(
  a: KernelArgs,
  k: number,
  g: number,
  base: number,
  first: number,
  last: number,
): void {
  depthSphereLike(a, k, g, base, first, last, true);
}

function depthCapsule(a: KernelArgs, k: number, g: number, base: number, first: number, last: number): void {
  const { gf, spanStart, spanEnd, width, x0, dx, y0, dy, zbuf, owner } = a;
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
  const tmin = gf[g + GF_TMIN] as number;
  const r = gf[g + GF_S] as number;
  const h = gf[g + GF_S + 1] as number;
  const r2 = r * r;
  const cSide = ox * ox + oy * oy - r2;
  const ozTop = oz - h;
  const ozBot = oz + h;
  const cTop = ox * ox + oy * oy + ozTop * ozTop - r2;
  const cBot = ox * ox + oy * oy + ozBot * ozBot - r2;
  const sx = m00 * dx,
    sy = m10 * dx,
    sz = m20 * dx;
  for (let j = first; j <= last; j++) {
    const xs = spanStart[base + j] as number;
    const xe = spanEnd[base + j] as number;
    if (xs > xe) continue;
    const Y = y0 + j * dy;
    const X = x0 + xs * dx;
    let vx = m00 * X + m01 * Y - m02;
    let vy = m10 * X + m11 * Y - m12;
    let vz = m20 * X + m21 * Y - m22;
    let p = j * width + xs;
    for (let i = xs; i <= xe; i++, p++, vx += sx, vy += sy, vz += sz) {
      const zb = zbuf[p] as number;
      if (zb <= tmin) continue;
      let best = zb;
      const aXY = vx * vx + vy * vy;
      const bXY = ox * vx + oy * vy;
      // Round side, only between the flat ends.
      let det = bXY * bXY - aXY * cSide;
      if (det >= 0 && aXY > 0) {
        const sq = Math.sqrt(det);
        const t0 = (-bXY - sq) / aXY;
        const t1 = (-bXY + sq) / aXY;
        if (t0 >= 0 && t0 < best && Math.abs(oz + t0 * vz) <= h) best = t0;
        if (t1 >= 0 && t1 < best && Math.abs(oz + t1 * vz) <= h) best = t1;
      }
      const aa = aXY + vz * vz;
      // Top hemisphere: only the part beyond +h.
      let b = bXY + ozTop * vz;
      det = b * b - aa * cTop;
      if (det >= 0) {
        const sq = Math.sqrt(det);
        const t0 = (-b - sq) / aa;
        const t1 = (-b + sq) / aa;
        if (t0 >= 0 && t0 < best && oz + t0 * vz >= h) best = t0;
        if (t1 >= 0 && t1 < best && oz + t1 * vz >= h) best = t1;
      }
      // Bottom hemisphere: only the part beyond -h.
      b = bXY + ozBot * vz;
      det = b * b - aa * cBot;
      if (det >= 0) {
        const sq = Math.sqrt(det);
        const t0 = (-b - sq) / aa;
        const t1 = (-b + sq) / aa;
        if (t0 >= 0 && t0 < best && oz + t0 * vz <= -h) best = t0;
        if (t1 >= 0 && t1 < best && oz + t1 * vz <= -h) best = t1;
      }
      if (best < zb) {
        zbuf[p] = best;
        owner[p] = k;
      }
    }
  }
}

function depthCylinder(a: KernelArgs, k: number, g: number, base: number, first: number, last: number): void {
  const { gf, spanStart, spanEnd, width, x0, dx, y0, dy, zbuf, owner } = a;
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
  const tmin = gf[g + GF_TMIN] as number;
  const r = gf[g + GF_S] as number;
  const h = gf[g + GF_S + 1] as number;
  const r2 = r * r;
  const cSide = ox * ox + oy * oy - r2;
  const sx = m00 * dx,
    sy = m10 * dx,
    sz = m20 * dx;
  for (let j = first; j <= last; j++) {
    const xs = spanStart[base + j] as number;
    const xe = spanEnd[base + j] as number;
    if (xs > xe) continue;
    const Y = y0 + j * dy;
    const X = x0 + xs * dx;
    let vx = m00 * X + m01 * Y - m02;
    let vy = m10 * X + m11 * Y - m12;
    let vz = m20 * X + m21 * Y - m22;
    let p = j * width + xs;
    for (let i = xs; i <= xe; i++, p++, vx += sx, vy += sy, vz += sz) {
      const zb = zbuf[p] as number;
      if (zb <= tmin) continue;
      let best = zb;
      const aXY = vx * vx + vy * vy;
      const bXY = ox * vx + oy * vy;
      const det = bXY * bXY - aXY * cSide;
      if (det >= 0 && aXY > 0) {
        const sq = Math.sqrt(det);
        const t0 = (-bXY - sq) / aXY;
        const t1 = (-bXY + sq) / aXY;
        if (t0 >= 0 && t0 < best && Math.abs(oz + t0 * vz) <= h) best = t0;
        if (t1 >= 0 && t1 < best && Math.abs(oz + t1 * vz) <= h) best = t1;
      }
      if (vz > MIN_VAL || vz < -MIN_VAL) {
        // Flat ends: the crossing of z = +h and z = -h, kept when inside the disc.
        let t = (h - oz) / vz;
        if (t >= 0 && t < best) {
          const px = ox + t * vx,
            py = oy + t * vy;
          if (px * px + py * py <= r2) best = t;
        }
        t = (-h - oz) / vz;
        if (t >= 0 && t < best) {
          const px = ox + t * vx,
            py = oy + t * vy;
          if (px * px + py * py <= r2) best = t;
        }
      }
      if (best < zb) {
        zbuf[p] = best;
        owner[p] = k;
      }
    }
  }
}

function depthBox(a: KernelArgs, k: number, g: number, base: number, first: number, last: number): void {
  const { gf, spanStart, spanEnd, width, x0, dx, y0, dy, zbuf, owner } = a;
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
  const tmin = gf[g + GF_TMIN] as number;
  const hx = gf[g + GF_S] as number,
    hy = gf[g + GF_S + 1] as number,
    hz = gf[g + GF_S + 2] as number;
  // Slab offsets from the camera origin to each pair of faces.
  const loX = -hx - ox,
    hiX = hx - ox,
    loY = -hy - oy,
    hiY = hy - oy,
    loZ = -hz - oz,
    hiZ = hz - oz;
  const sx = m00 * dx,
    sy = m10 * dx,
    sz = m20 * dx;
  for (let j = first; j <= last; j++) {
    const xs = spanStart[base + j] as number;
    const xe = spanEnd[base + j] as number;
    if (xs > xe) continue;
    const Y = y0 + j * dy;
    const X = x0 + xs * dx;
    let vx = m00 * X + m01 * Y - m02;
    let vy = m10 * X + m11 * Y - m12;
    let vz = m20 * X + m21 * Y - m22;
    let p = j * width + xs;
    for (let i = xs; i <= xe; i++, p++, vx += sx, vy += sy, vz += sz) {
      const zb = zbuf[p] as number;
      if (zb <= tmin) continue;
      // Division by a zero component gives +-Infinity, which the slab test handles as "parallel".
      const inx = 1 / vx,
        iny = 1 / vy,
        inz = 1 / vz;
      let ta = loX * inx,
        tb = hiX * inx;
      let tn = Math.min(ta, tb);
      let tf = Math.max(ta, tb);
      ta = loY * iny;
      tb = hiY * iny;
      if (ta < tb) {
        if (ta > tn) tn = ta;
        if (tb < tf) tf = tb;
      } else {
        if (tb > tn) tn = tb;
        if (ta < tf) tf = ta;
      }
      ta = loZ * inz;
      tb = hiZ * inz;
      if (ta < tb) {
        if (ta > tn) tn = ta;
        if (tb < tf) tf = tb;
      } else {
        if (tb > tn) tn = tb;
        if (ta < tf) tf = ta;
      }
      if (tn > tf || tf < 0) continue;
      const t = tn >= 0 ? tn : tf;
      if (t < zb) {
        zbuf[p] = t;
        owner[p] = k;
      }
    }
  }
}

function depthPlane(a: KernelArgs, k: number, g: number, base: number, first: number, last: number): void {
  const { gf, spanStart, spanEnd, width, x0, dx, y0, dy, zbuf, owner } = a;
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
  const sizeX = gf[g + GF_S] as number,
    sizeY = gf[g + GF_S + 1] as number;
  // A non-positive half-size leaves that axis unbounded (MuJoCo's infinite plane).
  const limX = sizeX > 0 ? sizeX : Number.POSITIVE_INFINITY;
  const limY = sizeY > 0 ? sizeY : Number.POSITIVE_INFINITY;
  const sx = m00 * dx,
    sy = m10 * dx,
    sz = m20 * dx;
  for (let j = first; j <= last; j++) {
    const xs = spanStart[base + j] as number;
    const xe = spanEnd[base + j] as number;
    if (xs > xe) continue;
    const Y = y0 + j * dy;
    const X = x0 + xs * dx;
    let vx = m00 * X + m01 * Y - m02;
    let vy = m10 * X + m11 * Y - m12;
    let vz = m20 * X + m21 * Y - m22;
    let p = j * width + xs;
    for (let i = xs; i <= xe; i++, p++, vx += sx, vy += sy, vz += sz) {
      // One-sided: only rays travelling against the plane's normal hit it.
      if (vz > -MIN_VAL) continue;
      // t = oz / -vz with oz > 0 (the renderer skips planes whose back faces the camera), so the
      // depth test needs no division: most floor pixels are hidden by nearer geoms.
      const zb = zbuf[p] as number;
      if (oz >= zb * -vz) continue;
      const t = oz / -vz;
      const px = ox + t * vx;
      const py = oy + t * vy;
      if (px <= limX && px >= -limX && py <= limY && py >= -limY) {
        zbuf[p] = t;
        owner[p] = k;
      }
    }
  }
}

/** The depth kernel for a primitive geom type id. */
export function depthKernelFor(type: number): DepthKernel {
  switch (type) {
    case GeomType.plane:
      return depthPlane;
    case GeomType.sphere:
      return depthSphere;
    case GeomType.capsule:
      return depthCapsule;
    case GeomType.ellipsoid:
      return depthEllipsoid;
    case GeomType.cylinder:
      return depthCylinder;
    case GeomType.box:
      return depthBox;
    default:
      throw new RangeError(`geom type ${type} is not a primitive this renderer draws`);
  }
}
