// Per-frame, per-camera record of one geom: camera origin and pixel-ray basis in the geom's own frame.

/**
 * Layout of one record in a Float64Array (stride GEOM_FRAME_STRIDE):
 * - O: camera position in the geom frame (3)
 * - M: row-major Rgᵀ·Rc (9): maps a camera-frame ray (X, Y, -1) to the geom frame, so the
 *   ray of pixel column i is linear in i and kernels step it by additions
 * - TMIN: lower bound on the camera depth of any point of the geom (per-pixel occlusion early-out)
 * - S: MuJoCo geom_size (3)
 * - C: geom centre in camera coordinates (3)
 * - RADIUS: bounding radius (Infinity for unbounded planes)
 */
export const GF_O = 0;
export const GF_M = 3;
export const GF_TMIN = 12;
export const GF_S = 13;
export const GF_C = 16;
export const GF_RADIUS = 19;
export const GEOM_FRAME_STRIDE = 20;

/**
 * Footprint of one geom (rows first..last; spans at spanStart/spanEnd[base + row]) and where the
 * pixel grid's rays start: pixel (i, j) has camera ray (x0 + i*dx, y0 + j*dy, -1).
 */
export interface KernelArgs {
  gf: Float64Array;
  spanStart: Int32Array;
  spanEnd: Int32Array;
  width: number;
  x0: number;
  dx: number;
  y0: number;
  dy: number;
  /** Camera depth of the nearest hit so far per pixel (the ray parameter for (X, Y, -1)). */
  zbuf: Float64Array;
  /** Render-geom index owning each pixel, -1 for none. */
  owner: Int32Array;
}
