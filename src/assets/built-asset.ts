// What an asset builder returns: geometry in the object's frame plus the semantics skills and checks rely on.

import type { Vec3 } from '../motion/math3d.js';
import type { PrimitiveGeom } from '../schemas/common.js';

export interface BuiltAsset {
  /** Geoms in the object frame; the origin is the centre of the object's footprint on its supporting surface. */
  geoms: Array<{ geom: PrimitiveGeom; part: string }>;
  heightM: number;
  /** Half extents of the footprint (x, y) for placement and collision-free sampling. */
  footprintHalfM: [number, number];
  /** Where fingers can close on it: the closing axis in the object frame, the width there, and its z span. */
  grasp?: { axis: 'x' | 'y'; widthM: number; zMinM: number; zMaxM: number };
  /** Interior of a container, as an axis-aligned box in the object frame. */
  container?: { minM: Vec3; maxM: Vec3 };
  /** Slot floor positions of a rack, in the object frame. */
  slots?: Vec3[];
}

/** Sampled parameters of one asset instance (every value recorded in the episode metadata). */
export type AssetParams = Record<string, number>;
export type AssetColors = Record<string, [number, number, number, number]>;

export type AssetBuilder = (params: AssetParams, colors: AssetColors) => BuiltAsset;

export function param(params: AssetParams, name: string, assetId: string): number {
  const value = params[name];
  if (value === undefined) throw new Error(`asset ${assetId}: missing parameter "${name}"`);
  return value;
}

/** A parameter a family may leave out (e.g. the foot of a graduated cylinder); absent means `fallback`. */
export function optionalParam(params: AssetParams, name: string, fallback: number): number {
  return params[name] ?? fallback;
}
