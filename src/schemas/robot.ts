// zod schema of a robot profile (robots/*.yaml): kinematic chain, limits, servos, gripper, cameras.
import { z } from 'zod';
import { kebabId, primitiveGeom, quat, range, rgba, vec3 } from './common.js';

const joint = z.object({
  name: z.string().min(1),
  /** Hinge axis in the child body frame. */
  axis: vec3,
  rangeRad: range,
  velocityLimitRadS: z.number().positive(),
  /** Position-servo stiffness (N m / rad) and damping (N m s / rad). */
  kp: z.number().positive(),
  kv: z.number().nonnegative(),
  armature: z.number().nonnegative().default(0.1),
  damping: z.number().nonnegative().default(1),
  torqueLimitNm: z.number().positive(),
});

const link = z.object({
  name: z.string().min(1),
  /** Position of this link's frame (and joint) in its parent's frame. */
  posM: vec3,
  quat: quat.default([1, 0, 0, 0]),
  joint: joint.optional(),
  massKg: z.number().positive(),
  geoms: z.array(primitiveGeom).default([]),
});

/**
 * Two fingers whose pads stay parallel while they close. `parallel-slide` is a true slide (Franka Hand, rail
 * grippers); `parallel-linkage` is a four-bar gripper (Robotiq 2F-85, xArm) whose pads also move parallel and is
 * modelled with the same two slides and the real stroke.
 */
const parallelGripper = z.object({
  type: z.enum(['parallel-slide', 'parallel-linkage']),
  /** Where the hand attaches, in the last link's frame. */
  mountPosM: vec3,
  mountQuat: quat.default([1, 0, 0, 0]),
  /** Total opening between the finger pads when fully open. */
  strokeM: z.number().positive(),
  /** Slide axis of the +side finger in the hand frame; the other finger mirrors it. */
  fingerAxis: vec3.default([0, 1, 0]),
  fingerBasePosM: vec3,
  fingerGeoms: z.array(primitiveGeom),
  /** The pad that touches the object, in the +side finger frame (mirrored for the other). */
  padHalfSizeM: vec3,
  padPosM: vec3,
  padFriction: z.number().positive().default(1.5),
  handGeoms: z.array(primitiveGeom),
  handMassKg: z.number().positive(),
  fingerMassKg: z.number().positive(),
  /** Finger position servo: stiffness per finger (N/m) and the largest squeezing force (N). */
  fingerKp: z.number().positive(),
  fingerForceLimitN: z.number().positive(),
  /** Tool-centre point (between the pads) in the hand frame; its z axis points out of the palm. */
  tcpPosM: vec3,
});

/** One hinged jaw closing against a jaw fixed to the hand (Unitree Z1). */
const rotaryJawGripper = z.object({
  type: z.literal('rotary-jaw'),
  mountPosM: vec3,
  mountQuat: quat.default([1, 0, 0, 0]),
  /** Distance between the pads at the fully open angle. */
  strokeM: z.number().positive(),
  /** Hand geoms, including the fixed jaw. */
  handGeoms: z.array(primitiveGeom),
  fixedPadHalfSizeM: vec3,
  fixedPadPosM: vec3,
  jawHingePosM: vec3,
  jawHingeQuat: quat.default([1, 0, 0, 0]),
  /** Hinge axis in the jaw frame. */
  jawAxis: vec3,
  /** Hinge angle with the pads touching, and fully open. */
  jawClosedRad: z.number(),
  jawOpenRad: z.number(),
  jawGeoms: z.array(primitiveGeom),
  jawPadHalfSizeM: vec3,
  jawPadPosM: vec3,
  /**
   * Pad orientation in the jaw frame. A swinging jaw meets objects at an angle that grows with their width; an
   * angled pad lies flat against the side of an object of the width it is angled for.
   */
  jawPadQuat: quat.default([1, 0, 0, 0]),
  padFriction: z.number().positive().default(1.5),
  handMassKg: z.number().positive(),
  jawMassKg: z.number().positive(),
  jawKp: z.number().positive(),
  jawForceLimitNm: z.number().positive(),
  /** Tool-centre point (between the pads when closed) in the hand frame; z points out of the hand. */
  tcpPosM: vec3,
});

export const robotProfileSchema = z.object({
  id: kebabId,
  name: z.string(),
  manufacturer: z.string(),
  reachM: z.number().positive(),
  payloadKg: z.number().positive(),
  /** Base of the arm relative to the bench's robot mount point. */
  base: z.object({ posM: vec3.default([0, 0, 0]), yawRad: z.number().default(0) }),
  links: z.array(link).min(2),
  gripper: z.discriminatedUnion('type', [parallelGripper, rotaryJawGripper]),
  homeRad: z.array(z.number()),
  /** Camera on the hand, in the hand frame: where it sits, what it looks at, which way is up in the image. */
  wristCamera: z.object({ posM: vec3, lookAtM: vec3, upM: vec3, fovyDeg: z.number().min(10).max(170) }),
  colors: z.object({ link: rgba, accent: rgba, finger: rgba }),
  /**
   * Tilt (rad) of the tool from vertical in top-down grasps, leaning away from the base; for arms whose
   * wrist limits keep the tool from pointing straight down near the bench (the Piper leans 0.52 rad).
   */
  toolPitchRad: z.number().min(0).max(0.8).default(0),
  /** Per-skill parameter overrides (same names as the skill's parameters). */
  skillOverrides: z.record(z.string(), z.record(z.string(), z.number())).default({}),
});
export type RobotProfile = z.infer<typeof robotProfileSchema>;
export type RobotJoint = z.infer<typeof joint>;
export type ParallelGripper = z.infer<typeof parallelGripper>;
export type RotaryJawGripper = z.infer<typeof rotaryJawGripper>;
