// An outside audit of accepted quickstart episodes: object poses read back from the dataset with an independent
// Parquet reader and checked against container geometry computed here from the recorded asset parameters, then
// the episodes replayed through the physics with every contact read directly, not through labgen's checks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { episodeSpecSchema } from '../src/schemas/episode-spec.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { Simulation } from '../src/sim/simulation.js';
import { labgen } from './helpers/run-cli.js';

const ROBOTS = ['franka-panda', 'unitree-z1', 'viperx-300s'];
const catalog = loadCatalog();
let out = '';

type V3 = [number, number, number];
type Quat = [number, number, number, number];

/** v rotated by unit quaternion q (w x y z). */
function rotate(q: Quat, v: V3): V3 {
  const [w, x, y, z] = q;
  const tx = 2 * (y * v[2] - z * v[1]);
  const ty = 2 * (z * v[0] - x * v[2]);
  const tz = 2 * (x * v[1] - y * v[0]);
  return [
    v[0] + w * tx + (y * tz - z * ty),
    v[1] + w * ty + (z * tx - x * tz),
    v[2] + w * tz + (x * ty - y * tx),
  ];
}
const inverse = (q: Quat): Quat => [q[0], -q[1], -q[2], -q[3]];

/**
 * Extreme points of an object's solid, from its family's parameters as the spec records them: boxes for the
 * block families, a cylinder (the cap's 15% wider radius, all the way up) for tubes. Written from the asset
 * files' meaning, not from labgen's builders.
 */
function hull(asset: string, p: Record<string, number>): V3[] {
  const pts: V3[] = [];
  if (asset === 'pipette-tip-box' || asset === 'pcr-plate') {
    const [x, y, z] = [p.sizeXM as number, p.sizeYM as number, p.sizeZM as number];
    for (const sx of [-1, 1])
      for (const sy of [-1, 1]) for (const h of [0, z]) pts.push([(sx * x) / 2, (sy * y) / 2, h]);
  } else if (asset === 'centrifuge-tube-1-5ml') {
    const r = (p.radiusM as number) * 1.15;
    for (let k = 0; k < 16; k++)
      for (const h of [0, p.heightM as number])
        pts.push([r * Math.cos((k * Math.PI) / 8), r * Math.sin((k * Math.PI) / 8), h]);
  } else throw new Error(`audit has no geometry for ${asset}`);
  return pts;
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'labgen-audit-'));
  const run = await labgen(
    'generate',
    '--recipe',
    'recipes/quickstart.yaml',
    '--robots',
    ROBOTS.join(','),
    '--episodes',
    '2',
    '--seed',
    '41',
    '--image-size',
    '32x32',
    '--cameras',
    'front',
    '--quiet',
    '--out',
    out,
  );
  expect(run.code, run.stderr).toBe(0);
}, 600_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.each(ROBOTS)('audit of accepted quickstart episodes: %s', (robot) => {
  const read = async () => {
    const root = join(out, robot);
    const info = JSON.parse(readFileSync(join(root, 'meta/info.json'), 'utf8'));
    const names: string[] = info.features['observation.environment_state'].names;
    const rows = await parquetReadObjects({
      file: await asyncBufferFromFile(join(root, 'data/chunk-000/file-000.parquet')),
      columns: ['observation.environment_state', 'episode_index', 'frame_index'],
    });
    const episodes = readFileSync(join(root, 'meta/labgen/episodes.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    return { names, rows, episodes };
  };

  it('ends with every placed object wholly inside the basket interior, off the rim, level', async () => {
    const { names, rows, episodes } = await read();
    expect(episodes.length).toBe(2);
    for (const ep of episodes) {
      const spec = episodeSpecSchema.parse(ep.spec);
      const frames = rows.filter((r) => Number(r.episode_index) === ep.episode_index);
      const state = (frames[frames.length - 1]?.['observation.environment_state'] ?? []) as number[];
      const pose = (id: string) => {
        const at = names.indexOf(`${id}.x`);
        expect(at, `${id} in observation.environment_state`).toBeGreaterThanOrEqual(0);
        return { p: state.slice(at, at + 3) as V3, q: state.slice(at + 3, at + 7) as Quat };
      };
      const basketSample = spec.randomization.objects.find((o) => o.id === 'basket');
      if (!basketSample) throw new Error('no basket');
      const bp = basketSample.params as Record<string, number>;
      const wall = bp.wallM as number;
      const inner = { x: (bp.sizeXM as number) / 2 - wall, y: (bp.sizeYM as number) / 2 - wall };
      const floor = wall;
      const rim = bp.sizeZM as number;
      const basket = pose('basket');
      for (const step of spec.steps) {
        const o = spec.randomization.objects.find((s) => s.id === step.target);
        if (!o) throw new Error(`no ${step.target}`);
        const obj = pose(o.id);
        const toleranceM = 0.002;
        for (const corner of hull(o.asset, o.params as Record<string, number>)) {
          const r = rotate(obj.q, corner);
          const world: V3 = [obj.p[0] + r[0], obj.p[1] + r[1], obj.p[2] + r[2]];
          const local = rotate(inverse(basket.q), [
            world[0] - basket.p[0],
            world[1] - basket.p[1],
            world[2] - basket.p[2],
          ]);
          const where = `${robot} episode ${ep.episode_index}: ${o.id} corner at ${local.map((v) => v.toFixed(4))}`;
          expect(Math.abs(local[0]), where).toBeLessThan(inner.x + toleranceM);
          expect(Math.abs(local[1]), where).toBeLessThan(inner.y + toleranceM);
          expect(local[2], where).toBeGreaterThan(floor - 0.003);
          expect(local[2], where).toBeLessThan(rim + toleranceM);
        }
        // Upright unless the family lets it lie (a tube): the object's z axis against the world's.
        const up = rotate(obj.q, [0, 0, 1]);
        if (o.asset !== 'centrifuge-tube-1-5ml') expect(up[2]).toBeGreaterThan(Math.cos(0.26));
      }
    }
  });

  it('replays with no two solids ever overlapping beyond 3 mm, and the recorded object state matches the replay', async () => {
    const { names, rows, episodes } = await read();
    for (const ep of episodes) {
      const spec = episodeSpecSchema.parse(ep.spec);
      let deepest = { depthM: 0, pair: '' };
      const probe = (sim: Simulation) => {
        for (const c of sim.contacts()) {
          if (c.distM >= -deepest.depthM) continue;
          const body = (g: number) =>
            sim.name('body', sim.model.geom_bodyid[g] as number) || sim.name('geom', g);
          const [a, b] = [body(c.geom1), body(c.geom2)];
          // Liquid particles may overlap each other; the quickstart has none, so nothing is exempt here.
          deepest = { depthM: -c.distM, pair: `${a} / ${b}` };
        }
      };
      const replay = await runEpisode(spec, catalog, null, probe);
      expect(replay.accepted).toBe(true);
      expect(deepest.depthM, `${robot} episode ${ep.episode_index}: ${deepest.pair}`).toBeLessThan(0.003);
      const recorded = rows
        .filter((r) => Number(r.episode_index) === ep.episode_index)
        .flatMap((r) => r['observation.environment_state'] as number[]);
      const replayed = Array.from(replay.columns.numeric['observation.environment_state'] as Float32Array);
      expect(replayed.length).toBe(recorded.length);
      expect(replayed.length).toBe(names.length * replay.columns.length);
      expect(recorded).toEqual(replayed);
    }
  }, 120_000);
});
