// Reads what recording and success checks need from a live simulation: object poses, speeds, gripper contacts.
import { type ArticulationState, articulationState } from '../assets/articulation-state.js';
import { type GeomOwner, ownerLabel, type PenetrationTracker } from '../filter/interpenetration.js';
import type { Guard, LiveView } from '../motion/motions.js';
import type { Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import { ROBOT_PREFIX } from '../robots/robot-mjcf.js';
import { LiquidProbe } from './liquid-probe.js';
import type { RobotBinding } from './robot-binding.js';
import type { Simulation } from './simulation.js';

/** Nothing riding on a held object, nothing ignored: shared, since guards and contacts are read every tick. */
const NO_BODIES: ReadonlySet<number | undefined> = new Set();
const NO_OBJECTS: ReadonlySet<string> = new Set();

export class SceneObserver implements LiveView {
  private readonly bodyOf = new Map<string, number>();
  /** Body of each articulated part, keyed `object/part`. */
  private readonly partBodyOf = new Map<string, number>();
  /** qpos address of each articulated part's joint, per object and part name. */
  private readonly partQposOf = new Map<string, Map<string, number>>();
  private readonly dofOf = new Map<string, number>();
  private readonly objectOfBody = new Map<number, string>();
  /** What each collision geom belongs to, by geom id. */
  readonly geomOwners: GeomOwner[];

  constructor(
    readonly sim: Simulation,
    readonly robot: RobotBinding,
    readonly objects: readonly PlacedObject[],
  ) {
    for (const o of objects) {
      const b = sim.id('body', o.body);
      this.bodyOf.set(o.id, b);
      this.objectOfBody.set(b, o.id);
      if (o.movable) this.dofOf.set(o.id, sim.model.jnt_dofadr[sim.id('joint', o.body)] as number);
      const parts = new Map<string, number>();
      for (const part of o.built.parts ?? []) {
        const name = `${o.body}_${part.name}`;
        const pb = sim.id('body', name);
        this.partBodyOf.set(`${o.id}/${part.name}`, pb);
        this.objectOfBody.set(pb, o.id);
        parts.set(part.name, sim.model.jnt_qposadr[sim.id('joint', name)] as number);
      }
      if (parts.size > 0) this.partQposOf.set(o.id, parts);
    }
    this.geomOwners = geomOwners(sim, objects);
  }

  /**
   * Whether a held object touches anything but the gripper, or the gripper anything but the object: the stop
   * of a guarded descent. Liquid particles do not count (a filled beaker's own fill touches it).
   */
  heldObjectMeetsSupport(objectId: string, riders: readonly string[] = []): boolean {
    const bodyId = this.sim.model.geom_bodyid;
    const target = this.bodyOf.get(objectId);
    // What rides on the held object (a stopper in a bottle's neck) moves with it: their touching is no support.
    const riding = riders.length === 0 ? NO_BODIES : new Set(riders.map((id) => this.bodyOf.get(id)));
    for (const { geom1: g1, geom2: g2, distM } of this.sim.contacts()) {
      if (distM > 0) continue;
      const o1 = this.geomOwners[g1];
      const o2 = this.geomOwners[g2];
      if (o1?.kind === 'liquid' || o2?.kind === 'liquid') continue;
      const grip1 = this.robot.gripperGeoms.has(g1);
      const grip2 = this.robot.gripperGeoms.has(g2);
      const held1 = bodyId[g1] === target || riding.has(bodyId[g1]);
      const held2 = bodyId[g2] === target || riding.has(bodyId[g2]);
      if (held1 !== held2 && !(grip1 || grip2)) return true;
      if (grip1 !== grip2 && !(held1 || held2)) return true;
    }
    return false;
  }

  /**
   * The first contact of the moving robot with the scene, labelled for a reader (`robot link4 / centrifuge lid`),
   * or null: what a transition between skills must never make. The objects in `held` may touch the gripper,
   * and nothing else; liquid and the arm's base on its mount do not count.
   */
  robotSceneContact(held: ReadonlySet<string>): string | null {
    return this.firstRobotSceneContact(this.sim.contacts(), held);
  }

  /** The same, with the arm at joint angles `q` and the scene as it is now (scratch collision detection). */
  /** `ignored` objects' contacts do not count at all (the vessel the open fingers are about to close on). */
  robotSceneContactAt(
    q: readonly number[],
    held: ReadonlySet<string>,
    ignored: ReadonlySet<string> = NO_OBJECTS,
  ): string | null {
    return this.firstRobotSceneContact(this.robot.contactsAt(q), held, ignored);
  }

  private firstRobotSceneContact(
    contacts: ReadonlyArray<{ geom1: number; geom2: number; distM: number }>,
    held: ReadonlySet<string>,
    ignored: ReadonlySet<string> = NO_OBJECTS,
  ): string | null {
    const { geom_bodyid: bodyId, body_weldid: weldId } = this.sim.model;
    for (const { geom1: g1, geom2: g2, distM } of contacts) {
      if (distM > 0) continue;
      const a = this.geomOwners[g1];
      const b = this.geomOwners[g2];
      if (!a || !b || a.kind === 'liquid' || b.kind === 'liquid') continue;
      if ((a.kind === 'object' && ignored.has(a.name)) || (b.kind === 'object' && ignored.has(b.name)))
        continue;
      const robotA = a.kind === 'robot' && weldId[bodyId[g1] as number] !== 0;
      const robotB = b.kind === 'robot' && weldId[bodyId[g2] as number] !== 0;
      const heldA = a.kind === 'object' && held.has(a.name);
      const heldB = b.kind === 'object' && held.has(b.name);
      if (!robotA && !robotB && !heldA && !heldB) continue;
      if (robotA && robotB) continue;
      // A held object in the fingers is the grasp, not a collision.
      if ((heldA && this.robot.gripperGeoms.has(g2)) || (heldB && this.robot.gripperGeoms.has(g1))) continue;
      if (a.kind === 'robot' && b.kind === 'robot') continue;
      return `${ownerLabel(a)} / ${ownerLabel(b)}`;
    }
    return null;
  }

  /**
   * Height of the highest point of any object as the scene stands now (a lid standing open included): what a
   * hand must clear to pass over everything.
   */
  objectsTopZM(): number {
    const { geom_type: type, geom_size: size, geom_rbound: rbound } = this.sim.model;
    const { geom_xpos: xpos, geom_xmat: xmat } = this.sim.data;
    let top = -Infinity;
    this.geomOwners.forEach((o, g) => {
      if (o?.kind !== 'object') return;
      // The geom's half extent along world z from its frame's z row; a bounding sphere for other shapes.
      const r = [0, 1, 2].map((i) => Math.abs(xmat[9 * g + 6 + i] as number));
      const [a, b, c] = [0, 1, 2].map((i) => size[3 * g + i] as number) as [number, number, number];
      const t = type[g] as number;
      const half =
        t === 6 // box
          ? (r[0] as number) * a + (r[1] as number) * b + (r[2] as number) * c
          : t === 2 // sphere
            ? a
            : t === 3 // capsule: the segment along the geom's z, then its radius
              ? (r[2] as number) * b + a
              : t === 5 // cylinder: the axis, then the end disc's tilt
                ? (r[2] as number) * b + a * Math.sqrt(Math.max(0, 1 - (r[2] as number) ** 2))
                : (rbound[g] as number);
      top = Math.max(top, (xpos[3 * g + 2] as number) + half);
    });
    return top;
  }

  /** Feeds every active contact of the current state to a penetration tracker. */
  trackPenetration(tracker: PenetrationTracker, frame: number): void {
    for (const c of this.sim.contacts()) {
      if (c.distM >= 0) continue;
      const a = this.geomOwners[c.geom1];
      const b = this.geomOwners[c.geom2];
      if (a && b) tracker.observe(a, b, c.distM, frame, this.sim.timeS);
    }
  }

  /** Joint positions of an object's articulated parts (rad or m from rest), by part name. */
  partPositions(id: string): Record<string, number> {
    const out: Record<string, number> = {};
    const qpos = this.sim.data.qpos;
    for (const [part, adr] of this.partQposOf.get(id) ?? []) out[part] = qpos[adr] as number;
    return out;
  }

  /**
   * Puts an object's parts at the scene's start positions (before anything is simulated or recorded): the
   * initial state of the bench, like an object's pose, never a skill's doing.
   */
  setStartPartPositions(id: string, positions: Readonly<Record<string, number>>): void {
    const qpos = this.sim.data.qpos;
    const parts = this.partQposOf.get(id);
    for (const [part, q] of Object.entries(positions)) {
      const adr = parts?.get(part);
      if (adr === undefined) throw new Error(`scene object ${id} has no articulated part "${part}"`);
      qpos[adr] = q;
    }
  }

  /** The named state of an articulated object (`lidAngleRad`, `startButtonPressed`); empty for plain objects. */
  partState(id: string): ArticulationState {
    const o = this.objects.find((x) => x.id === id);
    const states = o?.built.states;
    return states ? articulationState(states, this.partPositions(id)) : {};
  }

  /** Whether the gripper touches the object (or one of its parts; `part` narrows it to that one). */
  gripperTouches(object: string, part?: string): boolean {
    const want = part === undefined ? undefined : this.partBodyOf.get(`${object}/${part}`);
    const bodyId = this.sim.model.geom_bodyid;
    for (const { geom1: g1, geom2: g2 } of this.sim.contacts()) {
      const a = this.robot.gripperGeoms.has(g1);
      if (a === this.robot.gripperGeoms.has(g2)) continue;
      const body = bodyId[a ? g2 : g1] as number;
      if (want !== undefined ? body === want : this.objectOfBody.get(body) === object) return true;
    }
    return false;
  }

  guardFired(guard: Guard): boolean {
    switch (guard.kind) {
      case 'contact':
        return this.heldObjectMeetsSupport(guard.object, guard.riders);
      case 'touch':
        return this.gripperTouches(guard.object, guard.part);
      case 'liquid':
        throw new Error('a liquid guard is read from the rollout, which counts the particles');
      case 'state': {
        const v = this.partState(guard.object)[guard.state];
        if (v === undefined) throw new Error(`guard: ${guard.object} has no state "${guard.state}"`);
        if (guard.equals !== undefined) return v === guard.equals;
        const x = Number(v);
        return (
          (guard.atLeast === undefined || x >= guard.atLeast) &&
          (guard.atMost === undefined || x <= guard.atMost)
        );
      }
    }
  }

  pose(id: string, part?: string): { posM: Vec3; mat: number[] } {
    const b = part === undefined ? this.bodyOf.get(id) : this.partBodyOf.get(`${id}/${part}`);
    if (b === undefined) throw new Error(`unknown object ${id}${part ? ` part ${part}` : ''}`);
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

/**
 * Owner of every geom: scene objects and their moving parts by body name (`obj_<id>`, `obj_<id>_<part>`),
 * particles by fill, robot links by their `robot_` bodies, and the world's bench and floor by geom name.
 */
function geomOwners(sim: Simulation, objects: readonly PlacedObject[]): GeomOwner[] {
  const { model } = sim;
  const byBody = new Map<number, GeomOwner>();
  for (const o of objects) {
    byBody.set(sim.id('body', o.body), { kind: 'object', name: o.id });
    for (const part of o.built.parts ?? [])
      byBody.set(sim.id('body', `${o.body}_${part.name}`), { kind: 'object', name: o.id, part: part.name });
  }
  const liquid = new LiquidProbe(sim, objects);
  for (const [id, bodies] of liquid.fillBodies)
    for (const b of bodies) byBody.set(b, { kind: 'liquid', name: `${id} liquid` });
  const owners: GeomOwner[] = [];
  for (let g = 0; g < model.ngeom; g++) {
    const body = model.geom_bodyid[g] as number;
    const known = byBody.get(body);
    if (known) {
      owners.push(known);
      continue;
    }
    const bodyName = sim.name('body', body);
    if (bodyName.startsWith(ROBOT_PREFIX))
      owners.push({ kind: 'robot', name: bodyName.slice(ROBOT_PREFIX.length) });
    else if (sim.name('geom', g) === 'floor') owners.push({ kind: 'floor', name: 'floor' });
    else owners.push({ kind: 'bench', name: 'bench' });
  }
  return owners;
}
