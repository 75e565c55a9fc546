// Answers "can this robot put its tool at this point, in the grasp the pick would use, from this base pose?" with IK on a robot-only model.
import { reachesComfortably } from '../motion/ik.js';
import type { Vec3 } from '../motion/math3d.js';
import { compileRobot } from '../robots/robot-mjcf.js';
import type { BasePose, Straddle } from '../scenes/robot-placement.js';
import type { RobotProfile } from '../schemas/robot.js';
import { graspFrame, handYaw, topDownFrameAtYaw } from '../skills/grasp-geometry.js';
import { pickDefaults } from '../skills/pick/index.js';
import { RobotBinding } from './robot-binding.js';
import { Simulation } from './simulation.js';

export interface ReachOracle {
  /**
   * With a straddle the tool takes the frame the pick skill would close the fingers in (leaning no more than
   * the object's width allows); without one, the arm's preferred top-down frame.
   */
  reachable(base: BasePose, target: Vec3, straddle?: Straddle, mat?: readonly number[]): boolean;
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
    reachable(base, target, straddle, worldMat) {
      // Express the target in the mount frame (the robot-only model stands at the origin, unrotated).
      const dx = target[0] - base.posM[0];
      const dy = target[1] - base.posM[1];
      const c = Math.cos(-base.yawRad);
      const s = Math.sin(-base.yawRad);
      const local: Vec3 = [c * dx - s * dy, s * dx + c * dy, target[2] - base.posM[2]];
      // Cheap rejection first: nothing beyond the arm's published reach (plus the hand) from its base.
      if (Math.hypot(local[0], local[1], local[2]) > profile.reachM + 0.15) return false;
      const straddleLocal: Straddle | undefined = straddle && {
        ...straddle,
        closingAxis: [
          c * straddle.closingAxis[0] - s * straddle.closingAxis[1],
          s * straddle.closingAxis[0] + c * straddle.closingAxis[1],
          straddle.closingAxis[2],
        ],
      };
      // A full hand orientation given by the skill, turned into the mount frame like the position.
      const givenMat =
        worldMat &&
        [0, 1, 2].flatMap((col) => {
          const x = worldMat[col] as number;
          const y = worldMat[3 + col] as number;
          return [c * x - s * y, s * x + c * y, worldMat[6 + col] as number];
        });
      const localMat =
        givenMat && [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => givenMat[3 * col + row] as number));
      const key = [
        ...local,
        ...(localMat ?? []),
        ...(straddleLocal?.closingAxis ?? []),
        straddle?.widthM ?? 0,
        straddle?.crossWidthM ?? 0,
        straddle?.graspHeightM ?? 0,
      ]
        .map((v) => v.toFixed(3))
        .join();
      const known = cache.get(key);
      if (known !== undefined) return known;
      const heading = Math.atan2(local[1], local[0]);
      const yaw = neutralOffset + heading;
      const grasp =
        straddleLocal &&
        graspFrame(straddleLocal, yaw, profile.toolPitchRad, heading, {
          strokeM: profile.gripper.strokeM,
          clearanceM: pickDefaults.tiltFitClearanceM,
        });
      const mat = localMat ?? grasp?.mat ?? topDownFrameAtYaw(yaw, profile.toolPitchRad, heading);
      // A rotary jaw's TCP follows the pads' midpoint, so it moves with the opening: closed on the object for a
      // grasp, half open otherwise (a parallel gripper's TCP does not move).
      binding.resetArm(profile.homeRad, grasp?.widthM ?? profile.gripper.strokeM / 2);
      // Joints kept clear of their limits, so jittered layouts and the executor's path are still reached.
      const ok = reachesComfortably(binding, { posM: local, mat }, profile.homeRad, {
        posture: profile.homeRad,
        posTolM: tolM,
        rotTolRad: 0.05,
        iterations: 150,
      });
      cache.set(key, ok);
      return ok;
    },
    delete() {
      binding.delete();
      sim.delete();
    },
  };
}
