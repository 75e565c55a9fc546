import { describe, expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import type { Vec3 } from '../motion/math3d.js';
import { createRng } from '../rng.js';
import { loadCatalog } from '../schemas/catalog.js';
import { instantiateScene } from './instantiate.js';
import { baseOverlap, findPlacement, placementCandidates, taskTargets } from './robot-placement.js';

const catalog = loadCatalog();
const template = catalog.scenes.get('clean-table');
if (!template) throw new Error('clean-table missing');
const scene = instantiateScene(template, catalog.assets, createRng(0), {
  appearance: false,
  layout: false,
  maxLayoutTries: 1,
});
const steps = [{ skill: 'pick-place' as const, target: 'pcr-plate', destination: 'basket', text: 'x' }];
// A toy reach model: a sphere of `reach` metres around the base.
const sphere = (reach: number) => (base: { posM: Vec3 }, target: { posM: Vec3 }) =>
  Math.hypot(...target.posM.map((v, i) => v - (base.posM[i] as number))) < reach;

describe('robot placement', () => {
  it('lists grasp, approach and release targets for a pick-place', () => {
    expect(taskTargets(scene, steps).map((t) => t.label)).toEqual([
      'grasp pcr-plate',
      'approach pcr-plate',
      'lift pcr-plate',
      'carry over basket',
    ]);
  });

  it('keeps the default mount when everything is reachable from it', () => {
    const base = findPlacement('r', 's', placementCandidates(template), taskTargets(scene, steps), sphere(2));
    expect(base.posM).toEqual(template.robotMount.posM);
  });

  it('moves a short arm toward the bench, choosing the nearest pose that reaches everything', () => {
    const base = findPlacement(
      'r',
      's',
      placementCandidates(template),
      taskTargets(scene, steps),
      sphere(0.5),
    );
    expect(base.posM[0]).toBeGreaterThan(template.robotMount.posM[0]);
    for (const t of taskTargets(scene, steps)) expect(sphere(0.5)(base, t)).toBe(true);
  });

  it('fails naming the unreachable target when no placement works', () => {
    let err: unknown;
    try {
      findPlacement(
        'tiny-arm',
        'clean-table',
        placementCandidates(template),
        taskTargets(scene, steps),
        sphere(0.1),
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(
      /robot tiny-arm cannot reach "(grasp pcr-plate|approach pcr-plate|lift pcr-plate|carry over basket)"/,
    );
  });

  it('skips a base pose where the robot would stand in the scene, and says so when every reaching pose does', () => {
    const candidates = placementCandidates(template);
    const targets = taskTargets(scene, steps);
    const first = candidates[0] as (typeof candidates)[number];
    const base = findPlacement('r', 's', candidates, targets, sphere(2), {
      clash: (b) => (b === first ? 'its home pose touches the scene: robot link4 / basket' : null),
    });
    expect(base).not.toBe(first);
    expect(() =>
      findPlacement('r', 's', candidates, targets, sphere(2), { clash: () => 'robot link4 / basket' }),
    ).toThrow(
      /reaches every task target in scene s only from base placements where it touches the scene \(robot link4 \/ basket\)/,
    );
  });

  it('finds a base disc standing on an object footprint, turned or not, and nothing when it stands clear', () => {
    const box = {
      id: 'thermal-cycler',
      posM: [0.5, 0, 0.75],
      yawRad: Math.PI / 2,
      built: { footprintHalfM: [0.2, 0.1] as [number, number] },
    };
    // Turned a quarter turn, its long side lies along y: 0.1 m half width along x.
    expect(baseOverlap({ posM: [0.35, 0, 0.75], yawRad: 0 }, 0.06, [box])).toBe('thermal-cycler');
    expect(baseOverlap({ posM: [0.31, 0, 0.75], yawRad: 0 }, 0.06, [box])).toBeNull();
    expect(baseOverlap({ posM: [0.5, 0.35, 0.75], yawRad: 0 }, 0.06, [box])).toBeNull();
    expect(baseOverlap({ posM: [0.5, 0.25, 0.75], yawRad: 0 }, 0.06, [box])).toBe('thermal-cycler');
    // Inside the footprint counts too.
    expect(baseOverlap({ posM: [0.5, 0, 0.75], yawRad: 0 }, 0.06, [box])).toBe('thermal-cycler');
  });

  it('falls back to a base serving the nominal layout and most jittered ones when none serves them all', () => {
    const candidates = placementCandidates(template);
    const targets = taskTargets(scene, steps);
    const far = (dx: number) =>
      targets.map((t) => ({ ...t, posM: [t.posM[0] + dx, t.posM[1], t.posM[2]] as Vec3 }));
    // Three of four jittered layouts within reach of the default mount, one 5 m away.
    const jittered = [far(0), far(0.01), far(-0.01), far(5)];
    const base = findPlacement('r', 's', candidates, targets, sphere(2), { jittered });
    expect(base.posM).toEqual(template.robotMount.posM);
    expect(() =>
      findPlacement('r', 's', candidates, targets, sphere(2), { jittered, minJitteredShare: 0.9 }),
    ).toThrow(/cannot reach/);
  });
});
