// Composes the full MJCF of an episode: bench, floor, lights, scene cameras, the robot and every placed object.
import type { ArticulatedPart } from '../assets/built-asset.js';
import { sceneLiquidXml } from '../liquid/liquid-mjcf.js';
import { geomXml, num, nums } from '../mjcf/mjcf-text.js';
import { cameraXyAxes, quatFromAxisAngle, type Vec3 } from '../motion/math3d.js';
import { compileRobot, type RobotModel } from '../robots/robot-mjcf.js';
import type { PrimitiveGeom } from '../schemas/common.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { PlacedObject, SceneInstance } from './scene-instance.js';

export interface SceneModel {
  xml: string;
  robot: RobotModel;
}

/*
 * Physics options measured in DESIGN.md §5: elliptic friction cones with a high impratio keep contact
 * grasps from slipping; implicitfast keeps the stiff servos stable at 2 ms.
 */
export const PHYSICS_OPTION =
  '<option timestep="0.002" integrator="implicitfast" cone="elliptic" impratio="10"/>';

/*
 * Contact stiffness of every solid. MuJoCo's default time constant (20 ms) lets a tube that tips over in a basket
 * sink ~3 mm into its floor on impact (penetration grows with impact speed x time constant); 10 ms (5 steps at
 * 2 ms, stable) halves that. Finger pads and liquid particles set their own (solmix, priority).
 */
export const CONTACT_DEFAULTS = '<default><geom solref="0.01 1"/></default>';

/** One placed object as an MJCF body; exported so asset tests load a family alone exactly as scenes do. */
export function objectXml(o: PlacedObject): string {
  const quat = quatFromAxisAngle([0, 0, 1], o.yawRad);
  const [hx, hy] = o.built.footprintHalfM;
  const h = o.built.heightM;
  const m = o.massKg;
  // Box inertia of the bounding box: good enough for rigid labware moved slowly.
  const ixx = (m * (4 * hy * hy + h * h)) / 12;
  const iyy = (m * (4 * hx * hx + h * h)) / 12;
  const izz = (m * (4 * hx * hx + 4 * hy * hy)) / 12;
  const geoms = objectGeomsXml(o);
  return (
    `<body name="${o.body}" pos="${nums(o.posM)}" quat="${nums(quat)}">` +
    (o.movable ? `<freejoint name="${o.body}"/>` : '') +
    `<inertial pos="0 0 ${num(h / 2)}" mass="${num(m)}" diaginertia="${num(ixx)} ${num(iyy)} ${num(izz)}"/>` +
    `${geoms}${partsXml(o, o.built.geoms.length)}</body>`
  );
}

/** The object's own geoms (not its moving parts), massless: the body's inertial carries the mass. */
export function objectGeomsXml(o: PlacedObject): string {
  return o.built.geoms
    .map((g, i) =>
      geomXml(g.geom, {
        name: `${o.body}_${g.part}_${i}`,
        mass: 0,
        friction: `${num(o.friction)} 0.01 0.001`,
        condim: o.movable ? 4 : 3,
      }),
    )
    .join('');
}

/*
 * Joint stops of moving parts: MuJoCo's default soft limit (solref 0.02 s) lets a pushed lid sink ~0.1 rad
 * past its closed stop and a 30 g knob overshoot by ~0.2 rad; a 5 ms time constant (2.5 steps at 2 ms, still
 * stable) makes the stops firm. Hinge armature stands for the shaft and detent inertia behind a knob and keeps
 * its ~6e-6 kg m^2 cap well conditioned (negligible next to a lid's or door's inertia).
 */
const PART_SOLREF_LIMIT = '0.005 1';
const PART_ARMATURE_KGM2 = 1e-4;

/**
 * Contact exclusions a placed object needs: each moving part against the body it hangs on. MuJoCo drops
 * parent-child contacts by itself only when the parent moves; a bench-fixed instrument's body is welded to the
 * world, so a closed lid would rest on (and a pressed button push into) its own housing. Joint limits model
 * those stops instead. Empty for objects without parts.
 */
export function objectContactExcludes(o: PlacedObject): string[] {
  const parts = o.built.parts ?? [];
  return parts.map(
    (p) =>
      `<exclude body1="${p.parent === undefined ? o.body : `${o.body}_${p.parent}`}" body2="${o.body}_${p.name}"/>`,
  );
}

function geomVolume(g: PrimitiveGeom): number {
  switch (g.type) {
    case 'box':
      return 8 * g.halfSizeM[0] * g.halfSizeM[1] * g.halfSizeM[2];
    case 'sphere':
      return (4 / 3) * Math.PI * g.radiusM ** 3;
    case 'cylinder':
    case 'capsule': {
      const len = Math.hypot(...g.toM.map((t, i) => t - (g.fromM[i] as number)));
      const caps = g.type === 'capsule' ? (4 / 3) * Math.PI * g.radiusM ** 3 : 0;
      return Math.PI * g.radiusM ** 2 * len + caps;
    }
  }
}

/**
 * Moving parts as nested child bodies. Each body keeps its parent's frame (no pos), so the builder's
 * object-frame geometry and joint anchor are used as given; the part's mass is spread over its geoms by
 * volume and MuJoCo derives the inertia from their shapes. Geom indices continue after the object's own,
 * so every geom name stays unique. Empty (and the XML unchanged) for objects without parts.
 */
function partsXml(o: PlacedObject, firstGeomIndex: number): string {
  const parts = o.built.parts ?? [];
  let index = firstGeomIndex;
  const bodyOf = (part: ArticulatedPart): string => {
    const j = part.joint;
    const totalVolume = part.geoms.reduce((s, g) => s + geomVolume(g.geom), 0);
    const geoms = part.geoms
      .map((g) =>
        geomXml(g.geom, {
          name: `${o.body}_${g.part}_${index++}`,
          mass: (part.massKg * geomVolume(g.geom)) / totalVolume,
          friction: `${num(o.friction)} 0.01 0.001`,
          // Handles and knobs are grasped and turned: torsional friction matters there.
          condim: 4,
        }),
      )
      .join('');
    const spring =
      j.stiffness !== undefined
        ? ` stiffness="${num(j.stiffness)}" springref="${num(j.springRef ?? 0)}"`
        : '';
    const children = parts
      .filter((c) => c.parent === part.name)
      .map(bodyOf)
      .join('');
    return (
      `<body name="${o.body}_${part.name}">` +
      `<joint name="${o.body}_${part.name}" type="${j.type}" axis="${nums(j.axis)}" pos="${nums(j.posM)}" ` +
      `range="${nums(j.range)}" damping="${num(j.damping)}" frictionloss="${num(j.frictionloss)}"${spring}` +
      `${j.type === 'hinge' ? ` armature="${num(PART_ARMATURE_KGM2)}"` : ''} solreflimit="${PART_SOLREF_LIMIT}"/>` +
      `${geoms}${children}</body>`
    );
  };
  return parts
    .filter((p) => p.parent === undefined)
    .map(bodyOf)
    .join('');
}

/** The `<contact>` section of a scene, absent (so the XML is unchanged) when no object needs exclusions. */
export function contactSection(objects: readonly PlacedObject[]): string[] {
  const excludes = objects.flatMap(objectContactExcludes);
  return excludes.length > 0 ? ['<contact>', ...excludes, '</contact>'] : [];
}

export function composeSceneMjcf(
  template: SceneTemplate,
  scene: SceneInstance,
  robot: RobotProfile,
  base: { posM: readonly number[]; yawRad: number },
): SceneModel {
  const compiled = compileRobot(robot, base.posM as Vec3, base.yawRad);
  const { bench } = template;
  const benchHalf: Vec3 = [bench.sizeM[0] / 2, bench.sizeM[1] / 2, bench.sizeM[2] / 2];
  const benchCenter: Vec3 = [bench.topCenterM[0], bench.topCenterM[1], bench.topCenterM[2] - benchHalf[2]];
  const cameras = template.cameras.map((c) => {
    const [x, y] = cameraXyAxes(c.posM as Vec3, c.lookAtM as Vec3);
    return `<camera name="${c.name}" pos="${nums(c.posM)}" xyaxes="${nums([...x, ...y])}" fovy="${num(c.fovyDeg)}"/>`;
  });
  const lights = template.lights.map(
    (l) =>
      `<light pos="${nums(l.posM)}" dir="${nums(l.dir)}" diffuse="${nums(l.diffuse)}" directional="true"/>`,
  );
  const xml = [
    `<mujoco model="labgen-${template.id}-${robot.id}">`,
    '<compiler angle="radian" autolimits="true"/>',
    PHYSICS_OPTION,
    CONTACT_DEFAULTS,
    '<visual><headlight ambient="0.25 0.25 0.25" diffuse="0.15 0.15 0.15"/></visual>',
    '<worldbody>',
    ...lights,
    `<geom name="floor" type="plane" size="3 3 0.05" rgba="${nums(template.floorRgba)}"/>`,
    geomXml({ type: 'box', halfSizeM: benchHalf, posM: benchCenter, rgba: bench.rgba }, { name: 'bench' }),
    ...cameras,
    compiled.bodyXml,
    ...scene.objects.map(objectXml),
    ...sceneLiquidXml(scene.objects, `scene ${template.id}`),
    '</worldbody>',
    ...contactSection(scene.objects),
    ...(compiled.equalityXml.length > 0 ? ['<equality>', ...compiled.equalityXml, '</equality>'] : []),
    '<actuator>',
    compiled.actuatorXml,
    '</actuator>',
    '</mujoco>',
  ].join('\n');
  return {
    xml,
    robot: compiled.model,
  };
}
