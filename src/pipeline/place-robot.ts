// Where a robot stands for a job: the placement search over the scene as written and jittered samples of it.
import { createRng, deriveSeed } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import {
  type BasePose,
  findPlacement,
  type PickHeights,
  placementCandidates,
  taskTargets,
} from '../scenes/robot-placement.js';
import type { AssetFamily } from '../schemas/asset.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { createReachOracle } from '../sim/reach-oracle.js';
import { pickDefaults } from '../skills/pick/index.js';
import { getSkill } from '../skills/registry.js';
import type { SkillCall } from '../skills/skill.js';

const JITTERED_LAYOUTS = 16;
const PLACEMENT_SEED = 0x9ace;

/** The pick heights a skill will use on this robot: the pick defaults with the robot's overrides for the skill. */
export function pickHeightsFor(robot: RobotProfile, skill: string): PickHeights {
  return { ...pickDefaults, ...(robot.skillOverrides[skill] ?? {}) };
}

/**
 * The least demanding pick heights of the skills that pick (`pick`, `pick-place`) on this robot: the scene check
 * does not know which skill a task will use, and must not reject a scene for an approach the robot never flies.
 */
export function lowestPickHeights(robot: RobotProfile): PickHeights {
  const [a, b] = [pickHeightsFor(robot, 'pick'), pickHeightsFor(robot, 'pick-place')];
  return {
    approachHeightM: Math.min(a.approachHeightM, b.approachHeightM),
    liftHeightM: Math.min(a.liftHeightM, b.liftHeightM),
    graspDepthM: Math.max(a.graspDepthM, b.graspDepthM),
  };
}

/** Throws UserInputError('unreachable-target') naming the target when no placement works. */
export async function placeRobot(
  robot: RobotProfile,
  scene: SceneTemplate,
  assets: ReadonlyMap<string, AssetFamily>,
  steps: readonly SkillCall[],
): Promise<BasePose> {
  // The nominal layout plus a few jittered ones (appearance too: widths change grasp leans), so the chosen
  // placement keeps reaching when episodes move the labware.
  const layouts = [0, ...Array.from({ length: JITTERED_LAYOUTS }, (_, i) => i + 1)].map((k) =>
    instantiateScene(scene, assets, createRng(deriveSeed(PLACEMENT_SEED, k)), {
      appearance: k > 0,
      layout: k > 0,
      maxLayoutTries: 50,
    }),
  );
  const targets = layouts.flatMap((layout) =>
    taskTargets(layout, steps, (skill) => ({
      ...getSkill(skill).defaults,
      ...(robot.skillOverrides[skill] ?? {}),
    })),
  );
  const oracle = await createReachOracle(robot);
  try {
    return findPlacement(robot.id, scene.id, placementCandidates(scene), targets, (b, t) =>
      oracle.reachable(b, t.posM, t.straddle, t.mat),
    );
  } finally {
    oracle.delete();
  }
}
