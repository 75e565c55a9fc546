// The fill layout and particle MJCF: deterministic, inside the interior, apart, below the rim; bad fills are rejected.
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import { liquidFillSchema } from '../schemas/liquid.js';
import {
  fillLayout,
  filledContainers,
  type InteriorBox,
  liquidParticleName,
  liquidXml,
  particleMassKg,
  sceneLiquidXml,
} from './liquid-mjcf.js';

// The 250 ml beaker's interior at its mid parameters: the square inscribed in a 33.2 mm bore.
const BEAKER: InteriorBox = { minM: [-0.0235, -0.0235, 0.0025], maxM: [0.0235, 0.0235, 0.095] };
const NARROW: InteriorBox = { minM: [-0.006, -0.006, 0.002], maxM: [0.006, 0.006, 0.03] };
const fill = (particles: number, radiusM: number) => liquidFillSchema.parse({ particles, radiusM });

describe('fillLayout', () => {
  it.each([
    { box: BEAKER, particles: 24, radiusM: 0.005 },
    { box: BEAKER, particles: 60, radiusM: 0.004 },
    { box: BEAKER, particles: 1, radiusM: 0.002 },
    { box: NARROW, particles: 2, radiusM: 0.004 },
  ])(
    'lays $particles particles of $radiusM m inside, apart and below the rim',
    ({ box, particles, radiusM }) => {
      const f = fill(particles, radiusM);
      const centres = fillLayout(box, f);
      expect(centres).toHaveLength(particles);
      expect(fillLayout(box, f)).toEqual(centres);
      for (const c of centres) {
        for (const axis of [0, 1] as const) {
          expect(c[axis]).toBeGreaterThanOrEqual(box.minM[axis] + radiusM);
          expect(c[axis]).toBeLessThanOrEqual(box.maxM[axis] - radiusM);
        }
        expect(c[2]).toBeGreaterThan(box.minM[2] + radiusM);
        expect(c[2]).toBeLessThanOrEqual(box.maxM[2] - 2 * radiusM + 1e-12);
      }
      for (let i = 0; i < centres.length; i++)
        for (let j = i + 1; j < centres.length; j++) {
          const a = centres[i] as number[];
          const b = centres[j] as number[];
          expect(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)).toBeGreaterThan(2 * radiusM);
        }
    },
  );

  it.each([
    { box: NARROW, particles: 3, radiusM: 0.004 },
    { box: NARROW, particles: 1, radiusM: 0.007 },
    { box: BEAKER, particles: 200, radiusM: 0.006 },
  ])('rejects $particles particles of $radiusM m that do not fit', ({ box, particles, radiusM }) => {
    expect(() => fillLayout(box, fill(particles, radiusM))).toThrow(UserInputError);
    try {
      fillLayout(box, fill(particles, radiusM));
    } catch (err) {
      expect((err as UserInputError).code).toBe('liquid-overfill');
    }
  });
});

describe('particle MJCF', () => {
  const beaker = { id: 'beaker', posM: [0.4, 0.1, 0.75] as [number, number, number], yawRad: 1 };

  it('names one body and one sphere geom per particle after the container, with the fill radius and water mass', () => {
    const f = fill(5, 0.005);
    const xml = liquidXml({ ...beaker, interior: BEAKER, fill: f });
    expect(xml.match(/<body /g)).toHaveLength(5);
    expect(xml.match(/type="sphere" size="0.005"/g)).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(xml).toContain(`<body name="${liquidParticleName('beaker', i)}"`);
    expect(liquidParticleName('beaker', 3)).toBe('beaker_liquid_3');
    expect(particleMassKg(f)).toBeCloseTo(1000 * (4 / 3) * Math.PI * 0.005 ** 3, 12);
  });

  it('adds nothing for scenes without fills and fails for a fill on an object without an interior', () => {
    expect(sceneLiquidXml([{ ...beaker, built: { container: BEAKER } }])).toEqual([]);
    const filled = { ...beaker, liquid: fill(3, 0.004) };
    expect(sceneLiquidXml([{ ...filled, built: { container: BEAKER } }])).toHaveLength(1);
    expect(() => filledContainers([{ ...filled, built: {} }], 'scene x')).toThrow(/no interior/);
  });
});
