// Camera intrinsics and extrinsics of a dataset's cameras (meta/labgen/cameras.json), exactly as labgen renders them.
import { UserInputError } from '../errors.js';
import { cameraXyAxes, cross, matToQuat, type Vec3 } from '../motion/math3d.js';
import { ROBOT_PREFIX } from '../robots/robot-mjcf.js';
import type { CameraMetadata, CameraMetadataFile } from '../schemas/camera-metadata.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';

/** The robot's hand camera: what `--cameras` calls it and the MJCF body it is fixed to (robot-mjcf.ts). */
const WRIST_CAMERA = 'wrist';
const HAND_BODY = `${ROBOT_PREFIX}hand`;

export const CAMERA_CONVENTIONS: CameraMetadataFile['conventions'] = {
  cameraFrame:
    'MuJoCo camera frame: x right, y up in the image, the camera looks along its -z. ' +
    'The OpenCV frame (x right, y down, z forward) is that frame turned 180 degrees about x: ' +
    'cameraToParentOpenCv = cameraToParent * diag(1, -1, -1, 1).',
  pixel:
    'u right, v down, (0, 0) at the top-left corner of the top-left pixel; pixel (i, j) covers [i, i+1) x [j, j+1) ' +
    'and its centre is (i + 0.5, j + 0.5), so cx = width / 2 and cy = height / 2. A point p in the OpenCV camera ' +
    'frame lands at (fx * x / z + cx, fy * y / z + cy). For the convention with pixel centres at integers, use cx - 0.5, cy - 0.5.',
  world:
    'MuJoCo world frame of the scene: z up, metres; the frame scene templates (scenes/<id>.yaml) give positions in.',
};

/** Row-major 4x4 transform from a rotation (columns: the camera's x, y, z axes in the parent) and a position. */
function transform(x: Vec3, y: Vec3, z: Vec3, p: Vec3): number[][] {
  return [
    [x[0], y[0], z[0], p[0]],
    [x[1], y[1], z[1], p[1]],
    [x[2], y[2], z[2], p[2]],
    [0, 0, 0, 1],
  ];
}

/** Pose of a camera placed as MJCF `xyaxes` from a look-at, in its parent frame, in both camera conventions. */
function lookAtPose(
  pos: Vec3,
  lookAt: Vec3,
  up?: Vec3,
): Omit<CameraMetadata['extrinsics'], 'parentFrame' | 'note'> {
  const [x, y] = cameraXyAxes(pos, lookAt, up);
  const z = cross(x, y);
  const neg = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];
  return {
    positionM: [...pos],
    quaternionWxyz: matToQuat([x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]]),
    cameraToParent: transform(x, y, z, pos),
    cameraToParentOpenCv: transform(x, neg(y), neg(z), pos),
  };
}

/** Pinhole intrinsics of our renderer's projection (render/camera.ts projectToImage) for this image size. */
function intrinsics(fovyDeg: number, widthPx: number, heightPx: number) {
  const tanY = Math.tan((fovyDeg * Math.PI) / 360);
  const tanX = (tanY * widthPx) / heightPx;
  const fx = widthPx / 2 / tanX;
  const fy = heightPx / 2 / tanY;
  const cx = widthPx / 2;
  const cy = heightPx / 2;
  return {
    fovxDeg: (360 / Math.PI) * Math.atan(tanX),
    intrinsics: {
      fx,
      fy,
      cx,
      cy,
      K: [
        [fx, 0, cx],
        [0, fy, cy],
        [0, 0, 1],
      ],
    },
  };
}

/**
 * Intrinsics and extrinsics of the named cameras of an episode's scene, for images of widthPx x heightPx:
 * fixed scene cameras posed in the world, the wrist camera relative to the robot's hand body (it moves with
 * the hand, so its world pose is the hand's pose at each frame times this one). JSON-serializable.
 */
export function cameraMetadata(
  template: SceneTemplate,
  robot: RobotProfile,
  widthPx: number,
  heightPx: number,
  cameras: readonly string[],
): CameraMetadataFile {
  const entries = cameras.map((name): CameraMetadata => {
    const common = { name, feature: `observation.images.${name}`, widthPx, heightPx };
    if (name === WRIST_CAMERA) {
      const w = robot.wristCamera;
      return {
        ...common,
        kind: 'wrist',
        fovyDeg: w.fovyDeg,
        ...intrinsics(w.fovyDeg, widthPx, heightPx),
        extrinsics: {
          ...lookAtPose(w.posM as Vec3, w.lookAtM as Vec3, w.upM as Vec3),
          parentFrame: HAND_BODY,
          note:
            `Moves with the hand: the pose is relative to the MJCF body ${HAND_BODY} of robot ${robot.id}; ` +
            'its world pose at a frame is that body pose (forward kinematics of the recorded joint state) times this one.',
        },
      };
    }
    const c = template.cameras.find((s) => s.name === name);
    if (!c) {
      throw new UserInputError(
        'unknown-camera',
        `camera "${name}" is not in scene ${template.id}; cameras: ${[...template.cameras.map((s) => s.name), WRIST_CAMERA].join(', ')}`,
        { field: 'cameras', validChoices: [...template.cameras.map((s) => s.name), WRIST_CAMERA] },
      );
    }
    return {
      ...common,
      kind: 'fixed',
      fovyDeg: c.fovyDeg,
      ...intrinsics(c.fovyDeg, widthPx, heightPx),
      extrinsics: { ...lookAtPose(c.posM as Vec3, c.lookAtM as Vec3), parentFrame: 'world' },
    };
  });
  return { conventions: CAMERA_CONVENTIONS, cameras: entries };
}
