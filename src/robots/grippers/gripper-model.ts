// What a gripper module compiles to, and how the rest of labgen commands and reads it (opening in metres).
import type { RobotProfile } from '../../schemas/robot.js';

/**
 * Contact softness of finger pads. MuJoCo scales a contact's stiffness with the mass it acts on, so with the
 * default time constant (0.02 s) a 35-50 N squeeze sank the pads ~6 mm into each side of a 30 g cube. A 10 ms
 * time constant with a high solmix, so the pad's parameters win over the object's, keeps it to 0.1-0.5 mm
 * (measured: the 30 mm cube reads 29.1-29.8 mm between the pads), as rubber pads on rigid labware do. A pad on
 * a cylinder (a 50 ml tube) touches at a single contact point and the whole squeeze sank it 3.0 mm at an
 * impedance of 0.99; 0.995 halves that (0.999 made the grasp chatter).
 */
export const PAD_CONTACT = { solref: '0.01 1', solimp: '0.95 0.995 0.001', solmix: 1000 } as const;

export interface ContactBits {
  contype: number;
  conaffinity: number;
}

export interface CompiledGripper {
  /** MJCF placed inside the hand body: fixed jaw geoms, pads and moving finger/jaw bodies. */
  handChildrenXml: string;
  actuatorXml: string[];
  /** `<equality>` entries the gripper's mechanism needs (fingers geared to move together). */
  equalityXml?: string[];
  joints: string[];
  actuators: string[];
  /** Moving bodies of the gripper (the hand itself is added by the robot compiler). */
  bodies: string[];
  padGeoms: string[];
  /** Actuator targets for a pad-to-pad opening (m), one per actuator. */
  ctrlForOpening(openingM: number): number[];
  /** Pad-to-pad opening (m) from the gripper joint positions, in `joints` order. */
  openingFromJoints(q: readonly number[]): number;
  /** Initial joint positions for an opening (m), in `joints` order. */
  jointsForOpening(openingM: number): number[];
  /** How far the fingertips reach below the TCP, and how thick a finger is beyond its pad (clearances). */
  fingertipBelowTcpM: number;
  fingerThicknessM: number;
  /** Half the fingertips' extent along the hand x axis: a leaning tool swings that much below the tip. */
  fingertipHalfDepthM: number;
  /**
   * Places the TCP site (MJCF of a `<site>` in the hand frame) in the hand. Absent: the site sits on the hand
   * itself, right for grippers whose pads close symmetrically about it.
   */
  tcpXml?: (siteXml: string) => string;
}

export interface GripperCompileInput<G> {
  gripper: G;
  colors: RobotProfile['colors'];
  prefix: string;
  fingerContact: ContactBits;
  /** Name of the TCP site, for grippers that refer to it. */
  tcpSite: string;
}
