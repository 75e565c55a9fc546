// The end-state check: each object is judged where it was put last, seated in a slot or inside a container.
import { describe, expect, it } from 'vitest';
import { midRangeSample } from '../assets/asset-semantics.js';
import type { Vec3 } from '../motion/math3d.js';
import { placeObject } from '../scenes/instantiate.js';
import { loadCatalog } from '../schemas/catalog.js';
import { holderSlots } from '../skills/slot-space.js';
import type { FrameObservation } from '../skills/skill.js';
import { finalHoldChecks, finalPlacementChecks } from './final-placement.js';

const catalog = loadCatalog();
const make = (id: string, asset: string, posM: Vec3) => {
  const family = catalog.assets.get(asset);
  if (!family) throw new Error(`missing ${asset}`);
  return placeObject({ id, asset, ...midRangeSample(family), posM, yawRad: 0 }, family);
};
const upright = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const centrifuge = make('centrifuge', 'centrifuge', [0, 0, 0]);
const rack = make('tube-rack', 'tube-rack', [0.5, 0, 0]);
const tube = make('tube', 'centrifuge-tube-1-5ml', [0, 0, 0]);
const objects = new Map([centrifuge, rack, tube].map((o) => [o.id, o]));
const frame = (tubeAt: Vec3): FrameObservation => ({
  timeS: 0,
  phase: 'settle',
  tcpPosM: [0, 0, 1],
  gripperOpeningM: 0,
  objects: new Map([
    ['centrifuge', { posM: centrifuge.posM, mat: upright, speedMS: 0 }],
    ['tube-rack', { posM: rack.posM, mat: upright, speedMS: 0 }],
    ['tube', { posM: tubeAt, mat: upright, speedMS: 0 }],
  ]),
  touching: new Set(),
  partStates: new Map(),
});
const [hole] = holderSlots(centrifuge.built);
const [cell] = holderSlots(rack.built);
if (!hole || !cell) throw new Error('no slots');
const inCell: Vec3 = [rack.posM[0] + cell.floorM[0], rack.posM[1] + cell.floorM[1], cell.floorM[2]];

describe('final placement', () => {
  it('judges a tube loaded into the centrifuge and taken back to the rack on the rack only', () => {
    const checks = finalPlacementChecks(
      frame(inCell),
      [
        { target: 'tube', destination: 'centrifuge' },
        { target: 'tube', destination: 'tube-rack' },
      ],
      objects,
    );
    expect(checks).toHaveLength(1);
    expect(checks[0]?.ok).toBe(true);
  });

  it('finds a tube knocked out of its rotor hole disturbed', () => {
    const [check] = finalPlacementChecks(
      frame([hole.floorM[0], hole.floorM[1], hole.wallTopM]),
      [{ target: 'tube', destination: 'centrifuge' }],
      objects,
    );
    expect(check?.code).toBe('place.disturbed');
    expect(check?.detail).toMatch(/place\.not-seated/);
  });

  it('passes an object taken and still in the hand, and rejects one let go of as episode.dropped', () => {
    const held = { ...frame([0, 0, 0.9]), touching: new Set(['tube']) };
    expect(finalHoldChecks(held, [{ target: 'tube', step: 3 }])).toEqual([
      { predicate: 'episode.still-held', ok: true },
    ]);
    const [dropped] = finalHoldChecks(frame([0.3, 0, 0]), [
      { target: 'tube', step: 3, droppedBy: 'close-lid' },
    ]);
    expect(dropped?.ok).toBe(false);
    expect(dropped?.code).toBe('episode.dropped');
    expect(dropped?.detail).toMatch(/tube was taken by step 4 .*\(let go during close-lid\)/);
  });
});
