// Composes the full MJCF of an episode: bench, floor, lights, scene cameras, the robot and every placed object.
import { geomXml, num, nums } from '../mjcf/mjcf-text.js';
import { cameraXyAxes, quatFromAxisAngle, type Vec3 } from '../motion/math3d.js';
import { compileRobot, type RobotModel } from '../robots/robot-mjcf.js';
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
  const geoms = o.built.geoms
    .map((g, i) =>
      geomXml(g.geom, {
        name: `${o.body}_${g.part}_${i}`,
        mass: 0,
        friction: `${num(o.friction)} 0.01 0.001`,
        condim: o.movable ? 4 : 3,
      }),
    )
    .join('');
  return (
    `<body name="${o.body}" pos="${nums(o.posM)}" quat="${nums(quat)}">` +
    (o.movable ? `<freejoint name="${o.body}"/>` : '') +
    `<inertial pos="0 0 ${num(h / 2)}" mass="${num(m)}" diaginertia="${num(ixx)} ${num(iyy)} ${num(izz)}"/>` +
    `${geoms}</body>`
  );
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
    '<visual><headlight ambient="0.25 0.25 0.25" diffuse="0.15 0.15 0.15"/></visual>',
    '<worldbody>',
    ...lights,
    `<geom name="floor" type="plane" size="3 3 0.05" rgba="${nums(template.floorRgba)}"/>`,
    geomXml({ type: 'box', halfSizeM: benchHalf, posM: benchCenter, rgba: bench.rgba }, { name: 'bench' }),
    ...cameras,
    compiled.bodyXml,
    ...scene.objects.map(objectXml),
    '</worldbody>',
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
