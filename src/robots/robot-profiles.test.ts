// Every robots/*.yaml: parses, compiles in MuJoCo, matches the published kinematics, is collision-free at home, reaches the bench.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveIk } from '../motion/ik.js';
import type { Vec3 } from '../motion/math3d.js';
import { createRng, deriveSeed } from '../rng.js';
import { parseDataText, packageRoot } from '../schemas/load-data-file.js';
import { type RobotProfile, robotProfileSchema } from '../schemas/robot.js';
import { RobotBinding } from '../sim/robot-binding.js';
import { Simulation } from '../sim/simulation.js';
import { handYaw, topDownFrameAtYaw } from '../skills/grasp-geometry.js';
import { compileRobot } from './robot-mjcf.js';

// ---------------------------------------------------------------------------------------------------------------
// Independent forward kinematics, written from ../shared/robot-facts.md (DH tables where the facts give one, the
// body-offset tables otherwise) plus the TCP offset beyond the flange. Nothing here reads the profiles.
// ---------------------------------------------------------------------------------------------------------------

/** 4x4 homogeneous transform, row-major. */
type Mat4 = number[];
const { PI, cos, sin } = Math;
const D = PI / 180;

function mul(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += (a[r * 4 + k] as number) * (b[k * 4 + c] as number);
      out[r * 4 + c] = sum;
    }
  return out;
}
const chainMul = (...ms: Mat4[]): Mat4 => ms.reduce(mul);
const trans = (x: number, y: number, z: number): Mat4 => [1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z, 0, 0, 0, 1];
function axisAngle(axis: Vec3, a: number): Mat4 {
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((v) => v / n) as Vec3;
  const c = cos(a);
  const s = sin(a);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    0,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    0,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
    0,
    0,
    0,
    0,
    1,
  ];
}
const Rx = (deg: number) => axisAngle([1, 0, 0], deg * D);
const Ry = (deg: number) => axisAngle([0, 1, 0], deg * D);
const Rz = (deg: number) => axisAngle([0, 0, 1], deg * D);
const I4 = trans(0, 0, 0);
/** Rotation of a (w, x, y, z) quaternion, as the facts' `Q(...)` shorthand. */
function Q(w: number, x: number, y: number, z: number): Mat4 {
  const n = Math.hypot(w, x, y, z);
  [w, x, y, z] = [w / n, x / n, y / n, z / n];
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    0,
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    0,
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
    0,
    0,
    0,
    0,
    1,
  ];
}
/** URDF roll-pitch-yaw: R = Rz(yaw) Ry(pitch) Rx(roll). */
const rpy = (r: number, p: number, y: number): Mat4 =>
  chainMul(axisAngle([0, 0, 1], y), axisAngle([0, 1, 0], p), axisAngle([1, 0, 0], r));
/** Classic (standard) DH: Rz(theta) Tz(d) Tx(a) Rx(alpha). */
const stdDh = (theta: number, d: number, a: number, alpha: number): Mat4 =>
  chainMul(axisAngle([0, 0, 1], theta), trans(a, 0, d), axisAngle([1, 0, 0], alpha));
/** Craig's modified DH: Rx(alpha) Tx(a) Rz(theta) Tz(d). */
const modDh = (alpha: number, a: number, theta: number, d: number): Mat4 =>
  chainMul(axisAngle([1, 0, 0], alpha), trans(a, 0, 0), axisAngle([0, 0, 1], theta), trans(0, 0, d));

/** One row of a facts body-offset table: child frame position and extra rotation in the parent, hinge axis. */
interface Row {
  pos: Vec3;
  rot?: Mat4;
  axis: Vec3;
}
function bodyChain(rows: readonly Row[], q: readonly number[]): Mat4 {
  return rows.reduce(
    (t, row, i) => chainMul(t, trans(...row.pos), row.rot ?? I4, axisAngle(row.axis, q[i] as number)),
    I4,
  );
}
const point = (t: Mat4, p: Vec3 = [0, 0, 0]): Vec3 => {
  const h = mul(t, trans(...p));
  return [h[3] as number, h[7] as number, h[11] as number];
};

const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];
const Z: Vec3 = [0, 0, 1];
const NZ: Vec3 = [0, 0, -1];

/** TCP beyond the flange, as each profile's gripper section states it (facts §3 unless noted). */
const TCP = {
  frankaHand: 0.1034,
  robotiq2f85: 0.15,
  /** Kinova's tool_frame for the 2F-85 on a Gen3 (facts §2.5: "add ~0.12-0.15"). */
  robotiqOnGen3: 0.12,
  xarmGripper: 0.172,
  /** ros_kortex gen3_lite tool_frame (0.63 m arm + 0.13 = the 0.76 m reach). */
  gen3LiteGripper: 0.13,
  /** Finger root 0.135 (facts §2.10) plus the finger to its pads (menagerie piper.xml finger extent). */
  piperGripper: 0.18,
  /** ALOHA gripper site beyond the ViperX gripper_link (facts §2.11). */
  alohaGripper: 0.15,
  /** Unitree rotary-jaw gripper: not dimensioned in the facts; the profile's estimate, pads 0.13 beyond the flange. */
  z1Gripper: 0.13,
};

const franka = (q: readonly number[]): Vec3 => {
  // Franka docs MDH (facts §2.1 / §2.2): flange 0.107 along the last z, TCP 0.1034 beyond.
  const a = [0, 0, 0, 0.0825, -0.0825, 0, 0.088];
  const d = [0.333, 0, 0.316, 0, 0.384, 0, 0];
  const alpha = [0, -PI / 2, PI / 2, PI / 2, -PI / 2, PI / 2, PI / 2];
  const t = a.reduce(
    (m, _, i) => mul(m, modDh(alpha[i] as number, a[i] as number, q[i] as number, d[i] as number)),
    I4,
  );
  return point(t, [0, 0, 0.107 + TCP.frankaHand]);
};

const urDh =
  (d1: number, a2: number, a3: number, d4: number, d5: number, d6: number) =>
  (q: readonly number[]): Vec3 => {
    // Official std DH (UR FAQ 45257). The profile turns the arm so that it works along +x: the DH base frame
    // sits at -90 deg yaw in the profile frame (facts §2.3: DH == menagerie chain turned 180 deg; profile = chain + 90 deg).
    const alpha = [PI / 2, 0, 0, PI / 2, -PI / 2, 0];
    const a = [0, a2, a3, 0, 0, 0];
    const d = [d1, 0, 0, d4, d5, d6];
    const t = a.reduce(
      (m, _, i) => mul(m, stdDh(q[i] as number, d[i] as number, a[i] as number, alpha[i] as number)),
      Rz(-90),
    );
    return point(t, [0, 0, TCP.robotiq2f85]);
  };

const iiwaDh =
  (d1: number, d3: number, d5: number, d7: number) =>
  (q: readonly number[]): Vec3 => {
    // Std DH skeleton (facts §2.4, explicit-robotics sign pattern: J2 +y, J4 -y, J6 +y at q = 0).
    const alpha = [-PI / 2, PI / 2, PI / 2, -PI / 2, -PI / 2, PI / 2, 0];
    const d = [d1, 0, d3, 0, d5, 0, d7];
    const t = d.reduce((m, di, i) => mul(m, stdDh(q[i] as number, di, 0, alpha[i] as number)), I4);
    return point(t, [0, 0, TCP.robotiq2f85]);
  };

const gen3Dh = (q: readonly number[]): Vec3 => {
  // Kinova Gen3 user guide classic DH (facts §2.5): base row alpha = pi, then seven joint rows.
  const alpha = [PI, PI / 2, PI / 2, PI / 2, PI / 2, PI / 2, PI / 2, PI];
  const d = [0, -0.2848, -0.0118, -0.4208, -0.0128, -0.3143, 0, -0.1674];
  const offset = [0, 0, PI, PI, PI, PI, PI, PI];
  const t = d.reduce(
    (m, di, i) =>
      mul(m, stdDh((i === 0 ? 0 : (q[i - 1] as number)) + (offset[i] as number), di, 0, alpha[i] as number)),
    I4,
  );
  return point(t, [0, 0, TCP.robotiqOnGen3]);
};

const chainFk =
  (rows: readonly Row[], tcp: Vec3, tail: Mat4 = I4) =>
  (q: readonly number[]): Vec3 =>
    point(mul(bodyChain(rows, q), tail), tcp);

/**
 * A point in the robot's base frame, in the mount frame the compiled model stands in: profiles may set the base
 * off the bench's mount point (`base.posM`, `base.yawRad`), a mounting choice the facts tables do not cover.
 */
function baseToMount(profile: RobotProfile, p: Vec3): Vec3 {
  const c = cos(profile.base.yawRad);
  const s = sin(profile.base.yawRad);
  const [bx, by, bz] = profile.base.posM;
  return [bx + c * p[0] - s * p[1], by + s * p[0] + c * p[1], bz + p[2]];
}

/** Expected TCP position (profile base frame) for joint angles q, per profile id. */
const EXPECTED_TCP: Record<string, (q: readonly number[]) => Vec3> = {
  'franka-panda': franka,
  'franka-fr3': franka,
  ur3e: urDh(0.15185, -0.24355, -0.2132, 0.13105, 0.08535, 0.0921),
  ur5e: urDh(0.1625, -0.425, -0.3922, 0.1333, 0.0997, 0.0996),
  ur10e: urDh(0.1807, -0.6127, -0.57155, 0.17415, 0.11985, 0.11655),
  'kuka-iiwa7': iiwaDh(0.34, 0.4, 0.4, 0.126),
  'kuka-iiwa14': iiwaDh(0.36, 0.42, 0.4, 0.126),
  'kinova-gen3': gen3Dh,
  // Facts §2.6 table (ros_kortex); TCP along the end_effector z.
  'kinova-gen3-lite': chainFk(
    [
      { pos: [0, 0, 0.12825], axis: Z },
      { pos: [0, -0.03, 0.115], rot: Rx(90), axis: Z },
      { pos: [0, 0.28, 0], rot: Rx(180), axis: Z },
      { pos: [0, -0.14, 0.02], rot: Rx(90), axis: Z },
      { pos: [0.0285, 0, 0.105], rot: Ry(90), axis: Z },
      { pos: [-0.105, 0, 0.0285], rot: Ry(-90), axis: Z },
    ],
    [0, 0, TCP.gen3LiteGripper],
  ),
  // Facts §2.7 xarm6 yaml table; the flange is the J6 frame.
  xarm6: chainFk(
    [
      { pos: [0, 0, 0.267], axis: Z },
      { pos: [0, 0, 0], rot: Rx(-90), axis: Z },
      { pos: [0.0535, -0.2845, 0], axis: Z },
      { pos: [0.0775, 0.3425, 0], rot: Rx(-90), axis: Z },
      { pos: [0, 0, 0], rot: Rx(90), axis: Z },
      { pos: [0.076, 0.097, 0], rot: Rx(-90), axis: Z },
    ],
    [0, 0, TCP.xarmGripper],
  ),
  // Facts §2.7 xarm7 table; the gripper base sits on the link7 frame.
  xarm7: chainFk(
    [
      { pos: [0, 0, 0.267], axis: Z },
      { pos: [0, 0, 0], rot: Rx(-90), axis: Z },
      { pos: [0, -0.293, 0], rot: Rx(90), axis: Z },
      { pos: [0.0525, 0, 0], rot: Rx(90), axis: Z },
      { pos: [0.0775, -0.3425, 0], rot: Rx(90), axis: Z },
      { pos: [0, 0, 0], rot: Rx(90), axis: Z },
      { pos: [0.076, 0.097, 0], rot: Rx(-90), axis: Z },
    ],
    [0, 0, TCP.xarmGripper],
  ),
  // Facts §2.9; flange (0, 0, 0.0245) Rz(180) beyond right_l6.
  'rethink-sawyer': chainFk(
    [
      { pos: [0, 0, 0.08], axis: Z },
      { pos: [0.081, 0.05, 0.237], rot: Q(0.5, -0.5, 0.5, 0.5), axis: Z },
      { pos: [0, -0.14, 0.1425], rot: Rx(90), axis: Z },
      { pos: [0, -0.042, 0.26], rot: Rx(-90), axis: Z },
      { pos: [0, -0.125, -0.1265], rot: Rx(90), axis: Z },
      { pos: [0, 0.031, 0.275], rot: Rx(-90), axis: Z },
      { pos: [0, -0.11, 0.1053], rot: Q(0.0616, 0.0616, -0.7044, 0.7044), axis: Z },
    ],
    [0, 0, TCP.robotiq2f85],
    chainMul(trans(0, 0, 0.0245), Rz(180)),
  ),
  // Facts §2.10 official URDF (rpy rows); J4 and J6 turn about -z; pads along the J6 z axis.
  'agilex-piper': chainFk(
    [
      { pos: [0, 0, 0.123], rot: rpy(0, 0, -1.5708), axis: Z },
      { pos: [0, 0, 0], rot: rpy(1.5708, -0.10095, -1.5708), axis: Z },
      { pos: [0.28503, 0, 0], rot: rpy(0, 0, 1.3826), axis: Z },
      { pos: [0.021984, 0.25075, 0], rot: rpy(-1.5708, 0, 0), axis: NZ },
      { pos: [0, 0, 0], rot: rpy(1.5708, -0.087266, 0), axis: Z },
      { pos: [0, 0.091, 0.0014165], rot: rpy(-1.5708, -1.5708, 0), axis: NZ },
    ],
    [0, 0, TCP.piperGripper],
  ),
  // Facts §2.11 VX300s column: no body rotations; the gripper points along gripper_link +x.
  'viperx-300s': chainFk(
    [
      { pos: [0, 0, 0.079], axis: Z },
      { pos: [0, 0, 0.04805], axis: Y },
      { pos: [0.05955, 0, 0.3], axis: Y },
      { pos: [0.2, 0, 0], axis: X },
      { pos: [0.1, 0, 0], axis: Y },
      { pos: [0.069744, 0, 0], axis: X },
    ],
    [TCP.alohaGripper, 0, 0],
  ),
  // Facts §2.12 menagerie column: no body rotations; the flange face is 0.0618 beyond J6 along link06 x, where the
  // gripper's TCP continues along the same axis.
  'unitree-z1': chainFk(
    [
      { pos: [0, 0, 0.0585], axis: Z },
      { pos: [0, 0, 0.045], axis: Y },
      { pos: [-0.35, 0, 0], axis: Y },
      { pos: [0.218, 0, 0.057], axis: Y },
      { pos: [0.07, 0, 0], axis: Z },
      { pos: [0.0492, 0, 0], axis: X },
    ],
    [0.0618 + TCP.z1Gripper, 0, 0],
  ),
  // Facts §2.14 table (menagerie m1013.xml); flange = link_6 origin (the facts' assumption). Consistent with the
  // facts' own checks: candle flange height 1.4525, ready pose flange (0.559, 0.034, 0.651).
  'doosan-m1013': chainFk(
    [
      { pos: [0, 0, 0.1525], axis: Z },
      { pos: [0, 0.0345, 0], rot: Q(0.5, -0.5, -0.5, -0.5), axis: Z },
      { pos: [0.62, 0, 0], rot: Rz(90), axis: Z },
      { pos: [0, -0.559, 0], rot: Rx(90), axis: Z },
      { pos: [0, 0, 0], rot: Rx(-90), axis: Z },
      { pos: [0, -0.121, 0], rot: Rx(90), axis: Z },
    ],
    [0, 0, TCP.robotiq2f85],
  ),
};

/**
 * Robots whose wrist cannot point the tool straight down at a sensible home height (the facts' joint limits):
 * Piper J5 allows +-70 deg between tool and forearm. Their home tilts the tool.
 */
const HOME_TILT_ALLOWED_DEG: Record<string, number> = { 'agilex-piper': 35 };

// ---------------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------------

const robotDir = join(packageRoot, 'robots');
const files = readdirSync(robotDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const profiles: RobotProfile[] = files.map((f) =>
  parseDataText(robotProfileSchema, readFileSync(join(robotDir, f), 'utf8'), f),
);

function modelXml(profile: RobotProfile): string {
  const robot = compileRobot(profile, [0, 0, 0], 0, { selfCollision: true });
  return [
    `<mujoco model="profile-${profile.id}">`,
    '<compiler angle="radian" autolimits="true"/>',
    '<option timestep="0.002" integrator="implicitfast"/>',
    '<worldbody>',
    '<geom name="floor" type="plane" size="2 2 0.05"/>',
    robot.bodyXml,
    '</worldbody>',
    '<actuator>',
    robot.actuatorXml,
    '</actuator>',
    '</mujoco>',
  ].join('\n');
}

interface Loaded {
  sim: Simulation;
  binding: RobotBinding;
}
const loaded = new Map<string, Loaded>();
const loadErrors = new Map<string, string>();
/** Per-robot lines for the summary printed at the end (FK errors, home TCP). */
const summary = new Map<string, string>();

beforeAll(async () => {
  for (const profile of profiles) {
    try {
      const sim = await Simulation.fromXml(modelXml(profile));
      const robot = compileRobot(profile, [0, 0, 0], 0, { selfCollision: true });
      loaded.set(profile.id, { sim, binding: new RobotBinding(sim, robot.model) });
    } catch (err) {
      loadErrors.set(profile.id, (err as Error).message);
    }
  }
});
afterAll(() => {
  if (summary.size > 0)
    console.log(`Forward kinematics vs the facts tables:\n${[...summary.values()].join('\n')}`);
  for (const { sim, binding } of loaded.values()) {
    binding.delete();
    sim.delete();
  }
});

function get(id: string): Loaded {
  const l = loaded.get(id);
  if (!l) throw new Error(`${id} did not load: ${loadErrors.get(id)}`);
  return l;
}
const dist = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(
    (a[0] as number) - (b[0] as number),
    (a[1] as number) - (b[1] as number),
    (a[2] as number) - (b[2] as number),
  );
const fmt = (v: readonly number[]) => `(${v.map((x) => x.toFixed(3)).join(', ')})`;

/**
 * Contacts in the current state that a real arm could not have: between robot bodies that are not parent and
 * child (MuJoCo filters parent/child pairs, except a base welded to the world and its first link), and between
 * a moving robot body and the floor (the bench top). The base itself stands on the floor.
 */
function clashes(sim: Simulation, profile: RobotProfile): string[] {
  const { model, mj } = sim;
  const base = sim.id('body', `robot_${profile.links[0]?.name}`);
  const name = (body: number) => mj.mj_id2name(model, mj.mjtObj.mjOBJ_BODY.value, body) ?? '';
  const parent = (body: number) => model.body_parentid[body] as number;
  const out: string[] = [];
  for (const { geom1: g1, geom2: g2 } of sim.contacts()) {
    const b1 = model.geom_bodyid[g1] as number;
    const b2 = model.geom_bodyid[g2] as number;
    const robot1 = name(b1).startsWith('robot_');
    const robot2 = name(b2).startsWith('robot_');
    if (robot1 && robot2) {
      if (parent(b1) !== b2 && parent(b2) !== b1) out.push(`${name(b1)} x ${name(b2)}`);
    } else if (robot1 !== robot2) {
      const body = robot1 ? b1 : b2;
      if (body !== base) out.push(`${name(body)} x floor`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

describe('robot profiles', () => {
  it('covers every profile with an independent kinematic model', () => {
    expect(profiles.map((p) => `${p.id}.yaml`)).toEqual(files);
    expect(profiles.map((p) => p.id).filter((id) => !EXPECTED_TCP[id])).toEqual([]);
  });

  describe.each(profiles.map((p) => [p.id, p] as const))('%s', (id, profile) => {
    const dof = profile.links.filter((l) => l.joint).length;

    it('compiles in MuJoCo', () => {
      expect(loadErrors.get(id)).toBeUndefined();
      expect(get(id).binding.dof).toBe(dof);
    });

    it('has a home pose per joint, inside the joint limits', () => {
      expect(profile.homeRad).toHaveLength(dof);
      const joints = profile.links.flatMap((l) => (l.joint ? [l.joint] : []));
      joints.forEach((j, i) => {
        const q = profile.homeRad[i] as number;
        expect(q, j.name).toBeGreaterThanOrEqual(j.rangeRad[0] + 0.1);
        expect(q, j.name).toBeLessThanOrEqual(j.rangeRad[1] - 0.1);
      });
    });

    it('places the TCP where the published kinematics put it (q = 0 and home)', () => {
      const { binding } = get(id);
      const expected = EXPECTED_TCP[id] as (q: readonly number[]) => Vec3;
      const errorsMm: string[] = [];
      for (const q of [new Array<number>(dof).fill(0), profile.homeRad]) {
        const got = binding.probe(q).posM;
        const want = baseToMount(profile, expected(q));
        errorsMm.push((1000 * dist(got, want)).toFixed(2));
        expect(dist(got, want), `q=${fmt(q)} got ${fmt(got)} want ${fmt(want)}`).toBeLessThan(0.01);
      }
      const home = binding.probe(profile.homeRad).posM;
      summary.set(
        id,
        `${id.padEnd(18)} TCP error at q=0 ${errorsMm[0]} mm, at home ${errorsMm[1]} mm; home TCP ${fmt(home)}`,
      );
    });

    it('holds the tool over the bench, pointing down, at home', () => {
      const { posM, mat } = get(id).binding.probe(profile.homeRad);
      expect(posM[0]).toBeGreaterThan(0.15);
      expect(posM[0]).toBeLessThan(0.5);
      expect(Math.abs(posM[1])).toBeLessThan(0.03);
      expect(posM[2]).toBeGreaterThan(0.08);
      expect(posM[2]).toBeLessThan(0.45);
      // TCP z axis (third column) against world -z.
      const down = -(mat[8] as number);
      const tilt = Math.acos(Math.min(1, down)) / D;
      expect(tilt).toBeLessThan(HOME_TILT_ALLOWED_DEG[id] ?? 2);
    });

    it('centres the TCP between the pads and opens them by the stroke', () => {
      const { sim, binding } = get(id);
      const { model, data } = sim;
      const padCentre = (g: number) => [0, 1, 2].map((k) => data.geom_xpos[3 * g + k] as number);
      const padHalfThickness = (g: number) => model.geom_size[3 * g + 1] as number;
      const [a, b] = binding.padGeoms as [number, number];
      const openings = profile.gripper.type === 'rotary-jaw' ? [0] : [0, profile.gripper.strokeM / 2];
      for (const opening of openings) {
        binding.resetArm(profile.homeRad, opening);
        const mid = [0, 1, 2].map((k) => ((padCentre(a)[k] as number) + (padCentre(b)[k] as number)) / 2);
        expect(dist(mid, binding.tcpPose().posM), `opening ${opening}`).toBeLessThan(0.002);
      }
      binding.resetArm(profile.homeRad, profile.gripper.strokeM);
      const gap = dist(padCentre(a), padCentre(b)) - padHalfThickness(a) - padHalfThickness(b);
      expect(Math.abs(gap - profile.gripper.strokeM)).toBeLessThan(0.005);
    });

    it('holds its home pose under its own servos', () => {
      const { sim, binding } = get(id);
      binding.resetArm(profile.homeRad, profile.gripper.strokeM);
      sim.step(250);
      expect(sim.isUnstable()).toBe(false);
      const drift = Math.max(
        ...binding.armPositions().map((q, i) => Math.abs(q - (profile.homeRad[i] as number))),
      );
      expect(drift).toBeLessThan(0.02);
    });

    it('has no self-collision at home', () => {
      const { sim, binding } = get(id);
      binding.resetArm(profile.homeRad, profile.gripper.strokeM);
      expect(clashes(sim, profile)).toEqual([]);
    });
  });

  it('IK reaches at least 95% of the reachable bench grid from home', () => {
    const rows: string[] = [];
    const failures: string[] = [];
    for (const profile of profiles) {
      if (!loaded.has(profile.id)) continue;
      const { sim, binding } = get(profile.id);
      const reach = profile.reachM;
      const home = binding.probe(profile.homeRad);
      // The shoulder: origin of the second moving link (the first horizontal axis on every arm here), at home.
      const movingLinks = profile.links.filter((l) => l.joint);
      const shoulderBody = sim.id('body', `robot_${movingLinks[1]?.name}`);
      binding.resetArm(profile.homeRad, profile.gripper.strokeM);
      const shoulder = [0, 1, 2].map((k) => sim.data.xpos[3 * shoulderBody + k] as number) as Vec3;
      const yawOffset = handYaw(home.mat) - Math.atan2(home.posM[1], home.posM[0]);
      let grid = 0;
      let solved = 0;
      let reachable = 0;
      const lin = (a: number, b: number, n: number) =>
        Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
      for (const x of lin(0.2 * reach, 0.8 * reach, 6))
        for (const y of lin(-0.5 * reach, 0.5 * reach, 5))
          for (const z of lin(0.05, 0.3, 4)) {
            const target: Vec3 = [x, y, z];
            if (dist(target, shoulder) >= 0.85 * reach) continue;
            grid++;
            const mat = topDownFrameAtYaw(Math.atan2(y, x) + yawOffset);
            const ik = solveIk(binding, { posM: target, mat }, profile.homeRad, {
              posture: profile.homeRad,
              iterations: 150,
            });
            if (ik.converged && feasible(sim, binding, profile, ik.q)) {
              solved++;
              reachable++;
              continue;
            }
            // Count the target against the solver only if some collision-free configuration reaches it.
            if (reachableFromSomewhere(sim, binding, profile, target, mat)) reachable++;
          }
      const fraction = reachable > 0 ? solved / reachable : 1;
      rows.push(
        `${profile.id.padEnd(18)} grid ${String(grid).padStart(3)}  reachable tool-down ${String(reachable).padStart(3)}  solved from home ${String(solved).padStart(3)}  = ${(100 * fraction).toFixed(1)}% (of grid ${((100 * solved) / Math.max(grid, 1)).toFixed(1)}%)`,
      );
      const floor = 0.95;
      if (fraction < floor) failures.push(`${profile.id}: ${(100 * fraction).toFixed(1)}% < ${100 * floor}%`);
    }
    console.log(`IK coverage of the bench grid (tool down, yaw = target azimuth):\n${rows.join('\n')}`);
    expect(failures).toEqual([]);
  });
});

/** True when joint angles q put the arm (gripper open) clear of itself and of the bench. */
function feasible(
  sim: Simulation,
  binding: RobotBinding,
  profile: RobotProfile,
  q: readonly number[],
): boolean {
  binding.resetArm(q, profile.gripper.strokeM);
  return clashes(sim, profile).length === 0;
}

/** Whether some configuration within the joint limits, free of collisions, reaches the pose (seeded search). */
function reachableFromSomewhere(
  sim: Simulation,
  binding: RobotBinding,
  profile: RobotProfile,
  target: Vec3,
  mat: number[],
): boolean {
  const rng = createRng(deriveSeed('ik-oracle', profile.id, ...target));
  for (let attempt = 0; attempt < 16; attempt++) {
    const seed = binding.lowerRad.map((lo, k) => {
      const hi = binding.upperRad[k] as number;
      return rng.uniform(lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo));
    });
    const ik = solveIk(binding, { posM: target, mat }, seed, { iterations: 200 });
    if (ik.converged && feasible(sim, binding, profile, ik.q)) return true;
  }
  return false;
}
