// Still pictures for people: a robot at home, or a sampled scene, rendered from an overview camera to PNG.
import { writeFileSync } from 'node:fs';
import type { Vec3 } from '../motion/math3d.js';
import { encodePng } from '../render/index.js';
import { createRng } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { Catalog } from '../schemas/catalog.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { createSimRenderer } from '../sim/sim-render.js';
import { Simulation } from '../sim/simulation.js';

export interface PreviewOptions {
  scene: SceneTemplate;
  robot: RobotProfile;
  seed: number;
  /** Sample the scene's randomization (layout, appearance) with `seed`; otherwise the nominal scene. */
  randomize: boolean;
  widthPx: number;
  heightPx: number;
  /** Where the overview camera sits and what it looks at. */
  camera: { posM: Vec3; lookAtM: Vec3; fovyDeg: number };
  out: string;
}

/** An overview camera three-quarters in front of the robot, framing its reach. */
export function robotOverviewCamera(mount: readonly number[], reachM: number): PreviewOptions['camera'] {
  const d = Math.max(0.9, 1.9 * reachM);
  return {
    posM: [(mount[0] as number) + 0.8 * d, (mount[1] as number) - 0.6 * d, (mount[2] as number) + 0.6 * d],
    lookAtM: [(mount[0] as number) + 0.2 * reachM, mount[1] as number, (mount[2] as number) + 0.35 * reachM],
    fovyDeg: 45,
  };
}

export async function writePreview(o: PreviewOptions, catalog: Catalog): Promise<void> {
  const scene = instantiateScene(o.scene, catalog.assets, createRng(o.seed).fork('scene'), {
    appearance: o.randomize,
    layout: o.randomize,
    maxLayoutTries: 50,
  });
  const template: SceneTemplate = {
    ...o.scene,
    cameras: [...o.scene.cameras, { name: 'preview', ...o.camera }],
  };
  const model = composeSceneMjcf(template, scene, o.robot, o.scene.robotMount);
  const sim = await Simulation.fromXml(model.xml);
  const binding = new RobotBinding(sim, model.robot);
  try {
    binding.resetArm(o.robot.homeRad, o.robot.gripper.strokeM);
    const [rgb] = createSimRenderer()(sim, ['preview'], o.widthPx, o.heightPx);
    writeFileSync(o.out, await encodePng(rgb as Uint8Array, o.widthPx, o.heightPx));
  } finally {
    binding.delete();
    sim.delete();
  }
}
