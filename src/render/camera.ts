// Pinhole camera pose and field of view, in MuJoCo's convention (looks along its frame's -z, +y up).

export interface Camera {
  /** World position of the optical centre. */
  readonly pos: readonly [number, number, number];
  /** Row-major rotation whose columns are the camera's x (right), y (up), z (backward) axes in world. */
  readonly mat: readonly [number, number, number, number, number, number, number, number, number];
  /** Vertical field of view in degrees; the horizontal one follows from the image aspect ratio. */
  readonly fovyDeg: number;
}

/**
 * Camera `index` of a model, from mjData.cam_xpos (3 per camera), mjData.cam_xmat (9 per camera)
 * and mjModel.cam_fovy. A wrist camera is just a camera on a moving body: call again each frame.
 */
export function cameraFromMujoco(
  cam_xpos: ArrayLike<number>,
  cam_xmat: ArrayLike<number>,
  cam_fovy: ArrayLike<number>,
  index: number,
): Camera {
  const count = Math.min(cam_fovy.length, Math.floor(cam_xpos.length / 3), Math.floor(cam_xmat.length / 9));
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`camera index ${index} is out of range: the model has ${count} camera(s)`);
  }
  const p = 3 * index;
  const m = 9 * index;
  const at = (a: ArrayLike<number>, k: number): number => a[k] as number;
  return {
    pos: [at(cam_xpos, p), at(cam_xpos, p + 1), at(cam_xpos, p + 2)],
    mat: [
      at(cam_xmat, m),
      at(cam_xmat, m + 1),
      at(cam_xmat, m + 2),
      at(cam_xmat, m + 3),
      at(cam_xmat, m + 4),
      at(cam_xmat, m + 5),
      at(cam_xmat, m + 6),
      at(cam_xmat, m + 7),
      at(cam_xmat, m + 8),
    ],
    fovyDeg: at(cam_fovy, index),
  };
}

/** Tangent of the half field of view along x and y for an image of the given size. */
export function halfFovTangents(
  camera: Camera,
  width: number,
  height: number,
): { tanX: number; tanY: number } {
  if (!(camera.fovyDeg > 0 && camera.fovyDeg < 180)) {
    throw new RangeError(`camera fovy must be between 0 and 180 degrees, got ${camera.fovyDeg}`);
  }
  const tanY = Math.tan((camera.fovyDeg * Math.PI) / 360);
  return { tanX: (tanY * width) / height, tanY };
}

/**
 * A camera at `pos` with image-right axis `x` and image-up axis `y` (unit, orthogonal), as MJCF's `xyaxes`
 * gives them; MuJoCo completes the frame with z = x × y, so the camera looks along -(x × y).
 */
export function cameraFromAxes(
  pos: readonly [number, number, number],
  x: readonly [number, number, number],
  y: readonly [number, number, number],
  fovyDeg: number,
): Camera {
  const z: [number, number, number] = [
    x[1] * y[2] - x[2] * y[1],
    x[2] * y[0] - x[0] * y[2],
    x[0] * y[1] - x[1] * y[0],
  ];
  return { pos, mat: [x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]], fovyDeg };
}

/** Where a world point lands in the image: continuous pixel coordinates and distance along the view axis. */
export interface ImagePoint {
  /** Column: 0 at the image's left edge, `width` at its right; pixel i covers [i, i + 1). */
  readonly u: number;
  /** Row: 0 at the image's top edge, `height` at its bottom. */
  readonly v: number;
  /** Distance in front of the camera along its view axis (-z); not positive means behind it. */
  readonly depthM: number;
}

/**
 * Projects a world point exactly as the renderer casts its pixel rays (pixel (i, j) looks along the
 * camera-frame ray through (i + 0.5, j + 0.5)), so a point drawn in pixel (i, j) projects into [i, i + 1) x [j, j + 1).
 * Points behind the camera get depthM <= 0 and u, v that mean nothing.
 */
export function projectToImage(
  camera: Camera,
  width: number,
  height: number,
  point: readonly [number, number, number],
): ImagePoint {
  const { tanX, tanY } = halfFovTangents(camera, width, height);
  const m = camera.mat;
  const dx = point[0] - camera.pos[0];
  const dy = point[1] - camera.pos[1];
  const dz = point[2] - camera.pos[2];
  // Camera-frame coordinates: the transposed rotation (its columns are the camera axes in world).
  const cx = m[0] * dx + m[3] * dy + m[6] * dz;
  const cy = m[1] * dx + m[4] * dy + m[7] * dz;
  const depthM = -(m[2] * dx + m[5] * dy + m[8] * dz);
  return {
    u: ((cx / depthM / tanX + 1) * width) / 2,
    v: ((1 - cy / depthM / tanY) * height) / 2,
    depthM,
  };
}
