// Heating on the stirring station: "heat the 250 ml beaker on the hot plate" is the beaker stood on the plate and
// the heat knob turned; the Panda and the UR5e do both, the beaker ends wholly on the plate with its liquid, and
// the hot plate's named state records the knob's setting.
import { describe, expect, it } from 'vitest';
import { parseInstruction } from '../src/instructions/parse-instruction.js';
import { sceneLexicon } from '../src/instructions/scene-lexicon.js';
import { placeRobot } from '../src/pipeline/place-robot.js';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import { labgenVersion } from '../src/version.js';

const catalog = loadCatalog();
const scene = catalog.scenes.get('stirring-station') as SceneTemplate;
const text = 'heat the 250 ml beaker on the hot plate';
const steps = parseInstruction(text, sceneLexicon(scene, catalog.assets)).steps;
const SETTING_RAD = (150 * Math.PI) / 180;

describe('heating a beaker on the hot plate', () => {
  it('decomposes into standing it on the plate and turning the heat knob', () => {
    expect(steps.map((s) => [s.skill, s.target, s.destination ?? s.part])).toEqual([
      ['heat', 'beaker', 'stirrer'],
      ['turn-knob', 'stirrer', 'heat_knob'],
    ]);
    expect(steps[1]?.args?.angleRad).toBeCloseTo(SETTING_RAD, 6);
    expect(steps[1]?.text).toBe('turn the heat knob of the magnetic stirrer by 150 degrees');
  });

  it.each(['franka-panda', 'ur5e'])(
    '%s stands the beaker on the plate and sets the heat knob',
    async (robotId) => {
      const robot = catalog.robots.get(robotId) as RobotProfile;
      const base = await placeRobot(robot, scene, catalog.assets, steps);
      const spec = sampleEpisodeSpec({
        labgenVersion,
        robot,
        scene,
        assets: catalog.assets,
        instruction: text,
        steps,
        runSeed: 0,
        slot: 0,
        attempt: 0,
        fps: 15,
        imageWidth: 32,
        imageHeight: 32,
        cameras: ['front'],
        randomize: true,
        startJitterRad: 0.05,
        robotBase: { posM: [...base.posM], yawRad: base.yawRad },
      });
      const r = await runEpisode(spec, catalog, null);
      expect(r.reason).toBeUndefined();
      expect(r.accepted).toBe(true);
      expect(r.checks.find((c) => c.predicate === 'heat.on-plate')?.ok).toBe(true);
      expect(r.finalLiquid?.byContainer.beaker).toBe(24);
      // The beaker's base is on the plate's top: above the bench by the stirrer's height.
      const z = r.finalPositions.beaker?.[2] ?? 0;
      expect(z - scene.bench.topCenterM[2]).toBeGreaterThan(0.09);
      const knob = r.segments.find((s) => s.skill === 'turn-knob');
      const after = knob?.instrumentStates?.find((i) => i.object === 'stirrer')?.after.heatKnobAngleRad;
      expect(Math.abs(Number(after) - SETTING_RAD)).toBeLessThan((10 * Math.PI) / 180);
    },
    120_000,
  );
});
