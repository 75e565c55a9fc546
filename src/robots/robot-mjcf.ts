// Compiles a robot profile (data) into an MJCF fragment: nested link bodies, joint servos, gripper, TCP site, wrist camera.
import { geomXml, num, nums } from '../mjcf/mjcf-text.js';
import { cameraXyAxes, quatFromAxisAngle, type Vec3 } from '../motion/math3d.js';
import type { RobotProfile } from '../schemas/robot.js';

/** Names the rest of labgen uses to find the robot inside a compiled model. */
export interface RobotModelNames {
  armJoints: string[];
  armActuators: string[];
  fingerJoints: [string, string];
  fingerActuators: [string, string];
  tcpSite: string;
  wristCamera: string;
  /** Bodies of the hand and fingers: contacts with them count as "touching the gripper". */
  gripperBodies: string[];
  padGeoms: [string, string];
}

export const ROBOT_PREFIX = 'robot_';

/*
 * Contact bits: arm links collide with the world (bench, labware) but not with each other, which keeps
 * self-collision out of nearby links whose capsules overlap at the joints; fingers and pads collide with everything.
 */
const ARM_CONTACT = { contype: 2, conaffinity: 1 };
const FINGER_CONTACT = { contype: 1, conaffinity: 1 };

export function robotModelNames(profile: RobotProfile): RobotModelNames {
  const armJoints = profile.links.flatMap((l) => (l.joint ? [`${ROBOT_PREFIX}${l.joint.name}`] : []));
  return {
    armJoints,
    armActuators: armJoints.map((j) => `${j}_servo`),
    fingerJoints: [`${ROBOT_PREFIX}finger_left`, `${ROBOT_PREFIX}finger_right`],
    fingerActuators: [`${ROBOT_PREFIX}finger_left_servo`, `${ROBOT_PREFIX}finger_right_servo`],
    tcpSite: `${ROBOT_PREFIX}tcp`,
    wristCamera: 'wrist',
    gripperBodies: [`${ROBOT_PREFIX}hand`, `${ROBOT_PREFIX}finger_left`, `${ROBOT_PREFIX}finger_right`],
    padGeoms: [`${ROBOT_PREFIX}pad_left`, `${ROBOT_PREFIX}pad_right`],
  };
}

export interface RobotMjcf {
  /** A `<body>` tree to place in the worldbody. */
  bodyXml: string;
  actuatorXml: string;
  names: RobotModelNames;
}

export function compileRobot(profile: RobotProfile, mountPosM: Vec3, mountYawRad: number): RobotMjcf {
  const names = robotModelNames(profile);
  const { colors, gripper } = profile;
  const jointXml = (j: NonNullable<RobotProfile['links'][number]['joint']>) =>
    `<joint name="${ROBOT_PREFIX}${j.name}" type="hinge" axis="${nums(j.axis)}" range="${nums(j.rangeRad)}" ` +
    `limited="true" armature="${num(j.armature)}" damping="${num(j.damping)}"/>`;

  const basePos: Vec3 = [
    mountPosM[0] + profile.base.posM[0],
    mountPosM[1] + profile.base.posM[1],
    mountPosM[2] + profile.base.posM[2],
  ];
  const baseQuat = quatFromAxisAngle([0, 0, 1], mountYawRad + profile.base.yawRad);

  const g = gripper;
  const fingerBody = (side: 'left' | 'right') => {
    // The right finger is the left one turned half a turn about the palm axis, so one description serves both.
    const quat = side === 'left' ? '1 0 0 0' : '0 0 0 1';
    const geoms = g.fingerGeoms
      .map((geom) => geomXml(geom, { ...FINGER_CONTACT, mass: 0 }, colors.finger))
      .join('');
    const pad = geomXml(
      { type: 'box', halfSizeM: g.padHalfSizeM, posM: g.padPosM },
      {
        name: `${ROBOT_PREFIX}pad_${side}`,
        ...FINGER_CONTACT,
        friction: `${num(g.padFriction)} 0.02 0.001`,
        condim: 4,
        mass: 0,
      },
      colors.accent,
    );
    return (
      `<body name="${ROBOT_PREFIX}finger_${side}" pos="${nums(g.fingerBasePosM)}" quat="${quat}">` +
      `<inertial pos="0 0.01 0.03" mass="${num(g.fingerMassKg)}" diaginertia="1e-5 1e-5 1e-5"/>` +
      `<joint name="${ROBOT_PREFIX}finger_${side}" type="slide" axis="${nums(g.fingerAxis)}" range="0 ${num(
        g.strokeM / 2,
      )}" limited="true" armature="0.01" damping="2"/>` +
      `${geoms}${pad}</body>`
    );
  };
  const [camX, camY] = cameraXyAxes(
    profile.wristCamera.posM as Vec3,
    profile.wristCamera.lookAtM as Vec3,
    profile.wristCamera.upM as Vec3,
  );
  const hand =
    `<body name="${ROBOT_PREFIX}hand" pos="${nums(g.mountPosM)}" quat="${nums(g.mountQuat)}">` +
    `<inertial pos="0 0 0.03" mass="${num(g.handMassKg)}" diaginertia="0.001 0.0025 0.0017"/>` +
    g.handGeoms.map((geom) => geomXml(geom, { ...ARM_CONTACT, mass: 0 }, colors.accent)).join('') +
    `<site name="${names.tcpSite}" pos="${nums(g.tcpPosM)}" size="0.005" rgba="1 0 0 0"/>` +
    `<camera name="${names.wristCamera}" pos="${nums(profile.wristCamera.posM)}" xyaxes="${nums([...camX, ...camY])}" fovy="${num(
      profile.wristCamera.fovyDeg,
    )}"/>` +
    fingerBody('left') +
    fingerBody('right') +
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
        geomXml(geom, { ...ARM_CONTACT, mass: 0, name: `${ROBOT_PREFIX}${link.name}_g${k}` }, colors.link),
      )
      .join('');
    // Link inertia as a solid of ~8 cm radius: the servos dominate the dynamics, so an estimate is enough.
    const inertia = num(0.4 * link.massKg * 0.08 * 0.08);
    const inertial = `<inertial pos="0 0 0" mass="${num(link.massKg)}" diaginertia="${inertia} ${inertia} ${inertia}"/>`;
    // Gravity compensation stands in for the real controller's model-based torque feed-forward.
    inner =
      `<body name="${ROBOT_PREFIX}${link.name}" pos="${nums(pos)}" quat="${nums(quat)}" gravcomp="1">` +
      `${inertial}${link.joint ? jointXml(link.joint) : ''}${geoms}${inner}</body>`;
  }

  const armActuators = profile.links
    .flatMap((l) => (l.joint ? [l.joint] : []))
    .map(
      (j) =>
        `<position name="${ROBOT_PREFIX}${j.name}_servo" joint="${ROBOT_PREFIX}${j.name}" kp="${num(j.kp)}" kv="${num(
          j.kv,
        )}" ctrlrange="${nums(j.rangeRad)}" forcerange="${num(-j.torqueLimitNm)} ${num(j.torqueLimitNm)}"/>`,
    );
  const fingerActuators = (['left', 'right'] as const).map(
    (side) =>
      `<position name="${ROBOT_PREFIX}finger_${side}_servo" joint="${ROBOT_PREFIX}finger_${side}" kp="${num(
        g.fingerKp,
      )}" kv="${num(g.fingerKp / 20)}" ctrlrange="0 ${num(g.strokeM / 2)}" forcerange="${num(
        -g.fingerForceLimitN,
      )} ${num(g.fingerForceLimitN)}"/>`,
  );
  return { bodyXml: inner, actuatorXml: [...armActuators, ...fingerActuators].join('\n'), names };
}
