// Every bench template samples into valid scenes: no interpenetration, at rest after 1 s, graspable objects reachable.
import { describe, expect, it } from 'vitest';
import { checkScene } from '../src/pipeline/check-scene.js';
import { createRng, deriveSeed } from '../src/rng.js';
import { instantiateScene } from '../src/scenes/instantiate.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import { createReachOracle } from '../src/sim/reach-oracle.js';

const SAMPLES = Number(process.env.LABGEN_SCENE_SAMPLES ?? 100);
const catalog = loadCatalog();
const robot = catalog.robots.get('franka-panda') as RobotProfile;

describe.each([...catalog.scenes.keys()])('scene template %s', (sceneId) => {
  it(`samples ${SAMPLES} valid, distinct scenes`, async () => {
    const template = catalog.scenes.get(sceneId);
    if (!template) throw new Error('missing');
    const oracle = await createReachOracle(robot);
    const failures: string[] = [];
    const distinct = new Set<string>();
    let worstDrift = 0;
    try {
      for (let i = 0; i < SAMPLES; i++) {
        const scene = instantiateScene(
          template,
          catalog.assets,
          createRng(deriveSeed('scene-check', sceneId, i)),
          {
            appearance: true,
            layout: true,
            maxLayoutTries: 50,
          },
        );
        distinct.add(JSON.stringify(scene.objects.map((o) => [o.posM, o.params, o.colors])));
        const result = await checkScene(template, scene, robot, template.robotMount, oracle);
        worstDrift = Math.max(worstDrift, result.maxDriftM);
        if (!result.ok) failures.push(`sample ${i}: ${result.reason}: ${result.detail}`);
      }
    } finally {
      oracle.delete();
    }
    console.log(
      `${sceneId}: ${SAMPLES - failures.length}/${SAMPLES} valid, worst drift ${(worstDrift * 1000).toFixed(2)} mm`,
    );
    expect(failures).toEqual([]);
    expect(distinct.size).toBe(SAMPLES);
  }, 300_000);
});
