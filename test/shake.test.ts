// Shaking the stoppered reagent bottle: the Panda and the UR5e shake it through at least two full cycles of 2 cm
// each side (measured on the bottle), nothing leaves it, the stopper stays seated and the bottle stands again; an
// open filled beaker is refused before any simulation, by the parser and by the planner; a shake that barely
// moves the bottle is rejected with shake.too-little.
import { describe, expect, it } from 'vitest';
import { parseInstruction } from '../src/instructions/parse-instruction.js';
import { sceneLexicon } from '../src/instructions/scene-lexicon.js';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import { fullCycles } from '../src/skills/shake/index.js';
import type { SkillCall } from '../src/skills/skill.js';
import { firstEpisodeSpec } from './helpers/episode-spec.js';

const catalog = loadCatalog();

const episodeSpec = (robotId: string, sceneId: string, steps: SkillCall[]) =>
  firstEpisodeSpec(catalog, robotId, catalog.scenes.get(sceneId) as SceneTemplate, steps);

const shakeBottle: SkillCall[] = [{ skill: 'shake', target: 'bottle', text: 'shake the reagent bottle' }];

describe('shaking the stoppered reagent bottle', () => {
  it.each(['franka-panda', 'ur5e'])(
    '%s shakes it two full cycles or more, keeps the liquid in and stands it back',
    async (robotId) => {
      const r = await runEpisode(await episodeSpec(robotId, 'chemistry-bench', shakeBottle), catalog, null);
      expect(r.reason).toBeUndefined();
      expect(r.accepted).toBe(true);
      const shaken = r.checks.find((c) => c.predicate === 'shake.shaken');
      expect(shaken?.metrics?.cycles).toBeGreaterThanOrEqual(2);
      expect(shaken?.metrics?.amplitudeM).toBeGreaterThanOrEqual(0.02);
      expect(r.finalLiquid?.byContainer.bottle).toBe(16);
      expect(r.checks.find((c) => c.predicate === 'shake.still-closed')?.ok).toBe(true);
    },
    120_000,
  );

  it('rejects a shake that barely moves the bottle (the hand held back to 1 cm) with shake.too-little', async () => {
    const spec = await episodeSpec('franka-panda', 'chemistry-bench', shakeBottle);
    const panda = catalog.robots.get('franka-panda') as RobotProfile;
    const weak = {
      ...catalog,
      robots: new Map(catalog.robots).set('franka-panda', {
        ...panda,
        skillOverrides: { ...panda.skillOverrides, shake: { amplitudeM: 0.01 } },
      }),
    };
    const r = await runEpisode(spec, weak, null);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('shake.too-little');
    expect(r.checks.find((c) => c.code === 'shake.too-little')?.metrics?.cycles).toBeLessThan(2);
  }, 120_000);

  it('refuses to shake an open filled beaker before any simulation', async () => {
    const lexicon = sceneLexicon(catalog.scenes.get('pouring-station') as SceneTemplate, catalog.assets);
    expect(() => parseInstruction('shake the 250 ml beaker', lexicon)).toThrow(
      /the 250 ml beaker holds liquid and is open: shaken, it would throw the liquid out/,
    );
    const r = await runEpisode(
      await episodeSpec('franka-panda', 'pouring-station', [
        { skill: 'shake', target: 'beaker', text: 'shake the 250 ml beaker' },
      ]),
      catalog,
      null,
    );
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('shake.open-vessel');
    // Refused at planning: the step's segment simulated nothing of the shake.
    expect(r.columns.length).toBeLessThan(40);
  }, 120_000);
});

describe('counting shake cycles', () => {
  const wave = (cycles: number, amplitude: number, n = 200) =>
    Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * cycles * i) / n));
  // Counted from the first swing past the amplitude, back to the same side: a sine of three periods from its mean
  // makes two such cycles and a half.
  it('counts the full cycles beyond the amplitude, and none below it', () => {
    expect(fullCycles(wave(3, 0.03), 0.02)).toBe(2);
    expect(fullCycles(wave(3.5, 0.03), 0.02)).toBe(3);
    expect(fullCycles(wave(3, 0.015), 0.02)).toBe(0);
    expect(fullCycles(wave(1, 0.03), 0.02)).toBe(0);
    expect(fullCycles([], 0.02)).toBe(0);
  });
});
