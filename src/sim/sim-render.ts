// Feeds a live simulation's geometry and cameras to the CPU renderer (render/ never imports mujoco-js).
import {
  cameraFromMujoco,
  createRenderer,
  type Renderer,
  type RenderScene,
  sceneFromMujocoArrays,
} from '../render/index.js';
import type { Simulation } from './simulation.js';

type Headlight = { ambient: Float32Array; diffuse: Float32Array; active: number };
type Deletable = { delete?: () => void };

// The model's headlight never changes; read it (a struct copy out of WASM) once per simulation.
const headlights = new WeakMap<Simulation, Headlight>();

function headlightOf(sim: Simulation): Headlight {
  let headlight = headlights.get(sim);
  if (!headlight) {
    // `model.vis` and its `headlight` are copies on the WASM heap: copy the numbers out, then free them.
    const vis = (sim.model as unknown as { vis: { headlight: Headlight & Deletable } & Deletable }).vis;
    const h = vis.headlight;
    headlight = {
      ambient: Float32Array.from(h.ambient),
      diffuse: Float32Array.from(h.diffuse),
      active: h.active,
    };
    h.delete?.();
    vis.delete?.();
    headlights.set(sim, headlight);
  }
  return headlight;
}

/** The drawable geoms and lights of the simulation's current state. */
export function renderSceneOf(sim: Simulation): RenderScene {
  const m = sim.model;
  const d = sim.data;
  return sceneFromMujocoArrays({
    ngeom: m.ngeom,
    geom_type: m.geom_type,
    geom_size: m.geom_size,
    geom_rgba: m.geom_rgba,
    geom_matid: m.geom_matid,
    mat_rgba: m.mat_rgba,
    geom_group: m.geom_group,
    geom_xpos: d.geom_xpos,
    geom_xmat: d.geom_xmat,
    light_xpos: d.light_xpos,
    light_xdir: d.light_xdir,
    light_type: m.light_type,
    light_active: m.light_active,
    light_diffuse: m.light_diffuse,
    light_ambient: m.light_ambient,
    light_cutoff: m.light_cutoff,
    light_exponent: m.light_exponent,
    light_attenuation: m.light_attenuation,
    headlight: headlightOf(sim),
  });
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
    if (!renderer || renderer.width !== width || renderer.height !== height)
      renderer = createRenderer(width, height);
    const scene = renderSceneOf(sim);
    const d = sim.data;
    return cameras.map((name) => {
      const camera = cameraFromMujoco(d.cam_xpos, d.cam_xmat, sim.model.cam_fovy, sim.id('camera', name));
      return Uint8Array.from(renderer?.render(scene, camera).rgb ?? []);
    });
  };
}
