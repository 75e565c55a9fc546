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
}

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
  const startOffsetRad = input.robot.homeRad.map(() =>
    input.randomize ? startRng.uniform(-1, 1) * input.startJitterRad : 0,
  );
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
      startOffsetRad,
    },
  };
}
