// Pouring the filled 250 ml beaker into the 50 ml beaker moves its liquid, the dataset shows the pour frame by frame,
// and a target moved away after the pour was planned is rejected with pour.spilled and the spilled count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import type { SkillCall } from '../src/skills/skill.js';
import { firstEpisodeSpec } from './helpers/episode-spec.js';
import { labgen } from './helpers/run-cli.js';

const catalog = loadCatalog();
const scene = catalog.scenes.get('pouring-station') as SceneTemplate;
const FILL = scene.objects.find((o) => o.id === 'beaker')?.liquid?.particles ?? 0;
const steps: SkillCall[] = [
  {
    skill: 'pour',
    target: 'beaker',
    destination: 'small-beaker',
    text: 'pour the beaker into the small beaker',
  },
];

const episodeSpec = (robotId: string) => firstEpisodeSpec(catalog, robotId, scene, steps);

describe('pouring a filled beaker into a small one', () => {
  it.each(['franka-panda', 'ur5e'])(
    '%s pours at least half of it in and spills at most 10 %',
    async (robotId) => {
      const r = await runEpisode(await episodeSpec(robotId), catalog, null);
      expect(FILL).toBeGreaterThan(0);
      expect(r.reason).toBeUndefined();
      expect(r.accepted).toBe(true);
      const poured = r.finalLiquid?.byContainer['small-beaker'] ?? 0;
      expect(poured).toBeGreaterThanOrEqual(Math.ceil(FILL / 2));
      expect(r.finalLiquid?.spilled ?? FILL).toBeLessThanOrEqual(Math.floor(FILL / 10));
      const moved = r.checks.find((c) => c.predicate === 'pour.not-spilled');
      expect(moved?.metrics?.pouredParticles).toBe(poured);
      // Back upright in the hand, the small beaker where it stood.
      expect(r.checks.find((c) => c.predicate === 'pour.upright')?.ok).toBe(true);
      expect(r.checks.find((c) => c.predicate === 'pour.target-standing')?.ok).toBe(true);
    },
    120_000,
  );

  it('rejects a pour whose target was moved away after planning with pour.spilled and its count', async () => {
    const spec = await episodeSpec('franka-panda');
    let startZ = Number.NaN;
    let liftedAt = -1;
    let moved = false;
    const r = await runEpisode(spec, catalog, null, (sim, frame) => {
      if (moved) return;
      const beaker = sim.id('body', 'obj_beaker');
      const z = sim.data.xpos[3 * beaker + 2] as number;
      // The pour is planned from the vessel as it hangs at the top of the lift; a moment into the carry the
      // small beaker slides 45 cm away, off the bench edge, so the stream falls where it stood.
      if (Number.isNaN(startZ)) startZ = z;
      if (liftedAt < 0 && z > startZ + 0.11) liftedAt = frame;
      if (liftedAt < 0 || frame < liftedAt + 12) return;
      moved = true;
      const adr = sim.model.jnt_qposadr[sim.id('joint', 'obj_small-beaker')] as number;
      sim.data.qpos[adr + 1] = (sim.data.qpos[adr + 1] as number) - 0.45;
    });
    expect(moved).toBe(true);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('pour.spilled');
    const spilled = r.finalLiquid?.spilled ?? 0;
    expect(spilled).toBeGreaterThan(Math.floor(FILL / 10));
    const failed = r.checks.find((c) => c.code === 'pour.spilled');
    expect(failed?.metrics?.spilledParticles).toBe(spilled);
    expect(failed?.detail).toContain(`${spilled} of ${FILL} particles spilled`);
  }, 120_000);
});

describe('the pour-liquid recipe', () => {
  const work = mkdtempSync(join(tmpdir(), 'labgen-pour-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes a dataset whose particle counts show the liquid move from the beaker to the small beaker', async () => {
    const run = await labgen(
      'generate',
      '--recipe',
      'recipes/pour-liquid.yaml',
      '--robots',
      'franka-panda',
      '--episodes',
      '1',
      '--cameras',
      'front',
      '--image-size',
      '32x32',
      '--out',
      work,
      '--quiet',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = await parquetReadObjects({
      file: await asyncBufferFromFile(join(work, 'franka-panda/data/chunk-000/file-000.parquet')),
      columns: ['annotation.liquid_particles'],
    });
    const counts = rows.map((r) => (r['annotation.liquid_particles'] as bigint[]).map(Number));
    // beaker, small-beaker, spilled (the containers the pour names, then the spill).
    expect(counts[0]).toEqual([FILL, 0, 0]);
    const [left = 0, poured = 0, spilled = 0] = counts[counts.length - 1] ?? [];
    expect(poured).toBeGreaterThanOrEqual(Math.ceil(FILL / 2));
    expect(spilled).toBeLessThanOrEqual(Math.floor(FILL / 10));
    expect(left + poured + spilled).toBe(FILL);
    // The pour happens on the way: some frame has left the beaker and not yet all arrived (in the stream).
    expect(counts.some(([inSource = 0, inTarget = 0]) => inSource < FILL && inTarget < poured)).toBe(true);
    const validate = await labgen('validate', join(work, 'franka-panda'));
    expect(validate.code).toBe(0);
  }, 300_000);
});
