// The hinge skills (open-lid, close-lid, open-door, close-door): the planner's hinge geometry on the bundled
// instruments, each skill on the Panda and the UR5e in its default scene by contact physics, and a lid and a door
// held shut by an obstacle let go of and rejected with the skill's own code.
import { describe, expect, it } from 'vitest';
import type { AssetFamily } from '../src/schemas/asset.js';
import { dot, norm, rotationAngle, sub, type Vec3 } from '../src/motion/math3d.js';
import { placeRobot } from '../src/pipeline/place-robot.js';
import { type EpisodeResult, runEpisode } from '../src/pipeline/run-episode.js';
import { createRng } from '../src/rng.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { instantiateScene } from '../src/scenes/instantiate.js';
import type { PlacedObject } from '../src/scenes/scene-instance.js';
import { type Catalog, loadCatalog } from '../src/schemas/catalog.js';
import type { EpisodeSpec } from '../src/schemas/episode-spec.js';
import {
  fallOpenAngle,
  layoutPose,
  partPanel,
  worldHandle,
  worldHinge,
} from '../src/skills/hinge-geometry.js';
import {
  checkHinge,
  handleGrip,
  hingeDefaults,
  type HingeTarget,
  isFailure,
  targetFromLayout,
  topEdgeGrip,
  turnGrip,
} from '../src/skills/hinge-skill.js';
import { releaseAngle, openLidDefaults } from '../src/skills/open-lid/index.js';
import { getSkill } from '../src/skills/registry.js';
import type { FrameObservation, SkillCall, SkillContext } from '../src/skills/skill.js';
import { labgenVersion } from '../src/version.js';

const catalog = loadCatalog();

function layout(sceneId: string): Map<string, PlacedObject> {
  const scene = catalog.scenes.get(sceneId);
  if (!scene) throw new Error(`no scene ${sceneId}`);
  const inst = instantiateScene(scene, catalog.assets, createRng(1), {
    appearance: false,
    layout: false,
    maxLayoutTries: 50,
  });
  return new Map(inst.objects.map((o) => [o.id, o]));
}

const call = (skill: string, target: string, part: string): SkillCall => ({
  skill,
  target,
  part,
  text: `${skill.split('-')[0]} the ${part} of the ${target}`,
});

function target(sceneId: string, c: SkillCall): HingeTarget {
  const t = targetFromLayout(c.skill, layout(sceneId), c);
  if (isFailure(t)) throw new Error(t.detail);
  return t;
}

const gripper = { strokeM: 0.08, fingertipBelowTcpM: 0.011, fingertipHalfDepthM: 0.0095 };
const near = (a: readonly number[], b: readonly number[], tol: number) =>
  a.every((v, i) => Math.abs(v - (b[i] as number)) < tol);

describe('hinge geometry (pure)', () => {
  it("takes the lid's hinge from the asset, turned by the object's pose: the back edge, about the world's +y", () => {
    const objects = layout('centrifuge-bench');
    const o = objects.get('centrifuge') as PlacedObject;
    const h = worldHinge(o, layoutPose(o), 'lid', {});
    // The centrifuge faces the robot (yaw -pi/2): its -x lid axis points along world +y, its back edge at +x.
    expect(h && near(h.axis, [0, 1, 0], 1e-4)).toBe(true);
    expect(h?.pointM[0]).toBeGreaterThan(o.posM[0] + 0.1);
    expect(h?.pointM[2]).toBeGreaterThan(o.posM[2] + 0.1);
    expect(worldHinge(o, layoutPose(o), 'start_button', {})).toBeUndefined();
  });

  it('finds where gravity starts opening a lid (past its balance over the hinge), and none for a door', () => {
    const c = layout('centrifuge-bench').get('centrifuge') as PlacedObject;
    const tc = layout('thermal-cycler-bench').get('thermal-cycler') as PlacedObject;
    const inc = layout('storage-bench').get('incubator') as PlacedObject;
    const fc = fallOpenAngle(c, layoutPose(c), 'lid') as number;
    const ft = fallOpenAngle(tc, layoutPose(tc), 'lid') as number;
    // A thin lid balances just short of vertical; the thick, knobbed thermal cycler lid earlier.
    expect(fc).toBeGreaterThan(1.45);
    expect(fc).toBeLessThan(Math.PI / 2);
    expect(ft).toBeGreaterThan(1.3);
    expect(ft).toBeLessThan(fc);
    expect(fallOpenAngle(inc, layoutPose(inc), 'door')).toBeUndefined();
    // open-lid lets go past the balance, short of the open stop.
    const t = target('centrifuge-bench', call('open-lid', 'centrifuge', 'lid'));
    expect(releaseAngle(t, openLidDefaults)).toBeGreaterThan(fc);
    expect(releaseAngle(t, openLidDefaults)).toBeLessThan(t.hinge.rangeRad[1]);
  });

  it("reads the panels' faces: a lid's top and a door's outside lead when they open", () => {
    const lid = layout('centrifuge-bench')
      .get('centrifuge')
      ?.built.parts?.find((p) => p.name === 'lid');
    const door = layout('storage-bench')
      .get('incubator')
      ?.built.parts?.find((p) => p.name === 'door');
    const lp = lid && partPanel(lid);
    const dp = door && partPanel(door);
    expect(lp && near(lp.normal, [0, 0, 1], 1e-9)).toBe(true);
    expect(dp && near(dp.normal, [0, -1, 0], 1e-9)).toBe(true);
    expect(lp && lp.radialMaxM).toBeGreaterThan(0.25);
    expect(dp && dp.leadM - dp.trailM).toBeCloseTo(0.03, 6);
  });

  it('pinches the lid lip with the fingertips short of the face behind it, and the arc keeps the grip on the lid', () => {
    const t = target('centrifuge-bench', call('open-lid', 'centrifuge', 'lid'));
    const g = handleGrip(t, gripper, hingeDefaults, false);
    if (!g) throw new Error('no grip');
    const handle = worldHandle(t.object, t.pose, 'lid', t.positions);
    if (!handle) throw new Error('no handle');
    // The lip is 10 mm deep: the fingertips stop the clearance short of the face behind it.
    const tip = g.posM.map((v, i) => v + (g.approach[i] as number) * gripper.fingertipBelowTcpM) as Vec3;
    expect(handle.depthBeyondM).toBeCloseTo(0.005, 6);
    expect(dot(sub(tip, handle.centerM), handle.approach)).toBeCloseTo(
      handle.depthBeyondM - hingeDefaults.fingertipClearanceM,
      6,
    );
    // Turning the grip with the hinge lands it where the handle is at that angle: the hand follows the lid rigidly.
    for (const angle of [0.4, 1.2, 1.6]) {
      const turned = turnGrip(t.hinge, g, angle);
      const there = handleGrip(
        { ...t, positions: { ...t.positions, lid: angle } },
        gripper,
        hingeDefaults,
        false,
      );
      expect(norm(sub(turned.posM, there?.posM ?? [0, 0, 0]))).toBeLessThan(1e-9);
      expect(rotationAngle(turned.mat, there?.mat ?? [])).toBeLessThan(1e-6);
    }
  });

  it("pinches a door's top edge from above along the hinge axis: its arc is the hand's own yaw, at one height", () => {
    const t = target('storage-bench', call('open-door', 'incubator', 'door'));
    const g = topEdgeGrip(t, gripper, hingeDefaults, 0.24, 0.025, false);
    expect(Math.abs(dot(g.approach, t.hinge.axis))).toBeCloseTo(1, 9);
    const turned = turnGrip(t.hinge, g, 1.5);
    expect(turned.posM[2]).toBeCloseTo(g.posM[2], 9);
    expect(dot(turned.approach, g.approach)).toBeCloseTo(1, 9);
    // The fingertips reach 25 mm below the door's top.
    const top = t.pose.posM[2] + t.object.built.heightM;
    expect(top - (g.posM[2] - gripper.fingertipBelowTcpM)).toBeCloseTo(0.025, 4);
  });

  it('fails a plan with a code (never throws) for a target without a hinged part, and gives full-pose reach targets', () => {
    const objects = layout('centrifuge-bench');
    const ctx = {
      objects,
      poses: new Map([...objects].map(([id, x]) => [id, layoutPose(x)])),
      partPositions: new Map(),
      tcp: { posM: [0.3, 0, 1.1], mat: [1, 0, 0, 0, -1, 0, 0, 0, -1] },
      gripper: { strokeM: 0.08, fingertipBelowTcpM: 0.011, fingerThicknessM: 0.012 },
      benchTopZM: 0.75,
      toolPitchRad: 0,
      robotBase: { posM: [0, 0, 0.75], neutralYawOffsetRad: 0 },
    } as unknown as SkillContext;
    for (const id of ['open-lid', 'close-lid', 'open-door', 'close-door']) {
      const skill = getSkill(id);
      const plan = skill.plan(ctx, call(id, 'tube-rack', 'lid'), skill.defaults, createRng(0));
      expect(plan.ok).toBe(false);
      if (!plan.ok) expect(plan.code).toBe(`${id}.no-hinge`);
    }
    const targets = getSkill('open-lid').reachTargets(
      objects,
      call('open-lid', 'centrifuge', 'lid'),
      openLidDefaults,
    );
    expect(targets.length).toBeGreaterThan(4);
    expect(targets.every((x) => x.mat?.length === 9 && x.posM.every(Number.isFinite))).toBe(true);
  });

  it('checks the state on the last 5 frames, with the hand off the instrument', () => {
    const objects = layout('centrifuge-bench');
    const ctx = {
      objects,
      poses: new Map([...objects].map(([id, x]) => [id, layoutPose(x)])),
      partPositions: new Map([['centrifuge', { lid: 0, start_button: 0 }]]),
    } as unknown as SkillContext;
    const frame = (lid: number, touching: boolean): FrameObservation =>
      ({
        timeS: 0,
        phase: 'settle',
        tcpPosM: [0, 0, 0],
        gripperOpeningM: 0.04,
        objects: new Map(),
        touching: new Set(touching ? ['centrifuge'] : []),
        partStates: new Map([['centrifuge', { lidAngleRad: lid, startButtonPressed: false }]]),
      }) as FrameObservation;
    const c = call('open-lid', 'centrifuge', 'lid');
    const open = Array.from({ length: 6 }, () => frame(1.9, false));
    expect(checkHinge('open-lid', 'open', open, ctx, c, hingeDefaults)[0]?.ok).toBe(true);
    const fellBack = [...open, ...Array.from({ length: 5 }, () => frame(0.2, false))];
    expect(checkHinge('open-lid', 'open', fellBack, ctx, c, hingeDefaults)[0]?.code).toBe(
      'open-lid.not-open',
    );
    const held = Array.from({ length: 6 }, () => frame(1.9, true));
    expect(checkHinge('open-lid', 'open', held, ctx, c, hingeDefaults)[0]?.code).toBe(
      'open-lid.not-released',
    );
    expect(
      checkHinge(
        'close-lid',
        'closed',
        Array.from({ length: 5 }, () => frame(0.03, false)),
        ctx,
        c,
        hingeDefaults,
      )[0]?.ok,
    ).toBe(true);
  });
});

/** A fixed block (a bracket bolted over the instrument): what holds a lid or a door shut in the sabotaged runs. */
const bracket: AssetFamily = {
  ...(catalog.assets.get('pipette-tip-box') as AssetFamily),
  id: 'test-bracket',
  category: 'fixture',
  names: ['bracket'],
  params: { sizeXM: [0.05, 0.05], sizeYM: [0.12, 0.12], sizeZM: [0.03, 0.03], topThicknessM: [0.01, 0.01] },
  massKg: [5, 5],
  movable: false,
};
const withBracket: Catalog = { ...catalog, assets: new Map([...catalog.assets, [bracket.id, bracket]]) };

const bases = new Map<string, Awaited<ReturnType<typeof placeRobot>>>();
async function spec(robotId: string, sceneId: string, c: SkillCall): Promise<EpisodeSpec> {
  const robot = catalog.robots.get(robotId);
  const scene = catalog.scenes.get(sceneId);
  if (!robot || !scene) throw new Error('bundled data missing');
  const key = `${robotId}/${sceneId}/${c.skill}`;
  const base = bases.get(key) ?? (await placeRobot(robot, scene, catalog.assets, [c]));
  bases.set(key, base);
  return sampleEpisodeSpec({
    labgenVersion,
    robot,
    scene,
    assets: catalog.assets,
    instruction: c.text,
    steps: [c],
    runSeed: 3,
    slot: 0,
    attempt: 0,
    fps: 15,
    imageWidth: 32,
    imageHeight: 32,
    cameras: ['front'],
    randomize: true,
    startJitterRad: 0.05,
    robotBase: { posM: [...base.posM], yawRad: base.yawRad },
  });
}

/** The object-frame point `local` of a sampled instrument, in the world. */
function onObject(s: EpisodeSpec, id: string, local: Vec3): Vec3 {
  const o = s.randomization.objects.find((x) => x.id === id);
  if (!o) throw new Error(`no ${id}`);
  const c = Math.cos(o.yawRad);
  const si = Math.sin(o.yawRad);
  return [
    o.posM[0] + c * local[0] - si * local[1],
    o.posM[1] + si * local[0] + c * local[1],
    o.posM[2] + local[2],
  ];
}

function addBracket(s: EpisodeSpec, at: Vec3, yawRad: number): EpisodeSpec {
  return {
    ...s,
    randomization: {
      ...s.randomization,
      objects: [
        ...s.randomization.objects,
        {
          id: 'bracket',
          asset: bracket.id,
          params: { sizeXM: 0.05, sizeYM: 0.12, sizeZM: 0.03, topThicknessM: 0.01 },
          colors: { body: [0.3, 0.3, 0.3, 1], top: [0.3, 0.3, 0.3, 1] },
          massKg: 5,
          posM: at,
          yawRad,
        },
      ],
    },
  };
}

const state = (r: EpisodeResult, object: string) =>
  r.segments.find((s) => s.kind === 'skill')?.instrumentStates.find((x) => x.object === object);

const CASES: Array<[string, string, string, string, string]> = [
  ['open-lid', 'centrifuge-bench', 'centrifuge', 'lid', 'lidAngleRad'],
  ['close-lid', 'centrifuge-lid-open', 'centrifuge', 'lid', 'lidAngleRad'],
  ['open-door', 'storage-bench', 'incubator', 'door', 'doorAngleRad'],
  ['close-door', 'storage-bench-door-open', 'incubator', 'door', 'doorAngleRad'],
];

describe('hinge skills in their default scenes (contact physics)', () => {
  for (const robotId of ['franka-panda', 'ur5e'])
    for (const [skill, sceneId, object, part, stateName] of CASES) {
      it(`${skill} on ${robotId} (${sceneId})`, async () => {
        const r = await runEpisode(await spec(robotId, sceneId, call(skill, object, part)), catalog, null);
        const st = state(r, object);
        expect(r.reason ?? 'accepted', JSON.stringify(r.checks.filter((c) => !c.ok))).toBe('accepted');
        expect(r.quality.maxPenetrationM).toBeLessThan(0.003);
        const before = Number(st?.before[stateName]);
        const after = Number(st?.after[stateName]);
        if (skill.startsWith('open')) {
          expect(before).toBeLessThan(0.05);
          expect(after).toBeGreaterThan(1.5);
        } else {
          expect(before).toBeGreaterThan(1.5);
          expect(Math.abs(after)).toBeLessThan(0.05);
        }
      });
    }
});

describe('hinge skills held shut (sabotaged)', () => {
  it('a lid held shut by a bracket over its front: the lift is let go of, open-lid.not-open, nothing pushed through', async () => {
    const c = call('open-lid', 'centrifuge', 'lid');
    const s = await spec('franka-panda', 'centrifuge-bench', c);
    const o = s.randomization.objects.find((x) => x.id === 'centrifuge');
    const hy = (o?.params.sizeYM ?? 0.3) / 2;
    const top = o?.params.sizeZM ?? 0.14;
    // The bracket lies across the lid 1 mm above it, 4 cm behind the front edge.
    const sabotaged = addBracket(
      s,
      onObject(s, 'centrifuge', [0, -hy + 0.04, top + 0.001]),
      (o?.yawRad ?? 0) + Math.PI / 2,
    );
    const r = await runEpisode(sabotaged, withBracket, null);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('open-lid.not-open');
    expect(r.quality.maxPenetrationM).toBeLessThan(0.003);
    expect(Number(state(r, 'centrifuge')?.after.lidAngleRad)).toBeLessThan(0.05);
  });

  it('a door held shut by a block in front of its free edge: open-door.not-open, nothing pushed through', async () => {
    const c = call('open-door', 'incubator', 'door');
    const s = await spec('ur5e', 'storage-bench', c);
    const o = s.randomization.objects.find((x) => x.id === 'incubator');
    const hx = (o?.params.sizeXM ?? 0.4) / 2;
    const hy = (o?.params.sizeYM ?? 0.42) / 2;
    const doorT = o?.params.doorThicknessM ?? 0.03;
    // A block standing on the bench 3 mm in front of the door, at its free edge, below the handle.
    const sabotaged = addBracket(
      s,
      onObject(s, 'incubator', [hx - 0.03, -hy - doorT - 0.003 - 0.06, 0]),
      o?.yawRad ?? 0,
    );
    const r = await runEpisode(sabotaged, withBracket, null);
    expect(r.accepted).toBe(false);
    expect(r.reason).toBe('open-door.not-open');
    expect(r.quality.maxPenetrationM).toBeLessThan(0.003);
    expect(Number(state(r, 'incubator')?.after.doorAngleRad)).toBeLessThan(0.1);
  });
});
