// Runs one episode: build the scene, simulate every skill of the plan, record frames, check success.
import type { EpisodeColumns, FeatureMap } from '../dataset/types.js';
import { globalChecks, type RolloutHealth } from '../filter/global-checks.js';
import { finalPlacementChecks } from '../filter/final-placement.js';
import { type Penetration, PenetrationTracker } from '../filter/interpenetration.js';
import { executeMotions } from '../motion/executor.js';
import { reachesComfortably } from '../motion/ik.js';
import { matToQuat, type Vec3 } from '../motion/math3d.js';
import { defaultMotionLimits } from '../motion/trajectory.js';
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
  type Motion,
  NOT_ATTEMPTED,
  PHASES,
  type SkillContext,
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

const TIMESTEP_S = 0.002;
const CONTROL_PERIOD_STEPS = 5;
// Long enough for a released tube that tips over to roll to a stop in a basket (about 1 s measured).
const SETTLE_S = 1.2;
/** Held at home after the last skill: the end state the final checks judge, with nothing moving. */
const HOME_HOLD_S = 0.4;

/** The settle after a skill's last motion: the hand stays where it ended while the scene comes to rest. */
const settleMotion = (last: Motion): Motion => ({
  kind: 'hold',
  phase: 'settle',
  gripperOpeningM: last.gripperOpeningM,
  minDurationS: 0,
  holdS: SETTLE_S,
});

/** The objects a plan acts on (targets, then destinations, in order of first mention): what the state records. */
export function taskObjectIds(steps: readonly { target: string; destination?: string }[]): string[] {
  const ids: string[] = [];
  for (const s of steps)
    for (const id of [s.target, s.destination]) if (id !== undefined && !ids.includes(id)) ids.push(id);
  return ids;
}

const POSE_FIELDS = ['x', 'y', 'z', 'qw', 'qx', 'qy', 'qz'] as const;

/** Feature names and shapes of a labgen episode for a robot with `dof` arm joints. */
export function episodeFeatures(
  jointNames: string[],
  cameras: readonly string[],
  width: number,
  height: number,
  taskObjects: readonly string[],
): FeatureMap {
  const names = [...jointNames.map((j) => `${j}.pos`), 'gripper.opening_m'];
  const objectNames = taskObjects.flatMap((id) => POSE_FIELDS.map((f) => `${id}.${f}`));
  const features: FeatureMap = {
    'observation.state': { dtype: 'float32', shape: [names.length], names },
    action: { dtype: 'float32', shape: [names.length], names },
    'observation.ee_pose': { dtype: 'float32', shape: [7], names: [...POSE_FIELDS] },
    // LeRobot's key for simulator state: world pose (m, quaternion w x y z) of every object the plan acts on.
    'observation.environment_state': { dtype: 'float32', shape: [objectNames.length], names: objectNames },
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

/**
 * Called every control tick with the live simulation and the frame being recorded next: for audits that read
 * the physics themselves (contacts, poses) instead of trusting the episode's own checks.
 */
export type TickProbe = (sim: Simulation, frame: number) => void;

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
  try {
    return simulate(spec, robot, template, scene, sim, binding, render, probe);
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
  // Let contacts settle before anything is recorded (objects were placed exactly on their supports).
  const penetration = new PenetrationTracker();
  for (let k = 0; k < Math.round(0.2 / TIMESTEP_S); k++) {
    sim.step(1);
    // Objects sampled overlapping would be pushed apart unseen during this settle: check it too (frame 0).
    if ((k + 1) % CONTROL_PERIOD_STEPS === 0) observer.trackPenetration(penetration, 0);
  }

  const width = spec.imageWidth;
  const height = spec.imageHeight;
  const stepsPerFrame = 1 / (spec.fps * TIMESTEP_S);
  const state: number[] = [];
  const action: number[] = [];
  const eePose: number[] = [];
  const environmentState: number[] = [];
  const taskObjects = taskObjectIds(spec.steps);
  const skillIdx: bigint[] = [];
  const phaseIdx: bigint[] = [];
  const images: Uint8Array[][] = spec.cameras.map(() => []);
  const observations: FrameObservation[] = [];
  const articulated = scene.objects.filter((o) => (o.built.states?.length ?? 0) > 0).map((o) => o.id);
  const partPositions = () => new Map(articulated.map((id) => [id, observer.partPositions(id)]));
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
      scene.objects.map((o) => {
        const pose = observer.pose(o.id);
        return [o.id, { posM: pose.posM, mat: pose.mat, speedMS: observer.speedMS(o.id) }];
      }),
    );
    for (const id of taskObjects) {
      const pose = objs.get(id);
      if (pose) environmentState.push(...pose.posM, ...matToQuat(pose.mat));
    }
    observations.push({
      timeS: sim.timeS,
      phase: cmd.phase,
      tcpPosM: tcp.posM,
      gripperOpeningM: opening,
      objects: objs,
      touching,
      partStates: new Map(articulated.map((id) => [id, observer.partState(id)])),
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
    // Every control tick (10 ms): contacts are read out of WASM one struct at a time, and at the arm's
    // speeds an overlap cannot open and close again within a tick.
    if (stepCount % CONTROL_PERIOD_STEPS === 0) {
      observer.trackPenetration(penetration, frame);
      probe?.(sim, frame);
    }
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
  const executorOptions = {
    timestepS: TIMESTEP_S,
    controlPeriodSteps: CONTROL_PERIOD_STEPS,
    velocityLimitsRadS: velocityLimits,
    posture: robot.homeRad,
    live: observer,
  };
  /** Runs motions from where the arm is now, and keeps the rollout's health counts. */
  const execute = (motions: readonly Motion[]) => {
    const from = { ...binding.tcpPose(), gripperOpeningM: gripperCmd };
    const report = executeMotions(
      binding,
      stepper,
      motions,
      defaultMotionLimits,
      from,
      targets,
      executorOptions,
      afterStep,
    );
    targets = report.finalTargetsRad;
    gripperCmd = report.final.gripperOpeningM;
    maxIkErrorM = Math.max(maxIkErrorM, report.maxIkErrorM);
    limitTicks += report.jointLimitTicks;
    totalTicks += report.ticks;
  };

  for (const [index, call] of spec.steps.entries()) {
    if (unstable) break;
    currentSkill = index;
    const skill = getSkill(call.skill);
    const params = { ...skill.defaults, ...(robot.skillOverrides[call.skill] ?? {}) };
    const ctx: SkillContext = {
      objects,
      poses: observer.poses(),
      partPositions: partPositions(),
      tcp: binding.tcpPose(),
      gripper: { strokeM: g.strokeM, fingertipBelowTcpM, fingerThicknessM, fingertipHalfDepthM },
      toolPitchRad: robot.toolPitchRad,
      robotBase: { posM: basePosM, neutralYawOffsetRad },
      benchTopZM: template.bench.topCenterM[2],
      canReach: (posM, mat) =>
        reachesComfortably(binding, { posM, mat: [...mat] }, targets, { posture: robot.homeRad }),
    };
    const t0 = performance.now();
    const startFrame = frame;
    const segmentOf = (first: number, skillChecks: CheckResult[]): SkillSegment => ({
      index,
      skill: call.skill,
      skillVersion: `${skill.id}@${skill.version}`,
      target: call.target,
      ...(call.destination ? { destination: call.destination } : {}),
      text: call.text,
      startFrame: first,
      endFrame: frame,
      success: skillChecks.every((c) => c.ok),
      checks: skillChecks,
    });
    const snapshot = (): SkillContext => ({
      ...ctx,
      poses: observer.poses(),
      partPositions: partPositions(),
      tcp: binding.tcpPose(),
    });
    let plan = skill.plan(ctx, call, params, rng.fork(`${index}`));
    const physicsBefore = timing.physicsMs + timing.renderMs;
    for (;;) {
      if (!plan.ok) break;
      const motions: Motion[] = [...plan.motions];
      if (motions.length > 0 && !plan.next) motions.push(settleMotion(motions[motions.length - 1] as Motion));
      execute(motions);
      if (!plan.next || unstable) break;
      plan = plan.next(snapshot());
    }
    timing.controlMs += performance.now() - t0 - (timing.physicsMs + timing.renderMs - physicsBefore);
    if (!plan.ok) {
      // No plan (no room left in the container, nothing to grasp): the attempt ends here, nothing is pushed.
      // A stage that could not be planned may follow one that already failed (a place after an empty grasp):
      // the skill's own failed checks come first, they name the cause.
      const failure: CheckResult = {
        predicate: `${call.skill}.planned`,
        ok: false,
        code: plan.code,
        ...(plan.detail ? { detail: plan.detail } : {}),
      };
      const ran = frame > startFrame ? skill.check(observations.slice(startFrame), ctx, call, params) : [];
      const skillChecks = [...ran.filter((c) => !c.ok && c.code !== NOT_ATTEMPTED), failure];
      checks.push(...skillChecks);
      segments.push(segmentOf(startFrame, skillChecks));
      break;
    }
    const skillChecks = skill.check(observations.slice(startFrame), ctx, call, params);
    checks.push(...skillChecks);
    segments.push(segmentOf(startFrame, skillChecks));
  }
  // The arm goes back to its home pose, so the last frames show what the episode left behind rather than the
  // hand hovering over it, and the end state is judged with the arm gone. Not with something in the hand: a
  // plan that ends holding (a pick) ends where it holds it.
  const lastSegment = segments[segments.length - 1];
  if (lastSegment && !unstable && checks.every((c) => c.ok) && observer.touchingGripper().size === 0) {
    execute([
      {
        phase: 'retreat',
        posM: home.posM,
        mat: home.mat,
        gripperOpeningM: gripperCmd,
        minDurationS: 1.0,
        holdS: HOME_HOLD_S,
      },
    ]);
    lastSegment.endFrame = frame;
  }

  const health: RolloutHealth = {
    unstable,
    maxIkErrorM,
    jointLimitFraction: totalTicks > 0 ? limitTicks / totalTicks : 0,
    maxLimitViolationRad,
    interpenetration: penetration.firstViolation,
  };
  const placed = segments.flatMap((seg) =>
    seg.success && seg.destination ? [{ target: seg.target, destination: seg.destination }] : [],
  );
  const allChecks = [
    ...globalChecks(health),
    ...checks,
    ...finalPlacementChecks(observations[observations.length - 1], placed, objects),
  ];
  const failed = allChecks.find((c) => !c.ok);
  const finalPositions: Record<string, Vec3> = {};
  const finalPoses: EpisodeResult['finalPoses'] = {};
  for (const o of scene.objects) {
    const pose = observer.pose(o.id);
    finalPositions[o.id] = pose.posM;
    finalPoses[o.id] = { posM: pose.posM, quat: matToQuat(pose.mat) as [number, number, number, number] };
  }
  const finalLiquid = scene.objects.some((o) => o.liquid) ? liquidCounts(sim, scene.objects) : undefined;
  const columns: EpisodeColumns = {
    task: spec.instruction,
    length: frame,
    numeric: {
      'observation.state': Float32Array.from(state),
      action: Float32Array.from(action),
      'observation.ee_pose': Float32Array.from(eePose),
      'observation.environment_state': Float32Array.from(environmentState),
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
    finalPoses,
    ...(finalLiquid ? { finalLiquid } : {}),
    quality: {
      maxPenetrationM: penetration.deepest?.depthM ?? 0,
      deepestPenetration: penetration.deepest,
      skills: segments.map((seg) => ({
        index: seg.index,
        skill: seg.skill,
        target: seg.target,
        metrics: Object.assign({}, ...seg.checks.map((c) => c.metrics ?? {})) as Record<string, number>,
      })),
    },
    timing,
  };
}
