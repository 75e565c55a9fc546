// Long-horizon episodes: k skills give k skill segments and k-1 transitions, every frame labelled with its
// segment and its step's language (read back with an independent Parquet reader), and the transition and start
// checks reject what touches the scene.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { transitionDefaults } from '../src/pipeline/timeline.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import { SceneObserver } from '../src/sim/observe.js';
import { skillRegistry } from '../src/skills/registry.js';
import type { SkillCall } from '../src/skills/skill.js';
import { labgenVersion } from '../src/version.js';
import { labgen } from './helpers/run-cli.js';

const catalog = loadCatalog();
const panda = catalog.robots.get('franka-panda') as RobotProfile;
const scene = catalog.scenes.get('clean-table') as SceneTemplate;

const PROTOCOL = [
  'pick up the pipette tip box',
  'place it into the basket',
  'pick up the PCR plate',
  'place it into the basket',
  'pick the centrifuge tube into the basket',
];

describe('a 5-skill protocol written by labgen generate', () => {
  const work = mkdtempSync(join(tmpdir(), 'labgen-timeline-'));
  const dataset = join(work, 'franka-panda');
  let frames: Array<Record<string, unknown>> = [];
  let episode: { segments: Array<Record<string, unknown>>; skills: unknown[] };
  let tasks = new Map<number, string>();
  beforeAll(async () => {
    const run = await labgen(
      'generate',
      '--instruction',
      PROTOCOL.join('. '),
      '--scene',
      'clean-table',
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
    frames = await parquetReadObjects({
      file: await asyncBufferFromFile(join(dataset, 'data/chunk-000/file-000.parquet')),
      columns: [
        'frame_index',
        'task_index',
        'annotation.segment_index',
        'annotation.is_transition',
        'annotation.skill_index',
        'annotation.phase_index',
        'annotation.protocol',
      ],
    });
    const rows = await parquetReadObjects({
      file: await asyncBufferFromFile(join(dataset, 'meta/tasks.parquet')),
    });
    tasks = new Map(rows.map((t) => [Number(t.task_index), String(t.task)]));
    episode = JSON.parse(
      readFileSync(join(dataset, 'meta/labgen/episodes.jsonl'), 'utf8').split('\n')[0] ?? '',
    );
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has 5 skill segments and 4 transitions with contiguous, non-overlapping frame ranges', () => {
    const segments = episode.segments as Array<{
      kind: string;
      step: number;
      startFrame: number;
      endFrame: number;
      success: boolean;
    }>;
    expect(segments.map((s) => s.kind)).toEqual([
      'skill',
      'transition',
      'skill',
      'transition',
      'skill',
      'transition',
      'skill',
      'transition',
      'skill',
    ]);
    expect(segments.map((s) => s.step)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(segments[0]?.startFrame).toBe(0);
    segments.forEach((s, i) => {
      expect(s.endFrame).toBeGreaterThan(s.startFrame);
      if (i > 0) expect(s.startFrame).toBe(segments[i - 1]?.endFrame);
      expect(s.success).toBe(true);
    });
    expect(segments.at(-1)?.endFrame).toBe(frames.length);
    // The per-frame annotations agree with the segment table.
    for (const s of segments) {
      for (let f = s.startFrame; f < s.endFrame; f++) {
        const row = frames[f] as Record<string, unknown>;
        expect(Number(row['annotation.segment_index'])).toBe(segments.indexOf(s));
        expect(row['annotation.is_transition']).toBe(s.kind === 'transition');
        expect(Number(row['annotation.skill_index'])).toBe(s.step);
      }
    }
  });

  it("gives every frame its step's text through task_index, and the whole protocol alongside", () => {
    const stepOf = (row: Record<string, unknown>) => Number(row['annotation.skill_index']);
    for (const row of frames) {
      expect(tasks.get(Number(row.task_index))).toBe(PROTOCOL[stepOf(row)]);
      expect(row['annotation.protocol']).toBe(PROTOCOL.join('. '));
    }
    // Transitions carry the language of the step they lead to, and the phase vocabulary names them.
    const phases = JSON.parse(readFileSync(join(dataset, 'meta/labgen/phases.json'), 'utf8')) as string[];
    const transitionPhases = new Set(
      frames
        .filter((r) => r['annotation.is_transition'] === true)
        .map((r) => phases[Number(r['annotation.phase_index'])]),
    );
    expect([...transitionPhases]).toEqual(['transition']);
  });

  it('records where each skill started (the start-pose library)', () => {
    const poses = JSON.parse(readFileSync(join(dataset, 'meta/labgen/start-poses.json'), 'utf8')) as Array<{
      step: number;
      skill: string;
      target: string;
      jointsRad: number[];
    }>;
    expect(poses.map((p) => [p.step, p.skill, p.target])).toEqual([
      [0, 'pick', 'pipette-tip-box'],
      [1, 'place', 'pipette-tip-box'],
      [2, 'pick', 'pcr-plate'],
      [3, 'place', 'pcr-plate'],
      [4, 'pick-place', 'centrifuge-tube'],
    ]);
    for (const p of poses) expect(p.jointsRad).toHaveLength(7);
  });

  it('passes labgen validate', async () => {
    const run = await labgen('validate', dataset, '--json');
    expect(JSON.parse(run.stdout).problems).toEqual([]);
  });
});

function panSpec(steps: SkillCall[], startOffsetRad?: number[]) {
  const spec = sampleEpisodeSpec({
    labgenVersion,
    robot: panda,
    scene,
    assets: catalog.assets,
    instruction: steps.map((s) => s.text).join(', '),
    steps,
    runSeed: 3,
    slot: 0,
    attempt: 0,
    fps: 15,
    imageWidth: 32,
    imageHeight: 32,
    cameras: ['front'],
    randomize: true,
    startJitterRad: 0.05,
    robotBase: { posM: [...scene.robotMount.posM], yawRad: scene.robotMount.yawRad },
  });
  if (startOffsetRad) spec.randomization.startOffsetRad = startOffsetRad;
  return spec;
}

describe('transition and start checks (sabotaged)', () => {
  const steps: SkillCall[] = [
    {
      skill: 'pick-place',
      target: 'pipette-tip-box',
      destination: 'basket',
      text: 'pick the tip box into the basket',
    },
    { skill: 'pick', target: 'pcr-plate', text: 'pick up the PCR plate' },
  ];

  it('refuses a transition to a start inside the bench before moving: transition.no-clear-path', async () => {
    // Sabotage: the second skill says it starts 3 cm below the bench top, under the plate.
    const pick = skillRegistry.pick as NonNullable<(typeof skillRegistry)['pick']>;
    const honest = pick.plan;
    pick.plan = (ctx, call, params, rng) => {
      const plan = honest(ctx, call, params, rng);
      if (!plan.ok || call.target !== 'pcr-plate') return plan;
      const [first, ...rest] = plan.motions;
      if (!first || first.kind !== undefined) throw new Error('expected a pose motion first');
      const plate = ctx.poses.get('pcr-plate')?.posM ?? [0, 0, 0];
      return { ...plan, motions: [{ ...first, posM: [plate[0], plate[1], ctx.benchTopZM - 0.03] }, ...rest] };
    };
    try {
      const result = await runEpisode(panSpec(steps), catalog, null);
      expect(result.accepted).toBe(false);
      expect(result.reason).toBe('transition.no-clear-path');
      const transition = result.segments.find((s) => s.kind === 'transition');
      expect(transition?.checks[0]?.detail).toMatch(/the start itself touches .*(bench|pcr-plate)/);
      // Were the path check fooled, the live check on every control tick still catches the contact.
      const check = SceneObserver.prototype.robotSceneContactAt;
      SceneObserver.prototype.robotSceneContactAt = () => null;
      try {
        const fooled = await runEpisode(panSpec(steps), catalog, null);
        expect(fooled.reason).toBe('transition.collision');
        const moved = fooled.segments.find((s) => s.kind === 'transition');
        expect(moved?.checks[0]?.detail).toMatch(
          /(robot \S+ \/ (bench|pcr-plate))|((bench|pcr-plate) \/ robot \S+)/,
        );
      } finally {
        SceneObserver.prototype.robotSceneContactAt = check;
      }
    } finally {
      pick.plan = honest;
    }
  }, 120_000);

  it('accepts the same two skills unsabotaged, with one transition between them', async () => {
    const result = await runEpisode(panSpec(steps), catalog, null);
    expect(result.reason).toBeUndefined();
    expect(result.segments.map((s) => s.kind)).toEqual(['skill', 'transition', 'skill']);
  }, 120_000);

  it('rejects a start pose that puts the hand into the bench: start.in-collision, before anything runs', async () => {
    // The Panda's shoulder bent 1.2 rad forward and its elbow opened 0.6 rad put the fingertips 2 cm under
    // the bench top, half a metre in front of the base.
    const result = await runEpisode(panSpec(steps, [0, 1.2, 0, 0.6, 0, 0, 0]), catalog, null);
    expect(result.accepted).toBe(false);
    expect(result.reason).toBe('start.in-collision');
    expect(result.columns.length).toBe(0);
  }, 120_000);
});

describe('a held object the next skill does not use', () => {
  // Closing the lid with the tube still in the hand: the transition puts the tube down first.
  const template = catalog.scenes.get('centrifuge-lid-open') as SceneTemplate;
  const steps: SkillCall[] = [
    { skill: 'pick', target: 'tube', text: 'pick up the experimental centrifuge tube' },
    { skill: 'close-lid', target: 'centrifuge', part: 'lid', text: 'close the lid of the centrifuge' },
  ];
  const run = async () => {
    const { placeRobot } = await import('../src/pipeline/place-robot.js');
    const base = await placeRobot(panda, template, catalog.assets, steps);
    const spec = sampleEpisodeSpec({
      labgenVersion,
      robot: panda,
      scene: template,
      assets: catalog.assets,
      instruction: steps.map((s) => s.text).join(', '),
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
    return runEpisode(spec, catalog, null);
  };

  it('is put down by the transition into the nearest holder, and judged there at the end', async () => {
    const result = await run();
    const transition = result.segments[1];
    expect(transition?.kind).toBe('transition');
    expect(transition?.putDown?.target).toBe('tube');
    expect(['tube-rack', 'basket']).toContain(transition?.putDown?.destination);
    expect(result.checks.some((c) => c.predicate === 'episode.still-placed')).toBe(true);
    expect(result.reason).toBeUndefined();
  }, 180_000);

  it('falls out of the hand when the transition does not put it down: episode.dropped, naming the step (sabotaged)', async () => {
    transitionDefaults.putDownHeld = false;
    try {
      const result = await run();
      expect(result.accepted).toBe(false);
      // The pick itself succeeded: only the end state tells that the tube left the hand.
      expect(result.segments[0]?.success).toBe(true);
      const dropped = result.checks.find((c) => c.code === 'episode.dropped');
      expect(dropped?.detail).toMatch(/tube was taken by step 1 .*\(let go during close-lid\)/);
    } finally {
      transitionDefaults.putDownHeld = true;
    }
  }, 180_000);
});

describe('--start-pose', () => {
  const sample = (startPose: 'home' | 'random', slot: number) =>
    sampleEpisodeSpec({
      labgenVersion,
      robot: panda,
      scene,
      assets: catalog.assets,
      instruction: 'pick up the PCR plate',
      steps: [{ skill: 'pick', target: 'pcr-plate', text: 'pick up the PCR plate' }],
      runSeed: 0,
      slot,
      attempt: 0,
      fps: 15,
      imageWidth: 32,
      imageHeight: 32,
      cameras: ['front'],
      randomize: true,
      startJitterRad: 0.05,
      startPose,
      robotBase: { posM: [...scene.robotMount.posM], yawRad: scene.robotMount.yawRad },
    });

  it('home jitters each joint by at most 0.05 rad; random draws up to 0.4 rad within the joint limits, recorded', () => {
    const joints = panda.links.flatMap((l) => (l.joint ? [l.joint] : []));
    let widest = 0;
    for (let slot = 0; slot < 20; slot++) {
      const home = sample('home', slot);
      expect(home.randomization.startPose).toBe('home');
      for (const o of home.randomization.startOffsetRad) expect(Math.abs(o)).toBeLessThanOrEqual(0.05);
      const random = sample('random', slot);
      expect(random.randomization.startPose).toBe('random');
      random.randomization.startOffsetRad.forEach((o, j) => {
        expect(Math.abs(o)).toBeLessThanOrEqual(0.4);
        const q = (panda.homeRad[j] as number) + o;
        const [lo, hi] = joints[j]?.rangeRad ?? [-Infinity, Infinity];
        expect(q).toBeGreaterThan(lo);
        expect(q).toBeLessThan(hi);
        widest = Math.max(widest, Math.abs(o));
      });
    }
    expect(widest).toBeGreaterThan(0.3);
  });
});
