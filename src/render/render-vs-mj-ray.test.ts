// Ground truth: rendered depth and segmentation agree with MuJoCo's mj_ray pixel by pixel.

import loadMujoco from 'mujoco-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchArmPose, benchSceneXml, lookAtXyAxes } from '../bench/render-bench.js';
import { mujocoSceneArrays } from '../sim/sim-render.js';
import { cameraFromMujoco } from './camera.js';
import { sceneFromMujocoArrays } from './render-scene.js';
import { createRenderer, renderCamera } from './renderer.js';

type Mujoco = Awaited<ReturnType<typeof loadMujoco>>;
type Model = InstanceType<Mujoco['MjModel']>;
type Data = InstanceType<Mujoco['MjData']>;

/** Groups drawn by the renderer and cast against by mj_ray: 0-2 visual, 3 (collision) hidden. */
const VISIBLE_GROUPS = [0, 1, 2];
const RAY_GEOMGROUP = [1, 1, 1, 0, 0, 0];

const closeUpPos = [0.32, -0.2, 0.62] as const;
const wristPos = [0, 0, 0] as const;

/**
 * Every primitive at varied poses: infinite floor, finite tilted wall, rotated boxes, tilted
 * capsule and cylinder, an ellipsoid, occluding objects, plus geoms mj_ray must skip (alpha 0,
 * material alpha 0, group 3) and a free body to move.
 */
const MIXED_XML = `<mujoco>
  <asset>
    <material name="blue" rgba=".2 .3 .9 1"/>
    <material name="ghost" rgba="0 1 0 0"/>
  </asset>
  <worldbody>
    <light pos="0 -1 3" dir="0 .3 -1" cutoff="70" exponent="3"/>
    <light directional="true" dir="1 1 -1" diffuse=".3 .3 .3" ambient=".1 .1 .1"/>
    <geom name="floor" type="plane" size="0 0 .1" rgba=".6 .6 .55 1"/>
    <geom name="wall" type="plane" size=".6 .4 .1" pos="-.9 .2 .5" euler="0 70 10" rgba=".8 .8 .9 1"/>
    <geom name="table" type="box" size=".5 .35 .02" pos="0 0 .4" euler="0 0 10" rgba=".7 .6 .4 1"/>
    <geom name="tilted_box" type="box" size=".08 .05 .03" pos=".1 -.05 .5" euler="30 20 45" material="blue"/>
    <geom name="capsule" type="capsule" size=".03 .1" pos="-.15 .1 .52" euler="0 60 30" rgba=".9 .3 .3 1"/>
    <geom name="cylinder" type="cylinder" size=".05 .07" pos=".25 .15 .5" euler="45 0 20" rgba=".3 .9 .3 1"/>
    <geom name="ellipsoid" type="ellipsoid" size=".08 .05 .12" pos="-.3 -.15 .55" euler="20 -30 60" rgba=".9 .9 .2 1"/>
    <geom name="hidden_sphere" type="sphere" size=".06" pos=".12 .12 .48" rgba=".2 .8 .8 1"/>
    <geom name="front_box" type="box" size=".04 .12 .06" pos=".2 .0 .48" euler="0 0 -15" rgba=".5 .2 .6 1"/>
    <geom name="upright_cyl" type="cylinder" size=".03 .09" pos="-.05 -.2 .51" rgba=".4 .4 .9 1"/>
    <geom name="invisible" type="box" size=".1 .1 .1" pos="0 -.2 .6" rgba="1 0 0 0"/>
    <geom name="ghost_mat" type="sphere" size=".08" pos="-.1 0 .7" material="ghost" rgba="1 0 0 1"/>
    <geom name="collision_only" type="capsule" size=".05 .2" pos=".0 .0 .6" euler="90 0 0" group="3"/>
    <geom name="back_facing" type="plane" size=".3 .2 .1" pos=".3 .4 .7" euler="-90 0 0" rgba=".9 .2 .9 1"/>
    <body name="mover" pos="-.05 .2 .48">
      <freejoint name="mover"/>
      <geom name="mover_geom" type="sphere" size=".05" rgba="1 .5 0 1"/>
    </body>
    <body name="arm" pos=".35 -.25 .42">
      <joint name="swing" type="hinge" axis="0 0 1"/>
      <geom type="capsule" size=".015 .1" pos="0 0 .1" rgba=".8 .8 .8 1"/>
      <body name="wrist_body" pos="0 0 .22" euler="0 -60 0">
        <joint name="tilt" type="hinge" axis="0 1 0"/>
        <geom type="box" size=".02 .03 .01" rgba=".2 .2 .2 1"/>
        <camera name="wrist" pos="${wristPos.join(' ')}" xyaxes="0 1 0 -1 0 0" fovy="70"/>
      </body>
    </body>
    <camera name="overview" pos="1.1 -1.0 1.3" xyaxes="${lookAtXyAxes([1.1, -1.0, 1.3], [0, 0, 0.45])}" fovy="45"/>
    <camera name="close" pos="${closeUpPos.join(' ')}" xyaxes="${lookAtXyAxes(closeUpPos, [0.12, -0.03, 0.5])}" fovy="60"/>
  </worldbody>
</mujoco>`;

/** A camera inside a solid box "room": mj_ray then reports where rays leave the box. */
const ROOM_XML = `<mujoco>
  <worldbody>
    <geom name="room" type="box" size=".8 .8 .5" pos="0 0 .5" rgba=".7 .7 .75 1"/>
    <geom type="sphere" size=".1" pos=".2 .3 .3" rgba=".9 .2 .2 1"/>
    <geom type="cylinder" size=".05 .2" pos="-.2 .4 .4" euler="30 0 0" rgba=".2 .9 .2 1"/>
    <geom type="ellipsoid" size=".15 .05 .1" pos="0 .5 .7" euler="0 40 0" rgba=".2 .2 .9 1"/>
    <camera name="inside" pos=".3 -.3 .6" xyaxes="${lookAtXyAxes([0.3, -0.3, 0.6], [0, 0.4, 0.4])}" fovy="80"/>
  </worldbody>
</mujoco>`;

let mj: Mujoco;
let file = 0;

function load(xml: string): { m: Model; d: Data } {
  const path = `/render-test/scene-${file++}.xml`;
  mj.FS.writeFile(path, xml);
  const m = mj.MjModel.loadFromXML(path);
  const d = new mj.MjData(m);
  mj.mj_forward(m, d);
  return { m, d };
}

function sceneOf(m: Model, d: Data) {
  return sceneFromMujocoArrays(
    mujocoSceneArrays(m as unknown as { ngeom: number }, d as unknown as Record<string, unknown>),
    { visibleGroups: VISIBLE_GROUPS },
  );
}

function cameraOf(m: Model, d: Data, name: string) {
  const id = mj.mj_name2id(m, mj.mjtObj.mjOBJ_CAMERA.value, name);
  return cameraFromMujoco(
    d.cam_xpos as Float64Array,
    d.cam_xmat as Float64Array,
    m.cam_fovy as Float64Array,
    id,
  );
}

interface Agreement {
  pixels: number;
  depthAgree: number;
  segAgree: number;
  hits: number;
}

/**
 * Casts mj_ray through every pixel centre, building each ray independently of the renderer:
 * pixel (i, j) with row 0 at the top looks along the camera-frame direction
 * ((2(i+.5)/W - 1) tan(fovy/2) W/H, (1 - 2(j+.5)/H) tan(fovy/2), -1).
 */
function compareWithMjRay(m: Model, d: Data, camName: string, width: number, height: number): Agreement {
  const cam = cameraOf(m, d, camName);
  const out = renderCamera(sceneOf(m, d), cam, { width, height, depth: true, segmentation: true });
  const depth = out.depth as Float32Array;
  const seg = out.segmentation as Int32Array;
  const gid = new mj.IntBuffer(1);
  const camId = mj.mj_name2id(m, mj.mjtObj.mjOBJ_CAMERA.value, camName);
  const pos = Array.from((d.cam_xpos as Float64Array).subarray(3 * camId, 3 * camId + 3));
  const R = (d.cam_xmat as Float64Array).subarray(9 * camId, 9 * camId + 9);
  const tanY = Math.tan((((m.cam_fovy as Float64Array)[camId] as number) * Math.PI) / 360);
  const tanX = (tanY * width) / height;
  const r = (k: number) => R[k] as number;
  let depthAgree = 0;
  let segAgree = 0;
  let hits = 0;
  try {
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const x = ((2 * (i + 0.5)) / width - 1) * tanX;
        const y = (1 - (2 * (j + 0.5)) / height) * tanY;
        const w = [r(0) * x + r(1) * y - r(2), r(3) * x + r(4) * y - r(5), r(6) * x + r(7) * y - r(8)];
        const n = Math.hypot(w[0] as number, w[1] as number, w[2] as number);
        const dir = w.map((v) => v / n);
        const dist = mj.mj_ray(m, d, pos, dir, RAY_GEOMGROUP, 1, -1, gid);
        const truthId = gid.GetView()[0] as number;
        const p = j * width + i;
        const ours = depth[p] as number;
        if (dist < 0) {
          if (ours === Number.POSITIVE_INFINITY) depthAgree++;
        } else {
          hits++;
          if (Math.abs(ours - dist) <= Math.max(0.003, 0.005 * dist)) depthAgree++;
        }
        if (seg[p] === truthId) segAgree++;
      }
    }
  } finally {
    gid.delete();
  }
  return { pixels: width * height, depthAgree, segAgree, hits };
}

beforeAll(async () => {
  mj = await loadMujoco();
  mj.FS.mkdir('/render-test');
});

describe('renderer agrees with mj_ray', () => {
  let mixed: { m: Model; d: Data };
  let bench: { m: Model; d: Data };
  let room: { m: Model; d: Data };
  beforeAll(() => {
    mixed = load(MIXED_XML);
    // Move the wrist so its camera looks down across the table at an angle.
    const swing = mj.mj_name2id(mixed.m, mj.mjtObj.mjOBJ_JOINT.value, 'swing');
    const tilt = mj.mj_name2id(mixed.m, mj.mjtObj.mjOBJ_JOINT.value, 'tilt');
    const qpos = mixed.d.qpos as Float64Array;
    const adr = mixed.m.jnt_qposadr as Int32Array;
    qpos[adr[swing] as number] = 2.4;
    qpos[adr[tilt] as number] = -0.3;
    for (let s = 0; s < 50; s++) mj.mj_step(mixed.m, mixed.d);
    mj.mj_forward(mixed.m, mixed.d);

    bench = load(benchSceneXml());
    const names = ['j1', 'j2', 'j3', 'j4', 'j5', 'j6', 'fl', 'fr'];
    benchArmPose(0.3).forEach((q, i) => {
      const jid = mj.mj_name2id(bench.m, mj.mjtObj.mjOBJ_JOINT.value, names[i] as string);
      (bench.d.qpos as Float64Array)[(bench.m.jnt_qposadr as Int32Array)[jid] as number] = q;
    });
    mj.mj_forward(bench.m, bench.d);
    room = load(ROOM_XML);
  });
  afterAll(() => {
    for (const s of [mixed, bench, room]) {
      s.d.delete();
      s.m.delete();
    }
  });

  const cases: Array<[string, () => { m: Model; d: Data }, string, number, number]> = [
    ['mixed primitives, overview looking down at an angle', () => mixed, 'overview', 224, 224],
    ['mixed primitives, close-up with occlusion', () => mixed, 'close', 224, 224],
    ['mixed primitives, wrist camera on a moving body, 4:3 image', () => mixed, 'wrist', 160, 120],
    ['bench scene, overview', () => bench, 'overview', 224, 224],
    ['bench scene, wrist camera', () => bench, 'wrist', 224, 224],
    ['camera inside a box', () => room, 'inside', 160, 120],
  ];
  for (const [title, get, cam, w, h] of cases) {
    it(title, () => {
      const { m, d } = get();
      const a = compareWithMjRay(m, d, cam, w, h);
      console.log(
        `${title}: depth ${((100 * a.depthAgree) / a.pixels).toFixed(3)}%, segmentation ${((100 * a.segAgree) / a.pixels).toFixed(3)}% of ${a.pixels} px (${a.hits} hits)`,
      );
      expect(a.hits).toBeGreaterThan(a.pixels * 0.3);
      expect(a.depthAgree / a.pixels).toBeGreaterThanOrEqual(0.99);
      expect(a.segAgree / a.pixels).toBeGreaterThanOrEqual(0.99);
    });
  }
});

describe('rgb images', () => {
  let scene: { m: Model; d: Data };
  beforeAll(() => {
    scene = load(MIXED_XML);
  });
  afterAll(() => {
    scene.d.delete();
    scene.m.delete();
  });

  it('shows a lit, varied scene and changes when an object moves', () => {
    const { m, d } = scene;
    const camera = cameraOf(m, d, 'overview');
    const before = renderCamera(sceneOf(m, d), camera, { width: 224, height: 224, segmentation: true });
    const colours = new Set<number>();
    for (let p = 0; p < 224 * 224; p++) {
      colours.add(
        ((before.rgb[3 * p] as number) << 16) |
          ((before.rgb[3 * p + 1] as number) << 8) |
          (before.rgb[3 * p + 2] as number),
      );
    }
    expect(colours.size).toBeGreaterThan(50);
    const mover = mj.mj_name2id(m, mj.mjtObj.mjOBJ_GEOM.value, 'mover_geom');
    expect(before.segmentation?.includes(mover)).toBe(true);

    // Slide the free body 15 cm along the table.
    const joint = mj.mj_name2id(m, mj.mjtObj.mjOBJ_JOINT.value, 'mover');
    const adr = (m.jnt_qposadr as Int32Array)[joint] as number;
    (d.qpos as Float64Array)[adr] = ((d.qpos as Float64Array)[adr] as number) + 0.15;
    mj.mj_forward(m, d);
    const after = renderCamera(sceneOf(m, d), camera, { width: 224, height: 224 });
    let changed = 0;
    for (let p = 0; p < 224 * 224; p++) {
      if (after.rgb[3 * p] !== before.rgb[3 * p] || after.rgb[3 * p + 1] !== before.rgb[3 * p + 1]) changed++;
    }
    expect(changed).toBeGreaterThan(200);
    const again = renderCamera(sceneOf(m, d), camera, { width: 224, height: 224 });
    expect(Buffer.compare(Buffer.from(again.rgb), Buffer.from(after.rgb))).toBe(0);
  });

  it('reuses one renderer for several cameras without cross-talk', () => {
    const { m, d } = scene;
    const r = createRenderer(96, 96);
    const cams = ['overview', 'close', 'wrist'].map((name) => cameraOf(m, d, name));
    const s = sceneOf(m, d);
    const once = cams.map((c) => r.render(s, c, { depth: true }).rgb.slice());
    const twice = cams.map((c) => r.render(s, c, { depth: true }).rgb.slice());
    for (let i = 0; i < cams.length; i++)
      expect(Buffer.compare(Buffer.from(once[i] as Uint8Array), Buffer.from(twice[i] as Uint8Array))).toBe(0);
  });
});
