// Where a drawer's handle and slide are, and the hand poses that work it from the front: shared by open-drawer and
// close-drawer.
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../motion/math3d.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import {
  choosePart,
  column,
  extentFromFrame,
  frameOnPart,
  graspFrameWorld,
  handFrame,
  jointAxisWorld,
  type RigidPose,
  rotateAbout,
  stateOfPart,
} from '../instrument-frames.js';

/** A drawer of an object: its slide part, the named extension state and the handle's pinch frame. */
export function drawerOf(object: PlacedObject, part: string | undefined) {
  const p = choosePart(
    object,
    part,
    (x) =>
      x.joint.type === 'slide' &&
      stateOfPart(object, x.name, 'extension') !== undefined &&
      frameOnPart(object, x.name, 'pinch') !== undefined,
  );
  const state = p && stateOfPart(object, p.name, 'extension');
  const frame = p && frameOnPart(object, p.name, 'pinch');
  return p && state && frame ? { part: p, state, frame } : undefined;
}

/** A drawer where it is now, in the world. */
export interface LocatedDrawer {
  part: string;
  stateName: string;
  /** Centre of the handle between where the pads close on it. */
  handleM: Vec3;
  /** Into the handle from the front (the hand's approach), and the pinch's closing axis. */
  approach: Vec3;
  closing: Vec3;
  /** Half the handle's height along the closing axis. */
  handleHalfWidthM: number;
  /** How far the handle reaches from its pinch point in along the approach (to the drawer front). */
  handleDepthM: number;
  /** Centre of the handle's front face (where closed fingertips push the drawer in). */
  handleFrontM: Vec3;
  /** Unit slide axis, pointing out (the drawer opens along it). */
  slideAxis: Vec3;
  extensionM: number;
  rangeM: [number, number];
}

export function locateDrawer(
  object: PlacedObject,
  pose: RigidPose,
  positions: Readonly<Record<string, number>> | undefined,
  part: string | undefined,
): LocatedDrawer | undefined {
  const d = drawerOf(object, part);
  if (!d) return undefined;
  const w = graspFrameWorld(object, pose, positions, d.frame);
  const axis = jointAxisWorld(object, pose, positions, d.part.name);
  if (!w || !axis) return undefined;
  return {
    part: d.part.name,
    stateName: d.state.name,
    handleM: w.posM,
    approach: w.approach,
    closing: w.closingAxis,
    handleHalfWidthM: d.frame.widthM / 2,
    handleDepthM: extentFromFrame(object, d.frame, normalize(d.frame.approach)),
    handleFrontM: along(
      w.posM,
      w.approach,
      -extentFromFrame(object, d.frame, scale(normalize(d.frame.approach), -1)),
    ),
    slideAxis: axis.axis,
    extensionM: positions?.[d.part.name] ?? 0,
    rangeM: d.part.joint.range,
  };
}

/** A hand pose pinching the handle: the orientation and where the TCP goes. */
export interface HandlePose {
  mat: number[];
  /** The TCP at the pinch: on the handle's centre, backed out along the hand's approach so the fingertips stay
   * clear of the drawer front when the approach is yawed. */
  posM: Vec3;
  yawRad: number;
}

/**
 * Hand poses for pinching the handle from the front, preferred first: the approach pitched down by `pitchRad`
 * about the handle's long axis (the pads then close on the handle's top-front and bottom-back edges; a level hand
 * put a UR's wrist links onto the bench, 14 cm below the tool), turned about the vertical by each yaw, each with
 * the two finger turns (the gripper is symmetric about its palm axis) ordered by how far they are from `current`.
 * The TCP sits on the handle's centre, backed out along the hand's approach as far as the open fingers' tips would
 * otherwise come within `clearanceM` of the drawer front.
 */
export function handlePoses(
  d: LocatedDrawer,
  yawsRad: readonly number[],
  pitchRad: number,
  gripper: { fingertipBelowTcpM: number; fingertipHalfDepthM?: number; fingerThicknessM: number },
  openingM: number,
  clearanceM: number,
): HandlePose[] {
  const c = normalize(d.closing);
  const into = normalize(d.approach);
  return yawsRad.flatMap((yawRad) => {
    const level = rotateAbout(into, c, yawRad);
    const side = normalize(cross(c, level));
    const a = rotateAbout(level, side, pitchRad);
    const closing = rotateAbout(c, side, pitchRad);
    return [handFrame(a, scale(closing, -1)), handFrame(a, closing)].map((mat) => {
      // Furthest the open fingers reach in along the drawer's approach, from the TCP.
      const reach =
        gripper.fingertipBelowTcpM * dot(column(mat, 2), into) +
        (gripper.fingertipHalfDepthM ?? 0) * Math.abs(dot(column(mat, 0), into)) +
        (openingM / 2 + gripper.fingerThicknessM) * Math.abs(dot(column(mat, 1), into));
      const inset = Math.max(0, reach + clearanceM - d.handleDepthM);
      const posM = along(d.handleM, column(mat, 2), -inset / Math.max(dot(column(mat, 2), into), 0.2));
      return { mat, posM, yawRad };
    });
  });
}

/** Yaws to try, nearest the preferred one first, within `maxRad` either way. */
export function yawCandidates(preferredRad: number, stepRad: number, maxRad: number): number[] {
  const clamp = (x: number) => Math.max(-maxRad, Math.min(maxRad, x));
  const first = clamp(preferredRad);
  const out: number[] = [];
  for (const k of [0, 1, -1, 2, -2, 3, -3]) {
    const y = clamp(first + k * stepRad);
    if (!out.some((x) => Math.abs(x - y) < 1e-6)) out.push(y);
  }
  return out;
}

/** `p` moved by `d` along `axis`. */
export const along = (p: Vec3, axis: Vec3, d: number): Vec3 => add(p, scale(axis, d));

/** The signed distance of `p` from `origin` along `axis`. */
export const offsetAlong = (p: Vec3, origin: Vec3, axis: Vec3): number => dot(sub(p, origin), axis);
