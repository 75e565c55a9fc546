// Rotary-jaw grippers (SO-101, Unitree Z1): one hinged jaw closes against a jaw fixed to the hand.
import { geomXml, num, nums } from '../../mjcf/mjcf-text.js';
import type { RotaryJawGripper } from '../../schemas/robot.js';
import type { CompiledGripper, GripperCompileInput } from './gripper-model.js';

export function compileRotaryJawGripper({
  gripper: g,
  colors,
  prefix,
  fingerContact,
}: GripperCompileInput<RotaryJawGripper>): CompiledGripper {
  const padAttrs = (side: string) => ({
    name: `${prefix}pad_${side}`,
    ...fingerContact,
    friction: `${num(g.padFriction)} 0.02 0.001`,
    condim: 4,
    mass: 0,
  });
  const fixedPad = geomXml(
    { type: 'box', halfSizeM: g.fixedPadHalfSizeM, posM: g.fixedPadPosM },
    padAttrs('fixed'),
    colors.accent,
  );
  const lo = Math.min(g.jawClosedRad, g.jawOpenRad);
  const hi = Math.max(g.jawClosedRad, g.jawOpenRad);
  const jaw =
    `<body name="${prefix}jaw" pos="${nums(g.jawHingePosM)}" quat="${nums(g.jawHingeQuat)}">` +
    `<inertial pos="${nums(g.jawPadPosM)}" mass="${num(g.jawMassKg)}" diaginertia="1e-5 1e-5 1e-5"/>` +
    `<joint name="${prefix}jaw" type="hinge" axis="${nums(g.jawAxis)}" range="${num(lo)} ${num(hi)}" limited="true" armature="0.005" damping="0.2"/>` +
    g.jawGeoms.map((geom) => geomXml(geom, { ...fingerContact, mass: 0 }, colors.finger)).join('') +
    geomXml(
      { type: 'box', halfSizeM: g.jawPadHalfSizeM, posM: g.jawPadPosM },
      padAttrs('jaw'),
      colors.accent,
    ) +
    '</body>';
  // Opening is taken as linear in the hinge angle: exact at both ends, within a few mm in between.
  const span = g.jawOpenRad - g.jawClosedRad;
  const angleFor = (o: number) => g.jawClosedRad + span * Math.min(1, Math.max(0, o / g.strokeM));
  const tipZ = Math.max(
    g.fixedPadPosM[2] + g.fixedPadHalfSizeM[2],
    g.jawHingePosM[2] + g.jawPadPosM[2] + g.jawPadHalfSizeM[2],
  );
  return {
    handChildrenXml: fixedPad + jaw,
    actuatorXml: [
      `<position name="${prefix}jaw_servo" joint="${prefix}jaw" kp="${num(g.jawKp)}" kv="${num(g.jawKp / 20)}" ctrlrange="${num(lo)} ${num(
        hi,
      )}" forcerange="${num(-g.jawForceLimitNm)} ${num(g.jawForceLimitNm)}"/>`,
    ],
    joints: [`${prefix}jaw`],
    actuators: [`${prefix}jaw_servo`],
    bodies: [`${prefix}jaw`],
    padGeoms: [`${prefix}pad_fixed`, `${prefix}pad_jaw`],
    ctrlForOpening: (o) => [angleFor(o)],
    openingFromJoints: (q) => (g.strokeM * ((q[0] ?? g.jawClosedRad) - g.jawClosedRad)) / span,
    jointsForOpening: (o) => [angleFor(o)],
    fingertipBelowTcpM: tipZ - g.tcpPosM[2],
    fingerThicknessM: g.fixedPadHalfSizeM[1] * 2 + 0.01,
  };
}
