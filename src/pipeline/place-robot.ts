// Where a robot stands for a job: the placement search over the scene as written and jittered samples of it.
import { createRng, deriveSeed } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import {
  baseOverlap,
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
import { mujocoModule } from '../sim/mujoco-module.js';
import { SceneObserver } from '../sim/observe.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { Simulation } from '../sim/simulation.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { SceneInstance } from '../scenes/scene-instance.js';
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
  const paramsFor = (skill: string) => ({
    ...getSkill(skill).defaults,
    ...(robot.skillOverrides[skill] ?? {}),
  });
  const [nominal, ...jittered] = layouts.map((layout) => taskTargets(layout, steps, paramsFor));
  const oracle = await createReachOracle(robot);
  const clash = standingClash(robot, scene, layouts[0] as SceneInstance, await mujocoModule());
  try {
    return findPlacement(
      robot.id,
      scene.id,
      placementCandidates(scene),
      nominal ?? [],
      (b, t) => oracle.reachable(b, t.posM, t.straddle, t.mat),
      { clash, jittered },
    );
  } finally {
    oracle.delete();
  }
}

/** Radius of the robot's base about its mount point in the floor plane (its fixed first link's geoms). */
export function baseRadiusM(robot: RobotProfile): number {
  const fixed = robot.links.filter((l, i) => i === 0 || !l.joint).slice(0, 1);
  const radii = fixed.flatMap((l) =>
    l.geoms.map((g) => {
      const off = Math.hypot(l.posM[0], l.posM[1]);
      if (g.type === 'box')
        return off + Math.hypot(g.posM[0], g.posM[1]) + Math.hypot(g.halfSizeM[0], g.halfSizeM[1]);
      if (g.type === 'sphere') return off + Math.hypot(g.posM[0], g.posM[1]) + g.radiusM;
      return off + Math.max(Math.hypot(g.fromM[0], g.fromM[1]), Math.hypot(g.toM[0], g.toM[1])) + g.radiusM;
    }),
  );
  return Math.max(0.05, ...radii);
}

/**
 * What a robot standing at a base pose touches on the nominal layout: its base disc on an object's footprint, or
 * its arm in the home pose (with the bench's start state, a lid standing open) on anything: an episode there
 * could only be rejected with `start.in-collision`.
 */
function standingClash(
  robot: RobotProfile,
  template: SceneTemplate,
  layout: SceneInstance,
  mj: Awaited<ReturnType<typeof mujocoModule>>,
): (base: BasePose) => string | null {
  const radiusM = baseRadiusM(robot);
  return (base) => {
    const mount: BasePose = {
      posM: [base.posM[0] + robot.base.posM[0], base.posM[1] + robot.base.posM[1], base.posM[2]],
      yawRad: base.yawRad,
    };
    const under = baseOverlap(mount, radiusM, layout.objects);
    if (under) return `the robot's base stands on ${under}`;
    const model = composeSceneMjcf(template, layout, robot, base);
    const sim = Simulation.fromXmlWith(mj, model.xml);
    const binding = new RobotBinding(sim, model.robot);
    try {
      const observer = new SceneObserver(sim, binding, layout.objects);
      for (const o of layout.objects)
        if (o.partPositions) observer.setStartPartPositions(o.id, o.partPositions);
      binding.resetArm(robot.homeRad, robot.gripper.strokeM);
      const touch = observer.robotSceneContactAt(robot.homeRad, new Set());
      return touch && `its home pose touches the scene: ${touch}`;
    } finally {
      binding.delete();
      sim.delete();
    }
  };
}
