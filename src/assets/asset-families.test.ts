// Every asset family in assets/: parses, builds across its parameter ranges, loads alone in MuJoCo, rests
// still on a floor and on a bench top, (for containers) keeps a dropped ball inside its interior, and carries
// semantic annotations (grasp frames that match its surfaces, articulated parts with their axes).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { num, nums } from '../mjcf/mjcf-text.js';
import { placeObject } from '../scenes/instantiate.js';
import { contactSection, objectXml, PHYSICS_OPTION } from '../scenes/scene-mjcf.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { type AssetFamily, assetFamilySchema } from '../schemas/asset.js';
import { loadDataFile, packageRoot } from '../schemas/load-data-file.js';
import { simsFreedAfterEachTest } from '../../test/helpers/freed-sims.js';
import { Simulation } from '../sim/simulation.js';
import { assetSemantics } from './asset-semantics.js';
import type { AssetParams, GraspFrame } from './built-asset.js';

const dir = join(packageRoot, 'assets');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const families = files.map((f) => loadDataFile(assetFamilySchema, join(dir, f)));

/** Where in every range the sample sits: minimum, midpoint, maximum. */
const FRACTIONS = { min: 0, mid: 0.5, max: 1 } as const;
type Fraction = keyof typeof FRACTIONS;

// The hollow reagent bottle is the largest: its foot and floor, body, shoulder and neck stave rings.
const MAX_GEOMS = 26;
const TIMESTEP_S = 0.002;
const REST_S = 2;
const REST_DRIFT_M = 0.002;
const TIP_LIMIT_RAD = (5 * Math.PI) / 180;
/*
 * A hard ball (steel or glass): with MuJoCo's default contact softness (solref 0.02) a 5 g ball falling
 * 0.25 m into the graduated cylinder sinks ~17 mm into whatever it hits and pops through a 2-3 mm glass
 * floor. `priority` makes the ball's stiffer solref (2 timesteps, the stable minimum) govern its contacts.
 */
const BALL = { radiusM: 0.008, massKg: 0.005, solref: '0.004 1' };
const DROP_CLEARANCE_M = 0.01;
const BALL_SETTLE_S = 1.5;
const BALL_REST_SPEED_MPS = 0.005;
/** Rays start this far inside the interior's top and bottom faces, so they do not graze the floor or rim. */
const RAY_INSET_M = 0.0005;
const RAY_TOLERANCE_M = 1e-6;
const RAY_DIRECTIONS = 16;
const STOPPER_SETTLE_S = 1;
/** How far above its seat the stopper starts, so it settles onto the rim rather than starting in contact. */
const STOPPER_DROP_M = 0.001;
/** Grasp-frame probes: rays start this far outside the surface a finger pad would touch. */
const PAD_PROBE_M = 0.005;
const PAD_TOLERANCE_M = 1e-4;
const UNIT_TOLERANCE = 1e-9;
/** Supports an object rests on: MuJoCo's analytic plane, and a box like the scene's bench (other colliders). */
const SUPPORTS = {
  floor: '<geom name="floor" type="plane" size="2 2 0.05"/>',
  bench: '<geom name="floor" type="box" size="1 1 0.05" pos="0 0 -0.05"/>',
} as const;
type Support = keyof typeof SUPPORTS;

function sampleAt(
  family: AssetFamily,
  at: Fraction,
  place: { id: string; posM: [number, number, number] } = { id: 'item', posM: [0, 0, 0] },
): PlacedObject {
  const f = FRACTIONS[at];
  const lerp = (r: readonly [number, number]) => r[0] + (r[1] - r[0]) * f;
  const params: AssetParams = {};
  for (const [name, r] of Object.entries(family.params)) params[name] = lerp(r);
  const colors = Object.fromEntries(
    Object.entries(family.colors).map(([part, choices]) => [
      part,
      choices[0] as [number, number, number, number],
    ]),
  );
  // Every family is loaded as a free body here, fixtures too: that is the harder case for resting still.
  return placeObject(
    { ...place, asset: family.id, params, colors, massKg: lerp(family.massKg), yawRad: 0 },
    { ...family, movable: true },
  );
}

function worldXml(objects: PlacedObject[], ball?: readonly number[], support: Support = 'floor'): string {
  const ballXml = ball
    ? `<body name="ball" pos="${nums(ball)}"><freejoint name="ball"/>` +
      `<geom name="ball" type="sphere" size="${num(BALL.radiusM)}" mass="${num(BALL.massKg)}" condim="4" friction="0.8 0.01 0.001" priority="1" solref="${BALL.solref}"/></body>`
    : '';
  return [
    '<mujoco model="asset-test">',
    '<compiler angle="radian" autolimits="true"/>',
    PHYSICS_OPTION,
    '<worldbody>',
    SUPPORTS[support],
    ...objects.map(objectXml),
    ballXml,
    '</worldbody>',
    ...contactSection(objects),
    '</mujoco>',
  ].join('\n');
}

/** Body pose read from MuJoCo: world position and the z column of its rotation matrix. */
function pose(sim: Simulation, body: number): { pos: number[]; zAxis: number[]; xmat: number[] } {
  const pos = Array.from(sim.data.xpos.slice(3 * body, 3 * body + 3) as Float64Array);
  const xmat = Array.from(sim.data.xmat.slice(9 * body, 9 * body + 9) as Float64Array);
  return { pos, zAxis: [xmat[2] as number, xmat[5] as number, xmat[8] as number], xmat };
}

const load = simsFreedAfterEachTest();

const cases = families.flatMap((family) =>
  (Object.keys(FRACTIONS) as Fraction[]).map((at) => ({ id: family.id, at, family })),
);

describe('asset family files', () => {
  it('covers every file in assets/ with an id matching its file name', () => {
    expect(families.map((f) => `${f.id}.yaml`)).toEqual(files);
  });

  it.each(cases)('$id builds at its $at parameters', ({ family, at }) => {
    const { built } = sampleAt(family, at);
    expect(built.geoms.length).toBeGreaterThan(0);
    const partGeoms = (built.parts ?? []).reduce((n, p) => n + p.geoms.length, 0);
    expect(built.geoms.length + partGeoms).toBeLessThanOrEqual(MAX_GEOMS);
    expect(built.heightM).toBeGreaterThan(0);
    expect(built.footprintHalfM[0]).toBeGreaterThan(0);
    expect(built.footprintHalfM[1]).toBeGreaterThan(0);
    if (built.container) {
      const { minM, maxM } = built.container;
      for (const axis of [0, 1]) {
        const half = built.footprintHalfM[axis] as number;
        expect(minM[axis]).toBeGreaterThan(-half);
        expect(maxM[axis]).toBeLessThan(half);
        expect(maxM[axis]).toBeGreaterThan(minM[axis] as number);
      }
      // The interior starts on a floor above the support and ends at or below the rim.
      expect(minM[2]).toBeGreaterThan(0);
      expect(maxM[2]).toBeGreaterThan(minM[2]);
      expect(maxM[2]).toBeLessThanOrEqual(built.heightM + 1e-9);
    }
    if (built.grasp) {
      expect(built.grasp.widthM).toBeGreaterThan(0);
      expect(built.grasp.zMaxM).toBeGreaterThan(built.grasp.zMinM);
    }
  });
});

describe('asset families in MuJoCo', () => {
  const restCases = cases.flatMap((c) =>
    (Object.keys(SUPPORTS) as Support[]).map((support) => ({ ...c, support })),
  );
  it.each(restCases)(
    '$id ($at) rests on the $support without drifting or tipping',
    async ({ family, at, support }) => {
      const object = sampleAt(family, at);
      const sim = await load(worldXml([object], undefined, support));
      const body = sim.id('body', object.body);
      const start = pose(sim, body);
      sim.step(Math.round(REST_S / TIMESTEP_S));
      expect(sim.isUnstable()).toBe(false);
      const end = pose(sim, body);
      const drift = Math.hypot(...end.pos.map((p, i) => p - (start.pos[i] as number)));
      expect(drift).toBeLessThan(REST_DRIFT_M);
      expect(Math.acos(Math.min(1, end.zAxis[2] as number))).toBeLessThan(TIP_LIMIT_RAD);
    },
  );

  const containers = cases.filter(({ family, at }) => sampleAt(family, at).built.container);

  it.each(containers)(
    '$id ($at) has an interior clear of its walls and enclosed by them',
    async ({ family, at }) => {
      const object = sampleAt(family, at);
      const box = object.built.container;
      if (!box) throw new Error('not a container');
      const sim = await load(worldXml([object]));
      const body = sim.id('body', object.body);
      // Moving parts (a door, a drawer) are child bodies: a geom belongs to the object if its root body is it.
      const owner = (geom: number) => sim.model.body_rootid[sim.model.geom_bodyid[geom] as number];
      const cx = (box.minM[0] + box.maxM[0]) / 2;
      const cy = (box.minM[1] + box.maxM[1]) / 2;
      const midZ = (box.minM[2] + box.maxM[2]) / 2;
      // MuJoCo's own rays, from the interior's axis: nothing of the object lies between it and the box corners...
      for (const z of [box.minM[2] + RAY_INSET_M, midZ, box.maxM[2] - RAY_INSET_M]) {
        for (const [x, y] of [
          [box.minM[0], box.minM[1]],
          [box.minM[0], box.maxM[1]],
          [box.maxM[0], box.minM[1]],
          [box.maxM[0], box.maxM[1]],
        ] as const) {
          const reach = Math.hypot(x - cx, y - cy);
          const hit = sim.ray([cx, cy, z], [(x - cx) / reach, (y - cy) / reach, 0]);
          if (hit && owner(hit.geom) === body) expect(hit.distM).toBeGreaterThan(reach - RAY_TOLERANCE_M);
        }
      }
      // ...while every horizontal direction at mid-height, and straight down, runs into the object itself.
      for (let k = 0; k < RAY_DIRECTIONS; k++) {
        const a = (2 * Math.PI * k) / RAY_DIRECTIONS;
        const hit = sim.ray([cx, cy, midZ], [Math.cos(a), Math.sin(a), 0]);
        expect(hit && owner(hit.geom)).toBe(body);
      }
      const down = sim.ray([cx, cy, midZ], [0, 0, -1]);
      expect(down && owner(down.geom)).toBe(body);
      expect(down?.distM).toBeCloseTo(midZ - box.minM[2], 4);
    },
  );
  it.each(containers)(
    '$id ($at) keeps a ball dropped into it inside its interior',
    async ({ family, at }) => {
      const object = sampleAt(family, at);
      const box = object.built.container;
      if (!box) throw new Error('not a container');
      const cx = (box.minM[0] + box.maxM[0]) / 2;
      const cy = (box.minM[1] + box.maxM[1]) / 2;
      // An interior closed by a lid, door or drawer front is entered from inside: the ball starts mid-way up.
      const dropZ = object.built.parts
        ? (box.minM[2] + box.maxM[2]) / 2
        : box.maxM[2] + BALL.radiusM + DROP_CLEARANCE_M;
      const sim = await load(worldXml([object], [cx, cy, dropZ]));
      sim.step(Math.round(BALL_SETTLE_S / TIMESTEP_S));
      expect(sim.isUnstable()).toBe(false);
      const item = pose(sim, sim.id('body', object.body));
      const ball = pose(sim, sim.id('body', 'ball')).pos;
      // The ball's free joint is the last one: its linear velocity is the last six dofs' first three.
      const nv = sim.data.qvel.length;
      const ballSpeed = Math.hypot(...Array.from(sim.data.qvel.slice(nv - 6, nv - 3) as Float64Array));
      expect(ballSpeed).toBeLessThan(BALL_REST_SPEED_MPS);
      // The ball centre in the object's frame (xmat is row-major world-from-body): R^T (p - o).
      const d = ball.map((p, i) => p - (item.pos[i] as number));
      const local = [0, 1, 2].map((c) =>
        [0, 1, 2].reduce((s, r) => s + (item.xmat[3 * r + c] as number) * (d[r] as number), 0),
      );
      for (const axis of [0, 1, 2]) {
        expect(local[axis]).toBeGreaterThan(box.minM[axis] as number);
        expect(local[axis]).toBeLessThan(box.maxM[axis] as number);
      }
    },
  );
});

describe('reagent bottle and its stopper', () => {
  const bottle = families.find((f) => f.id === 'reagent-bottle');
  const stopper = families.find((f) => f.id === 'bottle-stopper');
  if (!bottle || !stopper) throw new Error('reagent-bottle or bottle-stopper family missing');
  const range = (f: AssetFamily, name: string) => {
    const r = f.params[name];
    if (!r) throw new Error(`${f.id} has no ${name}`);
    return r;
  };

  it('fits every sampled stopper into every sampled neck: the plug through the bore, the head on the rim', () => {
    const boreMin = range(bottle, 'neckRadiusM')[0] - range(bottle, 'neckWallM')[1];
    const boreMax = range(bottle, 'neckRadiusM')[1] - range(bottle, 'neckWallM')[0];
    expect(range(stopper, 'plugRadiusM')[1]).toBeLessThan(boreMin);
    expect(range(stopper, 'headRadiusM')[0]).toBeGreaterThan(boreMax);
    expect(range(stopper, 'plugHeightM')[1]).toBeLessThan(range(bottle, 'neckHeightM')[0]);
  });

  it.each(Object.keys(FRACTIONS) as Fraction[])('holds the stopper seated in the neck (%s)', async (at) => {
    const held = sampleAt(bottle, at);
    const bore = held.built.container;
    if (!bore) throw new Error('bottle without a neck bore');
    const plugH = sampleAt(stopper, at).params.plugHeightM as number;
    const seatZ = bore.maxM[2] - plugH;
    const plug = sampleAt(stopper, at, { id: 'stopper', posM: [0, 0, seatZ + STOPPER_DROP_M] });
    const sim = await load(worldXml([held, plug]));
    sim.step(Math.round(STOPPER_SETTLE_S / TIMESTEP_S));
    const b = pose(sim, sim.id('body', held.body));
    const p = pose(sim, sim.id('body', plug.body));
    expect(
      Math.hypot((p.pos[0] as number) - (b.pos[0] as number), (p.pos[1] as number) - (b.pos[1] as number)),
    ).toBeLessThan(bore.maxM[0] * Math.SQRT2);
    expect(Math.abs((p.pos[2] as number) - (b.pos[2] as number) - seatZ)).toBeLessThan(REST_DRIFT_M);
    expect(Math.acos(Math.min(1, p.zAxis[2] as number))).toBeLessThan(TIP_LIMIT_RAD);
  });
});

describe('semantic annotations', () => {
  const unit = (v: readonly number[]) => Math.hypot(...v);
  const dot = (a: readonly number[], b: readonly number[]) =>
    a.reduce((s, x, i) => s + x * (b[i] as number), 0);
  const along = (p: readonly number[], d: readonly number[], s: number) =>
    p.map((x, i) => x + s * (d[i] as number));

  it.each(cases)('$id ($at) declares well-formed grasp frames inside its bounding box', ({ family, at }) => {
    const { built } = sampleAt(family, at);
    const frames = built.graspFrames ?? [];
    const partNames = (built.parts ?? []).map((p) => p.name);
    if (family.movable) expect(frames.filter((f) => f.part === undefined).length).toBeGreaterThan(0);
    for (const f of frames) {
      expect(Math.abs(unit(f.approach) - 1)).toBeLessThan(UNIT_TOLERANCE);
      expect(Math.abs(unit(f.closingAxis) - 1)).toBeLessThan(UNIT_TOLERANCE);
      expect(Math.abs(dot(f.approach, f.closingAxis))).toBeLessThan(UNIT_TOLERANCE);
      if (f.kind === 'pinch') expect(f.widthM).toBeGreaterThan(0);
      else expect(f.widthM).toBe(0);
      if (f.part !== undefined) expect(partNames).toContain(f.part);
      const [hx, hy] = built.footprintHalfM;
      expect(Math.abs(f.posM[0])).toBeLessThanOrEqual(hx);
      expect(Math.abs(f.posM[1])).toBeLessThanOrEqual(hy);
      expect(f.posM[2]).toBeGreaterThanOrEqual(0);
      expect(f.posM[2]).toBeLessThanOrEqual(built.heightM);
    }
    // The pick skill's top-down grasp is one of the frames, with the same numbers.
    if (built.grasp) {
      const g = built.grasp;
      expect(frames).toContainEqual(
        expect.objectContaining({
          approach: [0, 0, -1],
          closingAxis: g.axis === 'x' ? [1, 0, 0] : [0, 1, 0],
          widthM: g.widthM,
          posM: [0, 0, (g.zMinM + g.zMaxM) / 2],
        }),
      );
    }
    // Every moving part is annotated with a unit joint axis and can be taken hold of (or pressed).
    const semantics = assetSemantics(family, built);
    expect(semantics.category).toBe(family.category);
    expect(semantics.names).toEqual(family.names);
    expect(semantics.articulatedParts.map((p) => p.name)).toEqual(partNames);
    for (const p of semantics.articulatedParts) {
      expect(Math.abs(unit(p.joint.axis) - 1)).toBeLessThan(UNIT_TOLERANCE);
      expect(frames.some((f) => f.part === p.name)).toBe(true);
      expect(p.states.length).toBeGreaterThan(0);
    }
  });

  /*
   * The width is the geometry's own: MuJoCo rays coming in along the closing axis from both sides reach the
   * object exactly where the finger pads would touch it (a press frame: where the fingertip meets the button).
   */
  it.each(cases)('$id ($at) has grasp frames whose width matches its surfaces', async ({ family, at }) => {
    const object = sampleAt(family, at);
    const frames = object.built.graspFrames ?? [];
    const sim = await load(worldXml([object]));
    const body = sim.id('body', object.body);
    const owner = (geom: number) => sim.model.body_rootid[sim.model.geom_bodyid[geom] as number];
    const reach = (from: readonly number[], dir: readonly number[], label: string) => {
      const hit = sim.ray(from, dir);
      expect(hit && owner(hit.geom), `${label}: hits the object`).toBe(body);
      expect(Math.abs((hit?.distM ?? Infinity) - PAD_PROBE_M), `${label}: at the pad`).toBeLessThan(
        PAD_TOLERANCE_M,
      );
    };
    for (const f of frames as GraspFrame[]) {
      if (f.kind === 'press') {
        reach(along(f.posM, f.approach, -PAD_PROBE_M), f.approach, f.name);
        continue;
      }
      for (const side of [1, -1]) {
        const start = along(f.posM, f.closingAxis, side * (f.widthM / 2 + PAD_PROBE_M));
        reach(
          start,
          f.closingAxis.map((c) => -side * c),
          `${f.name} from the ${side > 0 ? '+' : '-'} side`,
        );
      }
    }
  });
});
