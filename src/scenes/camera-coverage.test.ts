// Camera coverage: which boxes a scene must show, the frustum test on their corners, probe rays, and the bundled templates.
import { describe, expect, it } from 'vitest';
import { cameraFromAxes } from '../render/camera.js';
import { createRng, deriveSeed } from '../rng.js';
import { loadCatalog } from '../schemas/catalog.js';
import type { SceneTemplate } from '../schemas/scene.js';
import {
  type CastRay,
  cameraCoverage,
  cameraCoverageDefaults,
  cornersOutOfView,
  describeUncovered,
  probeVisibility,
  taskViewBoxes,
  type ViewBox,
} from './camera-coverage.js';
import { instantiateScene } from './instantiate.js';

const catalog = loadCatalog();
const templateOf = (id: string) => catalog.scenes.get(id) as SceneTemplate;
const nominal = (id: string) =>
  instantiateScene(templateOf(id), catalog.assets, createRng(0), {
    appearance: false,
    layout: false,
    maxLayoutTries: 1,
  });

// A 10 cm cube on the origin, seen by a camera 1 m above it looking straight down (image up = world +y).
const cube: ViewBox = {
  object: 'cube',
  what: 'object',
  posM: [0, 0, 0],
  yawRad: 0,
  minM: [-0.05, -0.05, 0],
  maxM: [0.05, 0.05, 0.1],
  probesM: [
    [0, 0, 0.1],
    [0.03, 0, 0.1],
    [-0.03, 0, 0.1],
    [0, 0.03, 0.1],
  ],
  owners: ['cube'],
};
const above = (x: number, fovyDeg: number) => cameraFromAxes([x, 0, 1], [1, 0, 0], [0, 1, 0], fovyDeg);
const opts = cameraCoverageDefaults;

describe('taskViewBoxes', () => {
  it('lists every movable object and every container interior', () => {
    const boxes = taskViewBoxes(nominal('clean-table'));
    expect(boxes.map((b) => `${b.what} ${b.object}`)).toEqual([
      'object pipette-tip-box',
      'object pcr-plate',
      'object centrifuge-tube',
      'interior basket',
    ]);
  });

  it('raises an interior to the tallest other object that fits on its floor, so anything placed in it is inside', () => {
    const scene = nominal('clean-table');
    const basket = scene.objects.find((o) => o.id === 'basket');
    const region = basket?.built.container;
    if (!region) throw new Error('basket has no interior');
    const interior = taskViewBoxes(scene).find((b) => b.what === 'interior') as ViewBox;
    const tallest = Math.max(...scene.objects.filter((o) => o.movable).map((o) => o.built.heightM));
    expect(interior.minM).toEqual(region.minM);
    expect(interior.maxM[2]).toBeCloseTo(Math.max(region.maxM[2], region.minM[2] + tallest), 12);
    // Probes sit on the floor at rest, 3 x 3.
    expect(interior.probesM).toHaveLength(9);
    for (const p of interior.probesM) expect(p[2]).toBeCloseTo(basket.posM[2] + region.minM[2], 12);
  });

  it("sweeps a drawer's interior along the drawer's whole travel", () => {
    const scene = nominal('storage-bench');
    const cabinet = scene.objects.find((o) => o.id === 'cabinet');
    const region = cabinet?.built.container;
    const drawer = cabinet?.built.parts?.find((p) => p.name === 'drawer');
    if (!region || !drawer) throw new Error('cabinet has no drawer');
    const box = taskViewBoxes(scene).find((b) => b.object === 'cabinet') as ViewBox;
    const travel = drawer.joint.range[1];
    // The drawer slides along its frame's -y.
    expect(box.minM[1]).toBeCloseTo(region.minM[1] - travel, 12);
    expect(box.maxM[1]).toBeCloseTo(region.maxM[1], 12);
    expect(box.minM[0]).toBeCloseTo(region.minM[0], 12);
    // The incubator's door is hinged: its interior stays where it is.
    const incubator = scene.objects.find((o) => o.id === 'incubator');
    const inc = taskViewBoxes(scene).find((b) => b.object === 'incubator') as ViewBox;
    expect(inc.minM).toEqual(incubator?.built.container?.minM);
  });

  it('counts what a container holds among its owners (a probe may hit a tube in the basket)', () => {
    const scene = nominal('clean-table');
    const basket = scene.objects.find((o) => o.id === 'basket');
    const plate = scene.objects.find((o) => o.id === 'pcr-plate');
    if (!basket?.built.container || !plate) throw new Error('clean-table changed');
    const inside = {
      ...scene,
      objects: scene.objects.map((o) =>
        o.id === 'pcr-plate'
          ? { ...o, posM: [basket.posM[0], basket.posM[1], basket.posM[2] + basket.built.container!.minM[2]] }
          : o,
      ),
    } as typeof scene;
    const owners = (s: typeof scene) => taskViewBoxes(s).find((b) => b.what === 'interior')?.owners;
    expect(owners(scene)).toEqual(['basket', 'basket liquid']);
    expect(owners(inside)).toEqual(['basket', 'basket liquid', 'pcr-plate']);
  });
});

describe('cornersOutOfView', () => {
  it('counts corners outside the image, behind the camera counting as outside', () => {
    expect(cornersOutOfView(above(0, 30), cube, opts)).toBe(0);
    // The image's half width is 0.9 tan 15° = 0.241 m at the cube's top and 0.268 m at its base: with the -x
    // face 0.255 m left of the axis, its two top corners fall outside and its two bottom ones inside.
    expect(cornersOutOfView(above(0.255 - 0.05, 30), cube, opts)).toBe(2);
    expect(cornersOutOfView(above(0.28, 30), cube, opts)).toBe(4);
    expect(cornersOutOfView(above(0.5, 30), cube, opts)).toBe(8);
    const below = cameraFromAxes([0, 0, -1], [1, 0, 0], [0, 1, 0], 60);
    expect(cornersOutOfView(below, cube, opts)).toBe(8);
  });

  it('keeps corners a margin inside the edge', () => {
    // The cube's top corners at the image edge exactly: in with no margin, out with one.
    const fovyDeg = (360 / Math.PI) * Math.atan(0.05 / 0.9);
    const camera = above(0, fovyDeg);
    expect(cornersOutOfView(camera, cube, { ...opts, edgeMarginPx: -1e-6 })).toBe(0);
    expect(cornersOutOfView(camera, cube, opts)).toBe(4);
  });
});

describe('probeVisibility', () => {
  const camera = above(0, 30);
  const castHitting =
    (owner: (dir: readonly number[]) => string, distM: number): CastRay =>
    (_from, dir) => ({ distM, owner: owner(dir) });

  it('sees probes reached by the ray or hidden only by the object itself', () => {
    expect(probeVisibility(camera, cube, () => null, 0.003).seenFraction).toBe(1);
    expect(
      probeVisibility(
        camera,
        cube,
        castHitting(() => 'cube', 0.5),
        0.003,
      ).seenFraction,
    ).toBe(1);
    // A hit on something else at the probe point (within tolerance) is the probe itself being reached.
    expect(
      probeVisibility(
        camera,
        cube,
        castHitting(() => 'the bench', 0.898),
        0.003,
      ).seenFraction,
    ).toBe(1);
  });

  it('reports the share hidden by anything else in front, and what hides them', () => {
    // The robot hangs over the +x half: the probe at x = 0.03 is hidden.
    const cast = castHitting((dir) => ((dir[0] as number) > 0 ? 'the robot' : 'cube'), 0.5);
    expect(probeVisibility(camera, cube, cast, 0.003)).toEqual({ seenFraction: 0.75, hiddenBy: 'the robot' });
  });
});

describe('cameraCoverage', () => {
  it('names the closest camera and what it misses', () => {
    const template: SceneTemplate = {
      ...templateOf('clean-table'),
      cameras: [{ name: 'narrow', posM: [1.1, 0, 1.3], lookAtM: [0.42, 0, 0.8], fovyDeg: 20 }],
    };
    const missing = cameraCoverage(template, nominal('clean-table')).filter((c) => c.seenBy.length === 0);
    expect(missing.length).toBeGreaterThan(0);
    expect(describeUncovered(missing[0] as (typeof missing)[number])).toMatch(
      /^.* is not wholly in view of any fixed camera \(closest: narrow, \d of 8 corners outside the image\)$/,
    );
    const hidden = cameraCoverage(templateOf('clean-table'), nominal('clean-table'), opts, () => ({
      distM: 0.1,
      owner: 'the robot',
    }));
    expect(describeUncovered(hidden[0] as (typeof hidden)[number])).toBe(
      'pipette-tip-box is hidden from every fixed camera (best: front sees 0% of it, the rest hidden by the robot)',
    );
  });

  // The simulated half (probe rays against the robot at home) runs in the scene check over sampled scenes.
  const SAMPLES = 200;
  it.each([...catalog.scenes.keys()])(
    `%s: its fixed cameras frame every task object and interior over ${SAMPLES} sampled layouts`,
    (id) => {
      const template = templateOf(id);
      const failures: string[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const scene = instantiateScene(template, catalog.assets, createRng(deriveSeed(0, id, i)), {
          appearance: true,
          layout: true,
          maxLayoutTries: 50,
        });
        for (const c of cameraCoverage(template, scene))
          if (c.seenBy.length === 0) failures.push(`sample ${i}: ${describeUncovered(c)}`);
      }
      expect(failures).toEqual([]);
    },
  );
});
