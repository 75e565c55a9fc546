// Camera metadata agrees with what labgen renders: MuJoCo's compiled camera poses, and marker spheres drawn where K projects them.
import { describe, expect, it } from 'vitest';
import { cameraFromMujoco, createRenderer } from '../render/index.js';
import { createRng } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import { cameraMetadataFileSchema, type CameraMetadata } from '../schemas/camera-metadata.js';
import { loadCatalog } from '../schemas/catalog.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { renderSceneOf } from '../sim/sim-render.js';
import { Simulation } from '../sim/simulation.js';
import { cameraMetadata } from './camera-metadata.js';

const catalog = loadCatalog();
const template = catalog.scenes.get('clean-table') as SceneTemplate;
const robot = catalog.robots.get('franka-panda') as RobotProfile;
// Not square, so the horizontal field of view and fx are exercised.
const W = 160;
const H = 120;
const CAMERAS = ['front', 'side', 'wrist'];

type Mat4 = number[][];
const mul = (a: Mat4, b: Mat4): Mat4 =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * (b[k]![j] as number), 0)));
const apply = (t: Mat4, p: readonly number[]): number[] =>
  [0, 1, 2].map((i) => t[i]!.reduce((s, v, k) => s + v * (k < 3 ? (p[k] as number) : 1), 0));
/** Inverse of a rigid transform. */
const invert = (t: Mat4): Mat4 => {
  const r = [0, 1, 2].map((i) => [0, 1, 2].map((j) => t[j]![i] as number));
  const p = [0, 1, 2].map((i) => -r[i]!.reduce((s, v, k) => s + v * (t[k]![3] as number), 0));
  return [
    [...r[0]!, p[0]!],
    [...r[1]!, p[1]!],
    [...r[2]!, p[2]!],
    [0, 0, 0, 1],
  ];
};
/** A body's pose from MuJoCo's xpos / xmat as a 4x4. */
const bodyPose = (xpos: ArrayLike<number>, xmat: ArrayLike<number>, id: number): Mat4 => [
  [xmat[9 * id]!, xmat[9 * id + 1]!, xmat[9 * id + 2]!, xpos[3 * id]!],
  [xmat[9 * id + 3]!, xmat[9 * id + 4]!, xmat[9 * id + 5]!, xpos[3 * id + 1]!],
  [xmat[9 * id + 6]!, xmat[9 * id + 7]!, xmat[9 * id + 8]!, xpos[3 * id + 2]!],
  [0, 0, 0, 1],
];

/** Pixel of a world point through the metadata alone: K times the OpenCV camera-frame point. */
function project(
  meta: CameraMetadata,
  cameraToWorldOpenCv: Mat4,
  world: readonly number[],
): [number, number] {
  const [x, y, z] = apply(invert(cameraToWorldOpenCv), world) as [number, number, number];
  const { fx, fy, cx, cy } = meta.intrinsics;
  return [(fx * x) / z + cx, (fy * y) / z + cy];
}
/** World point at depth z in front of the camera that the metadata puts at pixel (u, v). */
function unproject(
  meta: CameraMetadata,
  cameraToWorldOpenCv: Mat4,
  u: number,
  v: number,
  z: number,
): number[] {
  const { fx, fy, cx, cy } = meta.intrinsics;
  return apply(cameraToWorldOpenCv, [((u - cx) / fx) * z, ((v - cy) / fy) * z, z]);
}

/*
 * Markers subtend the same small angle wherever they are: an off-axis sphere images as an ellipse whose centre
 * lies outward of its centre's projection by about f tan(angle) (r / depth)^2, which must stay well under the tolerance.
 */
const MARKER_RADIUS_PER_DEPTH = 0.025;

async function loadScene(markers: Array<{ posM: number[]; radiusM: number }> = []) {
  const scene = instantiateScene(template, catalog.assets, createRng(0), {
    appearance: false,
    layout: false,
    maxLayoutTries: 1,
  });
  const model = composeSceneMjcf(template, scene, robot, template.robotMount);
  const spheres = markers.map(
    (m, i) =>
      `<geom name="marker${i}" type="sphere" size="${m.radiusM}" pos="${m.posM.join(' ')}" contype="0" conaffinity="0" rgba="1 0 0 1"/>`,
  );
  const sim = await Simulation.fromXml(model.xml.replace('</worldbody>', `${spheres.join('')}</worldbody>`));
  const binding = new RobotBinding(sim, model.robot);
  binding.resetArm(robot.homeRad, robot.gripper.strokeM);
  return { sim, binding };
}

describe('cameraMetadata', () => {
  const file = cameraMetadata(template, robot, W, H, CAMERAS);
  const meta = (name: string) => file.cameras.find((c) => c.name === name) as CameraMetadata;

  it('is JSON that its schema reads back, one entry per camera in the order asked', () => {
    const json = JSON.parse(JSON.stringify(file));
    expect(cameraMetadataFileSchema.parse(json)).toEqual(json);
    expect(file.cameras.map((c) => [c.name, c.kind, c.feature])).toEqual([
      ['front', 'fixed', 'observation.images.front'],
      ['side', 'fixed', 'observation.images.side'],
      ['wrist', 'wrist', 'observation.images.wrist'],
    ]);
  });

  it('gives square-pixel pinhole intrinsics from the vertical field of view', () => {
    const front = meta('front');
    const fovy = template.cameras.find((c) => c.name === 'front')?.fovyDeg as number;
    expect(front.fovyDeg).toBe(fovy);
    expect(front.intrinsics.fy).toBeCloseTo(H / 2 / Math.tan((fovy * Math.PI) / 360), 9);
    expect(front.intrinsics.fx).toBeCloseTo(front.intrinsics.fy, 9);
    expect([front.intrinsics.cx, front.intrinsics.cy]).toEqual([W / 2, H / 2]);
    expect(Math.tan((front.fovxDeg * Math.PI) / 360)).toBeCloseTo(
      (W / H) * Math.tan((fovy * Math.PI) / 360),
      9,
    );
    expect(meta('wrist').fovyDeg).toBe(robot.wristCamera.fovyDeg);
  });

  it('names valid cameras when asked for one the scene does not have', () => {
    expect(() => cameraMetadata(template, robot, W, H, ['top'])).toThrow(/cameras: front, side, wrist/);
  });

  it('poses each camera where MuJoCo compiles it (the wrist relative to the hand body)', async () => {
    const { sim, binding } = await loadScene();
    try {
      const d = sim.data;
      for (const c of file.cameras) {
        const parent =
          c.extrinsics.parentFrame === 'world'
            ? bodyPose([0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1], 0)
            : bodyPose(d.xpos, d.xmat, sim.id('body', c.extrinsics.parentFrame));
        const world = mul(parent, c.extrinsics.cameraToParent);
        const mujoco = bodyPose(d.cam_xpos, d.cam_xmat, sim.id('camera', c.name));
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 4; j++) expect(world[i]![j]).toBeCloseTo(mujoco[i]![j] as number, 6);
      }
    } finally {
      binding.delete();
      sim.delete();
    }
  });

  it('projects a world point to the pixel where the renderer draws it, for every camera', async () => {
    // Pose each camera in the world from the metadata (the wrist through the hand's pose at home).
    const probe = await loadScene();
    const worldPose = new Map<string, Mat4>();
    try {
      const d = probe.sim.data;
      for (const c of file.cameras) {
        const parent =
          c.extrinsics.parentFrame === 'world'
            ? bodyPose([0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1], 0)
            : bodyPose(d.xpos, d.xmat, probe.sim.id('body', c.extrinsics.parentFrame));
        worldPose.set(c.name, mul(parent, c.extrinsics.cameraToParentOpenCv));
      }
    } finally {
      probe.binding.delete();
      probe.sim.delete();
    }
    // Markers in free space in front of each camera (the wrist view's lower part is the fingers), off the optical
    // axis, at pixels chosen through the metadata.
    const spots: Array<{ camera: string; pixel: [number, number]; depthM: number }> = [
      { camera: 'front', pixel: [0.23 * W, 0.31 * H], depthM: 0.5 },
      { camera: 'front', pixel: [0.81 * W, 0.18 * H], depthM: 0.45 },
      { camera: 'side', pixel: [0.27 * W, 0.72 * H], depthM: 0.5 },
      { camera: 'side', pixel: [0.7 * W, 0.24 * H], depthM: 0.55 },
      { camera: 'wrist', pixel: [0.15 * W, 0.2 * H], depthM: 0.2 },
      { camera: 'wrist', pixel: [0.8 * W, 0.4 * H], depthM: 0.2 },
    ];
    const markers = spots.map((s) => ({
      posM: unproject(meta(s.camera), worldPose.get(s.camera) as Mat4, s.pixel[0], s.pixel[1], s.depthM),
      radiusM: MARKER_RADIUS_PER_DEPTH * s.depthM,
    }));
    const { sim, binding } = await loadScene(markers);
    try {
      const renderer = createRenderer(W, H);
      const scene = renderSceneOf(sim);
      const m = sim.model;
      const d = sim.data;
      spots.forEach((s, i) => {
        const camera = cameraFromMujoco(d.cam_xpos, d.cam_xmat, m.cam_fovy, sim.id('camera', s.camera));
        const seg = renderer.render(scene, camera, { segmentation: true }).segmentation as Int32Array;
        const geom = sim.id('geom', `marker${i}`);
        let su = 0;
        let sv = 0;
        let n = 0;
        for (let j = 0; j < H; j++)
          for (let k = 0; k < W; k++)
            if (seg[j * W + k] === geom) {
              su += k + 0.5;
              sv += j + 0.5;
              n++;
            }
        expect(n, `${s.camera} marker ${i} drawn`).toBeGreaterThan(3);
        const [u, v] = project(meta(s.camera), worldPose.get(s.camera) as Mat4, markers[i]?.posM as number[]);
        expect(Math.abs(su / n - u), `${s.camera} marker ${i} column`).toBeLessThan(0.3);
        expect(Math.abs(sv / n - v), `${s.camera} marker ${i} row`).toBeLessThan(0.3);
      });
    } finally {
      binding.delete();
      sim.delete();
    }
  });
});
