// Whole-object placement, and attempts to fool it: a centre inside the basket is not enough.
import { describe, expect, it } from 'vitest';
import { midRangeSample } from '../assets/asset-semantics.js';
import { quatFromAxisAngle, quatToMat, type Vec3 } from '../motion/math3d.js';
import { placeObject } from '../scenes/instantiate.js';
import { loadCatalog } from '../schemas/catalog.js';
import { measurePlacement, placementFailure, placementRules } from './placement.js';

const catalog = loadCatalog();
const make = (id: string, asset: string) => {
  const family = catalog.assets.get(asset);
  if (!family) throw new Error(`missing ${asset}`);
  return placeObject({ id, asset, ...midRangeSample(family), posM: [0, 0, 0], yawRad: 0 }, family);
};
const basket = make('basket', 'lab-basket');
const plate = make('pcr-plate', 'pcr-plate');
const tube = make('tube', 'centrifuge-tube-1-5ml');
const tray = make('tray', 'lab-tray');
const beaker = make('beaker', 'beaker-250ml');
const upright = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const at = (posM: Vec3, mat = upright) => ({ posM, mat });
const region = basket.built.container ?? { minM: [0, 0, 0], maxM: [0, 0, 0] };
const floorZ = region.minM[2] as number;
const judge = (o: typeof plate, pose: { posM: Vec3; mat: number[] }, c = basket) =>
  placementFailure(measurePlacement(o, pose, c, at([0, 0, 0])), placementRules(o, c));

describe('whole-object placement', () => {
  it('accepts a plate lying flat on the basket floor', () => {
    expect(judge(plate, at([0, 0, floorZ]))).toBeNull();
    const m = measurePlacement(plate, at([0, 0, floorZ]), basket, at([0, 0, 0]));
    expect(m.insideMarginM).toBeGreaterThan(0.04);
    expect(m.tiltRad).toBeCloseTo(0, 9);
  });

  it('rejects a plate whose centre is inside but whose corner rests on the wall', () => {
    const [hx] = plate.built.footprintHalfM;
    // Base centre 1 cm inside the inner wall face: the corner lies over the wall, at rim height.
    const x = (region.maxM[0] as number) - hx + 0.02;
    expect(judge(plate, at([x, 0, region.maxM[2] as number]))).toBe('place.on-rim');
  });

  it('rejects a plate embedded in the floor, one outside, one standing on its edge', () => {
    expect(judge(plate, at([0, 0, floorZ - 0.01]))).toBe('place.through-floor');
    expect(judge(plate, at([0.3, 0, 0]))).toBe('place.outside-container');
    const onEdge = quatToMat(quatFromAxisAngle([1, 0, 0], Math.PI / 2));
    expect(judge(plate, at([0, 0, floorZ + 0.05], onEdge))).toBe('place.tilted');
  });

  it('rejects a plate stacked so high it sticks out above the basket rim', () => {
    expect(judge(plate, at([0, 0, (region.maxM[2] as number) - 0.005]))).toBe('place.above-rim');
  });

  it('lets a tube lie down in the basket (its family allows it)', () => {
    const lying = quatToMat(quatFromAxisAngle([1, 0, 0], Math.PI / 2));
    expect(judge(tube, at([0, 0, floorZ + 0.006], lying))).toBeNull();
  });

  it('lets a beaker stand in a shallow tray taller than its walls, but not over its wall', () => {
    const trayFloor = tray.built.container?.minM[2] ?? 0;
    expect(judge(beaker, at([0, 0, trayFloor]), tray)).toBeNull();
    const edge = (tray.built.container?.maxM[0] ?? 0) - 0.01;
    expect(judge(beaker, at([edge, 0, trayFloor]), tray)).toBe('place.on-rim');
  });
});
