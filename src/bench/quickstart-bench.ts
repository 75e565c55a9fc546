// `npm run bench`: where the wall time of the quickstart recipe goes (physics, control/IK, rendering, encoding, writing).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../pipeline/generate.js';
import { loadCatalog } from '../schemas/catalog.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { recipeSchema } from '../schemas/recipe.js';

const episodes = Number(process.argv[2] ?? 3);
const out = mkdtempSync(join(tmpdir(), 'labgen-bench-'));
try {
  const recipe = loadDataFile(recipeSchema, join(packageRoot, 'recipes/quickstart.yaml'));
  const catalog = loadCatalog();
  const started = performance.now();
  // Resident memory after each accepted episode: it should stay flat, since episodes stream to disk.
  const rssMb: number[] = [];
  const summary = await generate(
    { ...recipe, episodes, maxAttempts: episodes * 5, out, keepRejected: false },
    catalog,
    (e) => {
      if (e.type === 'attempt' && e.accepted) rssMb.push(process.memoryUsage().rss / 2 ** 20);
    },
  );
  const wallMs = performance.now() - started;
  const t = summary.timing;
  const frames = summary.robots.reduce((s, r) => s + r.frames, 0);
  const attempts = summary.robots.reduce((s, r) => s + r.attempted, 0);
  const parts: Array<[string, number]> = [
    ['physics (mj_step)', t.physicsMs],
    ['control / IK', t.controlMs],
    ['rendering', t.renderMs],
    ['image encoding (PNG)', t.encodeMs],
    ['writing (stats, Parquet, files)', t.writeMs],
  ];
  const other = wallMs - parts.reduce((s, [, v]) => s + v, 0);
  console.log(
    `quickstart: ${episodes} accepted episode(s), ${attempts} attempt(s), ${frames} frames, ${(wallMs / 1000).toFixed(1)} s wall`,
  );
  console.log('share of wall time:');
  for (const [name, ms] of [...parts, ['other (scene build, checks, sampling)', other] as [string, number]]) {
    console.log(
      `  ${name.padEnd(38)} ${((100 * ms) / wallMs).toFixed(1).padStart(5)} %  (${(ms / 1000).toFixed(2)} s)`,
    );
  }
  console.log(
    `resident memory after each accepted episode (MB): ${rssMb.map((v) => v.toFixed(0)).join(', ')}`,
  );
  console.log(
    `throughput: ${(frames / (wallMs / 1000)).toFixed(1)} recorded frames/s, ${((frames * recipe.cameras.length) / (t.renderMs / 1000)).toFixed(0)} rendered images/s while rendering`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
