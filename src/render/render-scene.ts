// RenderScene: the drawable primitive geoms and lights of one simulation instant, copied out of MuJoCo arrays.

import { isPrimitiveGeomType } from './geom-type.js';
import {
  type Headlight,
  headlightFromMujocoArrays,
  lightsFromMujocoArrays,
  type MujocoLightArrays,
  type RenderLight,
  type Rgb,
} from './light.js';

/** MuJoCo model/data arrays the renderer needs, under their mjModel/mjData field names. */
export interface MujocoSceneArrays extends MujocoLightArrays {
  ngeom: number;
  geom_type: ArrayLike<number>;
  geom_size: ArrayLike<number>;
  geom_rgba: ArrayLike<number>;
  geom_matid: ArrayLike<number>;
  mat_rgba: ArrayLike<number>;
  geom_group: ArrayLike<number>;
  /** Accepted for symmetry with mjModel; unused because mesh and hfield geoms are not drawn. */
  geom_dataid?: ArrayLike<number>;
  geom_xpos: ArrayLike<number>;
  geom_xmat: ArrayLike<number>;
}

export interface PlaneChecker {
  /** Edge length of one checker square, in metres of the plane's own frame. */
  readonly cellM: number;
  /** Brightness change of alternate squares: dark squares are scaled by (1 - contrast). */
  readonly contrast: number;
}

export interface SceneAppearance {
  /** Colour of pixels whose ray hits nothing, RGB in [0, 1]. */
  readonly background: Rgb;
  /** Checker pattern on planes (a cheap depth cue), or null for flat planes. */
  readonly planeChecker: PlaneChecker | null;
}

export interface SceneOptions {
  /** Geom groups that are drawn; MuJoCo's convention here is 0-2 visual, 3 collision-only. */
  visibleGroups?: readonly number[];
  background?: Rgb;
  planeChecker?: PlaneChecker | null;
}

export interface RenderScene {
  readonly geomCount: number;
  /** MuJoCo geom id of each drawn geom (what segmentation reports). */
  readonly geomId: Int32Array;
  readonly geomType: Int32Array;
  /** 3 per geom: MuJoCo geom_size. */
  readonly geomSize: Float64Array;
  /** 3 per geom: world position. */
  readonly geomPos: Float64Array;
  /** 9 per geom: row-major rotation taking geom-frame vectors to world. */
  readonly geomMat: Float64Array;
  /** 3 per geom: surface colour, RGB in [0, 1]. */
  readonly geomColor: Float32Array;
  readonly lights: readonly RenderLight[];
  readonly headlight: Headlight | null;
  readonly appearance: SceneAppearance;
  /** Visible geoms of a type this renderer cannot draw (mesh, hfield, sdf); `mj_ray` would hit them. */
  readonly skippedGeomIds: readonly number[];
}

export const DEFAULT_VISIBLE_GROUPS: readonly number[] = [0, 1, 2];
export const DEFAULT_APPEARANCE: SceneAppearance = {
  background: [0, 0, 0],
  planeChecker: { cellM: 0.1, contrast: 0.15 },
};

/** mjNGROUP: MuJoCo clamps geom groups into 0..5 before testing the group mask. */
const GROUP_COUNT = 6;

/**
 * Whether `mj_ray` would consider the geom: it ignores geoms whose alpha is 0, reading the
 * material's alpha when the geom has a material and the geom's own alpha otherwise, and geoms
 * whose (clamped) group is masked out.
 */
function isVisible(input: MujocoSceneArrays, i: number, groupMask: readonly boolean[]): boolean {
  const matId = input.geom_matid[i] ?? -1;
  const alpha = matId >= 0 ? input.mat_rgba[4 * matId + 3] : input.geom_rgba[4 * i + 3];
  if (alpha === 0) return false;
  const group = Math.min(GROUP_COUNT - 1, Math.max(0, input.geom_group[i] ?? 0));
  return groupMask[group] === true;
}

/**
 * Colour the way MuJoCo's renderer picks it: the material's rgba, unless the geom's own rgba
 * differs from the default (0.5, 0.5, 0.5, 1) or there is no material.
 */
function colorOf(input: MujocoSceneArrays, i: number, out: Float32Array, o: number): void {
  const matId = input.geom_matid[i] ?? -1;
  const r = input.geom_rgba[4 * i] ?? 0.5;
  const g = input.geom_rgba[4 * i + 1] ?? 0.5;
  const b = input.geom_rgba[4 * i + 2] ?? 0.5;
  const a = input.geom_rgba[4 * i + 3] ?? 1;
  const geomIsDefault = r === 0.5 && g === 0.5 && b === 0.5 && a === 1;
  if (matId >= 0 && geomIsDefault) {
    out[o] = input.mat_rgba[4 * matId] ?? 0.5;
    out[o + 1] = input.mat_rgba[4 * matId + 1] ?? 0.5;
    out[o + 2] = input.mat_rgba[4 * matId + 2] ?? 0.5;
  } else {
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
  }
}

export function sceneFromMujocoArrays(input: MujocoSceneArrays, options: SceneOptions = {}): RenderScene {
  const groupMask: boolean[] = new Array<boolean>(GROUP_COUNT).fill(false);
  for (const g of options.visibleGroups ?? DEFAULT_VISIBLE_GROUPS) {
    if (g >= 0 && g < GROUP_COUNT) groupMask[g] = true;
  }

  const drawn: number[] = [];
  const skipped: number[] = [];
  for (let i = 0; i < input.ngeom; i++) {
    if (!isVisible(input, i, groupMask)) continue;
    if (isPrimitiveGeomType(input.geom_type[i] ?? -1)) drawn.push(i);
    else skipped.push(i);
  }

  const n = drawn.length;
  const geomId = new Int32Array(n);
  const geomType = new Int32Array(n);
  const geomSize = new Float64Array(3 * n);
  const geomPos = new Float64Array(3 * n);
  const geomMat = new Float64Array(9 * n);
  const geomColor = new Float32Array(3 * n);
  for (let k = 0; k < n; k++) {
    const i = drawn[k] as number;
    geomId[k] = i;
    geomType[k] = input.geom_type[i] as number;
    for (let c = 0; c < 3; c++) {
      geomSize[3 * k + c] = input.geom_size[3 * i + c] ?? 0;
      geomPos[3 * k + c] = input.geom_xpos[3 * i + c] ?? 0;
    }
    for (let c = 0; c < 9; c++) geomMat[9 * k + c] = input.geom_xmat[9 * i + c] ?? 0;
    colorOf(input, i, geomColor, 3 * k);
  }

  const lights = lightsFromMujocoArrays(input);
  return {
    geomCount: n,
    geomId,
    geomType,
    geomSize,
    geomPos,
    geomMat,
    geomColor,
    lights,
    headlight: headlightFromMujocoArrays(input, lights.length),
    appearance: {
      background: options.background ?? DEFAULT_APPEARANCE.background,
      planeChecker:
        options.planeChecker === undefined ? DEFAULT_APPEARANCE.planeChecker : options.planeChecker,
    },
    skippedGeomIds: skipped,
  };
}
