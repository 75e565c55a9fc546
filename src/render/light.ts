// Scene lights in world coordinates, read from MuJoCo's light arrays (mjModel.light_* / mjData.light_x*).

export type Rgb = readonly [number, number, number];
export type Vec3 = readonly [number, number, number];

/** MuJoCo mjtLightType values (3.x); older builds expose `light_directional` instead. */
const LIGHT_TYPE_DIRECTIONAL = 1;
const LIGHT_TYPE_POINT = 2;

export interface RenderLight {
  /** Directional lights shine along `dir` everywhere; spot and point lights radiate from `pos`. */
  readonly kind: 'directional' | 'spot' | 'point';
  readonly pos: Vec3;
  /** Unit direction the light travels (MuJoCo light_xdir). */
  readonly dir: Vec3;
  readonly ambient: Rgb;
  readonly diffuse: Rgb;
  /** Cosine of the spot cone half-angle; -1 (no cone) for other kinds. */
  readonly cosCutoff: number;
  /** Spot falloff exponent, rounded to an integer so shading needs no Math.pow. */
  readonly exponent: number;
  /** Constant, linear and quadratic distance attenuation, as in MuJoCo/OpenGL. */
  readonly attenuation: Vec3;
}

/** MuJoCo's headlight: a directional light along the camera's view axis (mjModel.vis.headlight). */
export interface Headlight {
  readonly ambient: Rgb;
  readonly diffuse: Rgb;
}

export interface MujocoLightArrays {
  light_xpos?: ArrayLike<number>;
  light_xdir?: ArrayLike<number>;
  /** mjtLightType per light (MuJoCo >= 3.3): 0 spot, 1 directional, 2 point. */
  light_type?: ArrayLike<number>;
  /** Older MuJoCo: nonzero = directional. Used only when light_type is absent. */
  light_directional?: ArrayLike<number>;
  light_active?: ArrayLike<number>;
  light_diffuse?: ArrayLike<number>;
  light_ambient?: ArrayLike<number>;
  light_cutoff?: ArrayLike<number>;
  light_exponent?: ArrayLike<number>;
  light_attenuation?: ArrayLike<number>;
  /** mjModel.vis.headlight; MuJoCo's defaults (ambient 0.1, diffuse 0.4, active) when absent. */
  headlight?: { ambient: ArrayLike<number>; diffuse: ArrayLike<number>; active: number | boolean };
}

// MuJoCo's compiled defaults for a <light> with no attributes, and for vis.headlight.
const DEFAULT_LIGHT_DIFFUSE = 0.7;
const DEFAULT_CUTOFF_DEG = 45;
const DEFAULT_EXPONENT = 10;
const DEFAULT_HEADLIGHT: Headlight = { ambient: [0.1, 0.1, 0.1], diffuse: [0.4, 0.4, 0.4] };

function rgbAt(arr: ArrayLike<number> | undefined, i: number, fallback: number): Rgb {
  if (arr === undefined || arr.length < 3 * i + 3) return [fallback, fallback, fallback];
  return [arr[3 * i] ?? fallback, arr[3 * i + 1] ?? fallback, arr[3 * i + 2] ?? fallback];
}

function unit(x: number, y: number, z: number): Vec3 {
  const n = Math.sqrt(x * x + y * y + z * z);
  return n > 0 ? [x / n, y / n, z / n] : [0, 0, -1];
}

export function lightsFromMujocoArrays(input: MujocoLightArrays): RenderLight[] {
  const pos = input.light_xpos;
  const dir = input.light_xdir;
  if (pos === undefined || dir === undefined) return [];
  const count = Math.min(Math.floor(pos.length / 3), Math.floor(dir.length / 3));
  const lights: RenderLight[] = [];
  for (let i = 0; i < count; i++) {
    if (input.light_active !== undefined && input.light_active[i] === 0) continue;
    const directional =
      input.light_type !== undefined
        ? input.light_type[i] === LIGHT_TYPE_DIRECTIONAL
        : (input.light_directional?.[i] ?? 0) !== 0;
    const isPoint = input.light_type?.[i] === LIGHT_TYPE_POINT;
    const cutoffDeg = input.light_cutoff?.[i] ?? DEFAULT_CUTOFF_DEG;
    const exponent = Math.max(0, Math.round(input.light_exponent?.[i] ?? DEFAULT_EXPONENT));
    lights.push({
      kind: directional ? 'directional' : isPoint ? 'point' : 'spot',
      pos: [pos[3 * i] ?? 0, pos[3 * i + 1] ?? 0, pos[3 * i + 2] ?? 0],
      dir: unit(dir[3 * i] ?? 0, dir[3 * i + 1] ?? 0, dir[3 * i + 2] ?? -1),
      ambient: rgbAt(input.light_ambient, i, 0),
      diffuse: rgbAt(input.light_diffuse, i, DEFAULT_LIGHT_DIFFUSE),
      cosCutoff: directional || isPoint ? -1 : Math.cos((cutoffDeg * Math.PI) / 180),
      exponent: directional || isPoint ? 0 : exponent,
      attenuation: [
        input.light_attenuation?.[3 * i] ?? 1,
        input.light_attenuation?.[3 * i + 1] ?? 0,
        input.light_attenuation?.[3 * i + 2] ?? 0,
      ],
    });
  }
  return lights;
}

/**
 * The headlight to use: the model's when active. When the model has neither an active headlight
 * nor any light, a default headlight is used anyway so the image is never black.
 */
export function headlightFromMujocoArrays(input: MujocoLightArrays, lightCount: number): Headlight | null {
  const h = input.headlight;
  if (h === undefined) return DEFAULT_HEADLIGHT;
  const active = typeof h.active === 'boolean' ? h.active : h.active !== 0;
  if (active) return { ambient: rgbAt(h.ambient, 0, 0), diffuse: rgbAt(h.diffuse, 0, 0) };
  return lightCount === 0 ? DEFAULT_HEADLIGHT : null;
}
