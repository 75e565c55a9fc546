// zod schema of meta/labgen/cameras.json: per camera, pinhole intrinsics in pixels and its pose (world, or on the hand).
import { z } from 'zod';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const quatWxyz = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/** Row-major 4x4 homogeneous transform. */
const mat4 = z.array(z.array(z.number()).length(4)).length(4);

const intrinsics = z.object({
  /** Focal lengths in pixels (square pixels: fx = fy). */
  fx: z.number().positive(),
  fy: z.number().positive(),
  /** Principal point in pixels, in the convention of `conventions.pixel` (the image centre). */
  cx: z.number(),
  cy: z.number(),
  /** [[fx, 0, cx], [0, fy, cy], [0, 0, 1]]: maps OpenCV camera-frame points (x right, y down, z forward) to pixels. */
  K: z.array(z.array(z.number()).length(3)).length(3),
});

const pose = z.object({
  positionM: vec3,
  /** Orientation of the MuJoCo camera frame (x right, y up, looking along -z), w x y z. */
  quaternionWxyz: quatWxyz,
  /** The same pose as a transform from MuJoCo camera-frame coordinates to the parent frame's. */
  cameraToParent: mat4,
  /** Camera-to-parent for the OpenCV camera frame (x right, y down, z forward): use it with K. */
  cameraToParentOpenCv: mat4,
});

export const cameraMetadataSchema = z.object({
  name: z.string(),
  /** `fixed`: a scene camera at rest in the world; `wrist`: on the robot's hand, moving with it. */
  kind: z.enum(['fixed', 'wrist']),
  /** The dataset key of this camera's images. */
  feature: z.string(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  /** Vertical field of view (MuJoCo's `fovy`); the horizontal one follows from the aspect ratio. */
  fovyDeg: z.number(),
  fovxDeg: z.number(),
  intrinsics,
  extrinsics: pose.extend({
    /** `world`, or the MJCF body the camera is fixed to (the hand) for a wrist camera. */
    parentFrame: z.string(),
    note: z.string().optional(),
  }),
});

export const cameraMetadataFileSchema = z.object({
  conventions: z.object({
    cameraFrame: z.string(),
    pixel: z.string(),
    world: z.string(),
  }),
  cameras: z.array(cameraMetadataSchema),
});

export type CameraMetadata = z.infer<typeof cameraMetadataSchema>;
export type CameraMetadataFile = z.infer<typeof cameraMetadataFileSchema>;
