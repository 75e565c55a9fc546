// Per-pixel buffers and per-frame tables shared by the shading stages, owned by one renderer.

/**
 * Floats per face in the face table: camera-frame unit normal facing the camera (FACE_NORMAL),
 * surface colour times its ambient + directional light (FACE_LIT, 0-255 scale) and the surface
 * colour alone (FACE_COLOR, 0-255 scale) for adding spot/point light per pixel.
 */
export const FACE_STRIDE = 9;
export const FACE_NORMAL = 0;
export const FACE_LIT = 3;
export const FACE_COLOR = 6;
/** Faces reserved per geom in the face table (a box has six; a plane uses one). */
export const FACES_PER_GEOM = 6;

/** Floats per light in a directional list: unit vector towards the light (camera frame), RGB. */
export const DIRECTIONAL_STRIDE = 6;
/** Floats per light in a local list: position, spot axis, cos cutoff, exponent, a0, a1, a2, RGB (camera frame). */
export const LOCAL_STRIDE = 14;

export interface ShadingBuffers {
  width: number;
  height: number;
  /** Camera depth per pixel (ray parameter of (X, Y, -1)). */
  zbuf: Float64Array;
  owner: Int32Array;
  /** Camera-frame ray (X, Y, -1) of each pixel. */
  rayX: Float64Array;
  rayY: Float64Array;
  rgb: Uint8Array;
  /** Face-table index of each pixel on a flat geom (box or plane); -1 for curved geoms and misses. */
  faceIndex: Int32Array;
  /** Procedural texture brightness per pixel (checker on planes); read only for flat pixels. */
  texture: Float32Array;
  /** FACE_STRIDE floats per face, FACES_PER_GEOM faces per geom. */
  faces: Float64Array;
  /** Per face: 1 when spot/point lights are evaluated per pixel on it, 0 when folded into its face light. */
  faceLocal: Uint8Array;
}
