// Articulated instruments: the named state is read correctly from joint positions, every instrument loads as a
// fixed object, each moving part travels its full range under an applied force and holds still without one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { instantiateScene, placeObject } from '../scenes/instantiate.js';
import { composeSceneMjcf, contactSection, objectXml, PHYSICS_OPTION } from '../scenes/scene-mjcf.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { type AssetFamily, assetFamilySchema } from '../schemas/asset.js';
import { loadCatalog } from '../schemas/catalog.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { Simulation } from '../sim/simulation.js';
import { articulationState } from './articulation-state.js';
import type { ArticulationStateSpec } from './built-asset.js';

const dir = join(packageRoot, 'assets');
const families = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => loadDataFile(assetFamilySchema, join(dir, f)));
const instruments = families.filter((f) => f.category === 'instrument');

const TIMESTEP_S = 0.002;
const PUSH_S = 2;
const HOLD_S = 1;
/** How close to a limit a pushed part must come, as a fraction of its range. */
const LIMIT_FRACTION = 0.03;
/** How far an untouched part may move in HOLD_S: 0.5 mm or about 0.3 degrees. */
const STILL = { slide: 0.0005, hinge: 0.005 };
/*
 * The applied generalized force is a multiple of everything that resists it (dry friction, gravity at rest,
 * the spring at full travel), so it overcomes the part's own holding without saying how strong a robot is.
 */
const PUSH_MARGIN = 2;
const PUSH_FLOOR = 0.01;

/** Midpoint parameters and first colours: the instrument as a scene places it by default. */
function midSample(family: AssetFamily): PlacedObject {
  const mid = (r: readonly [number, number]) => (r[0] + r[1]) / 2;
  const params = Object.fromEntries(Object.entries(family.params).map(([k, r]) => [k, mid(r)]));
  const colors = Object.fromEntries(
    Object.entries(family.colors).map(([k, c]) => [k, c[0] as [number, number, number, number]]),
  );
  return placeObject(
    { id: 'item', asset: family.id, params, colors, massKg: mid(family.massKg), posM: [0, 0, 0], yawRad: 0 },
    family,
  );
}

function worldXml(object: PlacedObject): string {
  return [
    '<mujoco model="articulation-test">',
    '<compiler angle="radian" autolimits="true"/>',
    PHYSICS_OPTION,
    '<worldbody>',
    '<geom name="floor" type="plane" size="2 2 0.05"/>',
    objectXml(object),
    '</worldbody>',
    ...contactSection([object]),
    '</mujoco>',
  ].join('\n');
}

const sims: Simulation[] = [];
// Each test's models are freed when it ends: kept to the end of the file they exhaust the 2 GiB WASM heap.
afterEach(() => {
  for (const s of sims.splice(0)) s.delete();
});

async function loadInstrument(family: AssetFamily) {
  const object = midSample(family);
  const sim = await Simulation.fromXml(worldXml(object));
  sims.push(sim);
  const parts = object.built.parts ?? [];
  const joints = parts.map((p) => {
    const id = sim.id('joint', `${object.body}_${p.name}`);
    return {
      part: p,
      qpos: sim.model.jnt_qposadr[id] as number,
      dof: sim.model.jnt_dofadr[id] as number,
    };
  });
  const positions = (): Record<string, number> =>
    Object.fromEntries(joints.map((j) => [j.part.name, sim.data.qpos[j.qpos] as number]));
  const state = () => articulationState(object.built.states ?? [], positions());
  return { object, sim, joints, positions, state };
}

describe('articulationState', () => {
  const specs: ArticulationStateSpec[] = [
    { name: 'lidAngleRad', joint: 'lid', kind: 'angle' },
    { name: 'drawerExtensionM', joint: 'drawer', kind: 'extension' },
    { name: 'buttonPressed', joint: 'button', kind: 'pressed', pressedBeyondM: 0.002 },
  ];
  it.each([
    [
      { lid: 0, drawer: 0, button: 0 },
      { lidAngleRad: 0, drawerExtensionM: 0, buttonPressed: false },
    ],
    [
      { lid: 1.2, drawer: 0.25, button: 0.0019 },
      { lidAngleRad: 1.2, drawerExtensionM: 0.25, buttonPressed: false },
    ],
    [
      { lid: -0.01, drawer: 0.3, button: 0.002 },
      { lidAngleRad: -0.01, drawerExtensionM: 0.3, buttonPressed: true },
    ],
  ])('maps joint positions %j to named state', (q, expected) => {
    expect(articulationState(specs, q)).toEqual(expected);
  });
  it('names the joint it cannot find', () => {
    expect(() => articulationState(specs, { lid: 0, drawer: 0 })).toThrow(/button/);
  });
});

describe('instrument families', () => {
  it('ships the six articulated instruments, all bolted to the bench', () => {
    expect(instruments.map((f) => f.id).sort()).toEqual(
      [
        'centrifuge',
        'incubator',
        'lab-balance',
        'lab-cabinet-drawer',
        'magnetic-stirrer',
        'thermal-cycler',
      ].sort(),
    );
    for (const f of instruments) expect(f.movable).toBe(false);
  });

  it.each(instruments)('$id has consistent parts and states', (family) => {
    const { built } = midSample(family);
    const parts = built.parts ?? [];
    const names = parts.map((p) => p.name);
    expect(parts.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    for (const p of parts) {
      if (p.parent !== undefined) expect(names).toContain(p.parent);
      expect(p.joint.range[0]).toBeLessThanOrEqual(0);
      expect(p.joint.range[1]).toBeGreaterThan(0);
      expect(p.joint.damping).toBeGreaterThan(0);
      expect(p.joint.frictionloss).toBeGreaterThan(0);
      expect(p.massKg).toBeGreaterThan(0);
    }
    for (const s of built.states ?? []) expect(names).toContain(s.joint);
    // Every part is observable through a named state.
    expect(new Set((built.states ?? []).map((s) => s.joint))).toEqual(new Set(names));
  });

  it.each(instruments)(
    '$id loads alone as a fixed object and holds still for 1 s untouched',
    async (family) => {
      const { sim, joints, object } = await loadInstrument(family);
      expect(sim.model.nq).toBe(joints.length);
      expect(objectXml(object)).not.toContain('freejoint');
      sim.step(Math.round(HOLD_S / TIMESTEP_S));
      expect(sim.isUnstable()).toBe(false);
      for (const j of joints) {
        expect(Math.abs(sim.data.qpos[j.qpos] as number)).toBeLessThan(STILL[j.part.joint.type]);
      }
    },
  );

  const cases = instruments.flatMap((family) =>
    (midSample(family).built.states ?? []).map((spec) => ({ id: family.id, state: spec.name, family, spec })),
  );

  it.each(cases)(
    '$id: $state goes through its full range under force and reports it',
    async ({ family, spec }) => {
      const { sim, joints, state } = await loadInstrument(family);
      const j = joints.find((x) => x.part.name === spec.joint);
      if (!j) throw new Error(`no joint for ${spec.name}`);
      const [lo, hi] = j.part.joint.range;
      const span = hi - lo;
      const tol = LIMIT_FRACTION * span;
      const { stiffness = 0, springRef = 0 } = j.part.joint;
      const gravity = Math.abs(sim.data.qfrc_bias[j.dof] as number);
      const push =
        PUSH_MARGIN * (j.part.joint.frictionloss + gravity + stiffness * (hi - springRef)) + PUSH_FLOOR;
      const q = () => sim.data.qpos[j.qpos] as number;
      const drive = (force: number, seconds: number) => {
        sim.data.qfrc_applied[j.dof] = force;
        sim.step(Math.round(seconds / TIMESTEP_S));
        expect(sim.isUnstable()).toBe(false);
      };

      drive(push, PUSH_S);
      const opened = q();
      expect(opened).toBeGreaterThan(hi - tol);
      const atHi = state()[spec.name];
      if (spec.kind === 'pressed') expect(atHi).toBe(true);
      else expect(atHi).toBeCloseTo(opened, 12);

      drive(0, HOLD_S);
      if (spec.kind === 'pressed') {
        // The spring brings a released button back to its outer stop.
        expect(q()).toBeLessThan(tol);
        expect(state()[spec.name]).toBe(false);
      } else {
        // Lids rest open past vertical; doors, drawers and knobs stay where they were left.
        expect(Math.abs(q() - opened)).toBeLessThan(tol);
      }

      drive(-push, PUSH_S);
      const closed = q();
      expect(closed).toBeLessThan(lo + tol);
      if (spec.kind !== 'pressed') expect(state()[spec.name]).toBeCloseTo(closed, 12);
    },
  );
});

describe('instruments in a composed scene', () => {
  it('loads every instrument beside a bench scene with a robot and holds their parts still', async () => {
    const catalog = loadCatalog();
    const template = catalog.scenes.get('clean-table');
    const robot = [...catalog.robots.values()][0];
    if (!template || !robot) throw new Error('bundled clean-table scene or robots missing');
    const scene = instantiateScene(template, catalog.assets, createRng(1), {
      appearance: false,
      layout: false,
      maxLayoutTries: 1,
    });
    // On the floor behind the robot, in a row: out of the way of the bench and of each other.
    const extra = instruments.map((family, i) => {
      const o = midSample(family);
      return {
        ...o,
        id: `inst${i}`,
        body: `obj_inst${i}`,
        posM: [-1.2, -1.5 + 0.6 * i, 0] as [number, number, number],
      };
    });
    const { xml } = composeSceneMjcf(template, { ...scene, objects: [...scene.objects, ...extra] }, robot, {
      posM: template.robotMount.posM,
      yawRad: template.robotMount.yawRad,
    });
    expect(xml).toContain('<contact>');
    const sim = await Simulation.fromXml(xml);
    sims.push(sim);
    sim.step(Math.round(HOLD_S / TIMESTEP_S));
    expect(sim.isUnstable()).toBe(false);
    for (const o of extra) {
      for (const p of o.built.parts ?? []) {
        const id = sim.id('joint', `${o.body}_${p.name}`);
        const q = sim.data.qpos[sim.model.jnt_qposadr[id] as number] as number;
        expect(Math.abs(q)).toBeLessThan(STILL[p.joint.type]);
      }
    }
  });
});
