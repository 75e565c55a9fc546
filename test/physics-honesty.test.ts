// Sabotaged episodes: each way of faking a placement must be rejected by physics, with the right reason code.
import { describe, expect, it } from 'vitest';
import { runEpisode } from '../src/pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import type { SkillCall } from '../src/skills/skill.js';
import { labgenVersion } from '../src/version.js';

const catalog = loadCatalog();
const panda = catalog.robots.get('franka-panda') as RobotProfile;
const scene = catalog.scenes.get('clean-table') as SceneTemplate;
if (!panda || !scene) throw new Error('bundled data missing');

const intoBasket = (target: string): SkillCall => ({
  skill: 'pick-place',
  target,
  destination: 'basket',
  text: `pick the ${target} into the basket`,
});

function spec(steps: SkillCall[], slot: number) {
  return sampleEpisodeSpec({
    labgenVersion,
    robot: panda,
    scene,
    assets: catalog.assets,
    instruction: steps.map((s) => s.text).join(', '),
    steps,
    runSeed: 5,
    slot,
    attempt: 0,
    fps: 15,
    imageWidth: 32,
    imageHeight: 32,
    cameras: ['front'],
    randomize: true,
    startJitterRad: 0.05,
    robotBase: { posM: [...scene.robotMount.posM], yawRad: scene.robotMount.yawRad },
  });
}

/** The catalog with the Panda's pick-place parameters overridden (a sabotaged planner). */
const withParams = (params: Record<string, number>) => ({
  ...catalog,
  robots: new Map([[panda.id, { ...panda, skillOverrides: { 'pick-place': params } }]]),
});

describe('physics honesty (sabotaged episodes)', () => {
  it('rejects two solids sampled into each other, naming both, the depth and the frame', async () => {
    const s = spec([intoBasket('pcr-plate')], 0);
    const box = s.randomization.objects.find((o) => o.id === 'pipette-tip-box');
    const plate = s.randomization.objects.find((o) => o.id === 'pcr-plate');
    if (!box || !plate) throw new Error('missing');
    plate.posM = [box.posM[0], box.posM[1], box.posM[2] + 0.02];
    const result = await runEpisode(s, catalog, null);
    expect(result.accepted).toBe(false);
    expect(result.reason).toBe('sim.interpenetration');
    const failed = result.checks.find((c) => c.code === 'sim.interpenetration');
    expect(failed?.detail).toMatch(/pipette-tip-box and pcr-plate|pcr-plate and pipette-tip-box/);
    expect(failed?.detail).toMatch(/overlap by \d+\.\d mm at frame 0/);
    expect(result.quality.maxPenetrationM).toBeGreaterThan(0.005);
  });

  it('forced onto the tip box already in the basket, the plate is lowered onto it, never pushed in, and rejected', async () => {
    // Gaps of -1 m let the drop spot ignore what is in the basket: the planner picks the tip box's corner.
    const result = await runEpisode(
      spec([intoBasket('pipette-tip-box'), intoBasket('pcr-plate')], 1),
      withParams({ contentGapM: -1 }),
      null,
    );
    expect(result.segments[0]?.success).toBe(true);
    expect(result.accepted).toBe(false);
    expect(['place.above-rim', 'place.tilted', 'place.on-rim']).toContain(result.reason);
    // The guarded lowering stopped on the box: nothing passed into anything.
    expect(result.quality.maxPenetrationM).toBeLessThan(0.003);
  });

  it('released over the basket wall, the plate is rejected as on the rim or outside', async () => {
    const result = await runEpisode(
      spec([intoBasket('pcr-plate')], 2),
      withParams({ wallGapM: -0.06 }),
      null,
    );
    expect(result.accepted).toBe(false);
    expect(['place.on-rim', 'place.outside-container']).toContain(result.reason);
  });

  it('fails the plan, not the physics, when nothing fits: place.no-room, and no lowering is simulated', async () => {
    const result = await runEpisode(spec([intoBasket('pcr-plate')], 3), withParams({ wallGapM: 0.2 }), null);
    expect(result.accepted).toBe(false);
    expect(result.reason).toBe('place.no-room');
    const phases = result.columns.numeric['annotation.phase_index'] as BigInt64Array;
    // Phase 5 is release: the arm never lowered the plate anywhere.
    expect([...phases].some((p) => p === 5n)).toBe(false);
  });
});
