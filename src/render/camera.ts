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
