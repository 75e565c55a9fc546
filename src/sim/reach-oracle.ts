// Answers "can this robot put its tool, pointing down, at this point from this base pose?" with IK on a robot-only model.
import { solveIk } from '../motion/ik.js';
import type { Vec3 } from '../motion/math3d.js';
import { compileRobot } from '../robots/robot-mjcf.js';
import type { BasePose } from '../scenes/robot-placement.js';
import type { RobotProfile } from '../schemas/robot.js';
import { handYaw, topDownFrameAtYaw } from '../skills/grasp-geometry.js';
import { RobotBinding } from './robot-binding.js';
import { Simulation } from './simulation.js';

export interface ReachOracle {
  reachable(base: BasePose, target: Vec3): boolean;
  delete(): void;
}

export async function createReachOracle(profile: RobotProfile, tolM = 0.004): Promise<ReachOracle> {
  const compiled = compileRobot(profile, [0, 0, 0], 0);
  const xml = `<mujoco><compiler angle="radian" autolimits="true"/><worldbody>${compiled.bodyXml}</worldbody><actuator>${compiled.actuatorXml}</actuator></mujoco>`;
  const sim = await Simulation.fromXml(xml);
  const binding = new RobotBinding(sim, compiled.model);
  const home = binding.probe(profile.homeRad);
  const neutralOffset = handYaw(home.mat) - Math.atan2(home.posM[1], home.posM[0]);
  const cache = new Map<string, boolean>();
  return {
    reachable(base, target) {
      // Express the target in the mount frame (the robot-only model stands at the origin, unrotated).
      const dx = target[0] - base.posM[0];
      const dy = target[1] - base.posM[1];
      const c = Math.cos(-base.yawRad);
      const s = Math.sin(-base.yawRad);
      const local: Vec3 = [c * dx - s * dy, s * dx + c * dy, target[2] - base.posM[2]];
      // Cheap rejection first: nothing beyond the arm's published reach (plus the hand) from its base.
      if (Math.hypot(local[0], local[1], local[2]) > profile.reachM + 0.15) return false;
      const key = local.map((v) => v.toFixed(3)).join();
      const known = cache.get(key);
      if (known !== undefined) return known;
      const yaw = neutralOffset + Math.atan2(local[1], local[0]);
      const ik = solveIk(
        binding,
        { posM: local, mat: topDownFrameAtYaw(yaw, profile.toolPitchRad) },
        profile.homeRad,
        {
          iterations: 150,
          posture: profile.homeRad,
        },
      );
      const ok = ik.posErrM < tolM && ik.rotErrRad < 0.05;
      cache.set(key, ok);
      return ok;
    },
    delete() {
      binding.delete();
      sim.delete();
    },
  };
}
