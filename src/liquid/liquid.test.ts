// Liquid particles in MuJoCo: a filled container keeps its fill at rest, releases it when tipped, and a pour
// from a tipped beaker into another one moves a measurable quantity across.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { num, nums } from '../mjcf/mjcf-text.js';
import type { Vec3 } from '../motion/math3d.js';
import { placeObject } from '../scenes/instantiate.js';
import { contactSection, objectGeomsXml, objectXml, PHYSICS_OPTION } from '../scenes/scene-mjcf.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { type AssetFamily, assetFamilySchema } from '../schemas/asset.js';
import { type LiquidFill, liquidFillSchema } from '../schemas/liquid.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { simsFreedAfterEachTest } from '../../test/helpers/freed-sims.js';
import { LiquidProbe } from '../sim/liquid-probe.js';
import { Simulation } from '../sim/simulation.js';
import { liquidXml, sceneLiquidXml } from './liquid-mjcf.js';

const TIMESTEP_S = 0.002;
const REST_S = 2;
const MIN_KEPT_AT_REST = 0.95;
/** Tipping: ramp the hinge to this angle over TIP_S, then hold it for HOLD_S so the stream finishes. */
const TIP_ANGLE_RAD = (120 * Math.PI) / 180;
const POUR_ANGLE_RAD = (135 * Math.PI) / 180;
const TIP_S = 2;
const HOLD_S = 1.5;
const MAX_LEFT_AFTER_TIP = 0.1;
const MIN_TRANSFERRED = 0.6;

const family = (id: string): AssetFamily =>
  loadDataFile(assetFamilySchema, join(packageRoot, 'assets', `${id}.yaml`));

/** An object at the middle of its family's ranges, standing at `posM` (movable, like a scene's labware). */
function midObject(assetId: string, id: string, posM: Vec3, liquid?: LiquidFill): PlacedObject {
  const f = family(assetId);
  const params = Object.fromEntries(Object.entries(f.params).map(([k, r]) => [k, (r[0] + r[1]) / 2]));
  const colors = Object.fromEntries(
    Object.entries(f.colors).map(([part, c]) => [part, c[0] as [number, number, number, number]]),
  );
  const massKg = (f.massKg[0] + f.massKg[1]) / 2;
  return placeObject(
    { id, asset: assetId, params, colors, massKg, posM, yawRad: 0.3, ...(liquid ? { liquid } : {}) },
    f,
  );
}

const fill = (particles: number, radiusM: number): LiquidFill =>
  liquidFillSchema.parse({ particles, radiusM });

function world(body: string, contact: string[] = [], actuator = ''): string {
  return [
    '<mujoco model="liquid-test">',
    '<compiler angle="radian" autolimits="true"/>',
    PHYSICS_OPTION,
    '<worldbody>',
    '<geom name="floor" type="plane" size="2 2 0.05"/>',
    body,
    '</worldbody>',
    ...contact,
    actuator ? `<actuator>${actuator}</actuator>` : '',
    '</mujoco>',
  ].join('\n');
}

/*
 * A vessel on a hinge through its rim on the +x side, driven by a position servo: tipping it by a positive
 * angle turns its mouth towards +x and down, pivoting on the lip the way a hand pours.
 */
function tippingVessel(o: PlacedObject): { body: string; actuator: string } {
  const r = o.built.footprintHalfM[0];
  const h = o.built.heightM;
  const geoms = objectGeomsXml(o);
  const body =
    `<body name="${o.body}" pos="${nums(o.posM)}">` +
    `<joint name="tip" type="hinge" axis="0 1 0" pos="${nums([r, 0, h])}" damping="0.5"/>` +
    `<inertial pos="0 0 ${num(h / 2)}" mass="${num(o.massKg)}" diaginertia="1e-4 1e-4 1e-4"/>${geoms}</body>`;
  return { body, actuator: '<position name="tip" joint="tip" kp="20"/>' };
}

/** Ramps the tipping servo smoothly (smoothstep) to `angleRad` over TIP_S, then holds it for HOLD_S. */
function tip(sim: Simulation, angleRad: number): void {
  const ramp = Math.round(TIP_S / TIMESTEP_S);
  for (let i = 1; i <= ramp; i++) {
    const s = i / ramp;
    (sim.data.ctrl as Float64Array)[0] = angleRad * s * s * (3 - 2 * s);
    sim.step();
  }
  sim.step(Math.round(HOLD_S / TIMESTEP_S));
}

const load = simsFreedAfterEachTest();

describe('a filled container at rest', () => {
  it.each([
    { asset: 'beaker-250ml', particles: 24, radiusM: 0.005 },
    { asset: 'beaker-50ml', particles: 8, radiusM: 0.004 },
    { asset: 'beaker-600ml', particles: 40, radiusM: 0.005 },
    { asset: 'erlenmeyer-flask-250ml', particles: 12, radiusM: 0.004 },
    { asset: 'graduated-cylinder-100ml', particles: 6, radiusM: 0.004 },
  ])(
    '$asset keeps $particles particles of $radiusM m inside for 2 s',
    async ({ asset, particles, radiusM }) => {
      const o = midObject(asset, 'vessel', [0.1, -0.05, 0], fill(particles, radiusM));
      const sim = await load(world(objectXml(o) + sceneLiquidXml([o]).join(''), contactSection([o])));
      const probe = new LiquidProbe(sim, [o]);
      expect(probe.counts().byContainer.vessel).toBe(particles);
      sim.step(Math.round(REST_S / TIMESTEP_S));
      expect(sim.isUnstable()).toBe(false);
      const counts = probe.counts();
      expect(counts.total).toBe(particles);
      expect(counts.byContainer.vessel).toBeGreaterThanOrEqual(Math.ceil(MIN_KEPT_AT_REST * particles));
      // The particles have settled, not merely stayed inside: the liquid lies still on the floor.
      const nv = sim.data.qvel.length;
      const particleSpeeds = Array.from(sim.data.qvel.slice(nv - 3 * particles) as Float64Array).map(
        Math.abs,
      );
      expect(Math.max(...particleSpeeds)).toBeLessThan(0.01);
    },
  );
});

describe('a tipped container', () => {
  it('releases its fill when turned 120 degrees', async () => {
    const source = midObject('beaker-250ml', 'source', [0, 0, 0.15], fill(24, 0.005));
    const rig = tippingVessel(source);
    const particles = liquidXml({
      id: 'source',
      posM: source.posM,
      yawRad: 0,
      interior: source.built.container as NonNullable<typeof source.built.container>,
      fill: source.liquid as LiquidFill,
    });
    const sim = await load(world(rig.body + particles, [], rig.actuator));
    const probe = new LiquidProbe(sim, [source]);
    sim.step(Math.round(0.5 / TIMESTEP_S));
    expect(probe.counts().byContainer.source).toBe(24);
    tip(sim, TIP_ANGLE_RAD);
    expect(sim.isUnstable()).toBe(false);
    const counts = probe.counts();
    expect(counts.byContainer.source).toBeLessThanOrEqual(MAX_LEFT_AFTER_TIP * 24);
    expect(counts.spilled).toBe(24 - (counts.byContainer.source ?? 0));
  });

  it('pours a measurable quantity into a beaker below its lip', async () => {
    const target = midObject('beaker-250ml', 'target', [0, 0, 0]);
    const tr = target.built.footprintHalfM[0];
    const th = target.built.heightM;
    /*
     * The source stands beside the target, its pouring lip 1 cm above the target's rim and just outside its
     * near wall: tipped about that lip it never dips below it on the target's side, and the stream runs off
     * the lip into the target's mouth.
     */
    const source = midObject('beaker-250ml', 'source', [0, 0, 0], fill(24, 0.005));
    const sr = source.built.footprintHalfM[0];
    const sh = source.built.heightM;
    const sourceBase: Vec3 = [-tr - 0.002 - sr, 0, th + 0.01 - sh];
    const placed = { ...source, posM: sourceBase };
    const rig = tippingVessel(placed);
    const particles = liquidXml({
      id: 'source',
      posM: sourceBase,
      yawRad: 0,
      interior: source.built.container as NonNullable<typeof source.built.container>,
      fill: source.liquid as LiquidFill,
    });
    const sim = await load(world(objectXml(target) + rig.body + particles, [], rig.actuator));
    const probe = new LiquidProbe(sim, [target, placed]);
    sim.step(Math.round(0.5 / TIMESTEP_S));
    const before = probe.counts();
    expect(before.byContainer).toEqual({ target: 0, source: 24 });
    tip(sim, POUR_ANGLE_RAD);
    expect(sim.isUnstable()).toBe(false);
    const after = probe.counts();
    expect(after.byContainer.target).toBeGreaterThanOrEqual(MIN_TRANSFERRED * 24);
    expect(after.byContainer.source).toBeLessThanOrEqual(MAX_LEFT_AFTER_TIP * 24);
    expect((after.byContainer.target ?? 0) + (after.byContainer.source ?? 0) + after.spilled).toBe(24);
  });
});
