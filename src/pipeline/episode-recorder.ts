// Turns recorded frames into an episode's columns and features (pure: samples in, columns out).
import type { EpisodeColumns, FeatureMap } from '../dataset/types.js';
import { matToQuat, type Vec3 } from '../motion/math3d.js';
import { type PhaseName, phaseIndex } from '../skills/phases.js';

const POSE_FIELDS = ['x', 'y', 'z', 'qw', 'qx', 'qy', 'qz'] as const;

/** Where in the plan a frame is: its timeline segment, the plan step, the phase, and the step's language. */
export interface FrameLabel {
  /** Index of the timeline segment (skills and the transitions between them, in order). */
  segment: number;
  /** Index of the plan step the frame belongs to (a transition belongs to the step it leads to). */
  step: number;
  transition: boolean;
  /** The language of the current step (the task a policy is given for this frame). */
  text: string;
}

/** One recorded frame: what the robot measured and was commanded, the task objects' poses, the labels. */
export interface FrameSample {
  jointsRad: readonly number[];
  gripperOpeningM: number;
  armTargetsRad: readonly number[];
  gripperTargetM: number;
  tcp: { posM: Vec3; mat: readonly number[] };
  /** World poses of the task objects, in `taskObjects` order. */
  objectPoses: ReadonlyArray<{ posM: Vec3; mat: readonly number[] }>;
  phase: PhaseName;
  label: FrameLabel;
  /** RGB frames (H*W*3), one per camera in the episode's camera order; empty without rendering. */
  images: readonly Uint8Array[];
  /** Liquid particles in each of the recorded containers, then spilled (absent in a scene without liquid). */
  liquidCounts?: readonly number[];
}

/** The objects a plan acts on (targets, then destinations, in order of first mention): what the state records. */
export function taskObjectIds(steps: readonly { target: string; destination?: string }[]): string[] {
  const ids: string[] = [];
  for (const s of steps)
    for (const id of [s.target, s.destination]) if (id !== undefined && !ids.includes(id)) ids.push(id);
  return ids;
}

/**
 * The containers whose liquid a dataset records per frame: in a scene with a liquid fill, every container (an
 * asset of category `container`) that starts filled or that the plan acts on, in scene order; none without a fill.
 */
export function liquidContainerIds(
  sceneObjects: readonly { id: string; asset: string; liquid?: unknown }[],
  assets: ReadonlyMap<string, { category: string }>,
  steps: readonly { target: string; destination?: string }[],
): string[] {
  if (!sceneObjects.some((o) => o.liquid)) return [];
  const task = taskObjectIds(steps);
  return sceneObjects
    .filter(
      (o) => assets.get(o.asset)?.category === 'container' && (o.liquid !== undefined || task.includes(o.id)),
    )
    .map((o) => o.id);
}

/** Feature names of the per-frame liquid counts: one per recorded container, then the spilled particles. */
export const liquidCountNames = (containers: readonly string[]): string[] => [
  ...containers.map((id) => `${id}.particles`),
  'spilled.particles',
];

/** Feature names and shapes of a labgen episode for a robot with `dof` arm joints. */
export function episodeFeatures(
  jointNames: string[],
  cameras: readonly string[],
  width: number,
  height: number,
  taskObjects: readonly string[],
  liquidContainers: readonly string[] = [],
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
  features['annotation.segment_index'] = { dtype: 'int64', shape: [1], names: null };
  features['annotation.is_transition'] = { dtype: 'bool', shape: [1], names: null };
  features['annotation.protocol'] = { dtype: 'string', shape: [1], names: null };
  if (liquidContainers.length > 0) {
    // How much liquid each container holds on every frame: a reader sees a pour happen, and a spill.
    const names = liquidCountNames(liquidContainers);
    features['annotation.liquid_particles'] = { dtype: 'int64', shape: [names.length], names };
  }
  return features;
}

/** Accumulates frames; `columns()` hands them to a dataset writer. */
export class EpisodeRecorder {
  private readonly state: number[] = [];
  private readonly action: number[] = [];
  private readonly eePose: number[] = [];
  private readonly environment: number[] = [];
  private readonly stepIdx: bigint[] = [];
  private readonly phaseIdx: bigint[] = [];
  private readonly segmentIdx: bigint[] = [];
  private readonly transition: number[] = [];
  private readonly texts: string[] = [];
  private readonly liquid: bigint[] = [];
  private readonly images: Uint8Array[][];

  constructor(
    private readonly protocol: string,
    private readonly cameras: readonly string[],
  ) {
    this.images = cameras.map(() => []);
  }

  get length(): number {
    return this.texts.length;
  }

  push(f: FrameSample): void {
    this.state.push(...f.jointsRad, f.gripperOpeningM);
    this.action.push(...f.armTargetsRad, f.gripperTargetM);
    this.eePose.push(...f.tcp.posM, ...matToQuat(f.tcp.mat));
    for (const pose of f.objectPoses) this.environment.push(...pose.posM, ...matToQuat(pose.mat));
    this.stepIdx.push(BigInt(f.label.step));
    this.phaseIdx.push(BigInt(phaseIndex(f.phase)));
    this.segmentIdx.push(BigInt(f.label.segment));
    this.transition.push(f.label.transition ? 1 : 0);
    this.texts.push(f.label.text);
    for (const n of f.liquidCounts ?? []) this.liquid.push(BigInt(n));
    f.images.forEach((img, c) => {
      this.images[c]?.push(img);
    });
  }

  columns(): EpisodeColumns {
    const length = this.length;
    return {
      task: this.protocol,
      frameTasks: [...this.texts],
      length,
      numeric: {
        'observation.state': Float32Array.from(this.state),
        action: Float32Array.from(this.action),
        'observation.ee_pose': Float32Array.from(this.eePose),
        'observation.environment_state': Float32Array.from(this.environment),
        'annotation.skill_index': BigInt64Array.from(this.stepIdx),
        'annotation.phase_index': BigInt64Array.from(this.phaseIdx),
        'annotation.segment_index': BigInt64Array.from(this.segmentIdx),
        'annotation.is_transition': Uint8Array.from(this.transition),
        ...(this.liquid.length > 0 ? { 'annotation.liquid_particles': BigInt64Array.from(this.liquid) } : {}),
      },
      images: Object.fromEntries(
        this.cameras.map((c, i) => [`observation.images.${c}`, this.images[i] ?? []]),
      ),
      strings: { 'annotation.protocol': Array.from({ length }, () => this.protocol) },
      labgen: {},
    };
  }
}
