import { describe, expect, it } from 'vitest';
import { contactCounts, type GeomOwner, PenetrationTracker } from './interpenetration.js';

const plate: GeomOwner = { kind: 'object', name: 'pcr-plate' };
const tipBox: GeomOwner = { kind: 'object', name: 'pipette-tip-box' };
const drop: GeomOwner = { kind: 'liquid', name: 'beaker liquid' };
const link: GeomOwner = { kind: 'robot', name: 'link4' };
const bench: GeomOwner = { kind: 'bench', name: 'bench' };
const floor: GeomOwner = { kind: 'floor', name: 'floor' };
const lid: GeomOwner = { kind: 'object', name: 'centrifuge', part: 'lid' };

describe('interpenetration tracking', () => {
  it('exempts liquid particles among themselves and against the floor only', () => {
    expect(contactCounts(drop, drop)).toBe(false);
    expect(contactCounts(drop, floor)).toBe(false);
    expect(contactCounts(floor, drop)).toBe(false);
    expect(contactCounts(drop, bench)).toBe(true);
    expect(contactCounts(plate, floor)).toBe(true);
    expect(contactCounts(drop, plate)).toBe(true);
    expect(contactCounts(link, bench)).toBe(true);
  });

  it('rejects the first overlap beyond the limit with both bodies, the depth and the frame', () => {
    const t = new PenetrationTracker(0.003);
    t.observe(plate, bench, -0.0004, 3, 0.2);
    t.observe(plate, tipBox, -0.002, 10, 0.7);
    expect(t.firstViolation).toBeNull();
    t.observe(plate, tipBox, -0.013, 12, 0.8);
    t.observe(link, lid, -0.02, 15, 1.0);
    expect(t.firstViolation).toEqual({
      bodies: ['pcr-plate', 'pipette-tip-box'],
      depthM: 0.013,
      frame: 12,
      timeS: 0.8,
    });
    expect(t.deepest?.bodies).toEqual(['robot link4', 'centrifuge lid']);
    expect(t.deepest?.depthM).toBeCloseTo(0.02, 12);
  });

  it('ignores separated contacts and overlapping drops, however deep', () => {
    const t = new PenetrationTracker(0.003);
    t.observe(plate, tipBox, 0.001, 1, 0);
    t.observe(drop, drop, -0.01, 2, 0);
    expect(t.deepest).toBeNull();
    expect(t.firstViolation).toBeNull();
  });
});
