// Rotary-jaw grippers (Unitree Z1): one hinged jaw closes against a jaw fixed to the hand.
import { geomXml, num, nums } from '../../mjcf/mjcf-text.js';
import { quatFromAxisAngle, quatMul, quatRotate, type Quat, type Vec3 } from '../../motion/math3d.js';
import type { RotaryJawGripper } from '../../schemas/robot.js';
import { type CompiledGripper, type GripperCompileInput, PAD_CONTACT } from './gripper-model.js';

/** Hinge-angle samples for the opening table and the fingertip sweep: fine enough for sub-mm interpolation. */
const SAMPLES = 200;
/**
 * The TCP follower: a nearly massless body on a slide along the closing axis, held halfway between the pads by
 * two equal springs (one to the hand, one to the jaw pad). Its stiffness (N/m) and mass (kg) give it a ~10 ms time
 * constant; the spring it hangs on the jaw is what the jaw servo feels, ~1% of a jaw torque cap of a few N m.
 */
const FOLLOWER_STIFFNESS = 5;
const FOLLOWER_MASS = 1e-3;
const FOLLOWER_DAMPING = 0.1;

export function compileRotaryJawGripper({
  gripper: g,
  colors,
  prefix,
  fingerContact,
  tcpSite,
}: GripperCompileInput<RotaryJawGripper>): CompiledGripper {
  const padAttrs = (side: string) => ({
    name: `${prefix}pad_${side}`,
    ...fingerContact,
    friction: `${num(g.padFriction)} 0.02 0.001`,
    ...PAD_CONTACT,
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
  const padSite = `${prefix}jaw_pad_centre`;
  const jaw =
    `<body name="${prefix}jaw" pos="${nums(g.jawHingePosM)}" quat="${nums(g.jawHingeQuat)}">` +
    `<inertial pos="${nums(g.jawPadPosM)}" mass="${num(g.jawMassKg)}" diaginertia="1e-5 1e-5 1e-5"/>` +
    `<joint name="${prefix}jaw" type="hinge" axis="${nums(g.jawAxis)}" range="${num(lo)} ${num(hi)}" limited="true" armature="0.005" damping="0.2"/>` +
    g.jawGeoms.map((geom) => geomXml(geom, { ...fingerContact, mass: 0 }, colors.finger)).join('') +
    geomXml(
      { type: 'box', halfSizeM: g.jawPadHalfSizeM, posM: g.jawPadPosM, quat: g.jawPadQuat },
      padAttrs('jaw'),
      colors.accent,
    ) +
    `<site name="${padSite}" pos="${nums(g.jawPadPosM)}" size="0.003" rgba="1 0 0 0"/>` +
    '</body>';

  // Jaw geometry in the hand frame as a function of the hinge angle.
  const hingeQuat = g.jawHingeQuat as Quat;
  const inHand = (angle: number, p: Vec3): Vec3 => {
    const r = quatRotate(quatMul(hingeQuat, quatFromAxisAngle(g.jawAxis as Vec3, angle)), p);
    return [g.jawHingePosM[0] + r[0], g.jawHingePosM[1] + r[1], g.jawHingePosM[2] + r[2]];
  };
  const padY = (angle: number) => inHand(angle, g.jawPadPosM as Vec3)[1];
  // Opening = distance between the pads along the closing axis (hand y), which is what spans an object; the jaw
  // swings on an arc, so it is tabulated against the angle and scaled to be exact at both ends.
  const angles = Array.from({ length: SAMPLES + 1 }, (_, i) => lo + ((hi - lo) * i) / SAMPLES);
  const closedY = padY(g.jawClosedRad);
  const rawOpening = (angle: number) => Math.abs(padY(angle) - closedY);
  const scale = g.strokeM / Math.max(rawOpening(g.jawOpenRad), 1e-9);
  const openingAt = (angle: number) => rawOpening(angle) * scale;
  const fromClosed = [...angles].sort((a, b) => Math.abs(a - g.jawClosedRad) - Math.abs(b - g.jawClosedRad));
  const table = fromClosed.map((angle) => ({ angle, opening: openingAt(angle) }));
  const angleFor = (o: number): number => {
    const target = Math.min(g.strokeM, Math.max(0, o));
    for (let i = 1; i < table.length; i++) {
      const a = table[i - 1] as { angle: number; opening: number };
      const b = table[i] as { angle: number; opening: number };
      if (b.opening >= target) {
        const t = b.opening > a.opening ? (target - a.opening) / (b.opening - a.opening) : 0;
        return a.angle + t * (b.angle - a.angle);
      }
    }
    return g.jawOpenRad;
  };

  // With one jaw fixed, the point midway between the pads moves with the opening. The TCP follows it along the
  // closing axis, so a TCP placed on an object's centre straddles it with both pads (as a parallel gripper's
  // does) and the arm, not the object, moves while the jaw closes. The follower's rest position for an angle:
  const followerFor = (angle: number) => (padY(angle) - closedY) / 2;
  const follower = `${prefix}tcp_follower`;
  const tcpXml = (siteXml: string) =>
    `<body name="${follower}" gravcomp="1">` +
    `<inertial pos="${nums(g.tcpPosM)}" mass="${num(FOLLOWER_MASS)}" diaginertia="1e-8 1e-8 1e-8"/>` +
    `<joint name="${follower}" type="slide" axis="0 1 0" stiffness="${num(FOLLOWER_STIFFNESS)}" damping="${num(FOLLOWER_DAMPING)}"/>` +
    `${siteXml}</body>`;
  // Spring from the TCP to the jaw pad along the closing axis, rest length = their offset with the jaw closed;
  // with the slide's own spring to the hand it holds the TCP halfway between the pads.
  const restOffset = closedY - g.tcpPosM[1];
  const followerActuator =
    `<position name="${follower}" site="${padSite}" refsite="${tcpSite}" gear="0 1 0 0 0 0" ` +
    `kp="${num(FOLLOWER_STIFFNESS)}" kv="${num(FOLLOWER_DAMPING)}"/>`;

  // Lowest point the pads reach below the TCP anywhere between closed and open (the jaw dips on its arc).
  const [hx, hy, hz] = g.jawPadHalfSizeM;
  const jawCorners = [-1, 1].flatMap((sx) =>
    [-1, 1].flatMap((sy) =>
      [-1, 1].map((sz): Vec3 => {
        const r = quatRotate(g.jawPadQuat as Quat, [sx * hx, sy * hy, sz * hz]);
        return [g.jawPadPosM[0] + r[0], g.jawPadPosM[1] + r[1], g.jawPadPosM[2] + r[2]];
      }),
    ),
  );
  const tipZ = Math.max(
    g.fixedPadPosM[2] + g.fixedPadHalfSizeM[2],
    ...angles.flatMap((angle) => jawCorners.map((p) => inHand(angle, p)[2])),
  );
  return {
    handChildrenXml: fixedPad + jaw,
    actuatorXml: [
      `<position name="${prefix}jaw_servo" joint="${prefix}jaw" kp="${num(g.jawKp)}" kv="${num(g.jawKp / 20)}" ctrlrange="${num(lo)} ${num(
        hi,
      )}" forcerange="${num(-g.jawForceLimitNm)} ${num(g.jawForceLimitNm)}"/>`,
      followerActuator,
    ],
    joints: [`${prefix}jaw`, follower],
    actuators: [`${prefix}jaw_servo`, follower],
    bodies: [`${prefix}jaw`],
    padGeoms: [`${prefix}pad_fixed`, `${prefix}pad_jaw`],
    ctrlForOpening: (o) => [angleFor(o), restOffset],
    openingFromJoints: (q) => openingAt(q[0] ?? g.jawClosedRad),
    jointsForOpening: (o) => {
      const angle = angleFor(o);
      return [angle, followerFor(angle)];
    },
    fingertipBelowTcpM: tipZ - g.tcpPosM[2],
    fingerThicknessM: g.fixedPadHalfSizeM[1] * 2 + 0.01,
    fingertipHalfDepthM: Math.max(
      Math.abs(g.fixedPadPosM[0]) + g.fixedPadHalfSizeM[0],
      Math.abs(g.jawPadPosM[0]) + g.jawPadHalfSizeM[0],
    ),
    tcpXml,
  };
}
