// What an asset builder returns: geometry in the object's frame plus the semantics skills and checks rely on.

import type { Vec3 } from '../motion/math3d.js';
import type { PrimitiveGeom } from '../schemas/common.js';

export interface BuiltAsset {
  /** Geoms in the object frame; the origin is the centre of the object's footprint on its supporting surface. */
  geoms: Array<{ geom: PrimitiveGeom; part: string }>;
  heightM: number;
  /** Half extents of the footprint (x, y) for placement and collision-free sampling. */
  footprintHalfM: [number, number];
  /**
   * Where fingers can close on it from above: the closing axis in the object frame, the width there, and its
   * z span. The pick skill uses this; builders derive it together with its top-down grasp frame
   * (`topDownGrasp`) so the two never disagree.
   */
  grasp?: TopDownGrasp;
  /**
   * Named places a gripper takes hold of (or presses), on the object body or on an articulated part: the
   * top-down grasp above plus the others a lab worker would use (a dish's rim, a tube's cap, a lid's handle,
   * a knob, a button). Movable objects list at least one.
   */
  graspFrames?: GraspFrame[];
  /** Interior of a container, as an axis-aligned box in the object frame. */
  container?: { minM: Vec3; maxM: Vec3 };
  /**
   * Where a liquid fill is laid out, when the body is wider than the mouth (a bottle): the box inscribed in the
   * body below the shoulder. Absent: the interior above.
   */
  fillBox?: { minM: Vec3; maxM: Vec3 };
  /** Slot floor positions (rack cells, rotor holes, a plate seat), in the object frame; scenes use `inSlotOf`. */
  slots?: Vec3[];
  /**
   * A narrow mouth a stopper plugs (a bottle's neck): the centre of its rim (object frame, on the axis) and the
   * bore's radius (the apothem of its staves' inner faces).
   */
  mouth?: { rimM: Vec3; boreRadiusM: number };
  /** A flat top labware is stood on (a hot plate's plate): its extent, object frame, at the top's height (z). */
  surface?: { minM: Vec3; maxM: Vec3 };
  /** A stopper: how far its plug reaches below the underside of the head that bears on a mouth's rim. */
  plugDepthM?: number;
  /**
   * Moving parts (lids, doors, drawers, buttons, knobs): child bodies of the object body, each with one joint.
   * Everything is given in the object frame at the rest pose (joint position 0: closed, released, centred).
   */
  parts?: ArticulatedPart[];
  /** Named state read from the parts' joints (e.g. `lidAngleRad`), for success checks. */
  states?: ArticulationStateSpec[];
}

export interface TopDownGrasp {
  axis: 'x' | 'y';
  widthM: number;
  zMinM: number;
  zMaxM: number;
}

export interface GraspFrame {
  /** What is held, in the lab's words: `body`, `rim`, `neck`, `cap`, `head`, `lid_handle`, `knob` ... */
  name: string;
  /** The articulated part it is on (the frame moves with that part's joint); absent means the object body. */
  part?: string;
  /** `pinch`: the fingers close on the part; `press`: closed fingertips push along `approach` (a button). */
  kind: 'pinch' | 'press';
  /** Centre between the finger pads (or the point pressed), object frame, at the rest pose of every part. */
  posM: Vec3;
  /** Unit vector the hand travels along as it closes in (the tool's z axis, out of the palm): [0, 0, -1] is top-down. */
  approach: Vec3;
  /** Unit vector the fingers close along, perpendicular to `approach`. */
  closingAxis: Vec3;
  /** Width across the part along `closingAxis` where the pads touch it; 0 for a press. */
  widthM: number;
}

/**
 * A top-down grasp and its grasp frame from the same numbers: the frame sits on the object's axis at the
 * middle of the grippable z span, fingers coming straight down and closing along `axis`.
 */
export function topDownGrasp(name: string, grasp: TopDownGrasp): { grasp: TopDownGrasp; frame: GraspFrame } {
  return {
    grasp,
    frame: {
      name,
      kind: 'pinch',
      posM: [0, 0, (grasp.zMinM + grasp.zMaxM) / 2],
      approach: [0, 0, -1],
      closingAxis: grasp.axis === 'x' ? [1, 0, 0] : [0, 1, 0],
      widthM: grasp.widthM,
    },
  };
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
