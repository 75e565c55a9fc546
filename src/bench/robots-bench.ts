// `npm run bench` (part 2): the scripted expert's raw success rate per robot on the quickstart task.
import { join } from 'node:path';
import { parseInstruction } from '../instructions/parse-instruction.js';
import { sceneLexicon } from '../instructions/scene-lexicon.js';
import { placeRobot } from '../pipeline/place-robot.js';
import { runEpisode } from '../pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../randomization/episode-sampler.js';
import { loadCatalog, lookup } from '../schemas/catalog.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { recipeSchema } from '../schemas/recipe.js';
import { labgenVersion } from '../version.js';

const attempts = Number(process.argv[2] ?? 5);
const recipe = loadDataFile(recipeSchema, join(packageRoot, 'recipes/quickstart.yaml'));
const catalog = loadCatalog();
const scene = lookup(catalog.scenes, recipe.scene, 'scene', 'scene');
const plan = parseInstruction(recipe.instruction, sceneLexicon(scene, catalog.assets));
console.log(
  `raw success of the scripted expert on the quickstart task (${attempts} attempts per robot, seeds 0..${attempts - 1}; physics only, no rendering):`,
);
console.log(`${'robot'.padEnd(18)} accepted/attempted  rejection reasons`);
for (const robot of catalog.robots.values()) {
  let base;
  try {
    base = await placeRobot(robot, scene, catalog.assets, plan.steps);
  } catch (err) {
    console.log(`${robot.id.padEnd(18)} ${'0/0'.padEnd(19)} no placement: ${(err as Error).message}`);
    continue;
  }
  let accepted = 0;
  const reasons: Record<string, number> = {};
  for (let slot = 0; slot < attempts; slot++) {
    const spec = sampleEpisodeSpec({
      labgenVersion,
      robot,
      scene,
      assets: catalog.assets,
      instruction: recipe.instruction,
      steps: plan.steps,
      runSeed: recipe.seed,
      slot,
      attempt: 0,
      fps: recipe.fps,
      imageWidth: 32,
      imageHeight: 32,
      cameras: recipe.cameras,
      randomize: true,
      startJitterRad: 0.05,
      robotBase: { posM: [...base.posM], yawRad: base.yawRad },
    });
    const result = await runEpisode(spec, catalog, null);
    if (result.accepted) accepted++;
    else reasons[result.reason ?? 'unknown'] = (reasons[result.reason ?? 'unknown'] ?? 0) + 1;
  }
  const why = Object.entries(reasons)
    .map(([k, v]) => `${k} x${v}`)
    .join(', ');
  console.log(`${robot.id.padEnd(18)} ${`${accepted}/${attempts}`.padEnd(19)} ${why}`);
}
