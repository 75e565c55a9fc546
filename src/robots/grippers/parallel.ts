// Parallel grippers (slide or four-bar linkage): two mirrored fingers on slides, one position servo each.
import { geomXml, num, nums } from '../../mjcf/mjcf-text.js';
import type { ParallelGripper } from '../../schemas/robot.js';
import { type CompiledGripper, type GripperCompileInput, PAD_CONTACT } from './gripper-model.js';

export function compileParallelGripper({
  gripper: g,
  colors,
  prefix,
  fingerContact,
}: GripperCompileInput<ParallelGripper>): CompiledGripper {
  const sides = ['left', 'right'] as const;
  const finger = (side: (typeof sides)[number]) => {
    // The right finger is the left one turned half a turn about the palm axis, so one description serves both.
    const quat = side === 'left' ? '1 0 0 0' : '0 0 0 1';
    const geoms = g.fingerGeoms
      .map((geom) => geomXml(geom, { ...fingerContact, mass: 0 }, colors.finger))
      .join('');
    const pad = geomXml(
      { type: 'box', halfSizeM: g.padHalfSizeM, posM: g.padPosM },
      {
        name: `${prefix}pad_${side}`,
        ...fingerContact,
        friction: `${num(g.padFriction)} 0.02 0.001`,
        ...PAD_CONTACT,
        condim: 4,
        mass: 0,
      },
      colors.accent,
    );
    return (
      `<body name="${prefix}finger_${side}" pos="${nums(g.fingerBasePosM)}" quat="${quat}">` +
      `<inertial pos="${nums(g.padPosM)}" mass="${num(g.fingerMassKg)}" diaginertia="1e-5 1e-5 1e-5"/>` +
      `<joint name="${prefix}finger_${side}" type="slide" axis="${nums(g.fingerAxis)}" range="0 ${num(g.strokeM / 2)}" limited="true" armature="0.01" damping="2"/>` +
      `${geoms}${pad}</body>`
    );
  };
  const tipZ = Math.max(
    g.padPosM[2] + g.padHalfSizeM[2],
    ...g.fingerGeoms.map((fg) => (fg.type === 'box' ? fg.posM[2] + fg.halfSizeM[2] : 0)),
  );
  const thickness = Math.max(
    g.padPosM[1] + g.padHalfSizeM[1],
    ...g.fingerGeoms.map((fg) => (fg.type === 'box' ? fg.posM[1] + fg.halfSizeM[1] : 0)),
  );
  return {
    handChildrenXml: finger('left') + finger('right'),
    actuatorXml: sides.map(
      (side) =>
        `<position name="${prefix}finger_${side}_servo" joint="${prefix}finger_${side}" kp="${num(g.fingerKp)}" kv="${num(
          g.fingerKp / 20,
        )}" ctrlrange="0 ${num(g.strokeM / 2)}" forcerange="${num(-g.fingerForceLimitN)} ${num(g.fingerForceLimitN)}"/>`,
    ),
    /*
     * Parallel grippers are geared (a rack, or the 2F-85's linkage): the fingers open and close together. Two
     * independent servos let a held box sit off-centre with both at their force cap; when the squeeze eased at
     * release, the finger with the larger error pushed the box 6 mm into the other pad (measured).
     */
    equalityXml: [
      `<joint joint1="${prefix}finger_left" joint2="${prefix}finger_right" polycoef="0 1 0 0 0"/>`,
    ],
    joints: sides.map((s) => `${prefix}finger_${s}`),
    actuators: sides.map((s) => `${prefix}finger_${s}_servo`),
    bodies: sides.map((s) => `${prefix}finger_${s}`),
    padGeoms: sides.map((s) => `${prefix}pad_${s}`),
    ctrlForOpening: (o) => [o / 2, o / 2],
    openingFromJoints: (q) => (q[0] ?? 0) + (q[1] ?? 0),
    jointsForOpening: (o) => [o / 2, o / 2],
    fingertipBelowTcpM: tipZ + g.fingerBasePosM[2] - g.tcpPosM[2],
    fingerThicknessM: thickness,
    fingertipHalfDepthM: Math.max(
      Math.abs(g.padPosM[0]) + g.padHalfSizeM[0],
      ...g.fingerGeoms.map((fg) => (fg.type === 'box' ? Math.abs(fg.posM[0]) + fg.halfSizeM[0] : 0)),
    ),
  };
}
