// Resolves a compiled robot's names to indices in a live simulation and exposes its state, commands and kinematics.
import type { MjData } from 'mujoco-js';
import type { KinematicsProbe } from '../motion/ik.js';
import type { Vec3 } from '../motion/math3d.js';
import type { RobotModel } from '../robots/robot-mjcf.js';
import { readContacts, type Simulation } from './simulation.js';

export class RobotBinding implements KinematicsProbe {
  readonly armQpos: number[];
  readonly armDof: number[];
  readonly armActuators: number[];
  readonly gripperQpos: number[];
  readonly gripperActuators: number[];
  readonly tcpSite: number;
  readonly gripperGeoms: Set<number>;
  readonly padGeoms: number[];
  readonly lowerRad: number[];
  readonly upperRad: number[];
  private readonly scratch: MjData;
  private readonly armJacp: Float64Array;
  private readonly armJacr: Float64Array;
  private readonly scratchJacp: { GetView(): Float64Array; delete(): void };
  private readonly scratchJacr: { GetView(): Float64Array; delete(): void };

  constructor(
    readonly sim: Simulation,
    readonly names: RobotModel,
  ) {
    const { model } = sim;
    const joints = names.armJoints.map((n) => sim.id('joint', n));
    this.armQpos = joints.map((j) => model.jnt_qposadr[j] as number);
    this.armDof = joints.map((j) => model.jnt_dofadr[j] as number);
    this.lowerRad = joints.map((j) => model.jnt_range[2 * j] as number);
    this.upperRad = joints.map((j) => model.jnt_range[2 * j + 1] as number);
    this.armActuators = names.armActuators.map((n) => sim.id('actuator', n));
    this.gripperQpos = names.gripper.joints.map((n) => model.jnt_qposadr[sim.id('joint', n)] as number);
    this.gripperActuators = names.gripper.actuators.map((n) => sim.id('actuator', n));
    this.tcpSite = sim.id('site', names.tcpSite);
    const gripperBodies = new Set(names.gripperBodies.map((b) => sim.id('body', b)));
    this.gripperGeoms = new Set();
    for (let g = 0; g < model.ngeom; g++)
      if (gripperBodies.has(model.geom_bodyid[g] as number)) this.gripperGeoms.add(g);
    this.padGeoms = names.gripper.padGeoms.map((n) => sim.id('geom', n));
    this.scratch = new sim.mj.MjData(model);
    this.armJacp = new Float64Array(3 * this.armDof.length);
    this.armJacr = new Float64Array(3 * this.armDof.length);
    this.scratchJacp = new sim.mj.DoubleBuffer(3 * model.nv) as never;
    this.scratchJacr = new sim.mj.DoubleBuffer(3 * model.nv) as never;
  }

  get dof(): number {
    return this.armQpos.length;
  }

  armPositions(): number[] {
    const q = this.sim.data.qpos;
    return this.armQpos.map((a) => q[a] as number);
  }

  /** Distance between the finger pads (m). */
  gripperOpeningM(): number {
    const q = this.sim.data.qpos;
    return this.names.gripper.openingFromJoints(this.gripperQpos.map((a) => q[a] as number));
  }

  setArmTargets(q: readonly number[]): void {
    const ctrl = this.sim.data.ctrl;
    this.armActuators.forEach((a, i) => {
      ctrl[a] = q[i] as number;
    });
  }

  /** Commands the pad-to-pad opening (m), converted by the gripper model into its servo targets. */
  setGripperTarget(openingM: number): void {
    const ctrl = this.sim.data.ctrl;
    const targets = this.names.gripper.ctrlForOpening(openingM);
    this.gripperActuators.forEach((a, i) => {
      ctrl[a] = targets[i] as number;
    });
  }

  /** Teleports the arm (only before a rollout starts, e.g. to the home pose) and zeroes its velocity. */
  resetArm(q: readonly number[], openingM: number): void {
    const { qpos, qvel } = this.sim.data;
    this.armQpos.forEach((a, i) => {
      qpos[a] = q[i] as number;
    });
    this.armDof.forEach((d) => {
      qvel[d] = 0;
    });
    const jaw = this.names.gripper.jointsForOpening(openingM);
    this.gripperQpos.forEach((a, i) => {
      qpos[a] = jaw[i] as number;
    });
    this.setArmTargets(q);
    this.setGripperTarget(openingM);
    this.sim.forward();
  }

  tcpPose(): { posM: Vec3; mat: number[] } {
    const d = this.sim.data;
    const s = this.tcpSite;
    return {
      posM: [
        d.site_xpos[3 * s] as number,
        d.site_xpos[3 * s + 1] as number,
        d.site_xpos[3 * s + 2] as number,
      ],
      mat: Array.from(d.site_xmat.subarray(9 * s, 9 * s + 9) as Float64Array),
    };
  }

  // KinematicsProbe: evaluates the arm at hypothetical joint angles on scratch data, leaving the physics untouched.
  probe(q: readonly number[]): { posM: Vec3; mat: number[]; jacp: Float64Array; jacr: Float64Array } {
    const { mj, model, data } = this.sim;
    const scratch = this.scratch;
    scratch.qpos.set(data.qpos);
    this.armQpos.forEach((a, i) => {
      scratch.qpos[a] = q[i] as number;
    });
    mj.mj_kinematics(model, scratch);
    mj.mj_comPos(model, scratch);
    mj.mj_jacSite(model, scratch, this.scratchJacp, this.scratchJacr, this.tcpSite);
    const s = this.tcpSite;
    const nv = model.nv;
    const jacpFull = this.scratchJacp.GetView();
    const jacrFull = this.scratchJacr.GetView();
    const n = this.dof;
    // IK probes many times per control tick: fill the same arm-Jacobian buffers instead of allocating.
    const jacp = this.armJacp;
    const jacr = this.armJacr;
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < n; c++) {
        const dofCol = this.armDof[c] as number;
        jacp[r * n + c] = jacpFull[r * nv + dofCol] as number;
        jacr[r * n + c] = jacrFull[r * nv + dofCol] as number;
      }
    }
    return {
      posM: [
        scratch.site_xpos[3 * s] as number,
        scratch.site_xpos[3 * s + 1] as number,
        scratch.site_xpos[3 * s + 2] as number,
      ],
      mat: Array.from(scratch.site_xmat.subarray(9 * s, 9 * s + 9) as Float64Array),
      jacp,
      jacr,
    };
  }

  /**
   * The contacts MuJoCo's collision detection finds with the arm at joint angles `q` and everything else where
   * it is now, on scratch data (the physics is untouched): for checking a joint-space path before it is taken.
   */
  contactsAt(q: readonly number[]): Array<{ geom1: number; geom2: number; distM: number }> {
    const { mj, model, data } = this.sim;
    const scratch = this.scratch;
    scratch.qpos.set(data.qpos);
    this.armQpos.forEach((a, i) => {
      scratch.qpos[a] = q[i] as number;
    });
    mj.mj_kinematics(model, scratch);
    mj.mj_collision(model, scratch);
    return readContacts(scratch);
  }

  delete(): void {
    this.scratchJacp.delete();
    this.scratchJacr.delete();
    this.scratch.delete();
  }
}
