// Where a robot stands for a job: the placement search run on the scene's nominal layout (one adapter call).
import { createRng } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import { type BasePose, findPlacement, placementCandidates, taskTargets } from '../scenes/robot-placement.js';
import type { AssetFamily } from '../schemas/asset.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { createReachOracle } from '../sim/reach-oracle.js';
import type { SkillCall } from '../skills/skill.js';

/** Throws UserInputError('unreachable-target') naming the target when no placement works. */
export async function placeRobot(
  robot: RobotProfile,
  scene: SceneTemplate,
  assets: ReadonlyMap<string, AssetFamily>,
  steps: readonly SkillCall[],
): Promise<BasePose> {
  const nominal = instantiateScene(scene, assets, createRng(0), {
    appearance: false,
    layout: false,
    maxLayoutTries: 1,
  });
  const oracle = await createReachOracle(robot);
  try {
    return findPlacement(
      robot.id,
      scene.id,
      placementCandidates(scene),
      taskTargets(nominal, steps),
      (b, t) => oracle.reachable(b, t),
    );
  } finally {
    oracle.delete();
  }
}
