// Whole-object placement, and attempts to fool it: a centre inside the basket is not enough.
import { describe, expect, it } from 'vitest';
import { midRangeSample } from '../assets/asset-semantics.js';
import { quatFromAxisAngle, quatToMat, type Vec3 } from '../motion/math3d.js';
import { placeObject } from '../scenes/instantiate.js';
import { loadCatalog } from '../schemas/catalog.js';
import { judgePlacement, measurePlacement, placementFailure, placementRules } from './placement.js';
import { holderSlots } from './slot-space.js';

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

describe('placement in a slot', () => {
  const centrifuge = make('centrifuge', 'centrifuge');
  const rack = make('tube-rack', 'tube-rack');
  const [hole] = holderSlots(centrifuge.built);
  const [cell] = holderSlots(rack.built);
  if (!hole || !cell) throw new Error('no slots');
  const judgeIn = (o: typeof tube, pose: { posM: Vec3; mat: number[] }, holder = centrifuge) =>
    judgePlacement(o, pose, holder, at([0, 0, 0])).failure;
  const floor = (s: typeof hole): Vec3 => [s.floorM[0], s.floorM[1], s.floorM[2]];

  it('accepts a tube seated on the floor of a rotor hole or a rack cell', () => {
    expect(judgeIn(tube, at(floor(hole)))).toBeNull();
    expect(judgeIn(tube, at(floor(cell)), rack)).toBeNull();
    const m = judgePlacement(tube, at(floor(hole)), centrifuge, at([0, 0, 0])).measure;
    expect(m.slot).toBe(0);
    expect(m.insideMarginM).toBeGreaterThan(0.0005);
  });

  it('rejects a tube standing on the hole walls or on something in the hole as not seated', () => {
    expect(judgeIn(tube, at([hole.floorM[0], hole.floorM[1], hole.wallTopM]))).toBe('place.not-seated');
    expect(judgeIn(tube, at([hole.floorM[0], hole.floorM[1], hole.floorM[2] + 0.005]))).toBe(
      'place.not-seated',
    );
  });

  it('rejects a tube down on the deck beside the holes, and one sunk into the floor', () => {
    // 4 mm off the axis towards the rotor's centre: the tube's foot stands in the inner wall.
    const inward: Vec3 = [hole.floorM[0] * 0.88, hole.floorM[1] * 0.88, hole.floorM[2]];
    expect(judgeIn(tube, at(inward))).toBe('place.outside-slot');
    expect(judgeIn(tube, at([hole.floorM[0], hole.floorM[1], hole.floorM[2] - 0.005]))).toBe(
      'place.through-floor',
    );
  });

  it('judges a plate in the thermal cycler seat by the seat: propped up on its edge it is not seated', () => {
    const cycler = make('thermal-cycler', 'thermal-cycler');
    const [seat] = holderSlots(cycler.built);
    if (!seat) throw new Error('no seat');
    expect(judgeIn(plate, at(floor(seat)), cycler)).toBeNull();
    const tilted = quatToMat(quatFromAxisAngle([1, 0, 0], 0.4));
    expect(judgeIn(plate, at([seat.floorM[0], seat.floorM[1], seat.floorM[2] + 0.03], tilted), cycler)).toBe(
      'place.not-seated',
    );
  });
});
