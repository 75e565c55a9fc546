// Geometry of hinged parts (lids, doors) in the world: the hinge axis from the asset's joint, turned by the object's
// pose and its parents' angles, handle grasp frames at the part's current angle, and the hand poses that hold them.
import type { ArticulatedPart, GraspFrame } from '../assets/built-asset.js';
import {
  add,
  cross,
  dot,
  matVec,
  norm,
  normalize,
  quatFromAxisAngle,
  quatToMat,
  scale,
  sub,
  type Vec3,
} from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';

export interface Pose {
  posM: Vec3;
  mat: number[];
}

/** The object's pose as the scene laid it out (before anything moved): for reach targets. */
export const layoutPose = (o: PlacedObject): Pose => ({
  posM: [...o.posM],
  mat: quatToMat(quatFromAxisAngle([0, 0, 1], o.yawRad)),
});

/** A vector turned by `angleRad` about a unit `axis` (right-hand rule). */
export function turnVec(v: Vec3, axis: Vec3, angleRad: number): Vec3 {
  // Rodrigues: v cos + (k x v) sin + k (k . v)(1 - cos).
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  return add(add(scale(v, c), scale(cross(axis, v), s)), scale(axis, dot(axis, v) * (1 - c)));
}

/** A point turned by `angleRad` about the axis through `pointM`. */
export function turnPoint(p: Vec3, pointM: Vec3, axis: Vec3, angleRad: number): Vec3 {
  return add(pointM, turnVec(sub(p, pointM), axis, angleRad));
}

/** A hinge in the world frame, at the part's current angle. */
export interface WorldHinge {
  part: ArticulatedPart;
  /** A point on the axis (world). */
  pointM: Vec3;
  /** Unit axis (world): turning the part by a positive angle about it opens it. */
  axis: Vec3;
  angleRad: number;
  rangeRad: [number, number];
}

/**
 * Where a point or direction fixed to a part (given in the object frame at rest) is with every part at its
 * position: each joint from the part up to the object body turns it about that joint's axis (a part's joint
 * axis is fixed in its parent's frame).
 */
function partChain(object: PlacedObject, partName: string): ArticulatedPart[] {
  const parts = object.built.parts ?? [];
  const chain: ArticulatedPart[] = [];
  let name: string | undefined = partName;
  while (name !== undefined) {
    const part = parts.find((p) => p.name === name);
    if (!part || chain.includes(part)) break;
    chain.push(part);
    name = part.parent;
  }
  return chain;
}

/** Object-frame point or direction at rest -> object frame with the chain's joints at their positions. */
function posedInObject(
  chain: readonly ArticulatedPart[],
  positions: Readonly<Record<string, number>>,
  v: Vec3,
  isPoint: boolean,
): Vec3 {
  let out = v;
  for (const part of chain) {
    const q = positions[part.name] ?? 0;
    const j = part.joint;
    if (j.type === 'hinge') {
      const axis = normalize(j.axis);
      out = isPoint ? turnPoint(out, j.posM, axis, q) : turnVec(out, axis, q);
    } else if (isPoint) {
      out = add(out, scale(normalize(j.axis), q));
    }
  }
  return out;
}

const toWorldPoint = (pose: Pose, p: Vec3): Vec3 => add(pose.posM, matVec(pose.mat, p));

/** A point fixed to `partName` (object frame at rest), in the world with the parts at `positions`. */
export function partPointWorld(
  object: PlacedObject,
  pose: Pose,
  partName: string,
  positions: Readonly<Record<string, number>>,
  restM: Vec3,
): Vec3 {
  return toWorldPoint(pose, posedInObject(partChain(object, partName), positions, restM, true));
}

/** A direction fixed to `partName` (object frame at rest), in the world with the parts at `positions`. */
export function partVecWorld(
  object: PlacedObject,
  pose: Pose,
  partName: string,
  positions: Readonly<Record<string, number>>,
  restDir: Vec3,
): Vec3 {
  return matVec(pose.mat, posedInObject(partChain(object, partName), positions, restDir, false));
}

/** The hinge of `partName` in the world, or undefined when the object has no such hinged part. */
export function worldHinge(
  object: PlacedObject,
  pose: Pose,
  partName: string,
  positions: Readonly<Record<string, number>>,
): WorldHinge | undefined {
  const chain = partChain(object, partName);
  const part = chain[0];
  if (!part || part.name !== partName || part.joint.type !== 'hinge') return undefined;
  // The axis is fixed in the parent's frame: posed by the parents' joints only.
  const parents = chain.slice(1);
  return {
    part,
    pointM: toWorldPoint(pose, posedInObject(parents, positions, part.joint.posM, true)),
    axis: normalize(matVec(pose.mat, posedInObject(parents, positions, normalize(part.joint.axis), false))),
    angleRad: positions[partName] ?? 0,
    rangeRad: [part.joint.range[0], part.joint.range[1]],
  };
}

/** A handle's grasp frame in the world at the part's current angle, with how deep the handle is. */
export interface WorldHandle {
  frame: GraspFrame;
  /** Centre between the pads when they close on it (world). */
  centerM: Vec3;
  /** Unit direction the hand travels as it closes in (the tool z axis). */
  approach: Vec3;
  /** Unit direction the fingers close along. */
  closing: Vec3;
  /**
   * How far the handle reaches beyond its grasp centre along the approach: there it meets the surface it stands
   * on (a lid's front face behind its lip, a door behind its bar), which the fingertips must stay short of.
   */
  depthBeyondM: number;
}

/** The pinch grasp frame on `partName` (its handle) in the world, or undefined when the part has none. */
export function worldHandle(
  object: PlacedObject,
  pose: Pose,
  partName: string,
  positions: Readonly<Record<string, number>>,
): WorldHandle | undefined {
  const frame = object.built.graspFrames?.find((f) => f.part === partName && f.kind === 'pinch');
  const part = object.built.parts?.find((p) => p.name === partName);
  if (!frame || !part) return undefined;
  const approachRest = normalize(frame.approach);
  // The handle's own geoms carry the frame's name (`lid_handle`); a frame without them is its part's surface.
  const handleBoxes = part.geoms.filter(
    (g) => g.part === frame.name && g.geom.type === 'box' && g.geom.quat === undefined,
  );
  let depthBeyondM = 0;
  for (const { geom } of handleBoxes) {
    if (geom.type !== 'box') continue;
    const centre = dot(sub(geom.posM, frame.posM), approachRest);
    const half = geom.halfSizeM.reduce((s, h, i) => s + Math.abs(approachRest[i] as number) * h, 0);
    depthBeyondM = Math.max(depthBeyondM, centre + half);
  }
  return {
    frame,
    centerM: partPointWorld(object, pose, partName, positions, frame.posM),
    approach: normalize(partVecWorld(object, pose, partName, positions, approachRest)),
    closing: normalize(partVecWorld(object, pose, partName, positions, normalize(frame.closingAxis))),
    depthBeyondM,
  };
}

/** Row-major hand orientation whose tool z is `approach` and finger axis y is `closing` (x = y x z). */
export function handMat(approach: Vec3, closing: Vec3): number[] {
  const z = normalize(approach);
  const y = normalize(sub(closing, scale(z, dot(closing, z))));
  const x = cross(y, z);
  return [x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]];
}

/**
 * The flat panel of a hinged part (a lid's or door's slab: its largest box), described relative to its hinge in
 * the object frame at rest: `radial` runs from the axis along the panel to its free edge, `normal` = axis x
 * radial is the way the panel moves when it opens, so its leading face (a lid's top, a door's outside) lies at
 * `leadM` along it and its trailing face (a lid's underside, a door's inside) at `trailM`.
 */
export interface Panel {
  axis: Vec3;
  pointM: Vec3;
  radial: Vec3;
  normal: Vec3;
  /** Span of the panel along the radial (its free edge is at `radialMaxM`). */
  radialMinM: number;
  radialMaxM: number;
  leadM: number;
  trailM: number;
  /** Span along the axis. */
  alongMinM: number;
  alongMaxM: number;
}

export function partPanel(part: ArticulatedPart): Panel | undefined {
  // Axis-aligned boxes only (the builders' panels have no quat): their faces are read off their half sizes.
  const boxes = part.geoms.filter(
    (g) => g.part === part.name && g.geom.type === 'box' && g.geom.quat === undefined,
  );
  const volume = (g: (typeof boxes)[number]) =>
    g.geom.type === 'box' ? g.geom.halfSizeM[0] * g.geom.halfSizeM[1] * g.geom.halfSizeM[2] : 0;
  const slab = boxes.reduce<(typeof boxes)[number] | undefined>(
    (best, g) => (best === undefined || volume(g) > volume(best) ? g : best),
    undefined,
  );
  if (!slab || slab.geom.type !== 'box' || part.joint.type !== 'hinge') return undefined;
  const box = slab.geom;
  const axis = normalize(part.joint.axis);
  const pointM = part.joint.posM;
  // Box axes (the builders' boxes are axis-aligned: no quat) that are square to the hinge: the longer one runs
  // along the panel, the shorter one across its thickness.
  const units: Vec3[] = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const square = [0, 1, 2].filter((i) => Math.abs(dot(units[i] as Vec3, axis)) < 0.5);
  if (square.length !== 2) return undefined;
  const [i0, i1] = square as [number, number];
  const [iLong] = (box.halfSizeM[i0] as number) >= (box.halfSizeM[i1] as number) ? [i0, i1] : [i1, i0];
  const toCentre = sub(box.posM, pointM);
  const radialSign = Math.sign(toCentre[iLong] as number) || 1;
  const radial = scale(units[iLong] as Vec3, radialSign);
  const normal = cross(axis, radial);
  const spans = (dir: Vec3): [number, number] => {
    const c = dot(toCentre, dir);
    const h = box.halfSizeM.reduce((s, hv, i) => s + Math.abs(dir[i] as number) * hv, 0);
    return [c - h, c + h];
  };
  const [radialMinM, radialMaxM] = spans(radial);
  const [trailM, leadM] = spans(normal);
  const [alongMinM, alongMaxM] = spans(axis);
  return { axis, pointM, radial, normal, radialMinM, radialMaxM, leadM, trailM, alongMinM, alongMaxM };
}

/** A point of the panel (object frame at rest) from its coordinates along the axis, the radial and the normal. */
export function panelPoint(panel: Panel, alongM: number, radialM: number, normalM: number): Vec3 {
  return add(
    add(add(panel.pointM, scale(panel.axis, alongM)), scale(panel.radial, radialM)),
    scale(panel.normal, normalM),
  );
}

/**
 * The angle past which gravity swings the part further open (a lid whose centre of mass has passed over its
 * hinge), or undefined when it never does (a door on a vertical axis stays where it is left). The part and what
 * rides on it (a knob on a lid) count, their masses spread over their geoms by volume as the scene does.
 */
export function fallOpenAngle(object: PlacedObject, pose: Pose, partName: string): number | undefined {
  const parts = object.built.parts ?? [];
  const part = parts.find((p) => p.name === partName);
  if (!part || part.joint.type !== 'hinge') return undefined;
  const riders = (name: string): ArticulatedPart[] =>
    parts.filter((p) => p.parent === name).flatMap((p) => [p, ...riders(p.name)]);
  let mass = 0;
  let moment: Vec3 = [0, 0, 0];
  for (const p of [part, ...riders(part.name)]) {
    const volumes = p.geoms.map((g) => geomVolume(g.geom));
    const total = volumes.reduce((s, v) => s + v, 0) || 1;
    p.geoms.forEach((g, i) => {
      const m = (p.massKg * (volumes[i] as number)) / total;
      mass += m;
      moment = add(moment, scale(geomCentre(g.geom), m));
    });
  }
  if (mass <= 0) return undefined;
  const com = scale(moment, 1 / mass);
  const axisW = normalize(matVec(pose.mat, normalize(part.joint.axis)));
  const arm = matVec(pose.mat, sub(com, part.joint.posM));
  // Gravity's torque about the axis, in the opening sense, with the part turned by q.
  const torque = (q: number) => dot(cross(turnVec(arm, axisW, q), [0, 0, -1]), axisW);
  const [lo, hi] = part.joint.range;
  const steps = 400;
  let prev = torque(lo);
  for (let k = 1; k <= steps; k++) {
    const q = lo + ((hi - lo) * k) / steps;
    const t = torque(q);
    if (prev <= 1e-9 && t > 1e-9) {
      // Linear interpolation between the two samples that straddle the balance.
      const q0 = lo + ((hi - lo) * (k - 1)) / steps;
      return q0 + ((q - q0) * -prev) / (t - prev);
    }
    prev = t;
  }
  return undefined;
}

type Geom = ArticulatedPart['geoms'][number]['geom'];

function geomCentre(g: Geom): Vec3 {
  if (g.type === 'box' || g.type === 'sphere') return g.posM;
  return scale(add(g.fromM, g.toM), 0.5);
}

function geomVolume(g: Geom): number {
  switch (g.type) {
    case 'box':
      return 8 * g.halfSizeM[0] * g.halfSizeM[1] * g.halfSizeM[2];
    case 'sphere':
      return (4 / 3) * Math.PI * g.radiusM ** 3;
    case 'cylinder':
    case 'capsule': {
      const len = norm(sub(g.toM, g.fromM));
      return Math.PI * g.radiusM ** 2 * len + (g.type === 'capsule' ? (4 / 3) * Math.PI * g.radiusM ** 3 : 0);
    }
  }
}
