// End to end: `labgen generate` on the bundled quickstart recipe -> validate -> read back with an independent reader.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labgen } from './helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'labgen-e2e-'));
const out = join(work, 'quickstart');
const dataset = join(out, 'franka-panda');
let generated: Awaited<ReturnType<typeof labgen>>;

beforeAll(async () => {
  generated = await labgen(
    'generate',
    '--recipe',
    'recipes/quickstart.yaml',
    '--episodes',
    '2',
    '--out',
    out,
    '--json',
  );
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Row = Record<string, unknown>;
async function readRows(file: string): Promise<Row[]> {
  return (await parquetReadObjects({ file: await asyncBufferFromFile(file), utf8: false })) as Row[];
}

describe('labgen generate --recipe recipes/quickstart.yaml', () => {
  it('exits 0 with a JSON summary of 2 accepted episodes', () => {
    expect(generated.code, generated.stderr).toBe(0);
    const summary = JSON.parse(generated.stdout);
    expect(summary.ok).toBe(true);
    expect(summary.robots[0]).toMatchObject({ robot: 'franka-panda', accepted: 2 });
  });

  it('writes a dataset that labgen validate accepts', async () => {
    const run = await labgen('validate', dataset, '--json');
    const report = JSON.parse(run.stdout);
    expect(report.problems).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.summary).toMatchObject({ version: 'v3.0', episodes: 2 });
  });

  it('stores frames an independent Parquet reader (hyparquet) can read, with the declared columns and values', async () => {
    const file = join(dataset, 'data/chunk-000/file-000.parquet');
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(meta.row_groups.length).toBe(2); // one row group per episode
    const rows = await readRows(file);
    const info = JSON.parse(readFileSync(join(dataset, 'meta/info.json'), 'utf8'));
    expect(rows.length).toBe(info.total_frames);
    const expectedColumns = Object.entries(info.features as Record<string, { dtype: string }>)
      .filter(([, f]) => f.dtype !== 'video')
      .map(([k]) => k);
    expect(Object.keys(rows[0] as Row)).toEqual(expectedColumns);
    expect(expectedColumns).toEqual(
      expect.arrayContaining([
        'observation.state',
        'action',
        'observation.images.front',
        'observation.images.wrist',
        'annotation.skill_index',
        'annotation.phase_index',
      ]),
    );
    rows.forEach((row, i) => {
      expect(row.index).toBe(BigInt(i));
      const state = row['observation.state'] as number[];
      expect(state).toHaveLength(8);
      expect(state.every(Number.isFinite)).toBe(true);
      expect(Math.abs((row.timestamp as number) - Number(row.frame_index) / 15)).toBeLessThan(1e-4);
    });
    // The three skills of the cleaning-table protocol appear in order in the annotations.
    const ep0 = rows.filter((r) => r.episode_index === 0n);
    const skills = [...new Set(ep0.map((r) => Number(r['annotation.skill_index'])))];
    expect(skills).toEqual([0, 1, 2]);
    // Phase names from the dataset's own vocabulary: the pick and place phases, the transitions between the
    // three skills and the return home.
    const vocabulary = JSON.parse(readFileSync(join(dataset, 'meta/labgen/phases.json'), 'utf8')) as string[];
    const phases = new Set(ep0.map((r) => vocabulary[Number(r['annotation.phase_index'])]));
    expect([...phases].sort()).toEqual([
      'carry',
      'grasp',
      'lift',
      'pregrasp',
      'reach',
      'release',
      'retreat',
      'return-home',
      'settle',
      'transition',
    ]);
    // Three skill segments and two transitions, contiguous; each frame's task_index names its step's text.
    const tasks = await parquetReadObjects({
      file: await asyncBufferFromFile(join(dataset, 'meta/tasks.parquet')),
    });
    const taskText = new Map(tasks.map((t) => [Number(t.task_index), String(t.task)]));
    const runs: Array<{ segment: number; transition: boolean; text: string; frames: number }> = [];
    for (const r of ep0) {
      const segment = Number(r['annotation.segment_index']);
      const last = runs[runs.length - 1];
      if (last?.segment === segment) last.frames++;
      else
        runs.push({
          segment,
          transition: r['annotation.is_transition'] === true,
          text: taskText.get(Number(r.task_index)) ?? '',
          frames: 1,
        });
    }
    expect(runs.map((x) => [x.segment, x.transition])).toEqual([
      [0, false],
      [1, true],
      [2, false],
      [3, true],
      [4, false],
    ]);
    expect(runs.map((x) => x.text)).toEqual([
      'pick the pipette tip box into the basket',
      'pick the PCR plate into the basket',
      'pick the PCR plate into the basket',
      'pick the centrifuge tube into the basket',
      'pick the centrifuge tube into the basket',
    ]);
    // The gripper closes during grasps and opens again to release.
    const openings = ep0.map((r) => (r['observation.state'] as number[])[7] as number);
    expect(Math.min(...openings)).toBeLessThan(0.07);
    expect(Math.max(...openings)).toBeGreaterThan(0.075);
  });

  it('stores camera images that are 224x224 PNGs, neither blank nor identical across frames', async () => {
    const rows = await readRows(join(dataset, 'data/chunk-000/file-000.parquet'));
    for (const key of ['observation.images.front', 'observation.images.wrist']) {
      const pick = async (i: number) => {
        const cell = (rows[i] as Row)[key] as { bytes: Uint8Array };
        const { data, info } = await sharp(Buffer.from(cell.bytes))
          .raw()
          .toBuffer({ resolveWithObject: true });
        expect([info.width, info.height, info.channels]).toEqual([224, 224, 3]);
        return data;
      };
      const first = await pick(0);
      const later = await pick(120);
      const values = new Set(first);
      expect(values.size, `${key} is blank`).toBeGreaterThan(20);
      let changed = 0;
      for (let i = 0; i < first.length; i++) if (first[i] !== later[i]) changed++;
      expect(changed / first.length, `${key} does not change over time`).toBeGreaterThan(0.01);
    }
  });

  it('records per episode the spec, skill segments and final object positions inside the basket', () => {
    const lines = readFileSync(join(dataset, 'meta/labgen/episodes.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const ep = JSON.parse(line);
      expect(ep.spec.seed).toBeTypeOf('number');
      expect(ep.spec.randomization.objects.length).toBeGreaterThan(3);
      expect(ep.skills.map((s: { target: string }) => s.target)).toEqual([
        'pipette-tip-box',
        'pcr-plate',
        'centrifuge-tube',
      ]);
      expect(ep.skills.every((s: { success: boolean }) => s.success)).toBe(true);
      expect(ep.skills[0].skillVersion).toBe('pick-place@2');
      expect(ep.spec.labgenVersion).toMatch(/^\d+\.\d+\.\d+/);
      const basket = ep.spec.randomization.objects.find((o: { id: string }) => o.id === 'basket');
      for (const target of ['pipette-tip-box', 'pcr-plate', 'centrifuge-tube']) {
        const [x, y, z] = ep.finalPositionsM[target] as number[];
        expect(Math.abs((x as number) - basket.posM[0])).toBeLessThan(basket.params.sizeXM / 2);
        expect(Math.abs((y as number) - basket.posM[1])).toBeLessThan(basket.params.sizeYM / 2);
        expect(z as number).toBeGreaterThan(basket.posM[2]);
      }
    }
  });

  it('records quality metrics and final poses per episode, and every camera intrinsics and pose', () => {
    for (const line of readFileSync(join(dataset, 'meta/labgen/episodes.jsonl'), 'utf8').trim().split('\n')) {
      const ep = JSON.parse(line);
      expect(ep.quality.maxPenetrationM).toBeLessThan(0.003);
      expect(ep.quality.skills).toHaveLength(3);
      for (const s of ep.quality.skills) {
        expect(s.metrics.placeMarginM).toBeGreaterThan(0);
        expect(s.metrics.slipM).toBeLessThan(0.02);
      }
      const q = ep.finalPoses['pcr-plate'].quat as number[];
      expect(Math.hypot(...q)).toBeCloseTo(1, 5);
    }
    const info = JSON.parse(readFileSync(join(dataset, 'meta/info.json'), 'utf8'));
    const names = info.features['observation.environment_state'].names as string[];
    expect(names.slice(0, 7)).toEqual([
      'pipette-tip-box.x',
      'pipette-tip-box.y',
      'pipette-tip-box.z',
      'pipette-tip-box.qw',
      'pipette-tip-box.qx',
      'pipette-tip-box.qy',
      'pipette-tip-box.qz',
    ]);
    expect(names).toHaveLength(7 * 4);
    const cameras = JSON.parse(readFileSync(join(dataset, 'meta/labgen/cameras.json'), 'utf8'));
    expect(cameras.cameras.map((c: { name: string }) => c.name)).toEqual(['front', 'wrist']);
  });
});

describe('determinism', () => {
  it('writes byte-identical files when the same command runs twice with one seed', async () => {
    const args = [
      'generate',
      '--instruction',
      'pick the PCR plate into the basket',
      '--scene',
      'clean-table',
      '--episodes',
      '2',
    ];
    const a = join(work, 'a');
    const b = join(work, 'b');
    const flags = ['--seed', '5', '--image-size', '64x64', '--quiet'];
    expect((await labgen(...args, ...flags, '--out', a)).code).toBe(0);
    expect((await labgen(...args, ...flags, '--out', b)).code).toBe(0);
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)))
        .sort();
    expect(files(a)).toEqual(files(b));
    expect(files(a).length).toBeGreaterThan(6);
    for (const f of files(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  }, 300_000);
});
