// Thin box staves arranged in a ring: the primitive-only stand-in for a hollow round (or conical) glass wall.
import { quatFromAxisAngle, quatMul, quatRotate, type Vec3 } from '../../motion/math3d.js';
import type { PrimitiveGeom } from '../../schemas/common.js';

export interface GeomPart {
  geom: PrimitiveGeom;
  part: string;
}

export interface StaveRing {
  /** Apothem of the outer n-gon at the bottom of the ring (the wall's outer radius there). */
  bottomRadiusM: number;
  /** Apothem at the top; smaller than the bottom for a cone whose staves lean inward. */
  topRadiusM: number;
  wallM: number;
  z0M: number;
  z1M: number;
  count: number;
  rgba: PrimitiveGeom['rgba'];
  part: string;
}

/** Stave counts come from sampled (real-valued) parameters; a ring needs at least a triangle. */
export function staveCount(raw: number, assetId: string): number {
  const n = Math.round(raw);
  if (n < 3) throw new Error(`asset ${assetId}: a stave ring needs at least 3 staves, got ${raw}`);
  return n;
}

/**
 * Stave i sits at azimuth 2*pi*i/n, so stave 0 faces +x; with an even count opposite staves are parallel
 * and the width across x is exactly twice the apothem (what a parallel gripper closes on).
 * Each stave is as wide as the ring's widest (bottom) polygon side so a cone has no gaps; at the narrow
 * top neighbouring staves overlap, which costs nothing because geoms of one body never collide.
 * No part of a stave lies inside the plane of its inner face, so the bore stays clear however wide it is.
 */
export function staveRing(ring: StaveRing): GeomPart[] {
  const { bottomRadiusM: rb, topRadiusM: rt, wallM: t, z0M: z0, z1M: z1, count: n } = ring;
  const lean = Math.atan2(rb - rt, z1 - z0);
  const length = Math.hypot(rb - rt, z1 - z0);
  const halfWidth = Math.max(rb, rt) * Math.tan(Math.PI / n);
  // Stave 0 before its azimuth turn: the outer face runs from (rb, 0, z0) up the slant to (rt, 0, z1).
  const axis: Vec3 = [-Math.sin(lean), 0, Math.cos(lean)];
  const normal: Vec3 = [Math.cos(lean), 0, Math.sin(lean)];
  const centre: Vec3 = [
    rb + (axis[0] * length) / 2 - (normal[0] * t) / 2,
    0,
    z0 + (axis[2] * length) / 2 - (normal[2] * t) / 2,
  ];
  const tilt = quatFromAxisAngle([0, 1, 0], -lean);
  const staves: GeomPart[] = [];
  for (let i = 0; i < n; i++) {
    const turn = quatFromAxisAngle([0, 0, 1], (2 * Math.PI * i) / n);
    staves.push({
      part: ring.part,
      geom: {
        type: 'box',
        halfSizeM: [t / 2, halfWidth, length / 2],
        posM: quatRotate(turn, centre),
        quat: quatMul(turn, tilt),
        rgba: ring.rgba,
      },
    });
  }
  return staves;
}

/** Circumradius of a ring's outer n-gon: the footprint the staves' corners reach. */
export const ringCircumradius = (apothemM: number, count: number): number =>
  apothemM / Math.cos(Math.PI / count);
