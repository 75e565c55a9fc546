// Chooses where a robot stands at the bench: the mount pose nearest the default from which every task target is reachable.
import { UserInputError } from '../errors.js';
import type { Vec3 } from '../motion/math3d.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { StraddleFit } from '../skills/grasp-geometry.js';
import { graspTargets, type PickHeights } from '../skills/pick/reach.js';
import { getSkill } from '../skills/registry.js';
import type { ReachTarget, SkillCall } from '../skills/skill.js';
import type { SceneInstance } from './scene-instance.js';

export interface BasePose {
  posM: Vec3;
  yawRad: number;
}

/** Open fingers straddling an object: its axes and widths limit how far the tool may lean (see graspFrame). */
export type Straddle = StraddleFit;
export type { ReachTarget };
export type { PickHeights };
export { graspTargets };

/**
 * The TCP poses the plan needs, as each step's skill declares them, with the skill's parameters for the robot
 * (`paramsFor`; by default the skill's defaults).
 */
export function taskTargets(
  scene: SceneInstance,
  steps: readonly SkillCall[],
  paramsFor: (skill: string) => Record<string, number> = (skill) => getSkill(skill).defaults,
): ReachTarget[] {
  const byId = new Map(scene.objects.map((o) => [o.id, o]));
  return steps.flatMap((step) => getSkill(step.skill).reachTargets(byId, step, paramsFor(step.skill)));
}

/** Candidate base poses inside the template's search region, nearest the default first. */
export function placementCandidates(template: SceneTemplate): BasePose[] {
  const m = template.robotMount;
  const steps = (r: readonly [number, number], n: number) =>
    Array.from({ length: n }, (_, i) => (n === 1 ? (r[0] + r[1]) / 2 : r[0] + ((r[1] - r[0]) * i) / (n - 1)));
  const candidates: Array<BasePose & { cost: number }> = [];
  for (const dx of [0, ...steps(m.search.xM, 10)]) {
    for (const dy of [0, ...steps(m.search.yM, 7)]) {
      for (const dyaw of [0, ...steps(m.search.yawRad, 5)]) {
        candidates.push({
          posM: [m.posM[0] + dx, m.posM[1] + dy, m.posM[2]],
          yawRad: m.yawRad + dyaw,
          cost: Math.hypot(dx, dy) + 0.1 * Math.abs(dyaw),
        });
      }
    }
  }
  // Stable order: by cost, then by coordinates, so the choice never depends on iteration quirks.
  candidates.sort(
    (a, b) => a.cost - b.cost || a.posM[0] - b.posM[0] || a.posM[1] - b.posM[1] || a.yawRad - b.yawRad,
  );
  const seen = new Set<string>();
  return candidates
    .filter((c) => {
      const key = `${c.posM.map((v) => v.toFixed(4)).join()}|${c.yawRad.toFixed(4)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ posM, yawRad }) => ({ posM, yawRad }));
}

/**
 * The first candidate from which `reachable` accepts every target (the nominal layout's and every jittered
 * layout's) and where the robot touches nothing standing there. When none does, the first that reaches every
 * nominal target and all targets of at least `minJitteredShare` of the jittered layouts: a base that serves
 * most episodes (the rest are rejected as unreachable, counted in the raw success) rather than none at all.
 * Fails naming the target that the most candidates could not reach, so the user knows what to move.
 */
export function findPlacement(
  robotId: string,
  sceneId: string,
  candidates: readonly BasePose[],
  targets: readonly ReachTarget[],
  reachable: (base: BasePose, target: ReachTarget) => boolean,
  options: {
    /** What the robot standing there touches (its base, its home pose), or null: asked only where it reaches. */
    clash?: (base: BasePose) => string | null;
    /** The same targets on jittered layouts of the scene, one list per layout. */
    jittered?: ReadonlyArray<readonly ReachTarget[]>;
    minJitteredShare?: number;
  } = {},
): BasePose {
  const { clash = () => null, jittered = [], minJitteredShare = 0.75 } = options;
  const misses = new Map<string, number>();
  let firstClash: string | null = null;
  const reachesAll = (base: BasePose, list: readonly ReachTarget[]) => !list.some((t) => !reachable(base, t));
  const standsClear = (base: BasePose): boolean => {
    const touches = clash(base);
    firstClash ??= touches;
    return touches === null;
  };
  for (const base of candidates) {
    const missed =
      targets.find((t) => !reachable(base, t)) ?? jittered.flat().find((t) => !reachable(base, t));
    if (!missed) {
      if (standsClear(base)) return base;
      continue;
    }
    misses.set(missed.label, (misses.get(missed.label) ?? 0) + 1);
  }
  if (jittered.length > 0) {
    for (const base of candidates) {
      if (!reachesAll(base, targets)) continue;
      const served = jittered.filter((list) => reachesAll(base, list)).length;
      if (served >= minJitteredShare * jittered.length && standsClear(base)) return base;
    }
  }
  if (firstClash !== null) {
    throw new UserInputError(
      'unreachable-target',
      `robot ${robotId} reaches every task target in scene ${sceneId} only from base placements where it touches the scene (${firstClash})`,
      { field: 'robots' },
    );
  }
  const worst = [...misses.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'a task target';
  const where = targets
    .find((t) => t.label === worst)
    ?.posM.map((v) => v.toFixed(2))
    .join(', ');
  throw new UserInputError(
    'unreachable-target',
    `robot ${robotId} cannot reach "${worst}" (${where}) in scene ${sceneId} from any base placement in the scene's search region`,
    { field: 'robots' },
  );
}

/**
 * The first object whose footprint the robot's base disc overlaps when mounted at `base` (`radiusM` about the
 * mount point), or null. MuJoCo never reports it: the base and a fixed instrument are both welded to the world.
 */
export function baseOverlap(
  base: BasePose,
  radiusM: number,
  objects: readonly {
    id: string;
    posM: readonly number[];
    yawRad: number;
    built: { footprintHalfM: readonly [number, number] };
  }[],
  marginM = 0.01,
): string | null {
  for (const o of objects) {
    const dx = base.posM[0] - (o.posM[0] as number);
    const dy = base.posM[1] - (o.posM[1] as number);
    const c = Math.cos(-o.yawRad);
    const s = Math.sin(-o.yawRad);
    // The mount point in the object's frame, then its distance from the footprint rectangle.
    const lx = Math.abs(c * dx - s * dy) - o.built.footprintHalfM[0];
    const ly = Math.abs(s * dx + c * dy) - o.built.footprintHalfM[1];
    const gap = Math.hypot(Math.max(lx, 0), Math.max(ly, 0)) + Math.min(Math.max(lx, ly), 0);
    if (gap < radiusM + marginM) return o.id;
  }
  return null;
}
