// Samples an EpisodeSpec for one (robot, slot, attempt): scene layout and appearance, robot start pose; all recorded.
import { createRng, deriveSeed } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import type { AssetFamily } from '../schemas/asset.js';
import type { EpisodeSpec } from '../schemas/episode-spec.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { SkillCall } from '../skills/skill.js';

export interface SamplerInput {
  labgenVersion: string;
  robot: RobotProfile;
  scene: SceneTemplate;
  assets: ReadonlyMap<string, AssetFamily>;
  instruction: string;
  steps: SkillCall[];
  runSeed: number;
  slot: number;
  attempt: number;
  fps: number;
  imageWidth: number;
  imageHeight: number;
  cameras: string[];
  randomize: boolean;
  /** Where the robot stands (from the placement search); recorded so the episode replays exactly. */
  robotBase: { posM: [number, number, number]; yawRad: number };
  /** Largest perturbation of each joint of the start pose (rad). */
  startJitterRad: number;
  /** `random`: the start is drawn up to RANDOM_START_RAD per joint from home instead (default `home`). */
  startPose?: 'home' | 'random';
}

/**
 * Reach of a random start from home, per joint: enough to put the hand anywhere over the near half of the bench
 * for most arms, little enough that the wrist still points down-ish and the hand stays above the bench.
 */
export const RANDOM_START_RAD = 0.4;

export function sampleEpisodeSpec(input: SamplerInput): EpisodeSpec {
  // The stream depends only on (run seed, robot, slot, attempt): not on worker count, shard or completion order.
  const seed = deriveSeed(input.runSeed, input.robot.id, input.slot, input.attempt);
  const rng = createRng(seed);
  const scene = instantiateScene(input.scene, input.assets, rng.fork('scene'), {
    appearance: input.randomize,
    layout: input.randomize,
    maxLayoutTries: 50,
  });
  const startRng = rng.fork('robot-start');
  const random = input.startPose === 'random';
  const reach = random ? RANDOM_START_RAD : input.startJitterRad;
  const startOffsetRad = input.robot.homeRad.map((home, j) => {
    if (!input.randomize && !random) return 0;
    const joint = input.robot.links.filter((l) => l.joint)[j]?.joint;
    const offset = startRng.uniform(-1, 1) * reach;
    // Joint limits hold for the start too: a random start never begins beyond a stop.
    if (!joint || !random) return offset;
    const [lo, hi] = joint.rangeRad;
    return Math.min(hi - 0.02, Math.max(lo + 0.02, home + offset)) - home;
  });
  return {
    labgenVersion: input.labgenVersion,
    robot: input.robot.id,
    scene: input.scene.id,
    instruction: input.instruction,
    steps: input.steps,
    runSeed: input.runSeed,
    slot: input.slot,
    attempt: input.attempt,
    seed,
    fps: input.fps,
    imageWidth: input.imageWidth,
    imageHeight: input.imageHeight,
    cameras: input.cameras,
    robotBase: input.robotBase,
    randomization: {
      preset: input.randomize ? 'default' : 'none',
      objects: scene.objects.map(
        ({ id, asset, params, colors, massKg, posM, yawRad, liquid, partPositions }) => ({
          id,
          asset,
          params,
          colors,
          massKg,
          posM,
          yawRad,
          ...(liquid ? { liquid } : {}),
          ...(partPositions ? { partPositions } : {}),
        }),
      ),
      startPose: input.startPose ?? 'home',
      startOffsetRad,
    },
  };
}
