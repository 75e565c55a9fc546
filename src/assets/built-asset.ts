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
  /**
   * Moving parts (lids, doors, drawers, buttons, knobs): child bodies of the object body, each with one joint.
   * Everything is given in the object frame at the rest pose (joint position 0: closed, released, centred).
   */
  parts?: ArticulatedPart[];
  /** Named state read from the parts' joints (e.g. `lidAngleRad`), for success checks. */
  states?: ArticulationStateSpec[];
}

export interface PartJoint {
  /** Hinges turn (radians), slides translate (metres) along `axis`, positive in the opening/pressing sense. */
  type: 'hinge' | 'slide';
  axis: Vec3;
  /** A point on the axis, in the object frame. */
  posM: Vec3;
  /** Joint limits: radians for a hinge, metres for a slide; the rest pose 0 lies inside. */
  range: [number, number];
  /** Viscous damping (N s/m or N m s/rad). */
  damping: number;
  /** Dry friction (N or N m): what holds a drawer or a detent knob where it was left. */
  frictionloss: number;
  /** Spring stiffness (N/m or N m/rad) pulling towards `springRef`: a button's return spring. */
  stiffness?: number;
  /** Spring rest position; below the lower limit it preloads the part against that limit. */
  springRef?: number;
}

export interface ArticulatedPart {
  /** Part name; the MJCF body and joint are both named `${objectBody}_${name}`. */
  name: string;
  /** Another part this one rides on (a knob on a lid); absent means the object body itself. */
  parent?: string;
  joint: PartJoint;
  geoms: Array<{ geom: PrimitiveGeom; part: string }>;
  massKg: number;
}

export interface ArticulationStateSpec {
  /** State name with its unit: `lidAngleRad`, `drawerExtensionM`, `buttonPressed`. */
  name: string;
  /** The part whose joint is read. */
  joint: string;
  /** `angle` and `extension` report the joint position; `pressed` whether it is at least `pressedBeyondM`. */
  kind: 'angle' | 'extension' | 'pressed';
  pressedBeyondM?: number;
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
