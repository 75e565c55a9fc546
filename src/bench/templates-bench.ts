// `npm run bench` (part 3): raw success of one pick-place task per bench template (recipes/templates/) per robot.
// Usage: node dist/bench/templates-bench.js [attempts=2] [template-id,...]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { loadCatalog } from '../schemas/catalog.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { recipeSchema } from '../schemas/recipe.js';
import {
  type BenchTask,
  describeDeepestPenetration,
  describeRejections,
  formatReasonCounts,
  measureRawSuccess,
  type RawSuccess,
  resolveBenchTask,
} from './raw-success.js';

const attempts = Number(process.argv[2] ?? 2);
const catalog = loadCatalog();
// Optional comma-separated template ids, to re-measure a few benches without the whole table.
const only = process.argv[3]?.split(',').filter(Boolean);
const unknown = only?.filter((id) => !catalog.scenes.has(id)) ?? [];
if (unknown.length > 0) {
  throw new UserInputError(
    'unknown-template',
    `unknown template(s) ${unknown.join(', ')}; templates: ${[...catalog.scenes.keys()].join(', ')}`,
  );
}
const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;

// Every template is benched: one without a recipe, or whose recipe no longer plans, is a line in the report
// rather than a silent gap in the table.
const tasks: BenchTask[] = [];
const untested: string[] = [];
for (const scene of catalog.scenes.values()) {
  if (only && !only.includes(scene.id)) continue;
  const file = join(packageRoot, 'recipes/templates', `${scene.id}.yaml`);
  if (!existsSync(file)) {
    untested.push(`${scene.id}: no bench recipe (recipes/templates/${scene.id}.yaml)`);
    continue;
  }
  try {
    tasks.push(resolveBenchTask(loadDataFile(recipeSchema, file), catalog));
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    untested.push(`${scene.id}: ${err.message}`);
  }
}

console.log(
  `raw success of the scripted expert, one pick-place per bench template (${attempts} attempt(s) per robot x template, seeds 0..${attempts - 1}; physics only, no rendering):`,
);
for (const t of tasks) console.log(`  ${t.scene.id.padEnd(22)} "${t.recipe.instruction}"`);
for (const line of untested) console.log(`  not benched: ${line}`);

const runs: RawSuccess[] = [];
for (const task of tasks) {
  console.log(`\n${task.scene.id}:`);
  const perTemplate: RawSuccess[] = [];
  for (const robot of catalog.robots.values()) {
    const r = await measureRawSuccess(robot, task, catalog, attempts);
    perTemplate.push(r);
    console.log(
      `  ${robot.id.padEnd(18)} ${`${r.accepted}/${r.attempted}`.padEnd(6)} ${`${r.seconds.toFixed(1)} s`.padStart(7)}  ${describeRejections(r)}`,
    );
  }
  runs.push(...perTemplate);
  const accepted = perTemplate.reduce((s, r) => s + r.accepted, 0);
  const attempted = perTemplate.reduce((s, r) => s + r.attempted, 0);
  const everyRobot = perTemplate.filter((r) => r.accepted > 0).length;
  const notPlaced = perTemplate.filter((r) => r.placementError !== undefined).length;
  const reasons: Record<string, number> = {};
  for (const r of perTemplate)
    for (const [k, v] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
  const why = formatReasonCounts(reasons);
  console.log(
    `  => ${task.scene.id}: ${accepted}/${attempted} accepted; ${everyRobot}/${perTemplate.length} robots accepted at least once; ${notPlaced} not placed${why ? `; rejections: ${why}` : ''} (${elapsed()} so far)`,
  );
}

// The grid: robots down, templates across; "-" is a robot that could not be placed at that bench.
const ids = tasks.map((t) => t.scene.id);
const cellWidth = Math.max(7, ...ids.map((id) => id.length)) + 1;
const cell = (robot: string, scene: string): string => {
  const r = runs.find((x) => x.robot === robot && x.scene === scene);
  if (!r) return '?';
  return r.placementError !== undefined ? '-' : `${r.accepted}/${r.attempted}`;
};
console.log('\naccepted/attempted per robot x template ("-": no placement):');
console.log(`${'robot'.padEnd(18)} ${ids.map((id) => id.padEnd(cellWidth)).join('')}`);
for (const robot of catalog.robots.keys()) {
  console.log(`${robot.padEnd(18)} ${ids.map((id) => cell(robot, id).padEnd(cellWidth)).join('')}`);
}

const accepted = runs.reduce((s, r) => s + r.accepted, 0);
const attempted = runs.reduce((s, r) => s + r.attempted, 0);
const notPlaced = runs.filter((r) => r.placementError !== undefined).length;
const full = runs.filter((r) => r.placementError === undefined && r.accepted === r.attempted).length;
console.log(
  `all templates: ${accepted}/${attempted} accepted; ${full}/${runs.length} robot x template pairs accepted on every attempt, ${notPlaced} not placed`,
);
console.log(describeDeepestPenetration(runs));
console.log(`templates bench: ${elapsed()}`);
