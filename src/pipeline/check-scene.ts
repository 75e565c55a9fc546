// Checks a sampled scene before it is used: nothing interpenetrates, everything rests, every graspable object is reachable and in view.
import { type BasePose, graspTargets } from '../scenes/robot-placement.js';
import {
  type BoxCoverage,
  type CastRay,
  cameraCoverage,
  cameraCoverageDefaults,
  describeUncovered,
  liquidOwner,
} from '../scenes/camera-coverage.js';
import { lowestPickHeights } from './place-robot.js';
import { composeSceneMjcf } from '../scenes/scene-mjcf.js';
import type { SceneInstance } from '../scenes/scene-instance.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { ReachOracle } from '../sim/reach-oracle.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { LiquidProbe } from '../sim/liquid-probe.js';
import { Simulation } from '../sim/simulation.js';

export const sceneCheckLimits = {
  /** Deepest overlap tolerated between two objects (or an object and the bench) at placement. */
  maxPenetrationM: 0.002,
  restS: 1,
  /** Largest drift of a free object over the rest period. */
  maxDriftM: 0.002,
  /**
   * Liquid particles are not held to the drift limit: they flow and settle into a level when the scene starts.
   * What must hold is the fill itself: this share of each fill still inside its container after the rest period.
   */
  minLiquidKeptFraction: 1,
};

export interface SceneCheck {
  ok: boolean;
  /**
   * `scene.interpenetration`, `scene.not-at-rest`, `scene.liquid-spilled`, `scene.unreachable` or
   * `scene.not-in-view` (a task object or a container's interior that no fixed scene camera sees).
   */
  reason?: string;
  detail?: string;
  maxDriftM: number;
}

export async function checkScene(
  template: SceneTemplate,
  scene: SceneInstance,
  robot: RobotProfile,
  base: BasePose,
  oracle: ReachOracle,
): Promise<SceneCheck> {
  // The frustum half of the view check needs no simulation: fail cheaply before loading one.
  const outOfFrame = cameraCoverage(template, scene).find((c) => c.seenBy.length === 0);
  if (outOfFrame) return notInView(outOfFrame, 0);
  for (const o of scene.objects) {
    if (!o.movable) continue;
    const missed = graspTargets(o, lowestPickHeights(robot)).find(
      (t) => !oracle.reachable(base, t.posM, t.straddle),
    );
    if (missed) {
      return {
        ok: false,
        reason: 'scene.unreachable',
        detail: `${robot.id} cannot reach the ${missed.label}`,
        maxDriftM: 0,
      };
    }
  }
  const model = composeSceneMjcf(template, scene, robot, base);
  const sim = await Simulation.fromXml(model.xml);
  const binding = new RobotBinding(sim, model.robot);
  try {
    binding.resetArm(robot.homeRad, robot.gripper.strokeM);
    const bodyOf = new Map(scene.objects.map((o) => [sim.id('body', o.body), o.id]));
    // Particles of one fill share a label: they may touch each other, not anything else, at placement.
    const liquid = new LiquidProbe(sim, scene.objects);
    for (const [id, bodies] of liquid.fillBodies) for (const b of bodies) bodyOf.set(b, `${id} liquid`);
    const bodyOfGeom = (g: number) => sim.model.geom_bodyid[g] as number;
    for (const c of sim.contacts()) {
      const a = bodyOf.get(bodyOfGeom(c.geom1));
      const b = bodyOf.get(bodyOfGeom(c.geom2));
      if ((a || b) && a !== b && c.distM < -sceneCheckLimits.maxPenetrationM) {
        return {
          ok: false,
          reason: 'scene.interpenetration',
          detail: `${a ?? 'bench'} overlaps ${b ?? 'bench'} by ${(-c.distM * 1000).toFixed(1)} mm`,
          maxDriftM: 0,
        };
      }
    }
    const start = scene.objects.map((o) =>
      Array.from(sim.data.xpos.subarray(3 * sim.id('body', o.body), 3 * sim.id('body', o.body) + 3)),
    );
    sim.step(Math.round(sceneCheckLimits.restS / 0.002));
    let maxDriftM = 0;
    let worst = '';
    scene.objects.forEach((o, i) => {
      const b = sim.id('body', o.body);
      const p = sim.data.xpos;
      const s0 = start[i] as number[];
      const d = Math.hypot(
        (p[3 * b] as number) - (s0[0] as number),
        (p[3 * b + 1] as number) - (s0[1] as number),
        (p[3 * b + 2] as number) - (s0[2] as number),
      );
      if (d > maxDriftM) {
        maxDriftM = d;
        worst = o.id;
      }
    });
    if (maxDriftM > sceneCheckLimits.maxDriftM) {
      return {
        ok: false,
        reason: 'scene.not-at-rest',
        detail: `${worst} moved ${(maxDriftM * 1000).toFixed(1)} mm in ${sceneCheckLimits.restS} s`,
        maxDriftM,
      };
    }
    const counts = liquid.counts();
    for (const o of scene.objects) {
      if (!o.liquid) continue;
      const kept = counts.byContainer[o.id] ?? 0;
      if (kept < sceneCheckLimits.minLiquidKeptFraction * o.liquid.particles) {
        return {
          ok: false,
          reason: 'scene.liquid-spilled',
          detail: `${o.id} kept ${kept} of ${o.liquid.particles} liquid particles after ${sceneCheckLimits.restS} s`,
          maxDriftM,
        };
      }
    }
    // With the scene at rest and the robot at home: is each box also unobstructed from a camera that frames it?
    const hidden = cameraCoverage(
      template,
      scene,
      cameraCoverageDefaults,
      sceneRayCaster(sim, scene, liquid),
    ).find((c) => c.seenBy.length === 0);
    if (hidden) return notInView(hidden, maxDriftM);
    return { ok: true, maxDriftM };
  } finally {
    binding.delete();
    sim.delete();
  }
}

function notInView(c: BoxCoverage, maxDriftM: number): SceneCheck {
  return { ok: false, reason: 'scene.not-in-view', detail: describeUncovered(c), maxDriftM };
}

/** mj_ray over the drawn geom groups, naming the scene object (or liquid fill, the bench, the robot) each hit belongs to. */
function sceneRayCaster(sim: Simulation, scene: SceneInstance, liquid: LiquidProbe): CastRay {
  const ownerOfRoot = new Map<number, string>();
  for (const o of scene.objects) ownerOfRoot.set(sim.id('body', o.body), o.id);
  const rootOf = (body: number) => sim.model.body_rootid[body] as number;
  for (const [id, bodies] of liquid.fillBodies)
    for (const b of bodies) ownerOfRoot.set(rootOf(b), liquidOwner(id));
  return (from, dir) => {
    const hit = sim.ray(from, dir);
    if (!hit) return null;
    const root = rootOf(sim.model.geom_bodyid[hit.geom] as number);
    // Bench and floor are world geoms (root 0); the only other body tree of a scene is the robot's.
    return { distM: hit.distM, owner: ownerOfRoot.get(root) ?? (root === 0 ? 'the bench' : 'the robot') };
  };
}
