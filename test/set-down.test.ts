// Setting down what the hand holds: the plan adds the step by itself when the hand is needed for something else,
// the Panda stands the 50 ml beaker on a free spot of the bench, and a beaker knocked over after it was let go is
// rejected with set-down.tipped.
import { describe, expect, it } from 'vitest';
import { parseInstruction } from '../src/instructions/parse-instruction.js';
import { sceneLexicon } from '../src/instructions/scene-lexicon.js';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import { firstEpisodeSpec } from './helpers/episode-spec.js';

const catalog = loadCatalog();
const scene = catalog.scenes.get('pouring-station') as SceneTemplate;
const lexicon = sceneLexicon(scene, catalog.assets);

const episodeSpec = (text: string) =>
  firstEpisodeSpec(catalog, 'franka-panda', scene, parseInstruction(text, lexicon).steps, text);

describe('setting down what the hand holds', () => {
  it('is planned by itself before a step that needs the hand, in its own words', () => {
    const steps = parseInstruction(
      'pick up the 50 ml beaker, then pour the 250 ml beaker into the flask',
      lexicon,
    ).steps;
    expect(steps.map((s) => `${s.skill} ${s.target}`)).toEqual([
      'pick small-beaker',
      'set-down small-beaker',
      'pour beaker',
    ]);
    expect(steps[1]?.text).toBe('put the 50 ml beaker down');
  });

  const text = 'pick up the 50 ml beaker, then put it down';

  it('stands the beaker on a free spot of the bench, upright and let go', async () => {
    const r = await runEpisode(await episodeSpec(text), catalog, null);
    expect(r.reason).toBeUndefined();
    expect(r.accepted).toBe(true);
    const standing = r.checks.find((c) => c.predicate === 'set-down.standing');
    expect(standing?.metrics?.tiltRad).toBeLessThan(0.1);
    expect(Math.abs(standing?.metrics?.aboveBenchM ?? 1)).toBeLessThan(0.005);
  }, 120_000);

  it('rejects a beaker knocked over after it was let go with set-down.tipped', async () => {
    const spec = await episodeSpec(text);
    let lifted = false;
    let downAt = -1;
    let knocked = false;
    const r = await runEpisode(spec, catalog, null, (sim, frame) => {
      if (knocked) return;
      const b = sim.id('body', 'obj_small-beaker');
      const z = sim.data.xpos[3 * b + 2] as number;
      if (z > scene.bench.topCenterM[2] + 0.05) lifted = true;
      // Back on the bench and the hand gone: laid on its side, 90 degrees about x.
      if (lifted && downAt < 0 && z < scene.bench.topCenterM[2] + 0.002) downAt = frame;
      if (downAt < 0 || frame < downAt + 20) return;
      knocked = true;
      const adr = sim.model.jnt_qposadr[sim.id('joint', 'obj_small-beaker')] as number;
      sim.data.qpos[adr + 2] = (sim.data.qpos[adr + 2] as number) + 0.03;
      sim.data.qpos[adr + 3] = Math.SQRT1_2;
      sim.data.qpos[adr + 4] = Math.SQRT1_2;
      sim.data.qpos[adr + 5] = 0;
      sim.data.qpos[adr + 6] = 0;
    });
    expect(knocked).toBe(true);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('set-down.tipped');
  }, 120_000);
});
