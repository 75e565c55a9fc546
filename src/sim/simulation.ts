// The one adapter over mujoco-js: load MJCF text, step, named lookups, Jacobians, contacts, state save/restore.
import type { MainModule, MjData, MjModel } from 'mujoco-js';
import { mujocoModule } from './mujoco-module.js';

export class SimulationLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationLoadError';
  }
}

/** mujoco-js throws either Error objects or raw C++ exception pointers; turn both into text. */
function describeWasmError(mj: MainModule, err: unknown): string {
  if (err instanceof Error) return err.message ?? err.name;
  const getMessage = (mj as unknown as { getExceptionMessage?: (e: unknown) => [string, string] })
    .getExceptionMessage;
  if (typeof err === 'number' && getMessage) {
    try {
      return getMessage(err).join(': ');
    } catch {
      // fall through to the generic text
    }
  }
  return String(err);
}

type ObjType = 'body' | 'joint' | 'geom' | 'site' | 'camera' | 'actuator';

let fileCounter = 0;

export class Simulation {
  private readonly jacp: { GetView(): Float64Array; delete(): void };
  private readonly jacr: { GetView(): Float64Array; delete(): void };
  private deleted = false;

  private constructor(
    readonly mj: MainModule,
    readonly model: MjModel,
    readonly data: MjData,
  ) {
    // Output arguments must be WASM buffers: a plain Float64Array is accepted and silently left unwritten.
    this.jacp = new mj.DoubleBuffer(3 * model.nv) as never;
    this.jacr = new mj.DoubleBuffer(3 * model.nv) as never;
  }

  static async fromXml(xml: string): Promise<Simulation> {
    return Simulation.fromXmlWith(await mujocoModule(), xml);
  }

  /** The same with the module already loaded (a synchronous caller: the placement search). */
  static fromXmlWith(mj: MainModule, xml: string): Simulation {
    const fs = (mj as unknown as { FS: { writeFile(p: string, t: string): void; unlink(p: string): void } })
      .FS;
    const path = `/labgen/model-${process.pid}-${fileCounter++}.xml`;
    fs.writeFile(path, xml);
    let model: MjModel;
    try {
      model = mj.MjModel.loadFromXML(path);
    } catch (err) {
      throw new SimulationLoadError(`MuJoCo rejected the generated model: ${describeWasmError(mj, err)}`);
    } finally {
      fs.unlink(path);
    }
    if (!model) throw new SimulationLoadError('MuJoCo returned no model');
    const data = new mj.MjData(model);
    const sim = new Simulation(mj, model, data);
    mj.mj_forward(model, data);
    return sim;
  }

  private objType(type: ObjType): number {
    const t = this.mj.mjtObj;
    return {
      body: t.mjOBJ_BODY,
      joint: t.mjOBJ_JOINT,
      geom: t.mjOBJ_GEOM,
      site: t.mjOBJ_SITE,
      camera: t.mjOBJ_CAMERA,
      actuator: t.mjOBJ_ACTUATOR,
    }[type].value;
  }

  /** Name lookups cached per model: the renderer and observers ask for the same names every frame. */
  private readonly ids = new Map<string, number>();

  id(type: ObjType, name: string): number {
    const key = `${type}:${name}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.mj.mj_name2id(this.model, this.objType(type), name);
    if (id < 0) throw new Error(`model has no ${type} named "${name}"`);
    this.ids.set(key, id);
    return id;
  }

  /** Name of an element by id ('' when unnamed). */
  name(type: ObjType, id: number): string {
    return this.mj.mj_id2name(this.model, this.objType(type), id) ?? '';
  }

  get timeS(): number {
    return this.data.time;
  }

  /** Bumped whenever MuJoCo recomputes the state, so reads of it can be reused until then. */
  private stateVersion = 0;
  private contactCache: { version: number; pairs: Array<{ geom1: number; geom2: number; distM: number }> } = {
    version: -1,
    pairs: [],
  };

  step(n = 1): void {
    for (let i = 0; i < n; i++) this.mj.mj_step(this.model, this.data);
    this.stateVersion++;
  }

  forward(): void {
    this.mj.mj_forward(this.model, this.data);
    this.stateVersion++;
  }

  /** Position Jacobian (3 x nv, row-major) and rotation Jacobian of a site, at the current state. */
  jacSite(siteId: number): { jacp: Float64Array; jacr: Float64Array } {
    this.mj.mj_jacSite(this.model, this.data, this.jacp, this.jacr, siteId);
    return { jacp: this.jacp.GetView(), jacr: this.jacr.GetView() };
  }

  /**
   * MuJoCo's own ray cast (`mj_ray`) from `pnt` along unit `vec`: distance and geom id, or null on a miss.
   * Static geoms included; `geomGroups` lists the groups that may be hit (labgen draws 0-2).
   */
  ray(
    pnt: readonly number[],
    vec: readonly number[],
    geomGroups: readonly number[] = [0, 1, 2],
  ): { distM: number; geom: number } | null {
    const groups = [0, 1, 2, 3, 4, 5].map((g) => (geomGroups.includes(g) ? 1 : 0));
    const gid = new this.mj.IntBuffer(1) as unknown as { GetView(): Int32Array; delete(): void };
    try {
      const dist = this.mj.mj_ray(this.model, this.data, [...pnt], [...vec], groups, 1, -1, gid);
      return dist < 0 ? null : { distM: dist, geom: gid.GetView()[0] as number };
    } finally {
      gid.delete();
    }
  }

  /**
   * Active contacts with their signed distance (negative: the geoms overlap by that much). Read out of WASM once
   * per state: the penetration check, a guarded move and the gripper-contact observer all ask on the same tick.
   * The array is shared; callers must not change it.
   */
  contacts(): ReadonlyArray<{ geom1: number; geom2: number; distM: number }> {
    if (this.contactCache.version === this.stateVersion) return this.contactCache.pairs;
    const pairs = readContacts(this.data);
    this.contactCache = { version: this.stateVersion, pairs };
    return pairs;
  }

  /** Full physics state (qpos, qvel, act, ctrl, time ...) for exact save/restore. */
  saveState(): Float64Array {
    const spec = this.mj.mjtState.mjSTATE_INTEGRATION.value;
    const size = this.mj.mj_stateSize(this.model, spec);
    const buf = new this.mj.DoubleBuffer(size) as unknown as { GetView(): Float64Array; delete(): void };
    this.mj.mj_getState(this.model, this.data, buf, spec);
    const copy = Float64Array.from(buf.GetView());
    buf.delete();
    return copy;
  }

  restoreState(state: Float64Array): void {
    this.mj.mj_setState(this.model, this.data, Array.from(state), this.mj.mjtState.mjSTATE_INTEGRATION.value);
    this.forward();
  }

  /** True when the state holds NaN/Inf or MuJoCo raised a warning that signals divergence. */
  isUnstable(): boolean {
    const { qpos, qvel } = this.data;
    for (let i = 0; i < qpos.length; i++) if (!Number.isFinite(qpos[i])) return true;
    for (let i = 0; i < qvel.length; i++)
      if (!Number.isFinite(qvel[i]) || Math.abs(qvel[i] as number) > 1e3) return true;
    return false;
  }

  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.jacp.delete();
    this.jacr.delete();
    this.data.delete();
    this.model.delete();
  }
}

/** The active contacts of an MjData (the live one or a scratch copy) with their signed distances. */
export function readContacts(data: MjData): Array<{ geom1: number; geom2: number; distM: number }> {
  const pairs: Array<{ geom1: number; geom2: number; distM: number }> = [];
  const n = data.ncon;
  if (n === 0) return pairs;
  // Each read of `data.contact` hands back a fresh copy on the WASM heap (and each element another):
  // both must be deleted, or every call leaks (measured: ~45 KB per call on the bench scene).
  const contacts = data.contact;
  try {
    for (let i = 0; i < n; i++) {
      const c = contacts.get(i);
      if (!c) continue;
      pairs.push({ geom1: c.geom1, geom2: c.geom2, distM: c.dist });
      c.delete();
    }
  } finally {
    contacts.delete();
  }
  return pairs;
}
