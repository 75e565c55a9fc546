// `npm run bench` (part 4): what a liquid fill costs: the pouring station stepped with and without its filled beaker.
import { LIQUID_PHYSICS, type LiquidPhysics, sceneLiquidXml } from '../liquid/liquid-mjcf.js';
import { createRng } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { SceneInstance } from '../scenes/scene-instance.js';
import { loadCatalog, lookup } from '../schemas/catalog.js';
import { LiquidProbe } from '../sim/liquid-probe.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { Simulation } from '../sim/simulation.js';

const SCENE_ID = 'pouring-station';
const ROBOT_ID = 'franka-panda';
const SIM_S = Number(process.argv[2] ?? 4);
const TIMESTEP_S = 0.002;
/*
 * The variants are stepped in turns, CHUNK steps each, and timed by this process's CPU time: the machines
 * this runs on are shared and noisy, and wall-clock rates of separate runs differed by 3x here, while
 * interleaved CPU-time ratios repeat within a few per cent.
 */
const CHUNK = 50;
/** The stacked fill's alternatives are slow (frictional stacks step at tens of steps/s): a shorter run. */
const STACKED_SIM_S = 1;

const catalog = loadCatalog();
const template = lookup(catalog.scenes, SCENE_ID, 'scene', 'scene');
const robot = lookup(catalog.robots, ROBOT_ID, 'robot', 'robot');
const filled = instantiateScene(template, catalog.assets, createRng(0), {
  appearance: false,
  layout: false,
  maxLayoutTries: 1,
});
const dry: SceneInstance = { ...filled, objects: filled.objects.map(({ liquid: _liquid, ...o }) => o) };
/*
 * A deeper fill than the template's: 60 particles of 4 mm stack two to three layers deep, so particles press on
 * each other, which is where the contact model's cost shows (the template's single layer barely touches).
 */
const STACKED = { particles: 60, radiusM: 0.004 };
const stacked: SceneInstance = {
  ...filled,
  objects: filled.objects.map((o) => (o.liquid ? { ...o, liquid: { ...o.liquid, ...STACKED } } : o)),
};
const fillText = (scene: SceneInstance) =>
  scene.objects
    .flatMap((o) => (o.liquid ? [`${o.id}: ${o.liquid.particles} x ${o.liquid.radiusM * 1000} mm`] : []))
    .join(', ');

interface Variant {
  name: string;
  scene: SceneInstance;
  physics?: LiquidPhysics;
}
const alternatives = (scene: SceneInstance): Variant[] => [
  { name: '  alternative: free joints', scene, physics: { ...LIQUID_PHYSICS, joints: 'free' } },
  {
    name: '  alternative: friction (condim 3, stacks, no flow)',
    scene,
    physics: { ...LIQUID_PHYSICS, condim: 3 },
  },
  {
    name: '  alternative: no particle-particle contacts',
    scene,
    physics: { ...LIQUID_PHYSICS, mutualContacts: false },
  },
];

interface Run {
  variant: Variant;
  sim: Simulation;
  binding: RobotBinding;
  probe: LiquidProbe;
  cpuMs: number;
  wallMs: number;
  steps: number;
}

async function load(v: Variant): Promise<Run> {
  const base = composeSceneMjcf(template, v.physics ? dry : v.scene, robot, template.robotMount);
  // A non-default particle model is spliced in where scene-mjcf puts the default one: at the end of the world body.
  const xml = v.physics
    ? base.xml.replace(
        '</worldbody>',
        `${sceneLiquidXml(v.scene.objects, SCENE_ID, v.physics).join('\n')}\n</worldbody>`,
      )
    : base.xml;
  const sim = await Simulation.fromXml(xml);
  const binding = new RobotBinding(sim, base.robot);
  binding.resetArm(robot.homeRad, robot.gripper.strokeM);
  return {
    variant: v,
    sim,
    binding,
    probe: new LiquidProbe(sim, v.scene.objects),
    cpuMs: 0,
    wallMs: 0,
    steps: 0,
  };
}

/** Steps every variant for `simS` simulated seconds in turns and prints steps/s and the ratio to the first. */
async function measure(title: string, variants: Variant[], simS: number): Promise<number> {
  const runs: Run[] = [];
  try {
    for (const v of variants) runs.push(await load(v));
    const total = Math.round(simS / TIMESTEP_S);
    while ((runs[0] as Run).steps < total) {
      for (const run of runs) {
        const cpu0 = process.cpuUsage();
        const wall0 = performance.now();
        run.sim.step(CHUNK);
        run.wallMs += performance.now() - wall0;
        const cpu = process.cpuUsage(cpu0);
        run.cpuMs += (cpu.user + cpu.system) / 1000;
        run.steps += CHUNK;
      }
    }
    const rate = (r: Run) => r.steps / (r.cpuMs / 1000);
    const dryRate = rate(runs[0] as Run);
    console.log(`${title}; ${simS} s simulated from load (the fill settles first), steps/s by CPU time:`);
    for (const run of runs) {
      const counts = run.probe.counts();
      const inside = Object.entries(counts.byContainer)
        .filter(([, n]) => n > 0)
        .map(([id, n]) => `${id} ${n}`)
        .join(', ');
      console.log(
        `  ${run.variant.name.padEnd(52)} ${rate(run).toFixed(0).padStart(6)} steps/s  ratio ${(rate(run) / dryRate).toFixed(2)}` +
          `  (wall ${(run.steps / (run.wallMs / 1000)).toFixed(0)} steps/s, nv ${run.sim.model.nv}` +
          (counts.total > 0 ? `, particles in ${inside || 'nothing'}, spilled ${counts.spilled})` : ')'),
      );
    }
    return rate(runs[1] as Run) / dryRate;
  } finally {
    for (const run of runs) {
      run.binding.delete();
      run.sim.delete();
    }
  }
}

const ratio = await measure(
  `liquid: ${SCENE_ID} + ${ROBOT_ID}, template fill (${fillText(filled)})`,
  [
    { name: 'no liquid', scene: dry },
    { name: 'liquid (labgen model)', scene: filled },
    ...alternatives(filled),
  ],
  SIM_S,
);
console.log(`  filled / empty step rate: ${ratio.toFixed(2)} (target >= 0.33)`);
await measure(
  `liquid, stacked fill (${fillText(stacked)})`,
  [
    { name: 'no liquid', scene: dry },
    { name: 'liquid (labgen model)', scene: stacked },
    ...alternatives(stacked),
  ],
  STACKED_SIM_S,
);
