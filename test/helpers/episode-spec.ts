// The episode spec the skill tests run: the robot placed for the steps, slot 0 attempt 0 of run seed 0, with
// layout randomization, 32x32 front images at 15 fps (the defaults `labgen generate` would sample first).
import { placeRobot } from '../../src/pipeline/place-robot.js';
import { sampleEpisodeSpec } from '../../src/randomization/episode-sampler.js';
import type { Catalog } from '../../src/schemas/catalog.js';
import type { RobotProfile } from '../../src/schemas/robot.js';
import type { SceneTemplate } from '../../src/schemas/scene.js';
import type { SkillCall } from '../../src/skills/skill.js';
import { labgenVersion } from '../../src/version.js';

export async function firstEpisodeSpec(
  catalog: Catalog,
  robotId: string,
  scene: SceneTemplate,
  steps: SkillCall[],
  instruction = steps[0]?.text ?? '',
) {
  const robot = catalog.robots.get(robotId) as RobotProfile;
  const base = await placeRobot(robot, scene, catalog.assets, steps);
  return sampleEpisodeSpec({
    labgenVersion,
    robot,
    scene,
    assets: catalog.assets,
    instruction,
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
}
