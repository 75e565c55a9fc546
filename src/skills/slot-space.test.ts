// Slots as their holders' geoms wall them: hole walls and tops, clearances inside and beyond them, occupancy.
import { describe, expect, it } from 'vitest';
import { midRangeSample } from '../assets/asset-semantics.js';
import { assetHullPoints } from '../assets/hull-points.js';
import { placeObject } from '../scenes/instantiate.js';
import { loadCatalog } from '../schemas/catalog.js';
import {
  convexHull,
  holderSlots,
  occupiesSlot,
  oppositeSlots,
  polygonDistanceM,
  polygonGapM,
  segmentEntry,
  slotClearanceM,
  slotFitM,
} from './slot-space.js';

const catalog = loadCatalog();
const make = (asset: string) => {
  const family = catalog.assets.get(asset);
  if (!family) throw new Error(`missing ${asset}`);
  return placeObject({ id: asset, asset, ...midRangeSample(family), posM: [0, 0, 0], yawRad: 0 }, family);
};
const centrifuge = make('centrifuge');
const rack = make('tube-rack');
const cycler = make('thermal-cycler');
const tube = make('centrifuge-tube-1-5ml');
const plate = make('pcr-plate');
/** Hull points of an object standing with its base at a point (holder frame, upright, no turn). */
const standing = (o: typeof tube, at: readonly number[], turn = 0) =>
  assetHullPoints(o.built).map((p) => {
    const [c, s] = [Math.cos(turn), Math.sin(turn)];
    return [
      (at[0] as number) + c * p[0] - s * p[1],
      (at[1] as number) + s * p[0] + c * p[1],
      (at[2] as number) + p[2],
    ];
  });

describe('polygon helpers', () => {
  const square = convexHull([
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0.5, 0.5],
  ]);
  it('hulls, measures and clips', () => {
    expect(square).toHaveLength(4);
    expect(polygonDistanceM([2, 0.5], square)).toBeCloseTo(1, 12);
    expect(polygonDistanceM([0.5, 0.4], square)).toBeCloseTo(-0.4, 12);
    expect(segmentEntry([-1, 0.5], [2, 0.5], square)).toBeCloseTo(1 / 3, 12);
    expect(segmentEntry([-1, 2], [2, 2], square)).toBeNull();
    const shifted = square.map(([x, y]) => [x + 1.5, y] as const);
    expect(polygonGapM(square, shifted)).toBeCloseTo(0.5, 12);
    expect(
      polygonGapM(
        square,
        square.map(([x, y]) => [x + 0.75, y] as const),
      ),
    ).toBeCloseTo(-0.25, 12);
  });
});

describe('holder slots', () => {
  it('walls each rotor hole with the rotor top and fits a 1.5 ml tube with about 1 mm to spare', () => {
    const slots = holderSlots(centrifuge.built);
    expect(slots).toHaveLength(6);
    const p = centrifuge.params;
    const rotorTop = centrifuge.built.container?.minM[2] as number;
    for (const s of slots) {
      expect(s.wallTopM).toBeCloseTo(rotorTop, 9);
      expect(s.wallTopM - s.floorM[2]).toBeCloseTo((p.rotorHeightM as number) - (p.rotorDeckM as number), 9);
      const fit = slotFitM(s, standing(tube, s.floorM));
      expect(fit).toBeGreaterThan(0.0008);
      expect(fit).toBeLessThan(0.0015);
    }
    // A tube standing between two holes, on the deck outside the star, lies beyond the walls.
    const s0 = slots[0]!;
    expect(slotFitM(s0, standing(tube, [s0.floorM[0] + 0.006, s0.floorM[1], s0.floorM[2]]))).toBeLessThan(0);
    // A point above the walls is not the slot's business.
    expect(slotClearanceM(s0, [s0.floorM[0] + 0.05, s0.floorM[1], s0.wallTopM + 0.001])).toBe(Infinity);
  });

  it('pairs opposite rotor holes, and no rack cells', () => {
    expect(oppositeSlots(holderSlots(centrifuge.built))).toEqual([3, 4, 5, 0, 1, 2]);
    expect(oppositeSlots(holderSlots(rack.built)).every((j) => j === -1)).toBe(true);
  });

  it('walls rack cells to the rack top and tells an occupied cell from its neighbour', () => {
    const slots = holderSlots(rack.built);
    expect(slots).toHaveLength(8);
    for (const s of slots) expect(s.wallTopM).toBeCloseTo(rack.built.heightM, 9);
    const s1 = slots[1]!;
    const inCell = standing(tube, s1.floorM);
    expect(slotFitM(s1, inCell)).toBeGreaterThan(0.001);
    expect(occupiesSlot(s1, inCell)).toBe(true);
    expect(occupiesSlot(slots[0]!, inCell)).toBe(false);
    expect(occupiesSlot(slots[2]!, inCell)).toBe(false);
  });

  it('finds a tube resting a hair below the floor of its rotor hole in that hole only', () => {
    // Settled in slot 1 with its lowest points 0.09 mm under the floor (within the floor tolerance, under
    // the hole walls' foot): it once seemed to stand in all six holes, and the second tube found no room.
    const slots = holderSlots(centrifuge.built);
    const s1 = slots[1]!;
    const sunk = standing(tube, [s1.floorM[0], s1.floorM[1], s1.floorM[2] - 0.00009]);
    expect(slots.map((s) => occupiesSlot(s, sunk))).toEqual(slots.map((_, i) => i === 1));
  });

  it('takes the plate in the thermal cycler seat either way round, with about 2 mm to spare along its length', () => {
    const [seat] = holderSlots(cycler.built);
    if (!seat) throw new Error('no seat');
    const region = cycler.built.container;
    expect(seat.wallTopM).toBeCloseTo(region?.maxM[2] as number, 9);
    const along = slotFitM(seat, standing(plate, seat.floorM));
    const across = slotFitM(seat, standing(plate, seat.floorM, Math.PI / 2));
    expect(along).toBeGreaterThan(0.0015);
    expect(along).toBeLessThan(0.004);
    expect(across).toBeGreaterThan(0.01);
    // Turned by 0.2 rad it no longer fits.
    expect(slotFitM(seat, standing(plate, seat.floorM, 0.2))).toBeLessThan(0);
  });
});
