import { describe, expect, it } from 'vitest';
import {
  type Footprint,
  footprintAlong,
  footprintGapM,
  freeSpots,
  spotMarginM,
  wallClearanceM,
} from './container-space.js';

const rect = (cx: number, cy: number, hx: number, hy: number, yawRad = 0): Footprint => ({
  centerM: [cx, cy],
  axis: [Math.cos(yawRad), Math.sin(yawRad)],
  halfM: [hx, hy],
});
const floor = { minM: [-0.1, -0.13, 0], maxM: [0.1, 0.13, 0] };

describe('container floor space', () => {
  it('measures a footprint along a heading', () => {
    const f = footprintAlong(
      [
        [0, 0, 0],
        [0.02, 0.01, 0.5],
        [0.01, -0.03, 0],
      ],
      [1, 0],
    );
    expect(f.centerM[0]).toBeCloseTo(0.01, 12);
    expect(f.centerM[1]).toBeCloseTo(-0.01, 12);
    expect(f.halfM).toEqual([0.01, 0.02]);
  });

  it('tells the gap between rectangles, negative when they overlap, also when turned', () => {
    expect(footprintGapM(rect(0, 0, 0.03, 0.05), rect(0.1, 0, 0.03, 0.05))).toBeCloseTo(0.04, 12);
    expect(footprintGapM(rect(0, 0, 0.03, 0.05), rect(0.05, 0, 0.03, 0.05))).toBeCloseTo(-0.01, 12);
    // Centres 9 cm apart, but the second plate turned 90 degrees reaches 4.4 cm toward the first.
    expect(footprintGapM(rect(0, 0, 0.032, 0.044), rect(0.09, 0, 0.032, 0.044, Math.PI / 2))).toBeCloseTo(
      0.014,
      9,
    );
  });

  it('measures how far every corner stays inside the walls', () => {
    expect(wallClearanceM(rect(0, 0, 0.05, 0.05), floor)).toBeCloseTo(0.05, 12);
    expect(wallClearanceM(rect(0.08, 0, 0.05, 0.05), floor)).toBeCloseTo(-0.03, 12);
  });

  it('finds spots that keep the gaps to the walls and to what is already in, packed from the preferred corner', () => {
    const tipBox = rect(-0.05, -0.07, 0.0335, 0.0525);
    const plate = rect(0, 0, 0.055, 0.044);
    const q = { floor, contents: [tipBox], carried: plate, wallGapM: 0.008, contentGapM: 0.01, stepM: 0.005 };
    const spots = freeSpots({ ...q, preferM: [-0.1, -0.13] });
    expect(spots.length).toBeGreaterThan(0);
    for (const s of spots.slice(0, 20)) expect(spotMarginM(q, s.baseM)).toBeGreaterThanOrEqual(0);
    const best = spots[0]?.baseM ?? [0, 0];
    // It packs against the wall and the tip box instead of taking the middle of the free floor.
    expect(spots[0]?.marginM).toBeLessThan(0.005);
    expect(footprintGapM({ ...plate, centerM: best }, tipBox)).toBeGreaterThanOrEqual(0.01 - 1e-9);
  });

  it('finds none when the carried footprint is wider than the free floor', () => {
    const big = rect(0, 0, 0.09, 0.1);
    const q = {
      floor,
      contents: [rect(0, 0.08, 0.09, 0.04)],
      carried: big,
      wallGapM: 0.008,
      contentGapM: 0.01,
    };
    expect(freeSpots({ ...q, stepM: 0.005, preferM: [0, 0] })).toEqual([]);
  });
});
