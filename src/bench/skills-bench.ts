// `npm run bench` (part 5): raw success of every registered skill alone in its default scene
// (recipes/skills/<skill-id>.yaml) per robot, and of the Sci-VLA long-horizon tasks (recipes/sci-vla-task-*.yaml)
// and the chemistry protocol (recipes/chemistry-protocol.yaml).
// Usage: node dist/bench/skills-bench.js [attempts=3] [skills|tasks|all=all] [robot,...|all=all]
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserInputError } from '../errors.js';
import { loadCatalog } from '../schemas/catalog.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { recipeSchema } from '../schemas/recipe.js';
import { skillRegistry } from '../skills/registry.js';
import {
  type BenchTask,
  describeDeepestPenetration,
  describeRejections,
  measureRawSuccess,
  type RawSuccess,
  resolveBenchTask,
} from './raw-success.js';

const attempts = Number(process.argv[2] ?? 3);
const part = process.argv[3] ?? 'all';
const catalog = loadCatalog();
const robotArg = process.argv[4] ?? 'all';
const robots = robotArg === 'all' ? [...catalog.robots.keys()] : robotArg.split(',').filter(Boolean);
const unknownRobots = robots.filter((r) => !catalog.robots.has(r));
if (unknownRobots.length > 0 || !['skills', 'tasks', 'all'].includes(part)) {
  throw new UserInputError(
    'bad-bench-args',
    `usage: skills-bench.js [attempts] [skills|tasks|all] [robot,...|all]; unknown robot(s): ${unknownRobots.join(', ')}`,
  );
}
const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;

/** Loads a recipe as a bench task, or says why it cannot be benched (a line in the report, never a silent gap). */
function load(file: string, label: string, untested: string[]): BenchTask | undefined {
  if (!existsSync(file)) {
    untested.push(`${label}: no recipe (${relative(packageRoot, file)})`);
    return undefined;
  }
  try {
    return resolveBenchTask(loadDataFile(recipeSchema, file), catalog);
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    untested.push(`${label}: ${err.message}`);
    return undefined;
  }
}

async function benchTable(title: string, tasks: Array<[string, BenchTask]>, robotIds: readonly string[]) {
  const runs: Array<RawSuccess & { label: string }> = [];
  for (const [label, task] of tasks) {
    console.log(`\n${label} (${task.scene.id}):`);
    for (const id of robotIds) {
      const robot = catalog.robots.get(id);
      if (!robot) continue;
      const r = await measureRawSuccess(robot, task, catalog, attempts);
      runs.push({ ...r, label });
      console.log(
        `  ${robot.id.padEnd(18)} ${`${r.accepted}/${r.attempted}`.padEnd(6)} ${`${r.seconds.toFixed(1)} s`.padStart(7)}  ${describeRejections(r)}`,
      );
    }
    const mine = runs.filter((r) => r.label === label);
    const accepted = mine.reduce((s, r) => s + r.accepted, 0);
    const attempted = mine.reduce((s, r) => s + r.attempted, 0);
    const pct = attempted > 0 ? ((100 * accepted) / attempted).toFixed(0) : '-';
    console.log(`  => ${label}: ${accepted}/${attempted} accepted (${pct}%) (${elapsed()} so far)`);
  }
  const labels = tasks.map(([l]) => l);
  const width = Math.max(8, ...labels.map((l) => l.length)) + 1;
  console.log(`\n${title}: accepted/attempted per robot ("-": the robot could not be placed):`);
  console.log(`${'robot'.padEnd(18)} ${labels.map((l) => l.padEnd(width)).join('')}`);
  for (const id of robotIds) {
    const cells = labels.map((l) => {
      const r = runs.find((x) => x.label === l && x.robot === id);
      return (r ? (r.placementError !== undefined ? '-' : `${r.accepted}/${r.attempted}`) : '?').padEnd(
        width,
      );
    });
    console.log(`${id.padEnd(18)} ${cells.join('')}`);
  }
  const totals = labels.map((l) => {
    const mine = runs.filter((r) => r.label === l);
    const a = mine.reduce((s, r) => s + r.accepted, 0);
    const n = mine.reduce((s, r) => s + r.attempted + (r.placementError !== undefined ? attempts : 0), 0);
    return `${n > 0 ? ((100 * a) / n).toFixed(0) : '-'}%`.padEnd(width);
  });
  console.log(`${'all (unplaced = 0)'.padEnd(18)} ${totals.join('')}`);
  console.log(describeDeepestPenetration(runs));
}

if (part !== 'tasks') {
  const untested: string[] = [];
  const tasks: Array<[string, BenchTask]> = [];
  for (const id of Object.keys(skillRegistry)) {
    const task = load(join(packageRoot, 'recipes/skills', `${id}.yaml`), id, untested);
    if (task) tasks.push([id, task]);
  }
  console.log(
    `raw success of the scripted expert, each skill alone in its default scene (${attempts} attempt(s) per robot, seeds 0..${attempts - 1}; physics only):`,
  );
  for (const line of untested) console.log(`  not benched: ${line}`);
  await benchTable('skills', tasks, robots);
}

if (part !== 'skills') {
  const untested: string[] = [];
  const files = readdirSync(join(packageRoot, 'recipes'))
    .filter((f) => /^sci-vla-task-[a-z]\.yaml$/.test(f))
    .sort();
  const tasks: Array<[string, BenchTask]> = [];
  for (const f of files) {
    const label = `task-${f.slice('sci-vla-task-'.length, -'.yaml'.length).toUpperCase()}`;
    const task = load(join(packageRoot, 'recipes', f), label, untested);
    if (task) tasks.push([`${label}(${task.steps.length})`, task]);
  }
  // The long chemistry protocol of issue 10 beside them.
  const chemistry = load(join(packageRoot, 'recipes', 'chemistry-protocol.yaml'), 'chemistry', untested);
  if (chemistry) tasks.push([`chemistry(${chemistry.steps.length})`, chemistry]);
  console.log(
    `\nraw success of the Sci-VLA long-horizon tasks (Table 2 prompts) and the chemistry protocol; ${attempts} attempt(s) per robot; physics only:`,
  );
  for (const line of untested) console.log(`  not benched: ${line}`);
  await benchTable('Sci-VLA tasks', tasks, robots);
}
console.log(`skills bench: ${elapsed()}`);
