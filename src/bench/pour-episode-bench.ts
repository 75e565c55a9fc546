// `npm run bench` (part 6): what the liquid costs a whole pouring episode: the pour recipe's first episode run with
// its 24-particle fill and again with the fill taken out (same robot, layout, plan), in turns, physics time only.
// Target (issue 10): the filled episode steps at least a third as fast as the empty one.
// Usage: node dist/bench/pour-episode-bench.js [rounds=3]
import { placeRobot } from '../pipeline/place-robot.js';
import { runEpisode } from '../pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../randomization/episode-sampler.js';
import { loadCatalog, lookup } from '../schemas/catalog.js';
import type { SkillCall } from '../skills/skill.js';
import { labgenVersion } from '../version.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const TIMESTEP_S = 0.002;
const catalog = loadCatalog();
const scene = lookup(catalog.scenes, 'pouring-station', 'scene', 'scene');
const robot = lookup(catalog.robots, 'franka-panda', 'robot', 'robot');
const steps: SkillCall[] = [
  {
    skill: 'pour',
    target: 'beaker',
    destination: 'small-beaker',
    text: 'pour the beaker into the small beaker',
  },
];
const base = await placeRobot(robot, scene, catalog.assets, steps);
const filled = sampleEpisodeSpec({
  labgenVersion,
  robot,
  scene,
  assets: catalog.assets,
  instruction: steps[0]?.text ?? '',
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
const empty = {
  ...filled,
  randomization: {
    ...filled.randomization,
    objects: filled.randomization.objects.map(({ liquid: _liquid, ...o }) => o),
  },
};
const rate = { filled: [] as number[], empty: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, spec] of [
    ['filled', filled],
    ['empty', empty],
  ] as const) {
    const r = await runEpisode(spec, catalog, null);
    const simS = r.columns.length / spec.fps;
    rate[name].push(simS / TIMESTEP_S / (r.timing.physicsMs / 1000));
    console.log(
      `round ${round + 1} ${name.padEnd(6)} ${r.columns.length} frames, ${(simS / TIMESTEP_S / (r.timing.physicsMs / 1000)).toFixed(0)} steps/s (${r.accepted ? 'accepted' : `rejected: ${r.reason}`})`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ratio = median(rate.filled) / median(rate.empty);
console.log(
  `\npouring episode (Panda, pouring-station, attempt 0): filled ${median(rate.filled).toFixed(0)} steps/s, empty ${median(rate.empty).toFixed(0)} steps/s, ratio ${ratio.toFixed(2)} (target >= 0.33: ${ratio >= 1 / 3 ? 'met' : 'NOT met'})`,
);
