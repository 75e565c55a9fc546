// Render benchmark: frames/s of the ray-casting renderer on a ~60-geom lab bench scene, plus PNG encode cost.
//
// Run after `npm run build`: node dist/bench/render-bench.js [frames per camera]. Prints
// measurements only, never asserts on time: timings on a shared machine are noisy, so each case
// runs in batches and the median and best batch are reported.

import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import loadMujoco from 'mujoco-js';
import {
  type Camera,
  cameraFromMujoco,
  createRenderer,
  encodePng,
  type MujocoSceneArrays,
  type RenderScene,
  sceneFromMujocoArrays,
} from '../render/index.js';
import { cameraXyAxes } from '../motion/math3d.js';
import { mujocoSceneArrays } from '../sim/sim-render.js';

type V3 = readonly [number, number, number];

/** `xyaxes` for a camera at `pos` looking at `target` with world +z up (MuJoCo cameras look along -z). */
export function lookAtXyAxes(pos: V3, target: V3): string {
  return cameraXyAxes([...pos], [...target])
    .flat()
    .map((v) => v.toFixed(6))
    .join(' ');
}

/** A visual geom plus its collision twin in group 3, as robot and asset fragments are written. */
function withCollision(visual: string): string {
  const collision = visual.replace(/rgba="[^"]*"/, 'rgba=".5 .5 .5 1"').replace('<geom ', '<geom group="3" ');
  return `${visual}\n${collision}`;
}

/**
 * MJCF of a lab bench: floor, back wall, table, centrifuge, tube rack, plates, glassware and a
 * 6-joint arm with a two-finger hand and a wrist camera. About 60 drawn geoms (more in group 3).
 */
export function benchSceneXml(): string {
  const tubes: string[] = [];
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 5; c++) {
      const type = (r + c) % 2 === 0 ? 'capsule' : 'cylinder';
      tubes.push(
        `<geom type="${type}" size=".008 .04" pos="${(-0.04 + 0.02 * c).toFixed(3)} ${(-0.012 + 0.024 * r).toFixed(3)} .05" rgba=".85 .9 .95 1"/>`,
      );
    }
  }
  const overviewPos: V3 = [1.05, -0.95, 1.45];
  return `<mujoco model="render-bench">
  <option timestep="0.002"/>
  <asset><material name="steel" rgba=".6 .62 .65 1"/></asset>
  <worldbody>
    <light name="sun" directional="true" dir="-.3 .4 -1" diffuse=".35 .35 .35" ambient=".1 .1 .1"/>
    <light name="lamp" pos="0 -.2 2" dir="0 .1 -1" cutoff="50" exponent="4" diffuse=".45 .45 .42"/>
    <geom name="floor" type="plane" size="0 0 .05" rgba=".55 .55 .5 1"/>
    <geom name="wall" type="plane" size="1.5 1 .05" pos="0 .7 1" euler="90 0 0" rgba=".8 .82 .85 1"/>
    <body name="table" pos="0 0 .75">
      <geom type="box" size=".8 .45 .025" rgba=".75 .7 .6 1"/>
      ${[-1, 1].flatMap((sx) => [-1, 1].map((sy) => `<geom type="cylinder" size=".025 .36" pos="${0.75 * sx} ${0.4 * sy} -.385" material="steel"/>`)).join('\n      ')}
      <geom type="box" size=".78 .02 .15" pos="0 .43 .175" rgba=".7 .65 .55 1"/>
      <geom type="box" size=".78 .12 .012" pos="0 .33 .33" rgba=".7 .65 .55 1"/>
    </body>
    <body name="centrifuge" pos=".35 .12 .775">
      ${withCollision('<geom type="cylinder" size=".14 .08" pos="0 0 .08" rgba=".9 .9 .92 1"/>')}
      <geom type="box" size=".05 .03 .04" pos="0 -.15 .05" euler="-20 0 0" rgba=".2 .25 .3 1"/>
      <geom type="sphere" size=".015" pos=".06 -.16 .05" rgba=".8 .1 .1 1"/>
      <body name="lid" pos="0 .14 .16">
        <joint name="lid_hinge" type="hinge" axis="1 0 0" range="0 1.8"/>
        ${withCollision('<geom type="cylinder" size=".135 .012" pos="0 -.14 .012" rgba=".3 .5 .8 1"/>')}
        <geom type="capsule" size=".01 .04" pos="0 -.27 .03" euler="0 90 0" rgba=".2 .2 .2 1"/>
      </body>
    </body>
    <body name="rack" pos="-.25 .15 .775" euler="0 0 15">
      <geom type="box" size=".065 .03 .02" pos="0 0 .02" rgba=".2 .4 .8 1"/>
      ${tubes.join('\n      ')}
    </body>
    <body name="plate" pos="-.05 -.05 .775" euler="0 0 -10">
      <freejoint/>
      ${withCollision('<geom type="box" size=".064 .043 .008" pos="0 0 .008" rgba=".95 .95 .9 1"/>')}
    </body>
    <body name="beaker" pos=".1 .25 .775">
      <geom type="cylinder" size=".04 .06" pos="0 0 .06" rgba=".7 .85 .9 1"/>
    </body>
    <body name="bottle" pos="-.5 .2 .775">
      <geom type="cylinder" size=".035 .08" pos="0 0 .08" rgba=".5 .3 .2 1"/>
      <geom type="capsule" size=".015 .02" pos="0 0 .19" rgba=".1 .1 .1 1"/>
    </body>
    <body name="flask" pos="-.4 -.1 .775">
      <geom type="ellipsoid" size=".06 .06 .045" pos="0 0 .045" rgba=".8 .9 .7 1"/>
      <geom type="cylinder" size=".015 .04" pos="0 0 .12" rgba=".8 .9 .7 1"/>
    </body>
    <body name="dishes" pos=".15 -.2 .775">
      <geom type="cylinder" size=".045 .006" pos="0 0 .006" rgba=".9 .9 .6 1"/>
      <geom type="cylinder" size=".045 .006" pos="0 0 .018" rgba=".9 .7 .6 1"/>
    </body>
    <body name="pipette" pos="-.15 -.25 .79" euler="0 80 30">
      <geom type="capsule" size=".008 .09" rgba=".9 .9 .9 1"/>
      <geom type="cylinder" size=".012 .02" pos="0 0 .1" rgba=".9 .3 .3 1"/>
    </body>
    <body name="ice" pos=".55 -.25 .775">
      <geom type="box" size=".08 .06 .04" pos="0 0 .04" rgba=".95 .95 1 1"/>
      <geom type="sphere" size=".02" pos=".03 0 .085" rgba=".6 .8 1 1"/>
      <geom type="sphere" size=".02" pos="-.03 .01 .085" rgba=".6 .8 1 1"/>
    </body>
    <body name="tip_box" pos=".3 -.1 .775" euler="0 0 -25">
      <geom type="box" size=".05 .035 .03" pos="0 0 .03" rgba=".25 .3 .35 1"/>
      ${[0, 1, 2].flatMap((c) => [0, 1].map((r) => `<geom type="cylinder" size=".006 .012" pos="${(-0.03 + 0.03 * c).toFixed(2)} ${(-0.015 + 0.03 * r).toFixed(3)} .072" rgba=".95 .85 .2 1"/>`)).join('\n      ')}
    </body>
    <body name="vortex" pos="-.6 -.2 .775">
      <geom type="box" size=".05 .06 .03" pos="0 0 .03" rgba=".85 .85 .88 1"/>
      <geom type="ellipsoid" size=".025 .025 .012" pos="0 .01 .068" rgba=".1 .1 .1 1"/>
    </body>
    <body name="shelf_items" pos="0 .33 1.092">
      <geom type="box" size=".06 .05 .07" pos="-.5 0 .07" rgba=".3 .6 .3 1"/>
      <geom type="cylinder" size=".04 .09" pos="-.3 0 .09" rgba=".6 .3 .6 1"/>
      <geom type="box" size=".1 .06 .05" pos=".4 0 .05" euler="0 0 20" rgba=".9 .6 .2 1"/>
    </body>
    <body name="arm_base" pos="0 -.33 .775">
      ${withCollision('<geom type="cylinder" size=".06 .04" pos="0 0 .04" rgba=".25 .25 .28 1"/>')}
      <body name="link1" pos="0 0 .08">
        <joint name="j1" type="hinge" axis="0 0 1"/>
        ${withCollision('<geom type="capsule" size=".045 .06" pos="0 0 .06" rgba=".92 .92 .92 1"/>')}
        <body name="link2" pos="0 0 .12">
          <joint name="j2" type="hinge" axis="1 0 0"/>
          ${withCollision('<geom type="capsule" size=".04 .12" pos="0 0 .12" rgba=".92 .92 .92 1"/>')}
          <geom type="cylinder" size=".05 .05" euler="0 90 0" rgba=".25 .25 .28 1"/>
          <body name="link3" pos="0 0 .24">
            <joint name="j3" type="hinge" axis="1 0 0"/>
            ${withCollision('<geom type="capsule" size=".035 .1" pos="0 0 .1" rgba=".92 .92 .92 1"/>')}
            <geom type="cylinder" size=".045 .045" euler="0 90 0" rgba=".25 .25 .28 1"/>
            <body name="link4" pos="0 0 .2">
              <joint name="j4" type="hinge" axis="1 0 0"/>
              ${withCollision('<geom type="capsule" size=".03 .04" pos="0 0 .04" rgba=".92 .92 .92 1"/>')}
              <body name="link5" pos="0 0 .08">
                <joint name="j5" type="hinge" axis="0 0 1"/>
                ${withCollision('<geom type="cylinder" size=".035 .02" pos="0 0 .02" rgba=".25 .25 .28 1"/>')}
                <body name="hand" pos="0 0 .04">
                  <joint name="j6" type="hinge" axis="0 0 1"/>
                  ${withCollision('<geom type="box" size=".02 .06 .015" pos="0 0 .015" rgba=".3 .3 .33 1"/>')}
                  <camera name="wrist" pos=".045 0 .02" xyaxes="0 1 0 1 0 0" fovy="75"/>
                  <body name="finger_l" pos="0 .03 .03">
                    <joint name="fl" type="slide" axis="0 1 0" range="0 .03"/>
                    ${withCollision('<geom type="box" size=".01 .006 .03" pos="0 0 .03" rgba=".15 .15 .15 1"/>')}
                  </body>
                  <body name="finger_r" pos="0 -.03 .03">
                    <joint name="fr" type="slide" axis="0 -1 0" range="0 .03"/>
                    ${withCollision('<geom type="box" size=".01 .006 .03" pos="0 0 .03" rgba=".15 .15 .15 1"/>')}
                  </body>
                </body>
              </body>
            </body>
          </body>
        </body>
      </body>
    </body>
    <camera name="overview" pos="${overviewPos.join(' ')}" xyaxes="${lookAtXyAxes(overviewPos, [0, 0, 0.8])}" fovy="50"/>
  </worldbody>
</mujoco>`;
}

/** Arm joint angles (j1..j6, fingers) at phase s in [0, 1): a slow reach over the bench. */
export function benchArmPose(s: number): number[] {
  const w = 2 * Math.PI * s;
  return [
    0.5 * Math.sin(w),
    -0.45 - 0.15 * Math.sin(w),
    -1.0 - 0.15 * Math.cos(w),
    -0.9,
    0.3 * Math.sin(2 * w),
    0,
    0.015,
    0.015,
  ];
}

/** Median and minimum of per-batch averages: the median is typical, the minimum is closest to an idle machine. */
function summarize(batchMs: number[]): { median: number; best: number } {
  const sorted = [...batchMs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, best: sorted[0] ?? Number.NaN };
}

function timeBatches(
  batches: number,
  perBatch: number,
  run: (i: number) => void,
): { median: number; best: number } {
  const ms: number[] = [];
  let i = 0;
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let f = 0; f < perBatch; f++) run(i++);
    ms.push((performance.now() - t0) / perBatch);
  }
  return summarize(ms);
}

function fmt(label: string, t: { median: number; best: number }): string {
  return `${label}: ${t.median.toFixed(3)} ms/frame median (${(1000 / t.median).toFixed(0)} frames/s per core), best batch ${t.best.toFixed(3)} ms (${(1000 / t.best).toFixed(0)} frames/s)`;
}

type Mujoco = Awaited<ReturnType<typeof loadMujoco>>;

/** Median ms of mj_multiRay over every pixel ray of `camera` (unit directions, as it expects). */
function multiRayMs(
  mj: Mujoco,
  m: InstanceType<Mujoco['MjModel']>,
  d: InstanceType<Mujoco['MjData']>,
  camera: Camera,
  size: number,
  runs: number,
): number {
  const n = size * size;
  const dirs = new Float64Array(3 * n);
  const tanY = Math.tan((camera.fovyDeg * Math.PI) / 360);
  const r = camera.mat;
  for (let j = 0, p = 0; j < size; j++) {
    for (let i = 0; i < size; i++, p++) {
      const x = ((2 * (i + 0.5)) / size - 1) * tanY;
      const y = (1 - (2 * (j + 0.5)) / size) * tanY;
      const wx = r[0] * x + r[1] * y - r[2];
      const wy = r[3] * x + r[4] * y - r[5];
      const wz = r[6] * x + r[7] * y - r[8];
      const len = Math.hypot(wx, wy, wz);
      dirs[3 * p] = wx / len;
      dirs[3 * p + 1] = wy / len;
      dirs[3 * p + 2] = wz / len;
    }
  }
  const geomid = new mj.IntBuffer(n);
  const dist = new mj.DoubleBuffer(n);
  const ms: number[] = [];
  try {
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      mj.mj_multiRay(
        m,
        d,
        [...camera.pos],
        dirs as never,
        Uint8Array.from([1, 1, 1, 0, 0, 0]),
        1,
        -1,
        geomid,
        dist,
        n,
        1e9,
      );
      ms.push(performance.now() - t0);
    }
  } finally {
    geomid.delete();
    dist.delete();
  }
  return summarize(ms).median;
}

async function main(): Promise<void> {
  const framesPerCamera = Number(process.argv[2] ?? 600);
  const batches = 10;
  const perBatch = Math.max(1, Math.round(framesPerCamera / batches));
  const size = 224;
  const mj = await loadMujoco();
  mj.FS.mkdir('/bench');
  mj.FS.writeFile('/bench/scene.xml', benchSceneXml());
  const m = mj.MjModel.loadFromXML('/bench/scene.xml');
  const d = new mj.MjData(m);
  try {
    const camNames = ['overview', 'wrist'];
    const camIds = camNames.map((name) => mj.mj_name2id(m, mj.mjtObj.mjOBJ_CAMERA.value, name));
    const qposAdr = ['j1', 'j2', 'j3', 'j4', 'j5', 'j6', 'fl', 'fr'].map(
      (name) => (m.jnt_qposadr as Int32Array)[mj.mj_name2id(m, mj.mjtObj.mjOBJ_JOINT.value, name)] as number,
    );
    // Scenes for a sweep of arm poses are prepared before timing, so the timed loops measure the
    // renderer alone; building a scene from the arrays is timed separately.
    const poses = 60;
    const frames: Array<{ arrays: MujocoSceneArrays; scene: RenderScene; cams: Camera[] }> = [];
    for (let f = 0; f < poses; f++) {
      benchArmPose(f / poses).forEach((q, i) => {
        (d.qpos as Float64Array)[qposAdr[i] as number] = q;
      });
      mj.mj_forward(m, d);
      const live = mujocoSceneArrays(
        m as unknown as { ngeom: number },
        d as unknown as Record<string, unknown>,
      );
      // mjData arrays are views into the WASM heap: copy the ones that change per pose.
      const arrays = {
        ...live,
        geom_xpos: Float64Array.from(live.geom_xpos),
        geom_xmat: Float64Array.from(live.geom_xmat),
      };
      const scene = sceneFromMujocoArrays(arrays, { visibleGroups: [0, 1, 2] });
      const cams = camIds.map((id) =>
        cameraFromMujoco(
          d.cam_xpos as Float64Array,
          d.cam_xmat as Float64Array,
          m.cam_fovy as Float64Array,
          id,
        ),
      );
      frames.push({ arrays, scene, cams });
    }
    const at = (i: number) => frames[i % poses] as (typeof frames)[number];
    const drawn = at(0).scene.geomCount;
    console.log(
      `render bench: ${m.ngeom} geoms (${drawn} drawn, groups 0-2), ${size}x${size}, ${poses} arm poses, ` +
        `${batches} batches x ${perBatch} frames per case; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), one thread`,
    );

    const renderer = createRenderer(size, size);
    const full = { depth: true, segmentation: true };
    for (let i = 0; i < 200; i++) for (const cam of at(i).cams) renderer.render(at(i).scene, cam, full);

    const medians: number[] = [];
    for (let c = 0; c < camNames.length; c++) {
      const rgbOnly = timeBatches(batches, perBatch, (i) =>
        renderer.render(at(i).scene, at(i).cams[c] as Camera),
      );
      const all = timeBatches(batches, perBatch, (i) =>
        renderer.render(at(i).scene, at(i).cams[c] as Camera, full),
      );
      console.log(fmt(`camera ${camNames[c]}, rgb`, rgbOnly));
      console.log(fmt(`camera ${camNames[c]}, rgb+depth+segmentation`, all));
      medians.push(all.median);
    }
    const mean = medians.reduce((a, b) => a + b, 0) / medians.length;
    console.log(
      `both cameras, rgb+depth+segmentation: ${mean.toFixed(3)} ms/frame mean of medians, ${(1000 / mean).toFixed(0)} frames/s per core`,
    );

    // Reference from the same run: MuJoCo's own batched ray caster, depth only, same camera.
    const reference = multiRayMs(mj, m, d, at(0).cams[0] as Camera, size, 5);
    const overview = medians[0] ?? Number.NaN;
    console.log(
      `reference mj_multiRay (depth only, ${size}x${size}, overview): ${reference.toFixed(3)} ms/frame median; ` +
        `renderer rgb+depth+segmentation is ${(reference / overview).toFixed(1)}x faster`,
    );

    const build = timeBatches(batches, perBatch, (i) =>
      sceneFromMujocoArrays(at(i).arrays, { visibleGroups: [0, 1, 2] }),
    );
    console.log(`sceneFromMujocoArrays: ${build.median.toFixed(3)} ms per call median`);

    const img = renderer.render(at(0).scene, at(0).cams[0] as Camera).rgb.slice();
    for (let i = 0; i < 10; i++) await encodePng(img, size, size);
    const pngMs: number[] = [];
    let bytes = 0;
    for (let b = 0; b < batches; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) bytes = (await encodePng(img, size, size)).length;
      pngMs.push((performance.now() - t0) / 10);
    }
    const png = summarize(pngMs);
    console.log(
      `PNG encode via sharp (${size}x${size}): ${png.median.toFixed(3)} ms per image median, best ${png.best.toFixed(3)} ms, ${bytes} bytes`,
    );
  } finally {
    d.delete();
    m.delete();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
