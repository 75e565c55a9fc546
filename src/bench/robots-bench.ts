// `npm run bench` (part 2): the scripted expert's raw success rate per robot on the quickstart task.
import { join } from 'node:path';
import { loadCatalog } from '../schemas/catalog.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { recipeSchema } from '../schemas/recipe.js';
import {
  describeDeepestPenetration,
  describeRejections,
  measureRawSuccess,
  type RawSuccess,
  resolveBenchTask,
} from './raw-success.js';

const attempts = Number(process.argv[2] ?? 5);
const catalog = loadCatalog();
const task = resolveBenchTask(
  loadDataFile(recipeSchema, join(packageRoot, 'recipes/quickstart.yaml')),
  catalog,
);
const started = performance.now();
console.log(
  `raw success of the scripted expert on the quickstart task (${attempts} attempts per robot, seeds 0..${attempts - 1}; physics only, no rendering):`,
);
console.log(`${'robot'.padEnd(18)} accepted/attempted  rejection reasons`);
const runs: RawSuccess[] = [];
for (const robot of catalog.robots.values()) {
  const r = await measureRawSuccess(robot, task, catalog, attempts);
  runs.push(r);
  console.log(`${robot.id.padEnd(18)} ${`${r.accepted}/${r.attempted}`.padEnd(19)} ${describeRejections(r)}`);
}
const accepted = runs.reduce((s, r) => s + r.accepted, 0);
const attempted = runs.reduce((s, r) => s + r.attempted, 0);
console.log(`all robots: ${accepted}/${attempted} accepted`);
console.log(describeDeepestPenetration(runs));
console.log(`robots bench: ${((performance.now() - started) / 1000).toFixed(1)} s`);
