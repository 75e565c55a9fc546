// Raw success of the scripted expert for one robot on one recipe's task: placement, N physics-only attempts, tally.
import { UserInputError } from '../errors.js';
import { resolveJobPlan } from '../instructions/job-plan.js';
import { placeRobot } from '../pipeline/place-robot.js';
import { type EpisodeResult, runEpisode } from '../pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../randomization/episode-sampler.js';
import type { Catalog } from '../schemas/catalog.js';
import type { Recipe } from '../schemas/recipe.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { SkillCall } from '../skills/skill.js';
import { labgenVersion } from '../version.js';

/** A recipe resolved against the catalog: its scene template and planned skill calls. */
export interface BenchTask {
  recipe: Recipe;
  scene: SceneTemplate;
  steps: SkillCall[];
}

/** Deepest interpenetration of one accepted episode, and where it was seen. */
export interface PenetrationSample {
  depthM: number;
  robot: string;
  scene: string;
  slot: number;
  bodies?: readonly string[];
}

export interface RawSuccess {
  robot: string;
  scene: string;
  attempted: number;
  accepted: number;
  /** Rejections by reason code; an attempt that threw counts under `exception`. */
  reasons: Record<string, number>;
  /** The failed check's detail of the first rejection with each code (bodies, depth, margin), for diagnosis. */
  details: Record<string, string>;
  /** Set when the robot could not be placed at this bench; then nothing was attempted. */
  placementError?: string;
  /** First message of an attempt that threw, so an engine crash is visible in the report rather than hidden. */
  exceptionMessage?: string;
  /** Deepest over accepted episodes; null when no accepted episode reported the metric. */
  deepestPenetration: PenetrationSample | null;
  seconds: number;
}

// Physics only: rendering is the render bench's business, and a tiny image keeps the spec valid at no cost.
const BENCH_IMAGE_PX = 32;
// The same start-pose perturbation `labgen generate` uses, so the bench measures what users get.
const START_JITTER_RAD = 0.05;

export function resolveBenchTask(recipe: Recipe, catalog: Catalog): BenchTask {
  const { scene, plan } = resolveJobPlan(recipe, catalog);
  return { recipe, scene, steps: plan.steps };
}

/**
 * The per-episode quality metrics are being added to EpisodeResult (issue 8): read them without depending on
 * their exact shape yet, so the bench builds before and after.
 */
function penetrationOf(result: EpisodeResult): { depthM: number; bodies?: readonly string[] } | null {
  if (!('quality' in result)) return null;
  const q = result.quality as
    { maxPenetrationM?: unknown; deepestPenetration?: { bodies?: unknown } | null } | undefined;
  if (typeof q?.maxPenetrationM !== 'number') return null;
  const bodies = q.deepestPenetration?.bodies;
  return {
    depthM: q.maxPenetrationM,
    ...(Array.isArray(bodies) ? { bodies: bodies.map(String) } : {}),
  };
}

/** Seeds are the recipe's run seed with slots 0..attempts-1 (attempt 0), as `labgen generate` would draw them. */
export async function measureRawSuccess(
  robot: RobotProfile,
  task: BenchTask,
  catalog: Catalog,
  attempts: number,
): Promise<RawSuccess> {
  const started = performance.now();
  const tally: RawSuccess = {
    robot: robot.id,
    scene: task.scene.id,
    attempted: 0,
    accepted: 0,
    reasons: {},
    details: {},
    deepestPenetration: null,
    seconds: 0,
  };
  const done = (): RawSuccess => ({ ...tally, seconds: (performance.now() - started) / 1000 });
  let base;
  try {
    base = await placeRobot(robot, task.scene, catalog.assets, task.steps);
  } catch (err) {
    // A robot that cannot work at a bench is a measured result; anything else is an engine fault worth naming.
    const message = err instanceof Error ? err.message : String(err);
    tally.placementError = err instanceof UserInputError ? message : `placement threw: ${message}`;
    return done();
  }
  const { recipe } = task;
  for (let slot = 0; slot < attempts; slot++) {
    const spec = sampleEpisodeSpec({
      labgenVersion,
      robot,
      scene: task.scene,
      assets: catalog.assets,
      instruction: recipe.instruction ?? task.steps.map((s) => s.text).join(', '),
      steps: task.steps,
      runSeed: recipe.seed,
      slot,
      attempt: 0,
      fps: recipe.fps,
      imageWidth: BENCH_IMAGE_PX,
      imageHeight: BENCH_IMAGE_PX,
      cameras: recipe.cameras,
      randomize: recipe.randomization !== 'none',
      startJitterRad: START_JITTER_RAD,
      robotBase: { posM: [...base.posM], yawRad: base.yawRad },
    });
    tally.attempted++;
    let result: EpisodeResult;
    try {
      result = await runEpisode(spec, catalog, null);
    } catch (err) {
      tally.reasons.exception = (tally.reasons.exception ?? 0) + 1;
      tally.exceptionMessage ??= err instanceof Error ? err.message : String(err);
      continue;
    }
    if (!result.accepted) {
      const reason = result.reason ?? 'unknown';
      tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
      const detail = result.checks.find((c) => !c.ok && c.code === reason)?.detail;
      if (detail !== undefined) tally.details[reason] ??= detail;
      continue;
    }
    tally.accepted++;
    const pen = penetrationOf(result);
    if (pen && (!tally.deepestPenetration || pen.depthM > tally.deepestPenetration.depthM)) {
      tally.deepestPenetration = { ...pen, robot: robot.id, scene: task.scene.id, slot };
    }
  }
  return done();
}

/** `code xN, code xM`, most frequent first, each with its first detail in brackets when given. */
export function formatReasonCounts(
  reasons: Readonly<Record<string, number>>,
  details: Readonly<Record<string, string>> = {},
): string {
  return Object.entries(reasons)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([k, v]) => `${k} x${v}${details[k] !== undefined ? ` [${details[k]}]` : ''}`)
    .join(', ');
}

/** The rejection codes with counts; the placement error or a thrown message when there is one. */
export function describeRejections(r: RawSuccess): string {
  if (r.placementError !== undefined) return `no placement: ${r.placementError}`;
  const codes = formatReasonCounts(r.reasons, r.details);
  return r.exceptionMessage ? `${codes} (first exception: ${r.exceptionMessage})` : codes;
}

/** The deepest interpenetration over all accepted episodes of these runs, or "n/a" when none reported one. */
export function describeDeepestPenetration(runs: readonly RawSuccess[]): string {
  const accepted = runs.reduce((s, r) => s + r.accepted, 0);
  let deepest: PenetrationSample | null = null;
  for (const r of runs) {
    const d = r.deepestPenetration;
    if (d && (!deepest || d.depthM > deepest.depthM)) deepest = d;
  }
  if (!deepest) return `deepest interpenetration over ${accepted} accepted episode(s): n/a`;
  const between = deepest.bodies ? ` between ${deepest.bodies.join(' and ')}` : '';
  return (
    `deepest interpenetration over ${accepted} accepted episode(s): ${(deepest.depthM * 1000).toFixed(1)} mm` +
    ` (${deepest.robot} on ${deepest.scene}, slot ${deepest.slot}${between})`
  );
}
