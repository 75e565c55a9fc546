// Where an instrument's moving parts are in the world: part poses from the joint positions, grasp frames, joint
// axes and named states, shared by the button, knob and drawer skills.
import type { ArticulatedPart, ArticulationStateSpec, GraspFrame } from '../assets/built-asset.js';
import {
  add,
  cross,
  dot,
  matMul,
  matVec,
  normalize,
  quatFromAxisAngle,
  quatToMat,
  scale,
  sub,
  type Vec3,
} from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';

/** A rigid transform: x_world = mat * x + posM (mat row-major). */
export interface RigidPose {
  posM: Vec3;
  mat: number[];
}

export const applyPoint = (t: RigidPose, p: Vec3): Vec3 => add(matVec(t.mat, p), t.posM);
export const applyDir = (t: RigidPose, d: Vec3): Vec3 => matVec(t.mat, d);
const compose = (a: RigidPose, b: RigidPose): RigidPose => ({
  posM: applyPoint(a, b.posM),
  mat: matMul(a.mat, b.mat),
});

/** The parts from the object body down to `part` (root first), or undefined when the object has no such part. */
export function partChain(object: PlacedObject, part: string): ArticulatedPart[] | undefined {
  const parts = object.built.parts ?? [];
  const chain: ArticulatedPart[] = [];
  let name: string | undefined = part;
  while (name !== undefined) {
    const p = parts.find((x) => x.name === name);
    if (!p || chain.includes(p)) return undefined;
    chain.unshift(p);
    name = p.parent;
  }
  return chain;
}

/** The displacement a part's own joint makes at position q, in the frame the joint is given in (object, at rest). */
function jointTransform(part: ArticulatedPart, q: number): RigidPose {
  const j = part.joint;
  if (j.type === 'slide') return { posM: scale(normalize(j.axis), q), mat: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  // Rotation about the axis through posM: x' = R (x - c) + c.
  const r = quatToMat(quatFromAxisAngle(j.axis, q));
  return { posM: sub(j.posM, matVec(r, j.posM)), mat: r };
}

/**
 * The transform taking a point given in the object frame at rest (the builders' convention) on `part` to where
 * it is in the world with the parts at `positions` (joint positions by part name; missing parts at rest). With
 * `withOwnJoint` false the part's own joint is left at rest: the frame its joint axis is fixed in.
 */
export function partTransform(
  object: PlacedObject,
  objectPose: RigidPose,
  positions: Readonly<Record<string, number>> | undefined,
  part: string,
  withOwnJoint = true,
): RigidPose | undefined {
  const chain = partChain(object, part);
  if (!chain) return undefined;
  let t: RigidPose = { posM: [...objectPose.posM], mat: [...objectPose.mat] };
  for (const p of withOwnJoint ? chain : chain.slice(0, -1))
    t = compose(t, jointTransform(p, positions?.[p.name] ?? 0));
  return t;
}

/** A part's joint axis in the world (unit, in the joint's positive sense) and a point on it. */
export function jointAxisWorld(
  object: PlacedObject,
  objectPose: RigidPose,
  positions: Readonly<Record<string, number>> | undefined,
  part: string,
): { axis: Vec3; pointM: Vec3 } | undefined {
  const p = (object.built.parts ?? []).find((x) => x.name === part);
  const t = partTransform(object, objectPose, positions, part, false);
  if (!p || !t) return undefined;
  return { axis: normalize(applyDir(t, p.joint.axis)), pointM: applyPoint(t, p.joint.posM) };
}

/** A grasp frame where it is now, in the world. */
export interface WorldGraspFrame {
  frame: GraspFrame;
  posM: Vec3;
  approach: Vec3;
  closingAxis: Vec3;
}

export function graspFrameWorld(
  object: PlacedObject,
  objectPose: RigidPose,
  positions: Readonly<Record<string, number>> | undefined,
  frame: GraspFrame,
): WorldGraspFrame | undefined {
  const t =
    frame.part === undefined
      ? { posM: objectPose.posM, mat: objectPose.mat }
      : partTransform(object, objectPose, positions, frame.part);
  if (!t) return undefined;
  return {
    frame,
    posM: applyPoint(t, frame.posM),
    approach: normalize(applyDir(t, frame.approach)),
    closingAxis: normalize(applyDir(t, frame.closingAxis)),
  };
}

/** The named state read off a part's joint, of the given kind (`pressed` for a button, `angle` for a knob). */
export function stateOfPart(
  object: PlacedObject,
  part: string,
  kind: ArticulationStateSpec['kind'],
): ArticulationStateSpec | undefined {
  return (object.built.states ?? []).find((s) => s.joint === part && s.kind === kind);
}

/**
 * The part a call acts on: the one it names, or else the first of the object's parts that `fits` (the instrument
 * named alone: "press the balance" means its one button).
 */
export function choosePart(
  object: PlacedObject,
  named: string | undefined,
  fits: (part: ArticulatedPart) => boolean,
): ArticulatedPart | undefined {
  const parts = object.built.parts ?? [];
  if (named !== undefined) {
    const p = parts.find((x) => x.name === named);
    return p && fits(p) ? p : undefined;
  }
  return parts.find(fits);
}

/** The grasp frame on a part of the given kind (a button's press point, a knob's or a handle's pinch). */
export const frameOnPart = (
  object: PlacedObject,
  part: string,
  kind: GraspFrame['kind'],
): GraspFrame | undefined => (object.built.graspFrames ?? []).find((f) => f.part === part && f.kind === kind);

/**
 * A TCP orientation (row-major; columns x, y, z) from the direction out of the palm (`approach`, tool z) and the
 * direction the fingers close along (tool y); y is made exactly perpendicular to z.
 */
export function handFrame(approach: Vec3, closing: Vec3): number[] {
  const z = normalize(approach);
  const y = normalize(sub(closing, scale(z, dot(closing, z))));
  const x = cross(y, z);
  return [x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]];
}

/** Column `i` of a row-major 3x3 matrix. */
export const column = (m: readonly number[], i: number): Vec3 => [
  m[i] as number,
  m[3 + i] as number,
  m[6 + i] as number,
];

/** `v` turned by `angleRad` about the unit `axis` (right hand rule). */
export const rotateAbout = (v: Vec3, axis: Vec3, angleRad: number): Vec3 =>
  matVec(quatToMat(quatFromAxisAngle(axis, angleRad)), v);

/** An object's pose as the scene laid it out (before anything moved): for reach targets. */
export function placedPose(object: PlacedObject): RigidPose {
  const c = Math.cos(object.yawRad);
  const s = Math.sin(object.yawRad);
  return { posM: [...object.posM], mat: [c, -s, 0, s, c, 0, 0, 0, 1] };
}

/** The scene's start joint positions of an object's parts (for reach targets: a drawer that starts open). */
export const placedPartPositions = (object: PlacedObject): Readonly<Record<string, number>> =>
  object.partPositions ?? {};

/**
 * How far the solid under a grasp frame reaches from the frame's point along `dir` (object frame, unit): the
 * depth of a drawer handle behind its pinch point, to the drawer front. Boxes of the frame's part that contain the
 * point are measured (the builders make handles of axis-aligned boxes); 0 when none does.
 */
export function extentFromFrame(object: PlacedObject, frame: GraspFrame, dir: Vec3): number {
  const parts = object.built.parts ?? [];
  const geoms = frame.part ? (parts.find((p) => p.name === frame.part)?.geoms ?? []) : object.built.geoms;
  let best = 0;
  for (const { geom } of geoms) {
    if (geom.type !== 'box' || geom.quat) continue;
    const rel = sub(frame.posM, geom.posM);
    if (rel.some((v, i) => Math.abs(v) > (geom.halfSizeM[i] as number) + 1e-9)) continue;
    const reach = dot(geom.halfSizeM, [Math.abs(dir[0]), Math.abs(dir[1]), Math.abs(dir[2])]) - dot(rel, dir);
    best = Math.max(best, reach);
  }
  return best;
}
