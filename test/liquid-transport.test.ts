// Carrying a filled beaker keeps its liquid, every frame of the dataset says where the liquid is, and a spill during
// the carry (particles taken out of the beaker mid-air) rejects the episode with liquid.spilled and its count.
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
    skill: 'pick-place',
    target: 'beaker',
    destination: 'tray',
    text: 'transfer the 250 ml beaker to the tray',
  },
];

const episodeSpec = (robotId: string) => firstEpisodeSpec(catalog, robotId, scene, steps);

describe('transporting a filled beaker', () => {
  it.each(['franka-panda', 'ur5e'])(
    '%s carries it into the tray without spilling',
    async (robotId) => {
      const r = await runEpisode(await episodeSpec(robotId), catalog, null);
      expect(FILL).toBeGreaterThan(0);
      expect(r.reason).toBeUndefined();
      expect(r.accepted).toBe(true);
      // Nested containers count for the smallest: the liquid is still in the beaker, which stands in the tray.
      expect(r.finalLiquid?.byContainer.beaker).toBe(FILL);
      expect(r.finalLiquid?.spilled).toBe(0);
      expect(r.finalPositions.beaker?.[2]).toBeGreaterThan(scene.bench.topCenterM[2]);
      const kept = r.checks.filter((c) => c.predicate === 'liquid.kept');
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((c) => c.ok && c.metrics?.spilledParticles === 0)).toBe(true);
    },
    120_000,
  );

  it('rejects a carry that spills (particles taken out of the beaker in the air) with liquid.spilled', async () => {
    const spec = await episodeSpec('franka-panda');
    let done = false;
    let moved = 0;
    const r = await runEpisode(spec, catalog, null, (sim, frame) => {
      // Well into the carry: the beaker is up in the hand. Three particles slide 25 cm sideways and fall.
      if (done || frame < 70) return;
      done = true;
      for (let i = 0; i < 3; i++) {
        const adr = sim.model.jnt_qposadr[sim.id('joint', `beaker_liquid_${i}_y`)] as number;
        sim.data.qpos[adr] = (sim.data.qpos[adr] as number) + 0.25 + 0.03 * i;
        moved++;
      }
    });
    expect(moved).toBe(3);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('liquid.spilled');
    const failed = r.checks.find((c) => c.code === 'liquid.spilled');
    // A particle that falls into a neighbouring container is not spilled: the count is the counter's, not ours.
    const spilled = r.finalLiquid?.spilled ?? 0;
    expect(spilled).toBeGreaterThanOrEqual(2);
    expect(failed?.metrics?.spilledParticles).toBe(spilled);
    expect(failed?.detail).toContain(`spilled ${spilled} of ${FILL} liquid particles`);
  }, 120_000);
});

describe('annotation.liquid_particles in a written dataset', () => {
  const work = mkdtempSync(join(tmpdir(), 'labgen-liquid-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives the particles in each container and spilled on every frame, read by an independent reader', async () => {
    const run = await labgen(
      'generate',
      '--recipe',
      'recipes/transport-beaker.yaml',
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
    expect(counts.length).toBeGreaterThan(50);
    // beaker, tray, spilled: all the liquid in the beaker from the first frame to the last.
    for (const c of counts) expect(c).toEqual([FILL, 0, 0]);
    const validate = await labgen('validate', join(work, 'franka-panda'));
    expect(validate.code).toBe(0);
  }, 300_000);
});
