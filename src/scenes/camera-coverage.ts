// Whether a scene's fixed cameras see every task object and container interior: whole in the image, and not hidden.
import { type Camera, cameraFromAxes, projectToImage } from '../render/camera.js';
import type { ArticulatedPart, BuiltAsset } from '../assets/built-asset.js';
import { cameraXyAxes, quatFromAxisAngle, quatRotate, quatToMat, type Vec3 } from '../motion/math3d.js';
import type { PrimitiveGeom } from '../schemas/common.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { PlacedObject, SceneInstance } from './scene-instance.js';

export const cameraCoverageDefaults = {
  /** Image size the check projects into: the dataset default (224x224); fovy is vertical, so aspect matters. */
  widthPx: 224,
  heightPx: 224,
  /**
   * Corners must land this far inside the image edge: a box whose corner sits on the last pixel row is
   * technically in view but cut by the smallest change in image size or rounding.
   */
  edgeMarginPx: 1,
  /** Probe rays per box side: a grid of n x n points on the interior floor (or near the object's top). */
  probeGrid: 3,
  /** Probe points of an object sit at this share of its height: the top is what cameras above see first. */
  objectProbeHeightFraction: 0.9,
  /** Share of a box's probe points a camera must see unobstructed for the box to count as in its view. */
  minSeenFraction: 0.5,
  /** A ray that first hits something this close before its probe point still reaches it (surface rounding). */
  probeToleranceM: 0.003,
};

/** A region that must be seen: an axis-aligned box in an object's frame (base at posM, turned by yawRad about z). */
export interface ViewBox {
  object: string;
  /** `object`: the whole bounding box of a task object; `interior`: a container's interior, plus head room (below). */
  what: 'object' | 'interior';
  posM: Vec3;
  yawRad: number;
  minM: Vec3;
  maxM: Vec3;
  /**
   * World points probe rays aim at to tell whether something else hides the box: a grid on the interior's
   * floor at rest, or across the object near its top.
   */
  probesM: Vec3[];
  /** Objects a probe ray may hit first without the box counting as hidden: itself and what it holds. */
  owners: string[];
}

export interface NamedCamera {
  name: string;
  camera: Camera;
}

/** The template's fixed cameras, posed exactly as composeSceneMjcf writes them (xyaxes from cameraXyAxes). */
export function fixedSceneCameras(template: SceneTemplate): NamedCamera[] {
  return template.cameras.map((c) => {
    const [x, y] = cameraXyAxes(c.posM as Vec3, c.lookAtM as Vec3);
    return { name: c.name, camera: cameraFromAxes(c.posM as Vec3, x, y, c.fovyDeg) };
  });
}

/** Whether an object of this footprint fits on this floor in some axis-aligned orientation. */
function fitsOn(o: PlacedObject, floorHalf: [number, number]): boolean {
  const [a, b] = [...o.built.footprintHalfM].sort((p, q) => p - q) as [number, number];
  const [c, d] = [...floorHalf].sort((p, q) => p - q) as [number, number];
  return a <= c && b <= d;
}

/** Axis-aligned bounds of a geom in its object's frame. */
function geomBounds(g: PrimitiveGeom): { min: Vec3; max: Vec3 } {
  if (g.type === 'box') {
    const m = g.quat ? quatToMat(g.quat) : [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const h = g.halfSizeM;
    const e = [0, 1, 2].map(
      (i) =>
        Math.abs(m[3 * i] as number) * h[0] +
        Math.abs(m[3 * i + 1] as number) * h[1] +
        Math.abs(m[3 * i + 2] as number) * h[2],
    ) as Vec3;
    return {
      min: [g.posM[0] - e[0], g.posM[1] - e[1], g.posM[2] - e[2]],
      max: [g.posM[0] + e[0], g.posM[1] + e[1], g.posM[2] + e[2]],
    };
  }
  const ends = g.type === 'sphere' ? [g.posM, g.posM] : [g.fromM, g.toM];
  const r = g.radiusM;
  return {
    min: [0, 1, 2].map((i) => Math.min(...ends.map((p) => p[i] as number)) - r) as Vec3,
    max: [0, 1, 2].map((i) => Math.max(...ends.map((p) => p[i] as number)) + r) as Vec3,
  };
}

/** Whether a point lies within a part's geoms' bounds (object frame, rest pose). */
function partContains(part: ArticulatedPart, p: Vec3): boolean {
  const bounds = part.geoms.map((g) => geomBounds(g.geom));
  return [0, 1, 2].every(
    (i) =>
      Math.min(...bounds.map((b) => b.min[i] as number)) <= (p[i] as number) &&
      (p[i] as number) <= Math.max(...bounds.map((b) => b.max[i] as number)),
  );
}

/**
 * A container's interior over every pose it can take: a drawer's interior rides on the drawer's slide, so
 * the interior is swept along the slide's whole travel (an object is put in with the drawer open). A part
 * carries the interior when the interior's centre lies within the part's geoms; hinged parts (lids, doors)
 * swing aside and leave the interior where it is.
 */
function sweptInterior(built: BuiltAsset, region: { minM: Vec3; maxM: Vec3 }): { minM: Vec3; maxM: Vec3 } {
  const minM: Vec3 = [...region.minM];
  const maxM: Vec3 = [...region.maxM];
  const centre = [0, 1, 2].map((i) => ((region.minM[i] as number) + (region.maxM[i] as number)) / 2) as Vec3;
  for (const part of built.parts ?? []) {
    if (part.joint.type !== 'slide' || !partContains(part, centre)) continue;
    for (const travel of part.joint.range)
      for (let i = 0; i < 3; i++) {
        const shift = (part.joint.axis[i] as number) * travel;
        minM[i] = Math.min(minM[i] as number, (region.minM[i] as number) + shift);
        maxM[i] = Math.max(maxM[i] as number, (region.maxM[i] as number) + shift);
      }
  }
  return { minM, maxM };
}

/** World point of a point given in an object's frame (base at posM, turned by yawRad). */
function toWorld(posM: Vec3, yawRad: number, local: Vec3): Vec3 {
  const w = quatRotate(quatFromAxisAngle([0, 0, 1], yawRad), local);
  return [posM[0] + w[0], posM[1] + w[1], posM[2] + w[2]];
}

/** An n x n grid across a rectangle at height z (object frame), inset so no point lies on an edge. */
function probeGrid(min: Vec3, max: Vec3, z: number, n: number): Vec3[] {
  const out: Vec3[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const fx = (i + 0.5) / n;
      const fy = (j + 0.5) / n;
      out.push([min[0] + fx * (max[0] - min[0]), min[1] + fy * (max[1] - min[1]), z]);
    }
  return out;
}

/** Liquid particles are labelled by the object whose fill they are (owners of probe rays). */
export const liquidOwner = (objectId: string): string => `${objectId} liquid`;

/** Movable objects whose base lies in the container's interior at rest (what it holds), by id. */
function contentsOf(container: PlacedObject, objects: readonly PlacedObject[]): string[] {
  const region = container.built.container;
  if (!region) return [];
  const q = quatFromAxisAngle([0, 0, 1], -container.yawRad);
  // A base resting on the floor sits a hair below the interior's floor plane.
  const floorSlackM = 0.01;
  return objects
    .filter((o) => o.movable && o.id !== container.id)
    .filter((o) => {
      const p = quatRotate(q, [
        o.posM[0] - container.posM[0],
        o.posM[1] - container.posM[1],
        o.posM[2] - container.posM[2],
      ]);
      return (
        p[0] >= region.minM[0] &&
        p[0] <= region.maxM[0] &&
        p[1] >= region.minM[1] &&
        p[1] <= region.maxM[1] &&
        p[2] >= region.minM[2] - floorSlackM &&
        p[2] <= region.maxM[2]
      );
    })
    .map((o) => o.id);
}

/**
 * What must be in view in a scene at rest: every movable object's bounding box, and every container's interior.
 * An object put into a container can stand taller than its walls (a tube in a basket), so the interior's box
 * reaches up to at least its floor plus the height of the tallest other movable object that fits on that floor:
 * then an object placed anywhere in the interior is inside the checked box, and so in view.
 */
export function taskViewBoxes(
  scene: SceneInstance,
  options: { probeGrid: number; objectProbeHeightFraction: number } = cameraCoverageDefaults,
): ViewBox[] {
  const movable = scene.objects.filter((o) => o.movable);
  const ownersOf = (o: PlacedObject) => [o.id, liquidOwner(o.id), ...contentsOf(o, scene.objects)];
  const boxes: ViewBox[] = movable.map((o) => {
    const [hx, hy] = o.built.footprintHalfM;
    const minM: Vec3 = [-hx, -hy, 0];
    const maxM: Vec3 = [hx, hy, o.built.heightM];
    const probeZ = options.objectProbeHeightFraction * o.built.heightM;
    return {
      object: o.id,
      what: 'object',
      posM: o.posM,
      yawRad: o.yawRad,
      minM,
      maxM,
      probesM: probeGrid(minM, maxM, probeZ, options.probeGrid).map((p) => toWorld(o.posM, o.yawRad, p)),
      owners: ownersOf(o),
    };
  });
  for (const o of scene.objects) {
    const rest = o.built.container;
    if (!rest) continue;
    const region = sweptInterior(o.built, rest);
    const floorHalf: [number, number] = [
      (rest.maxM[0] - rest.minM[0]) / 2,
      (rest.maxM[1] - rest.minM[1]) / 2,
    ];
    const headroomM = Math.max(
      0,
      ...movable.filter((m) => m.id !== o.id && fitsOn(m, floorHalf)).map((m) => m.built.heightM),
    );
    boxes.push({
      object: o.id,
      what: 'interior',
      posM: o.posM,
      yawRad: o.yawRad,
      minM: region.minM,
      maxM: [region.maxM[0], region.maxM[1], Math.max(region.maxM[2], region.minM[2] + headroomM)],
      probesM: probeGrid(rest.minM, rest.maxM, rest.minM[2], options.probeGrid).map((p) =>
        toWorld(o.posM, o.yawRad, p),
      ),
      owners: ownersOf(o),
    });
  }
  return boxes;
}

/** The 8 world corners of a view box. */
export function boxCorners(box: ViewBox): Vec3[] {
  const out: Vec3[] = [];
  for (let k = 0; k < 8; k++) {
    const local: Vec3 = [
      k & 1 ? box.maxM[0] : box.minM[0],
      k & 2 ? box.maxM[1] : box.minM[1],
      k & 4 ? box.maxM[2] : box.minM[2],
    ];
    out.push(toWorld(box.posM, box.yawRad, local));
  }
  return out;
}

export type CoverageOptions = typeof cameraCoverageDefaults;

/** How many of the box's corners fall outside the image (or behind the camera), 0 when the box is wholly in view. */
export function cornersOutOfView(
  camera: Camera,
  box: ViewBox,
  options: Pick<CoverageOptions, 'widthPx' | 'heightPx' | 'edgeMarginPx'>,
): number {
  const { widthPx: w, heightPx: h, edgeMarginPx: m } = options;
  let out = 0;
  for (const c of boxCorners(box)) {
    const p = projectToImage(camera, w, h, c);
    const inside = p.depthM > 0 && p.u >= m && p.u <= w - m && p.v >= m && p.v <= h - m;
    if (!inside) out++;
  }
  return out;
}

/**
 * A ray cast into the scene (MuJoCo's mj_ray in practice): the distance to the first surface and who owns it
 * (a scene object's id, a fill's `liquidOwner`, or a label with a space such as `the robot`), or null on a miss.
 */
export type CastRay = (fromM: Vec3, dirM: Vec3) => { distM: number; owner: string } | null;

export interface ProbeResult {
  /** Share of the box's probe points the camera sees. */
  seenFraction: number;
  /** What most often stands in the way of the hidden probes. */
  hiddenBy?: string;
}

/**
 * Which probe points of a box the camera sees: a probe is seen when the ray from the camera reaches it, or
 * first meets the box's own object or its contents (a basket's wall or a tube already in it does not hide
 * the basket); anything else in front (another object, the robot, the bench) hides it.
 */
export function probeVisibility(
  camera: Camera,
  box: ViewBox,
  cast: CastRay,
  toleranceM: number,
): ProbeResult {
  const owners = new Set(box.owners);
  const blockers = new Map<string, number>();
  let seen = 0;
  for (const p of box.probesM) {
    const d: Vec3 = [p[0] - camera.pos[0], p[1] - camera.pos[1], p[2] - camera.pos[2]];
    const distM = Math.hypot(...d);
    const hit = cast([...camera.pos], [d[0] / distM, d[1] / distM, d[2] / distM]);
    if (!hit || hit.distM >= distM - toleranceM || owners.has(hit.owner)) {
      seen++;
      continue;
    }
    blockers.set(hit.owner, (blockers.get(hit.owner) ?? 0) + 1);
  }
  const worst = [...blockers.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    seenFraction: box.probesM.length > 0 ? seen / box.probesM.length : 1,
    ...(worst ? { hiddenBy: worst[0] } : {}),
  };
}

export interface BoxCoverage {
  box: ViewBox;
  /** Fixed cameras that see the whole box (and, when rays are cast, enough of it unobstructed). */
  seenBy: string[];
  /** The camera that comes closest when none sees it: corners outside its image, then its probe result. */
  closest: { camera: string; cornersOut: number; probe?: ProbeResult };
}

/**
 * For every view box of the scene, which fixed cameras see it: all 8 corners inside the image and, when a
 * ray caster is given, at least `minSeenFraction` of its probe points unobstructed.
 */
export function cameraCoverage(
  template: SceneTemplate,
  scene: SceneInstance,
  options: CoverageOptions = cameraCoverageDefaults,
  cast?: CastRay,
): BoxCoverage[] {
  const cameras = fixedSceneCameras(template);
  return taskViewBoxes(scene, options).map((box) => {
    const seenBy: string[] = [];
    let closest: BoxCoverage['closest'] = { camera: '', cornersOut: 9 };
    const rank = (c: BoxCoverage['closest']) => c.cornersOut - (c.probe?.seenFraction ?? 0);
    for (const { name, camera } of cameras) {
      const cornersOut = cornersOutOfView(camera, box, options);
      const probe =
        cornersOut === 0 && cast ? probeVisibility(camera, box, cast, options.probeToleranceM) : undefined;
      const candidate = { camera: name, cornersOut, ...(probe ? { probe } : {}) };
      if (cornersOut === 0 && (!probe || probe.seenFraction >= options.minSeenFraction)) seenBy.push(name);
      if (rank(candidate) < rank(closest)) closest = candidate;
    }
    return { box, seenBy, closest };
  });
}

/** A one-line account of a box no fixed camera sees, for reason details. */
export function describeUncovered(c: BoxCoverage): string {
  const what = c.box.what === 'interior' ? `interior of ${c.box.object}` : c.box.object;
  const { camera, cornersOut, probe } = c.closest;
  if (cornersOut > 0)
    return `${what} is not wholly in view of any fixed camera (closest: ${camera}, ${cornersOut} of 8 corners outside the image)`;
  const pct = Math.round(100 * (probe?.seenFraction ?? 0));
  return `${what} is hidden from every fixed camera (best: ${camera} sees ${pct}% of it, the rest hidden by ${probe?.hiddenBy ?? 'something'})`;
}
