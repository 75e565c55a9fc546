// The live side of an episode: steps the physics under the executor, records a frame at the dataset rate, and
// keeps the rollout's health (stability, IK, joint limits, interpenetration, transition contacts).
import type { ArticulationState } from '../assets/articulation-state.js';
import { type Penetration, PenetrationTracker } from '../filter/interpenetration.js';
import { type ControlCommand, executeMotions } from '../motion/executor.js';
import type { Motion } from '../motion/motions.js';
import { defaultMotionLimits } from '../motion/trajectory.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import type { LiquidCounts } from '../liquid/liquid-state.js';
import type { LiveView } from '../motion/motions.js';
import { LiquidProbe } from '../sim/liquid-probe.js';
import type { SceneObserver } from '../sim/observe.js';
import type { RobotBinding } from '../sim/robot-binding.js';
import type { Simulation } from '../sim/simulation.js';
import type { FrameObservation } from '../skills/skill.js';
import { EpisodeRecorder, type FrameLabel } from './episode-recorder.js';

export const TIMESTEP_S = 0.002;
export const CONTROL_PERIOD_STEPS = 5;

/** Renders the named cameras of a live simulation to RGB buffers (H*W*3). */
export type FrameRenderer = (
  sim: Simulation,
  cameras: readonly string[],
  width: number,
  height: number,
) => Uint8Array[];

/**
 * Called every control tick with the live simulation and the frame being recorded next: for audits that read
 * the physics themselves (contacts, poses) instead of trusting the episode's own checks.
 */
export type TickProbe = (sim: Simulation, frame: number) => void;

export interface RolloutOptions {
  fps: number;
  cameras: readonly string[];
  width: number;
  height: number;
  protocol: string;
  taskObjects: readonly string[];
  velocityLimitsRadS: readonly number[];
  posture: readonly number[];
  render: FrameRenderer | null;
  probe?: TickProbe;
  /** Containers whose particle counts each recorded frame carries (liquidContainerIds); none: not recorded. */
  liquidContainers?: readonly string[];
}

/** The first contact a transition made with the scene. */
export interface TransitionContact {
  frame: number;
  segment: number;
  bodies: string;
}

export class Rollout {
  readonly recorder: EpisodeRecorder;
  readonly observations: FrameObservation[] = [];
  readonly penetration = new PenetrationTracker();
  readonly timing = { physicsMs: 0, controlMs: 0, renderMs: 0 };
  /** What the next recorded frames are labelled with (the timeline sets it). */
  label: FrameLabel;
  /** Objects a transition may carry in the fingers; set while a transition runs, null otherwise. */
  transitionHeld: ReadonlySet<string> | null = null;
  transitionContact: TransitionContact | null = null;
  unstable = false;
  maxIkErrorM = 0;
  limitTicks = 0;
  totalTicks = 0;
  maxLimitViolationRad = 0;
  /** The last commanded arm joint targets and gripper opening (where the next motions start). */
  targetsRad: number[];
  gripperCmdM: number;
  private stepCount = 0;
  private readonly stepsPerFrame: number;
  private readonly articulated: string[];
  /** Counts the liquid every frame; absent in a scene without a fill. */
  private readonly liquid: LiquidProbe | null;
  /** What closed-loop motions read: the observer's guards and poses, and the particle counts for liquid guards. */
  private readonly live: LiveView = {
    guardFired: (g) =>
      g.kind === 'liquid'
        ? (this.liquidCounts()?.byContainer[g.container] ?? 0) >= g.atLeast
        : this.observer.guardFired(g),
    pose: (object, part) => this.observer.pose(object, part),
  };

  constructor(
    readonly sim: Simulation,
    readonly binding: RobotBinding,
    readonly observer: SceneObserver,
    readonly objects: readonly PlacedObject[],
    private readonly o: RolloutOptions,
  ) {
    this.recorder = new EpisodeRecorder(o.protocol, o.cameras);
    this.stepsPerFrame = 1 / (o.fps * TIMESTEP_S);
    this.articulated = objects.filter((x) => (x.built.states?.length ?? 0) > 0).map((x) => x.id);
    this.targetsRad = binding.armPositions();
    this.gripperCmdM = binding.gripperOpeningM();
    this.label = { segment: 0, step: 0, transition: false, text: o.protocol };
    this.liquid = objects.some((x) => x.liquid) ? new LiquidProbe(sim, objects) : null;
  }

  /** Particles in every container and spilled, now (null in a scene without liquid). */
  liquidCounts(): LiquidCounts | null {
    return this.liquid?.counts() ?? null;
  }

  /** The arm's preferred joint angles (IK's null-space pull). */
  get posture(): readonly number[] {
    return this.o.posture;
  }

  get frame(): number {
    return this.recorder.length;
  }

  /** Lets contacts settle before anything is recorded (objects were placed exactly on their supports). */
  preRoll(seconds: number): void {
    for (let k = 0; k < Math.round(seconds / TIMESTEP_S); k++) {
      this.sim.step(1);
      // Objects sampled overlapping would be pushed apart unseen during this settle: check it too (frame 0).
      if ((k + 1) % CONTROL_PERIOD_STEPS === 0) this.observer.trackPenetration(this.penetration, 0);
    }
  }

  /** Joint positions of every articulated object's parts, by object id. */
  partPositions(): Map<string, Record<string, number>> {
    return new Map(this.articulated.map((id) => [id, this.observer.partPositions(id)]));
  }

  partStates(): Map<string, ArticulationState> {
    return new Map(this.articulated.map((id) => [id, this.observer.partState(id)]));
  }

  /** Runs motions from where the arm is now, and keeps the rollout's health counts. */
  execute(motions: readonly Motion[]): void {
    const from = { ...this.binding.tcpPose(), gripperOpeningM: this.gripperCmdM };
    const t0 = performance.now();
    const before = this.timing.physicsMs + this.timing.renderMs;
    const report = executeMotions(
      this.binding,
      { step: (n) => this.stepPhysics(n) },
      motions,
      defaultMotionLimits,
      from,
      this.targetsRad,
      {
        timestepS: TIMESTEP_S,
        controlPeriodSteps: CONTROL_PERIOD_STEPS,
        velocityLimitsRadS: this.o.velocityLimitsRadS,
        posture: this.o.posture,
        live: this.live,
      },
      (cmd) => this.afterStep(cmd),
    );
    this.targetsRad = report.finalTargetsRad;
    this.gripperCmdM = report.final.gripperOpeningM;
    this.maxIkErrorM = Math.max(this.maxIkErrorM, report.maxIkErrorM);
    this.limitTicks += report.jointLimitTicks;
    this.totalTicks += report.ticks;
    this.timing.controlMs += performance.now() - t0 - (this.timing.physicsMs + this.timing.renderMs - before);
  }

  health(): {
    unstable: boolean;
    maxIkErrorM: number;
    jointLimitFraction: number;
    maxLimitViolationRad: number;
    interpenetration: Penetration | null;
  } {
    return {
      unstable: this.unstable,
      maxIkErrorM: this.maxIkErrorM,
      jointLimitFraction: this.totalTicks > 0 ? this.limitTicks / this.totalTicks : 0,
      maxLimitViolationRad: this.maxLimitViolationRad,
      interpenetration: this.penetration.firstViolation,
    };
  }

  private stepPhysics(n: number): void {
    const t0 = performance.now();
    this.sim.step(n);
    this.timing.physicsMs += performance.now() - t0;
    if (this.sim.isUnstable()) this.unstable = true;
  }

  private afterStep(cmd: ControlCommand): void {
    this.stepCount++;
    // Every control tick (10 ms): contacts are read out of WASM one struct at a time, and at the arm's
    // speeds an overlap cannot open and close again within a tick.
    if (this.stepCount % CONTROL_PERIOD_STEPS === 0) {
      this.observer.trackPenetration(this.penetration, this.frame);
      if (this.transitionHeld && !this.transitionContact) {
        const bodies = this.observer.robotSceneContact(this.transitionHeld);
        if (bodies) this.transitionContact = { frame: this.frame, segment: this.label.segment, bodies };
      }
      this.o.probe?.(this.sim, this.frame);
    }
    if (this.stepCount >= Math.round(this.frame * this.stepsPerFrame)) this.recordFrame(cmd);
  }

  private recordFrame(cmd: ControlCommand): void {
    const { binding, observer } = this;
    const q = binding.armPositions();
    const opening = binding.gripperOpeningM();
    const tcp = binding.tcpPose();
    q.forEach((v, j) => {
      const over = Math.max((binding.lowerRad[j] as number) - v, v - (binding.upperRad[j] as number), 0);
      this.maxLimitViolationRad = Math.max(this.maxLimitViolationRad, over);
    });
    const touching = observer.touchingGripper();
    const objs = new Map(
      this.objects.map((o) => {
        const pose = observer.pose(o.id);
        return [o.id, { posM: pose.posM, mat: pose.mat, speedMS: observer.speedMS(o.id) }];
      }),
    );
    let images: Uint8Array[] = [];
    if (this.o.render) {
      const t0 = performance.now();
      images = this.o.render(this.sim, this.o.cameras, this.o.width, this.o.height);
      this.timing.renderMs += performance.now() - t0;
    }
    const liquid = this.liquid?.counts();
    this.observations.push({
      ...(liquid ? { liquid } : {}),
      timeS: this.sim.timeS,
      phase: cmd.phase,
      tcpPosM: tcp.posM,
      gripperOpeningM: opening,
      objects: objs,
      touching,
      partStates: this.partStates(),
    });
    this.recorder.push({
      jointsRad: q,
      gripperOpeningM: opening,
      armTargetsRad: cmd.armTargetsRad,
      gripperTargetM: cmd.gripperTargetM,
      tcp,
      objectPoses: this.o.taskObjects.flatMap((id) => {
        const pose = objs.get(id);
        return pose ? [pose] : [];
      }),
      phase: cmd.phase,
      label: this.label,
      images,
      ...(liquid && this.o.liquidContainers?.length
        ? {
            liquidCounts: [
              ...this.o.liquidContainers.map((id) => liquid.byContainer[id] ?? 0),
              liquid.spilled,
            ],
          }
        : {}),
    });
  }
}
