// Loading and unloading instruments by contact physics: a tube from the rack into a centrifuge rotor hole and back
// onto the rack, the PCR plate into the thermal cycler's seat and out of it, on the Panda and the UR5e; a rotor with
// every hole taken and a tube let go over a covered hole are rejected with their codes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { midRangeSample } from '../src/assets/asset-semantics.js';
import { sceneAtStart } from '../src/instructions/scene-start.js';
import { placeRobot } from '../src/pipeline/place-robot.js';
import { type EpisodeResult, runEpisode, sceneFromSpec } from '../src/pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { EpisodeSpec } from '../src/schemas/episode-spec.js';
import { loadDataFile, packageRoot } from '../src/schemas/load-data-file.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import { type SceneTemplate, sceneTemplateSchema } from '../src/schemas/scene.js';
import { holderSlots } from '../src/skills/slot-space.js';
import type { SkillCall } from '../src/skills/skill.js';
import { labgenVersion } from '../src/version.js';

const base = loadCatalog();
const fixture = (id: string) =>
  loadDataFile(sceneTemplateSchema, join(packageRoot, 'test/fixtures/scenes', `${id}.yaml`));
const centrifugeBench = fixture('centrifuge-bench-lid-open');
const cyclerBench = fixture('thermal-cycler-bench-lid-open');
const catalog = {
  ...base,
  scenes: new Map([...base.scenes, [centrifugeBench.id, centrifugeBench], [cyclerBench.id, cyclerBench]]),
};
const robot = (id: string) => {
  const r = catalog.robots.get(id);
  if (!r) throw new Error(`no robot ${id}`);
  return r;
};

const call = (skill: string, target: string, destination?: string): SkillCall => ({
  skill,
  target,
  ...(destination ? { destination } : {}),
  text: `${skill} ${target}${destination ? ` into ${destination}` : ''}`,
});

interface Case {
  name: string;
  scene: SceneTemplate;
  steps: SkillCall[];
  /** The slot holder the target ends up in, for the pose checks. */
  holder?: string;
}

const cases: Case[] = [
  {
    name: 'a tube from the rack into a rotor hole',
    scene: centrifugeBench,
    steps: [call('pick-place', 'tube', 'centrifuge')],
    holder: 'centrifuge',
  },
  {
    name: 'a tube from the rotor back onto the rack',
    scene: sceneAtStart(centrifugeBench, 'loaded'),
    steps: [call('pick-place', 'tube', 'tube-rack')],
    holder: 'tube-rack',
  },
  {
    name: 'the PCR plate into the thermal cycler seat',
    scene: cyclerBench,
    steps: [call('pick-place', 'pcr-plate', 'thermal-cycler')],
    holder: 'thermal-cycler',
  },
  {
    name: 'the PCR plate out of the seat',
    scene: sceneAtStart(cyclerBench, 'loaded'),
    steps: [call('pick', 'pcr-plate')],
  },
];

async function episode(
  r: RobotProfile,
  scene: SceneTemplate,
  steps: SkillCall[],
  slot: number,
  edit?: (spec: EpisodeSpec) => void,
  cat = catalog,
): Promise<EpisodeResult> {
  const at = await placeRobot(r, scene, cat.assets, steps);
  const spec = sampleEpisodeSpec({
    labgenVersion,
    robot: r,
    scene,
    assets: cat.assets,
    instruction: steps.map((s) => s.text).join(', '),
    steps,
    runSeed: 11,
    slot,
    attempt: 0,
    fps: 15,
    imageWidth: 32,
    imageHeight: 32,
    cameras: ['front'],
    randomize: true,
    startJitterRad: 0.05,
    robotBase: { posM: [...at.posM], yawRad: at.yawRad },
  });
  edit?.(spec);
  return runEpisode(spec, cat, null);
}

const released = (r: EpisodeResult) =>
  [...(r.columns.numeric['annotation.phase_index'] as BigInt64Array)].some((p) => p === 5n);

describe.each(['franka-panda', 'ur5e'])('loading and unloading instruments on %s', (robotId) => {
  it.each(cases)('$name', async ({ scene, steps, holder }) => {
    const result = await episode(robot(robotId), scene, steps, 0);
    expect(result.reason, JSON.stringify(result.checks.filter((c) => !c.ok))).toBeUndefined();
    expect(result.accepted).toBe(true);
    // No solid passed more than the honesty limit into another, fingers and rotor walls included.
    expect(result.quality.maxPenetrationM).toBeLessThan(0.003);
    const placed = result.checks.find((c) => c.predicate === 'place.in-container');
    if (holder) {
      expect(placed?.ok).toBe(true);
      // Seated in one of the holder's slots: its base within 1.5 mm of that slot's floor under its axis.
      const objects = new Map(sceneFromSpec(result.spec, catalog).objects.map((o) => [o.id, o]));
      const h = objects.get(holder);
      const pose = result.finalPoses[steps[0]!.target];
      if (!h || !pose) throw new Error('missing');
      const [c, s] = [Math.cos(h.yawRad), Math.sin(h.yawRad)];
      const slot = holderSlots(h.built)[placed?.metrics?.placeSlot ?? -1];
      if (!slot) throw new Error('no slot');
      const floor = [
        h.posM[0] + c * slot.floorM[0] - s * slot.floorM[1],
        h.posM[1] + s * slot.floorM[0] + c * slot.floorM[1],
        h.posM[2] + slot.floorM[2],
      ];
      expect(Math.abs(pose.posM[2] - (floor[2] as number))).toBeLessThan(0.0015);
      // A tube stands in its hole (the hole leaves about 1 mm); a plate lies within the seat's 2 mm to spare.
      expect(
        Math.hypot(pose.posM[0] - (floor[0] as number), pose.posM[1] - (floor[1] as number)),
      ).toBeLessThan(holder === 'thermal-cycler' ? 0.004 : 0.003);
    } else {
      expect(result.checks.find((c) => c.predicate === 'pick.lifted')?.ok).toBe(true);
    }
  });
});

describe('sabotaged loading', () => {
  const panda = robot('franka-panda');
  const intoRotor = [call('pick-place', 'tube', 'centrifuge')];

  it('with every rotor hole taken, the plan fails with place.no-room and no lowering is simulated', async () => {
    const tube = catalog.assets.get('centrifuge-tube-1-5ml');
    if (!tube) throw new Error('missing');
    const result = await episode(panda, centrifugeBench, intoRotor, 1, (spec) => {
      const centrifuge = sceneFromSpec(spec, catalog).objects.find((o) => o.id === 'centrifuge');
      if (!centrifuge) throw new Error('missing');
      const [c, s] = [Math.cos(centrifuge.yawRad), Math.sin(centrifuge.yawRad)];
      holderSlots(centrifuge.built).forEach((slot, k) => {
        spec.randomization.objects.push({
          id: `filler-${k}`,
          asset: 'centrifuge-tube-1-5ml',
          ...midRangeSample(tube),
          posM: [
            centrifuge.posM[0] + c * slot.floorM[0] - s * slot.floorM[1],
            centrifuge.posM[1] + s * slot.floorM[0] + c * slot.floorM[1],
            centrifuge.posM[2] + slot.floorM[2],
          ],
          yawRad: 0,
        });
      });
    });
    expect(result.reason).toBe('place.no-room');
    expect(result.checks.find((c) => c.code === 'place.no-room')?.detail).toMatch(/every slot of centrifuge/);
    expect(released(result)).toBe(false);
  });

  it('a tube let go over a hole a plate lies across is rejected as not seated, never pushed through', async () => {
    // Gaps of -1 m let the slot planner ignore what lies over the holes; the plate covers the rotor's near holes. The
    // slow guarded stretch starts 4 cm above the walls, above the plate, so the tube comes down on it slowly.
    const plate = catalog.assets.get('pcr-plate');
    if (!plate) throw new Error('missing');
    const blind = {
      ...catalog,
      robots: new Map([
        [
          panda.id,
          { ...panda, skillOverrides: { 'pick-place': { slotNeighbourGapM: -1, rimClearanceM: 0.04 } } },
        ],
      ]),
    };
    const result = await episode(
      panda,
      centrifugeBench,
      intoRotor,
      2,
      (spec) => {
        const centrifuge = sceneFromSpec(spec, catalog).objects.find((o) => o.id === 'centrifuge');
        const rotorTop = centrifuge?.built.container?.minM[2];
        if (!centrifuge || rotorTop === undefined) throw new Error('missing');
        const [c, s] = [Math.cos(centrifuge.yawRad), Math.sin(centrifuge.yawRad)];
        // Over the rotor's centre, towards its front (slot 0 faces the operator), lying on the hole walls.
        spec.randomization.objects.push({
          id: 'cover',
          asset: 'pcr-plate',
          ...midRangeSample(plate),
          posM: [centrifuge.posM[0] + s * 0.02, centrifuge.posM[1] - c * 0.02, centrifuge.posM[2] + rotorTop],
          yawRad: centrifuge.yawRad,
        });
      },
      blind,
    );
    expect(result.segments[0]?.checks.find((c) => c.predicate === 'pick.lifted')?.ok).toBe(true);
    expect(result.accepted).toBe(false);
    expect(result.reason).toBe('place.not-seated');
    expect(result.quality.maxPenetrationM).toBeLessThan(0.003);
  });
});
