// Compiles a robot profile (data) into an MJCF fragment: nested link bodies, joint servos, gripper, TCP site, wrist camera.
import { geomXml, num, nums } from '../mjcf/mjcf-text.js';
import { cameraXyAxes, quatFromAxisAngle, type Vec3 } from '../motion/math3d.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { CompiledGripper, ContactBits } from './grippers/gripper-model.js';
import { compileParallelGripper } from './grippers/parallel.js';
import { compileRotaryJawGripper } from './grippers/rotary-jaw.js';

export const ROBOT_PREFIX = 'robot_';
const TCP_SITE = `${ROBOT_PREFIX}tcp`;

/** Names and gripper conversions the rest of labgen uses to drive the robot inside a compiled model. */
export interface RobotModel {
  armJoints: string[];
  armActuators: string[];
  tcpSite: string;
  wristCamera: string;
  /** Hand plus moving gripper bodies: contacts with them count as "touching the gripper". */
  gripperBodies: string[];
  gripper: CompiledGripper;
}

export interface RobotMjcf {
  /** A `<body>` tree to place in the worldbody. */
  bodyXml: string;
  actuatorXml: string;
  /** `<equality>` entries (empty for grippers without coupled joints). */
  equalityXml: string[];
  model: RobotModel;
}

export interface CompileRobotOptions {
  /**
   * Let arm links collide with each other. Off for simulation (capsules of neighbouring links overlap at
   * joints by construction); on for the profile tests that check a pose is free of self-collision.
   */
  selfCollision?: boolean;
}

const FINGER_CONTACT: ContactBits = { contype: 1, conaffinity: 1 };

function compileGripper(profile: RobotProfile): CompiledGripper {
  const input = {
    colors: profile.colors,
    prefix: ROBOT_PREFIX,
    fingerContact: FINGER_CONTACT,
    tcpSite: TCP_SITE,
  };
  const g = profile.gripper;
  return g.type === 'rotary-jaw'
    ? compileRotaryJawGripper({ ...input, gripper: g })
    : compileParallelGripper({ ...input, gripper: g });
}

export function compileRobot(
  profile: RobotProfile,
  mountPosM: Vec3,
  mountYawRad: number,
  options: CompileRobotOptions = {},
): RobotMjcf {
  // Arm links collide with the world (bench, labware) but, unless asked, not with each other.
  const armContact: ContactBits = options.selfCollision
    ? { contype: 1, conaffinity: 1 }
    : { contype: 2, conaffinity: 1 };
  const { colors } = profile;
  const gripper = compileGripper(profile);
  const g = profile.gripper;
  const armJointSpecs = profile.links.flatMap((l) => (l.joint ? [l.joint] : []));
  const model: RobotModel = {
    armJoints: armJointSpecs.map((j) => `${ROBOT_PREFIX}${j.name}`),
    armActuators: armJointSpecs.map((j) => `${ROBOT_PREFIX}${j.name}_servo`),
    tcpSite: TCP_SITE,
    wristCamera: 'wrist',
    gripperBodies: [`${ROBOT_PREFIX}hand`, ...gripper.bodies],
    gripper,
  };

  const basePos: Vec3 = [
    mountPosM[0] + profile.base.posM[0],
    mountPosM[1] + profile.base.posM[1],
    mountPosM[2] + profile.base.posM[2],
  ];
  const baseQuat = quatFromAxisAngle([0, 0, 1], mountYawRad + profile.base.yawRad);
  const tcpXml = gripper.tcpXml ?? ((site: string) => site);
  const cam = profile.wristCamera;
  const [camX, camY] = cameraXyAxes(cam.posM as Vec3, cam.lookAtM as Vec3, cam.upM as Vec3);
  const hand =
    `<body name="${ROBOT_PREFIX}hand" pos="${nums(g.mountPosM)}" quat="${nums(g.mountQuat)}">` +
    `<inertial pos="0 0 0.03" mass="${num(g.handMassKg)}" diaginertia="0.001 0.0025 0.0017"/>` +
    g.handGeoms.map((geom) => geomXml(geom, { ...armContact, mass: 0 }, colors.accent)).join('') +
    tcpXml(`<site name="${model.tcpSite}" pos="${nums(g.tcpPosM)}" size="0.005" rgba="1 0 0 0"/>`) +
    `<camera name="${model.wristCamera}" pos="${nums(cam.posM)}" xyaxes="${nums([...camX, ...camY])}" fovy="${num(cam.fovyDeg)}"/>` +
    gripper.handChildrenXml +
    '</body>';

  // Nest the links: each link is a child of the previous one; the hand hangs from the last.
  let inner = hand;
  for (let i = profile.links.length - 1; i >= 0; i--) {
    const link = profile.links[i];
    if (!link) continue;
    const isBase = i === 0;
    const pos = isBase ? basePos : (link.posM as Vec3);
    const quat = isBase ? baseQuat : link.quat;
    const geoms = link.geoms
      .map((geom, k) =>
        geomXml(geom, { ...armContact, mass: 0, name: `${ROBOT_PREFIX}${link.name}_g${k}` }, colors.link),
      )
      .join('');
    // Link inertia as a solid of ~8 cm radius: the servos dominate the dynamics, so an estimate is enough.
    const inertia = num(0.4 * link.massKg * 0.08 * 0.08);
    const inertial = `<inertial pos="0 0 0" mass="${num(link.massKg)}" diaginertia="${inertia} ${inertia} ${inertia}"/>`;
    const j = link.joint;
    const joint = j
      ? `<joint name="${ROBOT_PREFIX}${j.name}" type="hinge" axis="${nums(j.axis)}" range="${nums(j.rangeRad)}" ` +
        `limited="true" armature="${num(j.armature)}" damping="${num(j.damping)}"/>`
      : '';
    // Gravity compensation stands in for the real controller's model-based torque feed-forward.
    inner = `<body name="${ROBOT_PREFIX}${link.name}" pos="${nums(pos)}" quat="${nums(quat)}" gravcomp="1">${inertial}${joint}${geoms}${inner}</body>`;
  }

  const armActuators = armJointSpecs.map(
    (j) =>
      `<position name="${ROBOT_PREFIX}${j.name}_servo" joint="${ROBOT_PREFIX}${j.name}" kp="${num(j.kp)}" kv="${num(j.kv)}" ` +
      `ctrlrange="${nums(j.rangeRad)}" forcerange="${num(-j.torqueLimitNm)} ${num(j.torqueLimitNm)}"/>`,
  );
  return {
    bodyXml: inner,
    actuatorXml: [...armActuators, ...gripper.actuatorXml].join('\n'),
    equalityXml: gripper.equalityXml ?? [],
    model,
  };
}
