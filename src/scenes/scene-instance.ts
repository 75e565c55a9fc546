// A concrete bench scene: every object with its sampled parameters, colours, mass and pose (all recorded for replay).
import type { AssetColors, AssetParams, BuiltAsset } from '../assets/built-asset.js';
import type { Vec3 } from '../motion/math3d.js';
import type { LiquidFill } from '../schemas/liquid.js';

/** The sampled values of one object: the part of the scene that an episode records. */
export interface ObjectSample {
  id: string;
  asset: string;
  params: AssetParams;
  colors: AssetColors;
  massKg: number;
  /** World position of the object's base (footprint centre on its support). */
  posM: Vec3;
  yawRad: number;
  /** Liquid the object starts filled with (containers only). */
  liquid?: LiquidFill;
  /** Joint positions its articulated parts start at, by part name (absent: every part at rest). */
  partPositions?: Record<string, number>;
}

export interface PlacedObject extends ObjectSample {
  movable: boolean;
  friction: number;
  /** Largest tilt from upright at which the object counts as placed (asset family). */
  placedMaxTiltRad: number;
  /** For containers: contents may stand taller than the walls (a tray), or must lie below the rim (a basket). */
  contentsMayRiseAboveRim: boolean;
  names: string[];
  built: BuiltAsset;
  /** MJCF body name. */
  body: string;
}

export interface SceneInstance {
  templateId: string;
  objects: PlacedObject[];
}

export const objectBodyName = (objectId: string): string => `obj_${objectId}`;
