// The renderer agrees with MuJoCo's geometry on the real bench scene: depth along each pixel's ray matches mj_ray.
import { describe, expect, it } from 'vitest';
import { sceneFromSpec } from '../src/pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { cameraFromMujoco, createRenderer } from '../src/render/index.js';
import { composeSceneMjcf } from '../src/scenes/scene-mjcf.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import { RobotBinding } from '../src/sim/robot-binding.js';
import { renderSceneOf } from '../src/sim/sim-render.js';
import { Simulation } from '../src/sim/simulation.js';
import { labgenVersion } from '../src/version.js';

const SIZE = 96;

describe('renderer vs mj_ray on the cleaning table', () => {
  it('agrees on at least 99% of pixels for the front, side and wrist cameras', async () => {
    const catalog = loadCatalog();
    const robot = catalog.robots.get('franka-panda');
    const template = catalog.scenes.get('clean-table');
    if (!robot || !template) throw new Error('bundled data missing');
    const spec = sampleEpisodeSpec({
      labgenVersion,
      robot,
      scene: template,
      assets: catalog.assets,
      instruction: 'x',
      steps: [{ skill: 'pick', target: 'pcr-plate', text: 'x' }],
      runSeed: 3,
      slot: 0,
      attempt: 0,
      fps: 15,
      imageWidth: SIZE,
      imageHeight: SIZE,
      cameras: ['front', 'side', 'wrist'],
      randomize: true,
      startJitterRad: 0.3,
      robotBase: { posM: [...template.robotMount.posM], yawRad: template.robotMount.yawRad },
    });
    const model = composeSceneMjcf(template, sceneFromSpec(spec, catalog), robot, spec.robotBase);
    const sim = await Simulation.fromXml(model.xml);
    const binding = new RobotBinding(sim, model.robot);
    try {
      binding.resetArm(
        robot.homeRad.map((q, i) => q + (spec.randomization.startOffsetRad[i] ?? 0)),
        0.05,
      );
      sim.step(100);
      const m = sim.model;
      const d = sim.data;
      const scene = renderSceneOf(sim);
      const renderer = createRenderer(SIZE, SIZE);
      for (const name of ['front', 'side', 'wrist']) {
        const camera = cameraFromMujoco(d.cam_xpos, d.cam_xmat, m.cam_fovy, sim.id('camera', name));
        const out = renderer.render(scene, camera, { depth: true });
        const depth = out.depth as Float32Array;
        const tan = Math.tan((camera.fovyDeg * Math.PI) / 360);
        let agree = 0;
        let hits = 0;
        for (let r = 0; r < SIZE; r++) {
          for (let c = 0; c < SIZE; c++) {
            const x = ((2 * (c + 0.5)) / SIZE - 1) * tan;
            const y = (1 - (2 * (r + 0.5)) / SIZE) * tan;
            const n = Math.hypot(x, y, 1);
            const cam = [x / n, y / n, -1 / n];
            const mat = camera.mat;
            const dir = [0, 1, 2].map(
              (k) =>
                (mat[3 * k] as number) * (cam[0] as number) +
                (mat[3 * k + 1] as number) * (cam[1] as number) +
                (mat[3 * k + 2] as number) * (cam[2] as number),
            );
            const hit = sim.ray(camera.pos, dir);
            const rendered = depth[r * SIZE + c] as number;
            if (hit) hits++;
            const ok =
              hit === null
                ? !Number.isFinite(rendered)
                : Math.abs(rendered - hit.distM) <= Math.max(0.003, 0.005 * hit.distM);
            if (ok) agree++;
          }
        }
        expect(hits, `${name}: the camera should see the scene`).toBeGreaterThan(SIZE * SIZE * 0.5);
        expect(agree / (SIZE * SIZE), `${name} agreement`).toBeGreaterThanOrEqual(0.99);
      }
    } finally {
      binding.delete();
      sim.delete();
    }
  });
});
