// CLI behaviour users rely on: plan output, listings, exit codes and messages for bad input, validate on foreign data.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { skillIds } from '../src/skills/registry.js';
import { labgen } from './helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'labgen-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixture = join(process.cwd(), '..', 'shared', 'fixtures', 'lerobot-v3-record-test');

describe('labgen plan', () => {
  it('prints one pick-place step as JSON for a single instruction', async () => {
    const run = await labgen('plan', '--json', 'pick the PCR plate into the basket');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.instruction).toBe('pick the PCR plate into the basket');
    expect(plan.steps).toEqual([
      {
        skill: 'pick-place',
        target: 'pcr-plate',
        destination: 'basket',
        text: 'pick the PCR plate into the basket',
      },
    ]);
  });

  it('resolves the three-object cleaning-table sequence', async () => {
    const run = await labgen(
      'plan',
      '--json',
      'pick the pipette tip box into the basket, pick the PCR plate into the basket, pick the centrifuge tube into the basket',
    );
    expect(JSON.parse(run.stdout).steps.map((s: { target: string }) => s.target)).toEqual([
      'pipette-tip-box',
      'pcr-plate',
      'centrifuge-tube',
    ]);
  });

  it('exits 2 on an unknown verb, listing the closest valid verbs, without a stack trace', async () => {
    const run = await labgen('plan', 'smash the PCR plate into the basket');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown action "smash"; closest: /);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 on an unknown object, listing the closest names', async () => {
    const run = await labgen('plan', 'pick the flaks into the basket');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no object called "flaks"/);
  });
});

describe('labgen list', () => {
  it('lists the robot, skills and scenes as JSON', async () => {
    const robots = JSON.parse((await labgen('list', 'robots', '--json')).stdout);
    expect(robots.find((r: { id: string }) => r.id === 'franka-panda')).toMatchObject({
      id: 'franka-panda',
      joints: 7,
      gripper: 'parallel-slide',
      strokeM: 0.08,
    });
    const skills = JSON.parse((await labgen('list', 'skills', '--json')).stdout).map(
      (s: { id: string }) => s.id,
    );
    expect(skills).toEqual([...skillIds]);
    expect(skills).toEqual(expect.arrayContaining(['pick', 'place', 'pick-place', 'open-lid', 'turn-knob']));
    const scenes = JSON.parse((await labgen('list', 'scenes', '--json')).stdout);
    expect(scenes.map((s: { id: string }) => s.id)).toContain('clean-table');
  });

  it('lists every asset family with its semantic annotation as JSON', async () => {
    const run = await labgen('list', 'assets', '--json');
    expect(run.code).toBe(0);
    type Frame = { name: string; part?: string; approach: number[]; closingAxis: number[]; widthM: number };
    const assets: Array<{
      id: string;
      category: string;
      names: string[];
      colorVariants: number;
      annotation: {
        movable: boolean;
        graspFrames: Frame[];
        articulatedParts: Array<{ name: string; joint: { type: string; axis: number[]; range: number[] } }>;
        container?: { minM: number[]; maxM: number[] };
        slots?: number[][];
      };
    }> = JSON.parse(run.stdout);
    const byId = new Map(assets.map((a) => [a.id, a]));
    expect(byId.get('pcr-plate')).toMatchObject({
      category: 'labware',
      names: expect.arrayContaining(['pcr plate']),
    });
    for (const a of assets) {
      expect(a.colorVariants).toBeGreaterThan(0);
      if (a.annotation.movable) expect(a.annotation.graspFrames.length).toBeGreaterThan(0);
      for (const p of a.annotation.articulatedParts) {
        expect(a.annotation.graspFrames.some((f) => f.part === p.name)).toBe(true);
      }
    }
    // The petri dish is wider than an 80 mm hand: its rim frame pinches the wall.
    const rim = byId.get('petri-dish')?.annotation.graspFrames.find((f) => f.name === 'rim');
    expect(rim?.widthM).toBeLessThan(0.005);
    expect(byId.get('glass-stirring-rod')?.annotation.graspFrames[0]?.closingAxis).toEqual([0, 1, 0]);
    expect(byId.get('centrifuge')?.annotation.slots).toHaveLength(6);
    expect(byId.get('centrifuge')?.annotation.articulatedParts[0]).toMatchObject({
      name: 'lid',
      joint: { type: 'hinge', axis: [-1, 0, 0], range: [0, 1.9] },
    });
    expect(byId.get('thermal-cycler')?.annotation.container).toBeDefined();
  });

  it('exits 2 for an unknown kind', async () => {
    const run = await labgen('list', 'robtos');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/choose one of robots, skills, scenes, assets/);
  });
});

describe('labgen generate: bad input is exit 2 naming the file and the field', () => {
  it('names the recipe file and the invalid field', async () => {
    const recipe = join(work, 'bad.yaml');
    writeFileSync(
      recipe,
      'instruction: pick the PCR plate into the basket\nscene: clean-table\nepisodes: -3\n',
    );
    const run = await labgen('generate', '--recipe', recipe, '--out', join(work, 'x'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(recipe);
    expect(run.stderr).toMatch(/episodes/);
  });

  it('rejects unknown recipe keys and unparsable YAML', async () => {
    const typo = join(work, 'typo.yaml');
    writeFileSync(typo, 'instruction: pick the PCR plate into the basket\nscene: clean-table\nepisode: 3\n');
    const run = await labgen('generate', '--recipe', typo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/episode/);
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, 'instruction: [unclosed\n');
    const run2 = await labgen('generate', '--recipe', broken);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toContain(broken);
  });

  it('names a missing recipe file', async () => {
    const run = await labgen('generate', '--recipe', join(work, 'nope.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.yaml: no such file/);
  });

  it('suggests the closest robot id for a typo', async () => {
    const run = await labgen(
      'generate',
      '--recipe',
      'recipes/quickstart.yaml',
      '--robots',
      'franka-pand',
      '--out',
      join(work, 'y'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown robot "franka-pand"; closest: franka-panda/);
  });

  it('rejects an unknown flag as a usage error', async () => {
    const run = await labgen('generate', '--episods', '3');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
  });
});

describe('labgen validate', () => {
  it('exits 2 for a directory that does not exist', async () => {
    const run = await labgen('validate', join(work, 'missing'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no such directory/);
  });

  it.skipIf(!existsSync(fixture))(
    'reports exactly the two missing videos of the lerobot-written fixture (skipped without ../shared)',
    async () => {
      const run = await labgen('validate', fixture, '--json');
      expect(run.code).toBe(1);
      const errors = JSON.parse(run.stdout).problems.filter(
        (p: { severity: string }) => p.severity === 'error',
      );
      expect(errors.map((e: { file: string }) => e.file).sort()).toEqual([
        'videos/observation.images.front/chunk-000/file-000.mp4',
        'videos/observation.images.top/chunk-000/file-000.mp4',
      ]);
    },
  );

  it.skipIf(!existsSync(fixture))('exits 1 naming file, episode and rule on a corrupted copy', async () => {
    const copy = join(work, 'corrupt');
    cpSync(fixture, copy, { recursive: true });
    const data = join(copy, 'data/chunk-000/file-000.parquet');
    const bytes = execFileSync('head', ['-c', '30000', data]);
    rmSync(data, { force: true });
    writeFileSync(data, bytes);
    const run = await labgen('validate', copy);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/error \[[a-z-]+\] data\/chunk-000\/file-000\.parquet/);
  });
});

describe('labgen sample-scenes', () => {
  it('samples scenes over every template and reports them valid and distinct', async () => {
    const run = await labgen('sample-scenes', '--count', '8', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ sampled: 8, valid: 8, distinctValid: 8 });
    expect(Object.keys(report.perTemplate).length).toBeGreaterThanOrEqual(4);
  });
});

describe('labgen preview', () => {
  it('writes a PNG of the robot at home', async () => {
    const out = join(work, 'panda.png');
    const run = await labgen('preview', 'robot', 'franka-panda', '--out', out, '--size', '160x120');
    expect(run.code, run.stderr).toBe(0);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([160, 120]);
    expect(new Set(data).size).toBeGreaterThan(20);
  });

  it('exits 2 for an unknown robot', async () => {
    const run = await labgen('preview', 'robot', 'franka', '--out', join(work, 'x.png'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/closest: franka-/);
  });
});

describe('bin/labgen', () => {
  it.skipIf(!existsSync('dist/cli/main.js'))('runs the built CLI: --help teaches, plan works', () => {
    const help = spawnSync(process.execPath, ['bin/labgen', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/generate/);
    expect(help.stdout).toMatch(/Exit codes/);
    const plan = spawnSync(
      process.execPath,
      ['bin/labgen', 'plan', '--json', 'pick the PCR plate into the basket'],
      { encoding: 'utf8' },
    );
    expect(plan.status).toBe(0);
    expect(JSON.parse(plan.stdout).steps).toHaveLength(1);
  });
});
