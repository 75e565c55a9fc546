// Runs one episode: build the scene, run the plan's timeline in the live simulation, check, hand back columns.
import type { EpisodeColumns } from '../dataset/types.js';
import { globalChecks } from '../filter/global-checks.js';
import { finalHoldChecks, finalPlacementChecks } from '../filter/final-placement.js';
import { liquidSpillChecks } from '../filter/liquid-spill.js';
import { skillLanguages } from '../skills/languages.js';
import { getSkill } from '../skills/registry.js';
import type { Penetration } from '../filter/interpenetration.js';
import { comfortableSolution, reachesComfortably } from '../motion/ik.js';
import { matToQuat, type Vec3 } from '../motion/math3d.js';
import { createRng } from '../rng.js';
import { placeObject } from '../scenes/instantiate.js';
import type { SceneInstance } from '../scenes/scene-instance.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { Catalog } from '../schemas/catalog.js';
import type { EpisodeSpec } from '../schemas/episode-spec.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { SceneObserver } from '../sim/observe.js';
import type { LiquidCounts } from '../liquid/liquid-state.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { Simulation } from '../sim/simulation.js';
import { handYaw } from '../skills/grasp-geometry.js';
import type { CheckResult, SkillContext } from '../skills/skill.js';
import { liquidContainerIds, taskObjectIds } from './episode-recorder.js';
import { type FrameRenderer, Rollout, type TickProbe } from './rollout.js';
import { runTimeline, type TimelineSegment } from './timeline.js';

export { episodeFeatures, liquidContainerIds, taskObjectIds } from './episode-recorder.js';
export type { FrameRenderer, TickProbe } from './rollout.js';
export type { TimelineSegment } from './timeline.js';

/** How far the hand's geoms reach sideways from the tool axis (hand frame z), at most. */
function handHalfWidthM(geoms: RobotProfile['gripper']['handGeoms']): number {
  let reach = 0;
  for (const g of geoms) {
    if (g.type === 'box')
      reach = Math.max(reach, Math.abs(g.posM[0]) + g.halfSizeM[0], Math.abs(g.posM[1]) + g.halfSizeM[1]);
    else if (g.type === 'sphere') reach = Math.max(reach, Math.hypot(g.posM[0], g.posM[1]) + g.radiusM);
    else if (g.type === 'capsule' || g.type === 'cylinder')
      reach = Math.max(
        reach,
        Math.hypot(g.fromM[0], g.fromM[1]) + g.radiusM,
        Math.hypot(g.toM[0], g.toM[1]) + g.radiusM,
      );
  }
  return reach;
}

export interface EpisodeResult {
  spec: EpisodeSpec;
  accepted: boolean;
  /** Stable reason code of the first failed check when rejected. */
  reason?: string;
  checks: CheckResult[];
  /** The timeline: each step's skill segment and, between two, a transition segment. */
  segments: TimelineSegment[];
  columns: EpisodeColumns;
  /** Final world positions of the objects. */
  finalPositions: Record<string, Vec3>;
  /** Final world poses (position, quaternion w x y z) of the objects. */
  finalPoses: Record<string, { posM: Vec3; quat: [number, number, number, number] }>;
  /** Liquid particles in each container and spilled at the end, when the scene has a fill. */
  finalLiquid?: LiquidCounts;
  /** Quality metrics users can filter accepted episodes by. */
  quality: EpisodeQuality;
  timing: { physicsMs: number; controlMs: number; renderMs: number };
}

export interface EpisodeQuality {
  /** Deepest overlap of two solids on any control tick, and where (0 and null when nothing overlapped). */
  maxPenetrationM: number;
  deepestPenetration: Penetration | null;
  /**
   * Per skill, the measures its checks took: `slipM` (largest drift of the held object from its grasp offset
   * while lifted and carried), `placeMarginM` (how far inside the container's inner walls and below its rim
   * the placed object's nearest hull point lies), `placeTiltRad`, `placeBelowFloorM`.
   */
  skills: Array<{ index: number; skill: string; target: string; metrics: Record<string, number> }>;
}

export function sceneFromSpec(spec: EpisodeSpec, catalog: Catalog): SceneInstance {
  return {
    templateId: spec.scene,
    objects: spec.randomization.objects.map((o) => {
      const family = catalog.assets.get(o.asset);
      if (!family) throw new Error(`episode spec names unknown asset ${o.asset}`);
      return placeObject({ ...o, posM: o.posM as Vec3 }, family);
    }),
  };
}

export async function runEpisode(
  spec: EpisodeSpec,
  catalog: Catalog,
  render: FrameRenderer | null,
  probe?: TickProbe,
): Promise<EpisodeResult> {
  const robot = catalog.robots.get(spec.robot);
  const template = catalog.scenes.get(spec.scene);
  if (!robot || !template)
    throw new Error(`episode spec names unknown robot/scene ${spec.robot}/${spec.scene}`);
  const scene = sceneFromSpec(spec, catalog);
  const model = composeSceneMjcf(template, scene, robot, spec.robotBase);
  const sim = await Simulation.fromXml(model.xml);
  const binding = new RobotBinding(sim, model.robot);
  const liquidContainers = liquidContainerIds(scene.objects, catalog.assets, spec.steps);
  try {
    return simulate(spec, robot, template, scene, sim, binding, render, probe, liquidContainers);
  } finally {
    binding.delete();
    sim.delete();
  }
}

function simulate(
  spec: EpisodeSpec,
  robot: RobotProfile,
  template: SceneTemplate,
  scene: SceneInstance,
  sim: Simulation,
  binding: RobotBinding,
  render: FrameRenderer | null,
  probe: TickProbe | undefined,
  liquidContainers: readonly string[],
): EpisodeResult {
  const observer = new SceneObserver(sim, binding, scene.objects);
  const objects = new Map(scene.objects.map((o) => [o.id, o]));
  const g = robot.gripper;
  const { fingertipBelowTcpM, fingerThicknessM, fingertipHalfDepthM } = binding.names.gripper;
  const basePosM: Vec3 = [
    spec.robotBase.posM[0] + robot.base.posM[0],
    spec.robotBase.posM[1] + robot.base.posM[1],
    spec.robotBase.posM[2] + robot.base.posM[2],
  ];
  const home = binding.probe(robot.homeRad);
  const neutralYawOffsetRad =
    handYaw(home.mat) - Math.atan2(home.posM[1] - basePosM[1], home.posM[0] - basePosM[0]);
  const start = robot.homeRad.map((q, i) => q + (spec.randomization.startOffsetRad[i] ?? 0));
  // The bench's start state (a lid standing open), then the arm: resetArm brings the kinematics up to date.
  for (const o of scene.objects) if (o.partPositions) observer.setStartPartPositions(o.id, o.partPositions);
  binding.resetArm(start, g.strokeM);

  const rollout = new Rollout(sim, binding, observer, scene.objects, {
    fps: spec.fps,
    cameras: spec.cameras,
    width: spec.imageWidth,
    height: spec.imageHeight,
    protocol: spec.instruction,
    taskObjects: taskObjectIds(spec.steps),
    velocityLimitsRadS: robot.links.flatMap((l) => (l.joint ? [l.joint.velocityLimitRadS] : [])),
    posture: robot.homeRad,
    render,
    liquidContainers,
    ...(probe ? { probe } : {}),
  });
  rollout.preRoll(0.2);
  // The motions start from the arm as it settled, with the gripper commanded open as it was reset.
  rollout.targetsRad = binding.armPositions();
  rollout.gripperCmdM = g.strokeM;
  // A sampled start pose that already touches the scene is no start: reject it before anything is recorded.
  const startContact = observer.robotSceneContact(new Set());
  // What every snapshot shares: the hand's measures and the bench's extent do not change during the episode.
  const gripper: SkillContext['gripper'] = {
    strokeM: g.strokeM,
    fingertipBelowTcpM,
    fingerThicknessM,
    fingertipHalfDepthM,
    tcpFromFlangeM: Math.hypot(...robot.gripper.tcpPosM),
    handHalfWidthM: handHalfWidthM(robot.gripper.handGeoms),
  };
  const [bx, by] = template.bench.topCenterM;
  const [sx, sy] = template.bench.sizeM;
  const benchTopRectM: SkillContext['benchTopRectM'] = {
    min: [bx - sx / 2, by - sy / 2],
    max: [bx + sx / 2, by + sy / 2],
  };
  const snapshot = (): SkillContext => ({
    objects,
    poses: observer.poses(),
    partPositions: rollout.partPositions(),
    tcp: binding.tcpPose(),
    gripper,
    toolPitchRad: robot.toolPitchRad,
    robotBase: { posM: basePosM, neutralYawOffsetRad },
    benchTopZM: template.bench.topCenterM[2],
    benchTopRectM,
    canReach: (posM, mat) =>
      reachesComfortably(binding, { posM, mat: [...mat] }, rollout.targetsRad, { posture: robot.homeRad }),
    armAt: (posM, mat, ignoring) => {
      const q = comfortableSolution(binding, { posM, mat: [...mat] }, rollout.targetsRad, {
        posture: robot.homeRad,
      });
      if (!q) return undefined;
      return {
        postureChangeRad: Math.max(...q.map((v, j) => Math.abs(v - (robot.homeRad[j] as number)))),
        contact: observer.robotSceneContactAt(q, observer.touchingGripper(), new Set(ignoring)),
      };
    },
  });
  const segments = startContact
    ? []
    : runTimeline(rollout, {
        steps: spec.steps,
        robot,
        snapshot,
        rng: createRng(spec.seed).fork('skills'),
        home,
        basePosM,
      });

  const skillSegments = segments.filter((s) => s.kind === 'skill');
  // What the episode leaves placed: not an object a later step took up again without putting it anywhere (a
  // PCR plate loaded into the thermal cycler, then taken out at the end: it ends in the hand, rightly).
  // A transition that put the held object down counts as a placement in its place in the timeline.
  // A step's destination is where its target ends only for a skill that puts it there (not a pour's target).
  const puts = (skill: string) =>
    skillLanguages.find((l) => l.skill === skill)?.effects.some((e) => 'put' in e) ?? false;
  const moves = segments.flatMap((seg) =>
    seg.kind === 'skill'
      ? [{ seg, target: seg.target, destination: puts(seg.skill) ? seg.destination : undefined }]
      : seg.putDown && seg.success
        ? [{ seg, target: seg.putDown.target, destination: seg.putDown.destination }]
        : [],
  );
  const placed = moves.flatMap((m, i) =>
    m.seg.success &&
    m.destination &&
    !moves.slice(i + 1).some((later) => later.target === m.target && !later.destination)
      ? [{ target: m.target, destination: m.destination }]
      : [],
  );
  // What the episode leaves in the hand: an object a step took and no later step put anywhere or took again.
  // A skill that takes the object and puts it somewhere (insert: from the bench into a neck) leaves the hand empty.
  const takes = (skill: string) =>
    !puts(skill) &&
    (skillLanguages.find((l) => l.skill === skill)?.effects.some((e) => 'hand' in e && e.hand === 'take') ??
      false);
  const taken = skillSegments.flatMap((seg, i) => {
    if (!seg.success || !takes(seg.skill)) return [];
    const later = skillSegments.slice(i + 1);
    if (later.some((l) => l.target === seg.target)) return [];
    if (segments.some((t) => t.index > seg.index && t.putDown?.target === seg.target)) return [];
    // The first later step that opened the hand with it gone, for the reader.
    const droppedBy = later.find((l) => {
      const touching = rollout.observations[l.endFrame - 1]?.touching;
      return touching !== undefined && !touching.has(seg.target);
    });
    return [{ target: seg.target, step: seg.step, ...(droppedBy ? { droppedBy: droppedBy.skill } : {}) }];
  });
  const observations = rollout.observations;
  const allChecks: CheckResult[] = [
    startContact
      ? {
          predicate: 'start.clear',
          ok: false,
          code: 'start.in-collision',
          detail: `the start pose touches the scene: ${startContact}`,
        }
      : { predicate: 'start.clear', ok: true },
    ...globalChecks(rollout.health()),
    ...segments.flatMap((s) => s.checks),
    ...finalPlacementChecks(observations[observations.length - 1], placed, objects),
    ...finalHoldChecks(observations[observations.length - 1], taken),
    ...liquidSpillChecks(
      observations,
      segments.map((s) => ({
        label:
          s.kind === 'skill'
            ? `step ${s.step + 1} (${s.skill} ${s.target})`
            : `the transition to step ${s.step + 1}`,
        startFrame: s.startFrame,
        endFrame: s.endFrame,
        ...spillAllowance(s),
      })),
    ),
  ];
  const failed = allChecks.find((c) => !c.ok);
  const finalPositions: Record<string, Vec3> = {};
  const finalPoses: EpisodeResult['finalPoses'] = {};
  for (const o of scene.objects) {
    const pose = observer.pose(o.id);
    finalPositions[o.id] = pose.posM;
    finalPoses[o.id] = { posM: pose.posM, quat: matToQuat(pose.mat) as [number, number, number, number] };
  }
  const finalLiquid = rollout.liquidCounts() ?? undefined;
  return {
    spec,
    accepted: !failed,
    ...(failed?.code ? { reason: failed.code } : {}),
    checks: allChecks,
    segments,
    columns: rollout.recorder.columns(),
    finalPositions,
    finalPoses,
    ...(finalLiquid ? { finalLiquid } : {}),
    quality: {
      maxPenetrationM: rollout.penetration.deepest?.depthM ?? 0,
      deepestPenetration: rollout.penetration.deepest,
      skills: skillSegments.map((seg) => ({
        index: seg.step,
        skill: seg.skill,
        target: seg.target,
        metrics: Object.assign({}, ...seg.checks.map((c) => c.metrics ?? {})) as Record<string, number>,
      })),
    },
    timing: rollout.timing,
  };
}

/** A skill segment's own share of liquid it may spill (a pour's), for the liquid check. */
function spillAllowance(s: TimelineSegment): { maxSpilledFraction?: number } {
  if (s.kind !== 'skill') return {};
  const allowance = getSkill(s.skill).maxSpilledFraction;
  return allowance === undefined ? {} : { maxSpilledFraction: allowance };
}
