// Reads what recording and success checks need from a live simulation: object poses, speeds, gripper contacts.
import type { Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import type { RobotBinding } from './robot-binding.js';
import type { Simulation } from './simulation.js';

export class SceneObserver {
  private readonly bodyOf = new Map<string, number>();
  private readonly dofOf = new Map<string, number>();
  private readonly objectOfBody = new Map<number, string>();

  constructor(
    readonly sim: Simulation,
    readonly robot: RobotBinding,
    objects: readonly PlacedObject[],
  ) {
    for (const o of objects) {
      const b = sim.id('body', o.body);
      this.bodyOf.set(o.id, b);
      this.objectOfBody.set(b, o.id);
      if (o.movable) this.dofOf.set(o.id, sim.model.jnt_dofadr[sim.id('joint', o.body)] as number);
    }
  }

  pose(id: string): { posM: Vec3; mat: number[] } {
    const b = this.bodyOf.get(id);
    if (b === undefined) throw new Error(`unknown object ${id}`);
    const d = this.sim.data;
    return {
      posM: [d.xpos[3 * b] as number, d.xpos[3 * b + 1] as number, d.xpos[3 * b + 2] as number],
      mat: Array.from(d.xmat.subarray(9 * b, 9 * b + 9) as Float64Array),
    };
  }

  poses(): Map<string, { posM: Vec3; mat: number[] }> {
    return new Map([...this.bodyOf.keys()].map((id) => [id, this.pose(id)]));
  }

  /** Linear speed of a free object's origin (m/s); 0 for fixed objects. */
  speedMS(id: string): number {
    const dof = this.dofOf.get(id);
    if (dof === undefined) return 0;
    const v = this.sim.data.qvel;
    return Math.hypot(v[dof] as number, v[dof + 1] as number, v[dof + 2] as number);
  }

  /** Objects currently in contact with the hand or fingers. */
  touchingGripper(): Set<string> {
    const touching = new Set<string>();
    const bodyId = this.sim.model.geom_bodyid;
    for (const { geom1: g1, geom2: g2 } of this.sim.contacts()) {
      const a = this.robot.gripperGeoms.has(g1);
      const b = this.robot.gripperGeoms.has(g2);
      if (a === b) continue;
      const other = a ? g2 : g1;
      const id = this.objectOfBody.get(bodyId[other] as number);
      if (id) touching.add(id);
    }
    return touching;
  }
}
