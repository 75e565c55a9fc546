// Feeds a live simulation's geometry and cameras to the CPU renderer (render/ never imports mujoco-js).
import {
  cameraFromMujoco,
  createRenderer,
  type MujocoSceneArrays,
  type Renderer,
  type RenderScene,
  sceneFromMujocoArrays,
} from '../render/index.js';
import type { Simulation } from './simulation.js';

type Headlight = { ambient: Float32Array; diffuse: Float32Array; active: number };
type Deletable = { delete?: () => void };
/** A mujoco-js model and data, read by MuJoCo's own field names. */
type ModelFields = { ngeom: number; [field: string]: unknown };
type DataFields = Record<string, unknown>;

// A model's headlight never changes; read it (a struct copy out of WASM) once per model.
const headlights = new WeakMap<object, Headlight>();

function headlightOf(model: ModelFields): Headlight {
  let headlight = headlights.get(model);
  if (!headlight) {
    // `model.vis` and its `headlight` are copies on the WASM heap: copy the numbers out, then free them.
    const vis = model.vis as { headlight: Headlight & Deletable } & Deletable;
    const h = vis.headlight;
    headlight = {
      ambient: Float32Array.from(h.ambient),
      diffuse: Float32Array.from(h.diffuse),
      active: h.active,
    };
    h.delete?.();
    vis.delete?.();
    headlights.set(model, headlight);
  }
  return headlight;
}

/** The renderer's input arrays, read from a mujoco-js model and data (views, valid until the next step). */
export function mujocoSceneArrays(m: ModelFields, d: DataFields): MujocoSceneArrays {
  return {
    ngeom: m.ngeom,
    geom_type: m.geom_type as Int32Array,
    geom_size: m.geom_size as Float64Array,
    geom_rgba: m.geom_rgba as Float32Array,
    geom_matid: m.geom_matid as Int32Array,
    mat_rgba: m.mat_rgba as Float32Array,
    geom_group: m.geom_group as Int32Array,
    geom_xpos: d.geom_xpos as Float64Array,
    geom_xmat: d.geom_xmat as Float64Array,
    light_xpos: d.light_xpos as Float64Array,
    light_xdir: d.light_xdir as Float64Array,
    light_type: m.light_type as Int32Array,
    light_active: m.light_active as Uint8Array,
    light_diffuse: m.light_diffuse as Float32Array,
    light_ambient: m.light_ambient as Float32Array,
    light_cutoff: m.light_cutoff as Float32Array,
    light_exponent: m.light_exponent as Float32Array,
    light_attenuation: m.light_attenuation as Float32Array,
    headlight: headlightOf(m),
  };
}

/** The drawable geoms and lights of the simulation's current state. */
export function renderSceneOf(sim: Simulation): RenderScene {
  return sceneFromMujocoArrays(
    mujocoSceneArrays(sim.model as unknown as ModelFields, sim.data as unknown as DataFields),
  );
}

/** Returns a function rendering named cameras to fresh RGB buffers; the renderer's buffers are reused. */
export function createSimRenderer(): (
  sim: Simulation,
  cameras: readonly string[],
  width: number,
  height: number,
) => Uint8Array[] {
  let renderer: Renderer | undefined;
  return (sim, cameras, width, height) => {
    const r =
      renderer && renderer.width === width && renderer.height === height
        ? renderer
        : createRenderer(width, height);
    renderer = r;
    const scene = renderSceneOf(sim);
    const d = sim.data;
    return cameras.map((name) => {
      const camera = cameraFromMujoco(d.cam_xpos, d.cam_xmat, sim.model.cam_fovy, sim.id('camera', name));
      // A copy: the renderer reuses its buffer for the next camera.
      return r.render(scene, camera).rgb.slice();
    });
  };
}
