// Runs one episode: build the scene, simulate every skill of the plan, record frames, check success.
import type { EpisodeColumns, FeatureMap } from '../dataset/types.js';
import { globalChecks, type RolloutHealth } from '../filter/global-checks.js';
import { executeSegments } from '../motion/executor.js';
import { reachesComfortably } from '../motion/ik.js';
import { matToQuat, type Vec3 } from '../motion/math3d.js';
import { defaultMotionLimits, timeSegments } from '../motion/trajectory.js';
import { createRng } from '../rng.js';
import { placeObject } from '../scenes/instantiate.js';
import type { SceneInstance } from '../scenes/scene-instance.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { Catalog } from '../schemas/catalog.js';
import type { EpisodeSpec } from '../schemas/episode-spec.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { liquidCounts } from '../sim/liquid-probe.js';
import { SceneObserver } from '../sim/observe.js';
import type { LiquidCounts } from '../liquid/liquid-state.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { Simulation } from '../sim/simulation.js';
import { handYaw } from '../skills/grasp-geometry.js';
import { getSkill } from '../skills/registry.js';
import {
  type CheckResult,
  type FrameObservation,
  PHASES,
  type SkillContext,
  type Waypoint,
} from '../skills/skill.js';

/** Renders the named cameras of a live simulation to RGB buffers (H*W*3). */
export type FrameRenderer = (
  sim: Simulation,
  cameras: readonly string[],
  width: number,
  height: number,
) => Uint8Array[];

export interface SkillSegment {
  index: number;
  skill: string;
  /** Versioned skill id, `id@N` (DESIGN §3). */
  skillVersion: string;
  target: string;
  destination?: string;
  text: string;
  startFrame: number;
  /** Exclusive. */
  endFrame: number;
  success: boolean;
  checks: CheckResult[];
}

export interface EpisodeResult {
  spec: EpisodeSpec;
  accepted: boolean;
  /** Stable reason code of the first failed check when rejected. */
  reason?: string;
  checks: CheckResult[];
  segments: SkillSegment[];
  columns: EpisodeColumns;
  /** Final world positions of the objects. */
  finalPositions: Record<string, Vec3>;
  /** Liquid particles in each container and spilled at the end, when the scene has a fill. */
  finalLiquid?: LiquidCounts;
  timing: { physicsMs: number; controlMs: number; renderMs: number };
}

const TIMESTEP_S = 0.002;
const CONTROL_PERIOD_STEPS = 5;
// Long enough for a released tube that tips over to roll to a stop in a basket (about 1 s measured).
const SETTLE_S = 1.2;

/** Feature names and shapes of a labgen episode for a robot with `dof` arm joints. */
export function episodeFeatures(
  jointNames: string[],
  cameras: readonly string[],
  width: number,
  height: number,
): FeatureMap {
  const names = [...jointNames.map((j) => `${j}.pos`), 'gripper.opening_m'];
  const features: FeatureMap = {
    'observation.state': { dtype: 'float32', shape: [names.length], names },
    action: { dtype: 'float32', shape: [names.length], names },
    'observation.ee_pose': { dtype: 'float32', shape: [7], names: ['x', 'y', 'z', 'qw', 'qx', 'qy', 'qz'] },
  };
  for (const cam of cameras) {
    features[`observation.images.${cam}`] = {
      dtype: 'image',
      shape: [height, width, 3],
      names: ['height', 'width', 'channels'],
    };
  }
  features['annotation.skill_index'] = { dtype: 'int64', shape: [1], names: null };
  features['annotation.phase_index'] = { dtype: 'int64', shape: [1], names: null };
  return features;
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
): Promise<EpisodeResult> {
  const robot = catalog.robots.get(spec.robot);
  const template = catalog.scenes.get(spec.scene);
  if (!robot || !template)
    throw new Error(`episode spec names unknown robot/scene ${spec.robot}/${spec.scene}`);
  const scene = sceneFromSpec(spec, catalog);
  const model = composeSceneMjcf(template, scene, robot, spec.robotBase);
  const sim = await Simulation.fromXml(model.xml);
  const binding = new RobotBinding(sim, model.robot);
  try {
    return simulate(spec, robot, template, scene, sim, binding, render);
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
  binding.resetArm(start, g.strokeM);
  // Let contacts settle before anything is recorded (objects were placed exactly on their supports).
  sim.step(Math.round(0.2 / TIMESTEP_S));

  const width = spec.imageWidth;
  const height = spec.imageHeight;
  const stepsPerFrame = 1 / (spec.fps * TIMESTEP_S);
  const state: number[] = [];
  const action: number[] = [];
  const eePose: number[] = [];
  const skillIdx: bigint[] = [];
  const phaseIdx: bigint[] = [];
  const images: Uint8Array[][] = spec.cameras.map(() => []);
  const observations: FrameObservation[] = [];
  const timing = { physicsMs: 0, controlMs: 0, renderMs: 0 };
  let stepCount = 0;
  let frame = 0;
  let unstable = false;
  let maxLimitViolationRad = 0;
  let currentSkill = 0;

  const recordFrame = (cmd: {
    phase: (typeof PHASES)[number];
    armTargetsRad: readonly number[];
    gripperTargetM: number;
  }) => {
    const q = binding.armPositions();
    const opening = binding.gripperOpeningM();
    state.push(...q, opening);
    action.push(...cmd.armTargetsRad, cmd.gripperTargetM);
    const tcp = binding.tcpPose();
    eePose.push(...tcp.posM, ...matToQuat(tcp.mat));
    skillIdx.push(BigInt(currentSkill));
    phaseIdx.push(BigInt(PHASES.indexOf(cmd.phase)));
    q.forEach((v, j) => {
      const over = Math.max((binding.lowerRad[j] as number) - v, v - (binding.upperRad[j] as number), 0);
      maxLimitViolationRad = Math.max(maxLimitViolationRad, over);
    });
    const touching = observer.touchingGripper();
    const objs = new Map(
      scene.objects.map((o) => [o.id, { posM: observer.pose(o.id).posM, speedMS: observer.speedMS(o.id) }]),
    );
    observations.push({
      timeS: sim.timeS,
      phase: cmd.phase,
      tcpPosM: tcp.posM,
      gripperOpeningM: opening,
      objects: objs,
      touching,
    });
    if (render) {
      const t0 = performance.now();
      const rgb = render(sim, spec.cameras, width, height);
      rgb.forEach((img, c) => {
        images[c]?.push(img);
      });
      timing.renderMs += performance.now() - t0;
    }
    frame++;
  };

  const afterStep = (cmd: {
    phase: (typeof PHASES)[number];
    armTargetsRad: readonly number[];
    gripperTargetM: number;
  }) => {
    stepCount++;
    if (stepCount >= Math.round(frame * stepsPerFrame)) recordFrame(cmd);
  };
  const stepper = {
    step: (n: number) => {
      const t0 = performance.now();
      sim.step(n);
      timing.physicsMs += performance.now() - t0;
      if (sim.isUnstable()) unstable = true;
    },
  };

  const segments: SkillSegment[] = [];
  const checks: CheckResult[] = [];
  let targets = binding.armPositions();
  let gripperCmd = g.strokeM;
  let maxIkErrorM = 0;
  let limitTicks = 0;
  let totalTicks = 0;
  const velocityLimits = robot.links.flatMap((l) => (l.joint ? [l.joint.velocityLimitRadS] : []));
  const rng = createRng(spec.seed).fork('skills');

  spec.steps.forEach((call, index) => {
    if (unstable) return;
    currentSkill = index;
    const skill = getSkill(call.skill);
    const params = { ...skill.defaults, ...(robot.skillOverrides[call.skill] ?? {}) };
    const ctx: SkillContext = {
      objects,
      poses: observer.poses(),
      tcp: binding.tcpPose(),
      gripper: { strokeM: g.strokeM, fingertipBelowTcpM, fingerThicknessM, fingertipHalfDepthM },
      toolPitchRad: robot.toolPitchRad,
      robotBase: { posM: basePosM, neutralYawOffsetRad },
      benchTopZM: template.bench.topCenterM[2],
      canReach: (posM, mat) =>
        reachesComfortably(binding, { posM, mat: [...mat] }, targets, { posture: robot.homeRad }),
    };
    const t0 = performance.now();
    const waypoints: Waypoint[] = skill.plan(ctx, call, params, rng.fork(`${index}`));
    const last = waypoints[waypoints.length - 1];
    if (last) waypoints.push({ ...last, phase: 'settle', minDurationS: 0, holdS: SETTLE_S });
    const timed = timeSegments({ ...ctx.tcp, gripperOpeningM: gripperCmd }, waypoints, defaultMotionLimits);
    const startFrame = frame;
    const physicsBefore = timing.physicsMs + timing.renderMs;
    const report = executeSegments(
      binding,
      stepper,
      timed,
      defaultMotionLimits,
      targets,
      {
        timestepS: TIMESTEP_S,
        controlPeriodSteps: CONTROL_PERIOD_STEPS,
        velocityLimitsRadS: velocityLimits,
        posture: robot.homeRad,
      },
      afterStep,
    );
    timing.controlMs += performance.now() - t0 - (timing.physicsMs + timing.renderMs - physicsBefore);
    targets = report.finalTargetsRad;
    gripperCmd = last?.gripperOpeningM ?? gripperCmd;
    maxIkErrorM = Math.max(maxIkErrorM, report.maxIkErrorM);
    limitTicks += report.jointLimitTicks;
    totalTicks += timed.reduce(
      (s, seg) => s + Math.round((seg.moveS + seg.holdS) / (TIMESTEP_S * CONTROL_PERIOD_STEPS)),
      0,
    );
    const skillChecks = skill.check(observations.slice(startFrame), ctx, call, params);
    checks.push(...skillChecks);
    segments.push({
      index,
      skill: call.skill,
      skillVersion: `${skill.id}@${skill.version}`,
      target: call.target,
      ...(call.destination ? { destination: call.destination } : {}),
      text: call.text,
      startFrame,
      endFrame: frame,
      success: skillChecks.every((c) => c.ok),
      checks: skillChecks,
    });
  });

  const health: RolloutHealth = {
    unstable,
    maxIkErrorM,
    jointLimitFraction: totalTicks > 0 ? limitTicks / totalTicks : 0,
    maxLimitViolationRad,
  };
  const allChecks = [...globalChecks(health), ...checks];
  const failed = allChecks.find((c) => !c.ok);
  const finalPositions: Record<string, Vec3> = {};
  for (const o of scene.objects) finalPositions[o.id] = observer.pose(o.id).posM;
  const finalLiquid = scene.objects.some((o) => o.liquid) ? liquidCounts(sim, scene.objects) : undefined;
  const columns: EpisodeColumns = {
    task: spec.instruction,
    length: frame,
    numeric: {
      'observation.state': Float32Array.from(state),
      action: Float32Array.from(action),
      'observation.ee_pose': Float32Array.from(eePose),
      'annotation.skill_index': BigInt64Array.from(skillIdx),
      'annotation.phase_index': BigInt64Array.from(phaseIdx),
    },
    images: Object.fromEntries(spec.cameras.map((c, i) => [`observation.images.${c}`, images[i] ?? []])),
    labgen: {},
  };
  return {
    spec,
    accepted: !failed,
    ...(failed?.code ? { reason: failed.code } : {}),
    checks: allChecks,
    segments,
    columns,
    finalPositions,
    ...(finalLiquid ? { finalLiquid } : {}),
    timing,
  };
}
