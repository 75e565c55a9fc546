// Orchestrates `labgen generate`: per robot, sample -> simulate -> filter -> stream accepted episodes to a dataset.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cameraMetadata } from '../dataset/camera-metadata.js';
import { createLeRobotV3Writer } from '../dataset/lerobot-v3-writer.js';
import { UserInputError } from '../errors.js';
import { resolveJobPlan } from '../instructions/job-plan.js';
import { sampleEpisodeSpec } from '../randomization/episode-sampler.js';
import type { BasePose } from '../scenes/robot-placement.js';
import { type Catalog, lookup } from '../schemas/catalog.js';
import type { JobSpec } from '../schemas/recipe.js';
import { createSimRenderer } from '../sim/sim-render.js';
import { labgenVersion } from '../version.js';
import { placeRobot } from './place-robot.js';
import { PHASES } from '../skills/phases.js';
import {
  episodeFeatures,
  liquidContainerIds,
  runEpisode,
  type TimelineSegment,
  taskObjectIds,
} from './run-episode.js';

export type ProgressEvent =
  | { type: 'robot-start'; robot: string; target: number; maxAttempts: number }
  | {
      type: 'attempt';
      robot: string;
      slot: number;
      attempt: number;
      accepted: boolean;
      reason?: string;
      frames: number;
    }
  | { type: 'robot-done'; robot: string; accepted: number; attempted: number }
  | { type: 'robot-failed'; robot: string; message: string };

export interface RobotSummary {
  robot: string;
  dataset: string;
  accepted: number;
  attempted: number;
  rejectedByReason: Record<string, number>;
  frames: number;
  /** Why the robot produced nothing at all (e.g. no base placement reaches every target). */
  error?: string;
}

export interface RunSummary {
  labgenVersion: string;
  instruction: string;
  scene: string;
  seed: number;
  out: string;
  robots: RobotSummary[];
  ok: boolean;
  /** Wall time split; `encodeMs` is the PNG encode phase inside writing, `writeMs` the rest of writing. */
  timing: {
    physicsMs: number;
    controlMs: number;
    renderMs: number;
    encodeMs: number;
    writeMs: number;
    totalMs: number;
  };
}

/**
 * One row of the start-pose library (meta/labgen/start-poses.json): where a skill segment of an accepted episode
 * began, so a policy-side planner can look up the joint configuration a (skill, target) starts from.
 */
export interface StartPoseEntry {
  episodeIndex: number;
  segment: number;
  step: number;
  skill: string;
  target: string;
  part?: string;
  jointsRad: number[];
}

export function startPoseEntries(
  episodeIndex: number,
  segments: readonly TimelineSegment[],
): StartPoseEntry[] {
  return segments
    .filter((s) => s.kind === 'skill')
    .map((s) => ({
      episodeIndex,
      segment: s.index,
      step: s.step,
      skill: s.skill,
      target: s.target,
      ...(s.part ? { part: s.part } : {}),
      jointsRad: s.startJointsRad,
    }));
}

const emptySummary = (robot: string, dataset: string): RobotSummary => ({
  robot,
  dataset,
  accepted: 0,
  attempted: 0,
  rejectedByReason: {},
  frames: 0,
});

export async function generate(
  job: JobSpec,
  catalog: Catalog,
  onEvent: (e: ProgressEvent) => void = () => {},
): Promise<RunSummary> {
  const t0 = performance.now();
  // The scene as the job's named start leaves it (tubes already in the rotor), and the plan checked on it.
  const { scene, plan } = resolveJobPlan(job, catalog);
  const robots = job.robots.map((id) => lookup(catalog.robots, id, 'robot', 'robots'));
  const sceneCameras = new Set(scene.cameras.map((c) => c.name));
  for (const cam of job.cameras) {
    if (cam !== 'wrist' && !sceneCameras.has(cam)) {
      throw new UserInputError(
        'unknown-camera',
        `camera "${cam}" is not in scene ${scene.id}; cameras: ${[...sceneCameras, 'wrist'].join(', ')}`,
        { field: 'cameras' },
      );
    }
  }
  mkdirSync(job.out, { recursive: true });
  const render = createSimRenderer();
  const timing = { physicsMs: 0, controlMs: 0, renderMs: 0, encodeMs: 0, writeMs: 0, totalMs: 0 };
  const summaries: RobotSummary[] = [];
  for (const robot of robots) {
    const root = join(job.out, robot.id);
    // Where this robot stands: chosen once per robot on the nominal layout, then recorded in every episode.
    let robotBase: BasePose;
    try {
      robotBase = await placeRobot(robot, scene, catalog.assets, plan.steps);
    } catch (err) {
      // One robot that cannot work at this bench must not stop the others: report it and go on.
      if (!(err instanceof UserInputError)) throw err;
      summaries.push({ ...emptySummary(robot.id, root), error: err.message });
      onEvent({ type: 'robot-failed', robot: robot.id, message: err.message });
      continue;
    }
    const jointNames = robot.links.flatMap((l) => (l.joint ? [l.joint.name] : []));
    const startPoses: StartPoseEntry[] = [];
    const writer = await createLeRobotV3Writer({
      root,
      fps: job.fps,
      robotType: robot.id,
      features: episodeFeatures(
        jointNames,
        job.cameras,
        job.imageWidth,
        job.imageHeight,
        taskObjectIds(plan.steps),
        liquidContainerIds(scene.objects, catalog.assets, plan.steps),
      ),
      labgenMeta: {
        labgenVersion,
        instruction: plan.instruction,
        scene: scene.id,
        robot: robot.id,
        seed: job.seed,
        plan: plan.steps,
      },
      labgenSidecars: {
        cameras: cameraMetadata(scene, robot, job.imageWidth, job.imageHeight, job.cameras),
        // annotation.phase_index -> phase name, and where each skill of each episode started (filled below,
        // written when the dataset is finalized).
        phases: PHASES,
        'start-poses': startPoses,
      },
    });
    const summary = emptySummary(robot.id, root);
    onEvent({ type: 'robot-start', robot: robot.id, target: job.episodes, maxAttempts: job.maxAttempts });
    let slot = 0;
    let attempt = 0;
    while (summary.accepted < job.episodes && summary.attempted < job.maxAttempts) {
      const spec = sampleEpisodeSpec({
        labgenVersion,
        robot,
        scene,
        assets: catalog.assets,
        instruction: plan.instruction,
        steps: plan.steps,
        runSeed: job.seed,
        slot,
        attempt,
        fps: job.fps,
        imageWidth: job.imageWidth,
        imageHeight: job.imageHeight,
        cameras: job.cameras,
        randomize: job.randomization !== 'none',
        robotBase: { posM: [...robotBase.posM], yawRad: robotBase.yawRad },
        startJitterRad: 0.05,
        startPose: job.startPose,
      });
      const result = await runEpisode(spec, catalog, render);
      summary.attempted++;
      timing.physicsMs += result.timing.physicsMs;
      timing.controlMs += result.timing.controlMs;
      timing.renderMs += result.timing.renderMs;
      if (result.accepted) {
        const tw = performance.now();
        result.columns.labgen = {
          spec,
          skills: result.segments.filter((s) => s.kind === 'skill'),
          segments: result.segments,
          checks: result.checks,
          finalPositionsM: result.finalPositions,
          finalPoses: result.finalPoses,
          quality: result.quality,
          ...(result.finalLiquid ? { finalLiquidParticles: result.finalLiquid } : {}),
        };
        await writer.addEpisode(result.columns);
        startPoses.push(...startPoseEntries(summary.accepted, result.segments));
        timing.writeMs += performance.now() - tw;
        summary.accepted++;
        summary.frames += result.columns.length;
        slot++;
        attempt = 0;
      } else {
        const reason = result.reason ?? 'unknown';
        summary.rejectedByReason[reason] = (summary.rejectedByReason[reason] ?? 0) + 1;
        attempt++;
      }
      onEvent({
        type: 'attempt',
        robot: robot.id,
        slot: spec.slot,
        attempt: spec.attempt,
        accepted: result.accepted,
        ...(result.reason ? { reason: result.reason } : {}),
        frames: result.columns.length,
      });
    }
    const tw = performance.now();
    // LeRobot cannot load a dataset without episodes: write none rather than an empty one.
    if (summary.accepted > 0) await writer.finalize();
    else {
      await writer.abort();
      rmSync(root, { recursive: true, force: true });
    }
    timing.writeMs += performance.now() - tw;
    timing.encodeMs += writer.encodeWallMs;
    timing.writeMs -= writer.encodeWallMs;
    onEvent({
      type: 'robot-done',
      robot: robot.id,
      accepted: summary.accepted,
      attempted: summary.attempted,
    });
    summaries.push(summary);
  }
  timing.totalMs = performance.now() - t0;
  const runSummary: RunSummary = {
    labgenVersion,
    instruction: plan.instruction,
    scene: scene.id,
    seed: job.seed,
    out: job.out,
    robots: summaries,
    ok: summaries.every((s) => s.accepted >= job.episodes),
    timing,
  };
  writeFileSync(
    join(job.out, 'manifest.json'),
    // Paths relative to OUT, so the same job written to two places gives identical manifests.
    `${JSON.stringify(
      {
        labgenVersion,
        job: { ...job, out: undefined },
        plan: plan.steps,
        robots: summaries.map((s) => ({ ...s, dataset: relative(job.out, s.dataset) })),
        ok: runSummary.ok,
      },
      null,
      2,
    )}\n`,
  );
  return runSummary;
}
