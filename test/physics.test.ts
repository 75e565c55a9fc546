// Physics outcomes of the scripted expert in MuJoCo: objects really end up in the basket, by contact alone.
import { describe, expect, it } from 'vitest';
import { runEpisode, sceneFromSpec } from '../src/pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { composeSceneMjcf } from '../src/scenes/scene-mjcf.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import { Simulation } from '../src/sim/simulation.js';
import type { SkillCall } from '../src/skills/skill.js';
import { labgenVersion } from '../src/version.js';

const catalog = loadCatalog();
const robot = catalog.robots.get('franka-panda');
const scene = catalog.scenes.get('clean-table');

function spec(steps: SkillCall[], slot: number) {
  if (!robot || !scene) throw new Error('bundled data missing');
  return sampleEpisodeSpec({
    labgenVersion,
    robot,
    scene,
    assets: catalog.assets,
    instruction: steps.map((s) => s.text).join(', '),
    steps,
    runSeed: 11,
    slot,
    attempt: 0,
    fps: 15,
    imageWidth: 64,
    imageHeight: 64,
    cameras: ['front', 'wrist'],
    randomize: true,
    startJitterRad: 0.05,
    robotBase: { posM: [...scene.robotMount.posM], yawRad: scene.robotMount.yawRad },
  });
}

const intoBasket = (target: string): SkillCall => ({
  skill: 'pick-place',
  target,
  destination: 'basket',
  text: `pick the ${target} into the basket`,
});

describe('cleaning table in simulation', () => {
  it.each(['pipette-tip-box', 'pcr-plate', 'centrifuge-tube'])(
    'puts the %s inside the basket',
    async (target) => {
      const result = await runEpisode(spec([intoBasket(target)], 0), catalog, null);
      expect(result.checks.filter((c) => !c.ok)).toEqual([]);
      // Independent of the skill's own predicate: the final simulated position lies within the basket walls.
      const basket = result.spec.randomization.objects.find((o) => o.id === 'basket');
      const pos = result.finalPositions[target];
      if (!basket || !pos) throw new Error('missing');
      const halfX = (basket.params.sizeXM as number) / 2;
      const halfY = (basket.params.sizeYM as number) / 2;
      const local = [pos[0] - basket.posM[0], pos[1] - basket.posM[1]].map(Math.abs) as [number, number];
      const rotated = basket.yawRad === 0;
      expect(rotated).toBe(true);
      expect(local[0]).toBeLessThan(halfX);
      expect(local[1]).toBeLessThan(halfY);
      expect(pos[2]).toBeGreaterThan(basket.posM[2]);
      expect(pos[2]).toBeLessThan(basket.posM[2] + (basket.params.sizeZM as number));
    },
  );

  it('rejects, with a reason, a grasp that closes above the object', async () => {
    // A robot profile override that grasps 8 cm too high: only contact physics decides what happens.
    if (!robot) throw new Error('missing');
    const sabotaged = { ...robot, skillOverrides: { 'pick-place': { graspDepthM: -0.08 } } };
    const bad = { ...catalog, robots: new Map([[robot.id, sabotaged]]) };
    const result = await runEpisode(spec([intoBasket('pcr-plate')], 1), bad, null);
    expect(result.accepted).toBe(false);
    expect(result.reason).toBe('pick.no-contact');
    expect(result.finalPositions['pcr-plate']?.[2]).toBeLessThan(0.8);
  });

  it('is deterministic: the same spec gives identical recorded columns', async () => {
    const s = spec([intoBasket('pipette-tip-box')], 2);
    const a = await runEpisode(s, catalog, null);
    const b = await runEpisode(s, catalog, null);
    expect(
      Buffer.from(a.columns.numeric.action?.buffer as ArrayBuffer).equals(
        Buffer.from(b.columns.numeric.action?.buffer as ArrayBuffer),
      ),
    ).toBe(true);
    expect(a.columns.length).toBe(b.columns.length);
  });
});

describe('simulation state', () => {
  it('restores a saved state exactly: stepping again reproduces the same trajectory', async () => {
    if (!robot || !scene) throw new Error('bundled data missing');
    const s = spec([intoBasket('pcr-plate')], 3);
    const sim = await Simulation.fromXml(
      composeSceneMjcf(scene, sceneFromSpec(s, catalog), robot, s.robotBase).xml,
    );
    try {
      sim.step(50);
      const saved = sim.saveState();
      sim.step(200);
      const first = Float64Array.from(sim.data.qpos);
      sim.restoreState(saved);
      sim.step(200);
      expect(Buffer.from(Float64Array.from(sim.data.qpos).buffer).equals(Buffer.from(first.buffer))).toBe(
        true,
      );
    } finally {
      sim.delete();
    }
  });
});
