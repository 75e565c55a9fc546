// Heating on the stirring station: "heat the 250 ml beaker on the hot plate" is the beaker stood on the plate and
// the heat knob turned; the Panda and the UR5e do both, the beaker ends wholly on the plate with its liquid, and
// the hot plate's named state records the knob's setting; a beaker slid half off the plate is rejected.
import { describe, expect, it } from 'vitest';
import { parseInstruction } from '../src/instructions/parse-instruction.js';
import { sceneLexicon } from '../src/instructions/scene-lexicon.js';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import { firstEpisodeSpec } from './helpers/episode-spec.js';

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

  const episodeSpec = (robotId: string) => firstEpisodeSpec(catalog, robotId, scene, steps, text);

  it.each(['franka-panda', 'ur5e'])(
    '%s stands the beaker on the plate and sets the heat knob',
    async (robotId) => {
      const r = await runEpisode(await episodeSpec(robotId), catalog, null);
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

  it('rejects a beaker pushed to overhang the plate after it was let go with heat.not-on-plate', async () => {
    const spec = await episodeSpec('franka-panda');
    let landedAt = -1;
    let moved = false;
    const r = await runEpisode(spec, catalog, null, (sim, frame) => {
      if (moved) return;
      const z = sim.data.xpos[3 * sim.id('body', 'obj_beaker') + 2] as number;
      // Stood on the plate (its base 9-11 cm above the bench) and let go: then slid 6 cm, half off the plate's
      // edge, the liquid with it.
      if (landedAt < 0 && z > scene.bench.topCenterM[2] + 0.09 && z < scene.bench.topCenterM[2] + 0.115) {
        const speed = Math.hypot(
          ...[0, 1, 2].map((i) => sim.data.cvel[6 * sim.id('body', 'obj_beaker') + 3 + i] as number),
        );
        if (speed < 0.01) landedAt = frame;
      }
      if (landedAt < 0 || frame < landedAt + 30) return;
      moved = true;
      const shift = (joint: string) => {
        const adr = sim.model.jnt_qposadr[sim.id('joint', joint)] as number;
        sim.data.qpos[adr] = (sim.data.qpos[adr] as number) + 0.06;
      };
      shift('obj_beaker');
      for (let i = 0; i < 24; i++) shift(`beaker_liquid_${i}_x`);
    });
    expect(moved).toBe(true);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('heat.not-on-plate');
  }, 120_000);
});
