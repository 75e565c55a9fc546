// Every bench template samples into valid scenes: no interpenetration, at rest after 1 s, graspable objects reachable.
import { describe, expect, it } from 'vitest';
import { sampleScenes } from '../src/pipeline/sample-scenes.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';

const SAMPLES = Number(process.env.LABGEN_SCENE_SAMPLES ?? 100);
const catalog = loadCatalog();
const robot = catalog.robots.get('franka-panda') as RobotProfile;

describe.each([...catalog.scenes.keys()])('scene template %s', (sceneId) => {
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
