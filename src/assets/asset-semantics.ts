// The semantic annotation of an asset family, for skills, instructions and `labgen list assets`: category, names,
// grasp frames, articulated parts with their joints, container region and slots, read off one built sample.
import type { Vec3 } from '../motion/math3d.js';
import type { AssetFamily } from '../schemas/asset.js';
import type { AssetColors, AssetParams, BuiltAsset, GraspFrame, PartJoint } from './built-asset.js';
import { assetBuilders } from './registry.js';

export interface ArticulatedPartSemantics {
  name: string;
  /** The part it rides on; absent means the object body. */
  parent?: string;
  joint: Pick<PartJoint, 'type' | 'axis' | 'posM' | 'range'>;
  /** Named states read from this part's joint (`lidAngleRad`, `startButtonPressed` ...). */
  states: string[];
}

export interface AssetSemantics {
  id: string;
  category: AssetFamily['category'];
  /** Natural-language names; the first is the canonical one, the rest synonyms. */
  names: string[];
  movable: boolean;
  heightM: number;
  footprintHalfM: [number, number];
  graspFrames: GraspFrame[];
  articulatedParts: ArticulatedPartSemantics[];
  container?: { minM: Vec3; maxM: Vec3 };
  slots?: Vec3[];
  /** A narrow mouth a stopper plugs (a bottle's neck): rim centre and bore radius. */
  mouth?: { rimM: Vec3; boreRadiusM: number };
  /** A stopper: its plug's length below the head. */
  plugDepthM?: number;
  /** A flat top labware is stood on (a hot plate). */
  surface?: { minM: Vec3; maxM: Vec3 };
}

/** The family at the middle of every parameter range, with its first colours: the instance a scene uses by default. */
export function midRangeSample(family: AssetFamily): {
  params: AssetParams;
  colors: AssetColors;
  massKg: number;
} {
  const mid = (r: readonly [number, number]) => (r[0] + r[1]) / 2;
  const params: AssetParams = Object.fromEntries(Object.entries(family.params).map(([k, r]) => [k, mid(r)]));
  const colors: AssetColors = Object.fromEntries(
    Object.entries(family.colors).map(([k, c]) => [k, [...(c[0] as [number, number, number, number])]]),
  );
  return { params, colors, massKg: mid(family.massKg) };
}

/** Annotation of one built instance; `built` defaults to the mid-range sample. */
export function assetSemantics(family: AssetFamily, built?: BuiltAsset): AssetSemantics {
  const b = built ?? buildMidRange(family);
  const states = b.states ?? [];
  return {
    id: family.id,
    category: family.category,
    names: family.names,
    movable: family.movable,
    heightM: b.heightM,
    footprintHalfM: b.footprintHalfM,
    graspFrames: b.graspFrames ?? [],
    articulatedParts: (b.parts ?? []).map((p) => ({
      name: p.name,
      ...(p.parent !== undefined ? { parent: p.parent } : {}),
      joint: { type: p.joint.type, axis: p.joint.axis, posM: p.joint.posM, range: p.joint.range },
      states: states.filter((s) => s.joint === p.name).map((s) => s.name),
    })),
    ...(b.container ? { container: b.container } : {}),
    ...(b.slots ? { slots: b.slots } : {}),
    ...(b.mouth ? { mouth: b.mouth } : {}),
    ...(b.plugDepthM !== undefined ? { plugDepthM: b.plugDepthM } : {}),
    ...(b.surface ? { surface: b.surface } : {}),
  };
}

function buildMidRange(family: AssetFamily): BuiltAsset {
  const { params, colors } = midRangeSample(family);
  return assetBuilders[family.builder](params, colors);
}
