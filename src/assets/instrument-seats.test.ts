// Instruments that hold labware, in compiled bench scenes with their lids open: 1.5 ml tubes stand in the
// centrifuge rotor's holes, and both PCR plate families rest in the thermal cycler's plate seat.
import { afterEach, describe, expect, it } from 'vitest';
import type { Vec3 } from '../motion/math3d.js';
import { createRng } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { PlacedObject, SceneInstance } from '../scenes/scene-instance.js';
import { loadCatalog } from '../schemas/catalog.js';
import { type SceneTemplate, sceneTemplateSchema } from '../schemas/scene.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { Simulation } from '../sim/simulation.js';
import { ROTOR_SLOT_COUNT } from './builders/centrifuge.js';

const TIMESTEP_S = 0.002;
const REST_S = 2;
/** The last stretch of the rest period, over which "at rest" is judged. */
const FINAL_S = 0.2;
const REST_DRIFT_M = 0.002;
const STILL_M = 0.0002;
const TILT_LIMIT_RAD = (5 * Math.PI) / 180;
/** A plate dropped into the seat: this far above its floor and off-centre, as a skill would release it. */
const DROP = { heightM: 0.01, offsetM: 0.0015 };
/** Scenes sampled per case: asset sizes, colours and layout jitter all vary between them. */
const SEEDS = [1, 2, 3];

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} missing`);
  return value;
}

const catalog = loadCatalog();
const robot = required(catalog.robots.get('franka-panda'), 'franka-panda profile');

/** A bundled template with extra objects appended (validated, so defaults are filled in as for a file). */
function withObjects(templateId: string, extra: unknown[]): SceneTemplate {
  const base = required(catalog.scenes.get(templateId), `bundled scene ${templateId}`);
  return sceneTemplateSchema.parse({ ...base, objects: [...base.objects, ...extra] });
}

const sims: Simulation[] = [];
const bindings: RobotBinding[] = [];
// Each test's models are freed when it ends: kept to the end of the file they exhaust the 2 GiB WASM heap.
afterEach(() => {
  for (const b of bindings.splice(0)) b.delete();
  for (const s of sims.splice(0)) s.delete();
});

/** Compiles the scene with the robot at home and the instrument's lid held open at its stop. */
async function loadWithLidOpen(template: SceneTemplate, scene: SceneInstance, instrument: PlacedObject) {
  const model = composeSceneMjcf(template, scene, robot, template.robotMount);
  const sim = await Simulation.fromXml(model.xml);
  sims.push(sim);
  const binding = new RobotBinding(sim, model.robot);
  bindings.push(binding);
  binding.resetArm(robot.homeRad, robot.gripper.strokeM);
  const lid = instrument.built.parts?.find((p) => p.name === 'lid');
  if (!lid) throw new Error(`${instrument.id} has no lid`);
  const joint = sim.id('joint', `${instrument.body}_${lid.name}`);
  sim.data.qpos[sim.model.jnt_qposadr[joint] as number] = lid.joint.range[1];
  sim.forward();
  return sim;
}

/** World position and rotation (row-major) of a body. */
function pose(sim: Simulation, body: string): { pos: Vec3; mat: number[] } {
  const b = sim.id('body', body);
  return {
    pos: Array.from(sim.data.xpos.slice(3 * b, 3 * b + 3) as Float64Array) as Vec3,
    mat: Array.from(sim.data.xmat.slice(9 * b, 9 * b + 9) as Float64Array),
  };
}

const tilt = (mat: readonly number[]) => Math.acos(Math.min(1, mat[8] as number));
const dist = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(...a.map((v, i) => v - (b[i] as number)));

/** A world point in an object's frame: R^T (p - o). */
function toLocal(frame: { pos: Vec3; mat: number[] }, p: readonly number[]): Vec3 {
  const d = p.map((v, i) => v - (frame.pos[i] as number));
  return [0, 1, 2].map((c) =>
    [0, 1, 2].reduce((s, r) => s + (frame.mat[3 * r + c] as number) * (d[r] as number), 0),
  ) as Vec3;
}

/** Steps the rest period; returns where each body was at the start, before the final stretch, and at the end. */
function rest(sim: Simulation, bodies: string[]) {
  const start = bodies.map((b) => pose(sim, b));
  sim.step(Math.round((REST_S - FINAL_S) / TIMESTEP_S));
  const before = bodies.map((b) => pose(sim, b));
  sim.step(Math.round(FINAL_S / TIMESTEP_S));
  expect(sim.isUnstable()).toBe(false);
  return { start, before, end: bodies.map((b) => pose(sim, b)) };
}

describe('centrifuge rotor', () => {
  const tubes = Array.from({ length: ROTOR_SLOT_COUNT }, (_, k) => ({
    id: `rotor-tube-${k}`,
    asset: 'centrifuge-tube-1-5ml',
    posM: [0, 0, 0],
    inSlotOf: { object: 'centrifuge', slot: k },
  }));
  const template = withObjects('centrifuge-bench', tubes);

  it('exposes one hole per slot, each clear for the widest 1.5 ml tube', () => {
    // Mid-range sizes; the layout is jittered because the template's nominal one fails the conservative
    // footprint-circle overlap check.
    const scene = instantiateScene(template, catalog.assets, createRng(0), {
      appearance: false,
      layout: true,
      maxLayoutTries: 50,
    });
    const centrifuge = scene.objects.find((o) => o.id === 'centrifuge');
    expect(centrifuge?.built.slots).toHaveLength(ROTOR_SLOT_COUNT);
    const tubeFamily = catalog.assets.get('centrifuge-tube-1-5ml');
    const rotor = catalog.assets.get('centrifuge');
    const widest = tubeFamily?.params.radiusM?.[1] ?? Infinity;
    expect(rotor?.params.slotRadiusM?.[0]).toBeGreaterThan(widest);
  });

  it.each(SEEDS)(
    'holds a 1.5 ml tube upright in every hole for 2 s with the lid open (seed %i)',
    async (seed) => {
      const scene = instantiateScene(template, catalog.assets, createRng(seed), {
        appearance: true,
        layout: true,
        maxLayoutTries: 50,
      });
      const centrifuge = scene.objects.find((o) => o.id === 'centrifuge') as PlacedObject;
      const placed = scene.objects.filter((o) => o.id.startsWith('rotor-tube-'));
      const sim = await loadWithLidOpen(template, scene, centrifuge);
      const { start, before, end } = rest(
        sim,
        placed.map((t) => t.body),
      );
      const frame = pose(sim, centrifuge.body);
      const slotR = centrifuge.params.slotRadiusM as number;
      placed.forEach((_tube, i) => {
        const s = start[i] as { pos: Vec3; mat: number[] };
        const e = end[i] as { pos: Vec3; mat: number[] };
        expect(dist(e.pos, s.pos)).toBeLessThan(REST_DRIFT_M);
        expect(dist(e.pos, (before[i] as { pos: Vec3 }).pos)).toBeLessThan(STILL_M);
        expect(tilt(e.mat)).toBeLessThan(TILT_LIMIT_RAD);
        // Still standing on the floor of its own hole.
        const slot = centrifuge.built.slots?.[i] as Vec3;
        const local = toLocal(frame, e.pos);
        expect(Math.hypot(local[0] - slot[0], local[1] - slot[1])).toBeLessThan(slotR);
        expect(Math.abs(local[2] - slot[2])).toBeLessThan(REST_DRIFT_M);
      });
    },
  );
});

describe('thermal cycler plate seat', () => {
  const plates = ['pcr-plate', 'pcr-plate-96'];
  const cases = plates.flatMap((asset) =>
    SEEDS.flatMap((seed) => [
      { asset, seed, how: 'placed' as const },
      { asset, seed, how: 'dropped' as const },
    ]),
  );

  it.each(plates)('fits every sampled %s with clearance on each side', (asset) => {
    const plate = catalog.assets.get(asset);
    const cycler = catalog.assets.get('thermal-cycler');
    if (!plate || !cycler) throw new Error('plate or thermal cycler family missing');
    const max = (name: string) => plate.params[name]?.[1] ?? Infinity;
    const min = (name: string) => cycler.params[name]?.[0] ?? 0;
    expect(min('blockSizeXM') - max('sizeXM')).toBeGreaterThanOrEqual(0.003);
    expect(min('blockSizeYM') - max('sizeYM')).toBeGreaterThanOrEqual(0.003);
    // The tallest plate lies under the closed lid.
    expect(max('sizeZM')).toBeLessThan(min('seatDepthM'));
  });

  it.each(cases)(
    'keeps a $how $asset inside the seat at rest with the lid open (seed $seed)',
    async ({ asset, seed, how }) => {
      const template = withObjects('thermal-cycler-bench', [
        {
          id: 'seated-plate',
          asset,
          posM: [0, 0, 0],
          inSlotOf: { object: 'thermal-cycler', slot: 0 },
        },
      ]);
      const scene = instantiateScene(template, catalog.assets, createRng(seed), {
        appearance: true,
        layout: true,
        maxLayoutTries: 50,
      });
      const cycler = scene.objects.find((o) => o.id === 'thermal-cycler') as PlacedObject;
      const plate = scene.objects.find((o) => o.id === 'seated-plate') as PlacedObject;
      if (how === 'dropped') {
        plate.posM = [
          plate.posM[0] + DROP.offsetM,
          plate.posM[1] - DROP.offsetM,
          plate.posM[2] + DROP.heightM,
        ];
      }
      const sim = await loadWithLidOpen(template, scene, cycler);
      const { before, end } = rest(sim, [plate.body]);
      const e = end[0] as { pos: Vec3; mat: number[] };
      expect(dist(e.pos, (before[0] as { pos: Vec3 }).pos)).toBeLessThan(STILL_M);
      expect(tilt(e.mat)).toBeLessThan(TILT_LIMIT_RAD);
      // Every footprint corner of the plate, in the cycler's frame, lies inside the seat, on its floor.
      const seat = cycler.built.container;
      if (!seat) throw new Error('thermal cycler without a plate seat');
      const frame = pose(sim, cycler.body);
      const [hx, hy] = plate.built.footprintHalfM;
      for (const [sx, sy] of [
        [-1, -1],
        [-1, 1],
        [1, -1],
        [1, 1],
      ] as const) {
        const corner = [0, 1, 2].map(
          (r) =>
            (e.pos[r] as number) +
            (e.mat[3 * r] as number) * sx * hx +
            (e.mat[3 * r + 1] as number) * sy * hy,
        );
        const local = toLocal(frame, corner);
        expect(local[0]).toBeGreaterThan(seat.minM[0]);
        expect(local[0]).toBeLessThan(seat.maxM[0]);
        expect(local[1]).toBeGreaterThan(seat.minM[1]);
        expect(local[1]).toBeLessThan(seat.maxM[1]);
        expect(Math.abs(local[2] - seat.minM[2])).toBeLessThan(REST_DRIFT_M);
      }
    },
  );
});
