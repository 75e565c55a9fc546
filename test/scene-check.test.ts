// Every bench template samples into valid scenes: no interpenetration, at rest after 1 s, graspable objects reachable.
import { describe, expect, it } from 'vitest';
import { sampleScenes } from '../src/pipeline/sample-scenes.js';
import { createRng } from '../src/rng.js';
import { instantiateScene } from '../src/scenes/instantiate.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';

const SAMPLES = Number(process.env.LABGEN_SCENE_SAMPLES ?? 100);
const catalog = loadCatalog();
const robot = catalog.robots.get('franka-panda') as RobotProfile;

describe.each([...catalog.scenes.keys()])('scene template %s', (sceneId) => {
  // Robot placement and `labgen preview scene` without --seed use the template exactly as written.
  it('is collision-free as written (no jitter), so the robot can be placed from it', () => {
    const template = catalog.scenes.get(sceneId) as SceneTemplate;
    expect(() =>
      instantiateScene(template, catalog.assets, createRng(0), {
        appearance: false,
        layout: false,
        maxLayoutTries: 1,
      }),
    ).not.toThrow();
  });

  it(`samples ${SAMPLES} valid, distinct scenes`, async () => {
    const template = catalog.scenes.get(sceneId) as SceneTemplate;
    const report = await sampleScenes([template], SAMPLES, 0, robot, catalog);
    console.log(
      `${sceneId}: ${report.valid}/${SAMPLES} valid, worst drift ${(report.worstDriftM * 1000).toFixed(2)} mm`,
    );
    expect(report.failures).toEqual([]);
    expect(report.distinctValid).toBe(SAMPLES);
  }, 300_000);
});
