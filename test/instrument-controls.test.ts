// Buttons, knobs and drawers: press-button, turn-knob, open-drawer and close-drawer succeed on the Panda and the UR5e
// in their default scenes, sabotaged runs are rejected with the skill's own failure code, and the planners'
// geometry holds on its own (no simulation).
import { describe, expect, it } from 'vitest';
import { add, dot, norm, scale, sub, type Vec3 } from '../src/motion/math3d.js';
import { placeRobot } from '../src/pipeline/place-robot.js';
import { type EpisodeResult, runEpisode } from '../src/pipeline/run-episode.js';
import { sampleEpisodeSpec } from '../src/randomization/episode-sampler.js';
import { instantiateScene } from '../src/scenes/instantiate.js';
import type { PlacedObject } from '../src/scenes/scene-instance.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import { createRng } from '../src/rng.js';
import { locateDrawer, handlePoses } from '../src/skills/open-drawer/drawer.js';
import {
  column,
  extentFromFrame,
  graspFrameWorld,
  jointAxisWorld,
  partTransform,
  applyPoint,
  placedPose,
} from '../src/skills/instrument-frames.js';
import { pressPitches, pressPose, pressButtonDefaults } from '../src/skills/press-button/index.js';
import { skillRegistry } from '../src/skills/registry.js';
import type { Skill, SkillCall, SkillContext } from '../src/skills/skill.js';
import { requestedTurn, turnKnobDefaults } from '../src/skills/turn-knob/index.js';
import { labgenVersion } from '../src/version.js';

const catalog = loadCatalog();
const robot = (id: string) => catalog.robots.get(id) as RobotProfile;
const scene = (id: string) => {
  const s = catalog.scenes.get(id);
  if (!s) throw new Error(`scene ${id} missing`);
  return s;
};

const press = (target: string, part: string): SkillCall => ({
  skill: 'press-button',
  target,
  part,
  text: `press the ${part.replace('_', ' ')} of the ${target}`,
});
const tighten: SkillCall = {
  skill: 'turn-knob',
  target: 'thermal-cycler',
  part: 'knob',
  args: { direction: 'tighten' },
  text: 'tighten the knob of the thermal cycler',
};
const openDrawer: SkillCall = {
  skill: 'open-drawer',
  target: 'cabinet',
  part: 'drawer',
  text: 'open the drawer',
};
const closeDrawer: SkillCall = {
  skill: 'close-drawer',
  target: 'cabinet',
  part: 'drawer',
  text: 'close the drawer',
};

const bases = new Map<string, Awaited<ReturnType<typeof placeRobot>>>();

async function episode(
  robotId: string,
  sceneId: string,
  step: SkillCall,
  slot: number,
  cat = catalog,
): Promise<EpisodeResult> {
  const r = robot(robotId);
  const s = scene(sceneId);
  const key = `${robotId}|${sceneId}|${step.skill}|${step.part}`;
  let at = bases.get(key);
  if (!at) {
    at = await placeRobot(r, s, catalog.assets, [step]);
    bases.set(key, at);
  }
  const spec = sampleEpisodeSpec({
    labgenVersion,
    robot: r,
    scene: s,
    assets: catalog.assets,
    instruction: step.text,
    steps: [step],
    runSeed: 3,
    slot,
    attempt: 0,
    fps: 15,
    imageWidth: 32,
    imageHeight: 32,
    cameras: ['front'],
    randomize: true,
    startJitterRad: 0.05,
    robotBase: { posM: [...at.posM], yawRad: at.yawRad },
  });
  return runEpisode(spec, cat, null);
}

const failed = (r: EpisodeResult) =>
  r.checks
    .filter((c) => !c.ok)
    .map((c) => `${c.code}: ${c.detail ?? ''}`)
    .join('; ');

/** Runs `body` with a skill's planner replaced (a sabotaged plan), the registry restored after. */
async function withPlanner<T>(
  id: string,
  plan: (original: Skill) => Skill['plan'],
  body: () => Promise<T>,
): Promise<T> {
  const registry = skillRegistry as Record<string, Skill>;
  const original = registry[id] as Skill;
  registry[id] = { ...original, plan: plan(original) };
  try {
    return await body();
  } finally {
    registry[id] = original;
  }
}

/** A planning context in which `target` stands `offset` away from where it really is. */
const shifted = (ctx: SkillContext, target: string, offset: Vec3): SkillContext => {
  const poses = new Map(ctx.poses);
  const pose = poses.get(target);
  if (pose) poses.set(target, { ...pose, posM: add(pose.posM, offset) });
  return { ...ctx, poses };
};

/** The catalog with one skill's parameters overridden on a robot (a sabotaged planner). */
const withParams = (robotId: string, skill: string, params: Record<string, number>) => {
  const r = robot(robotId);
  return { ...catalog, robots: new Map([[r.id, { ...r, skillOverrides: { [skill]: params } }]]) };
};

describe.each(['franka-panda', 'ur5e'])('instrument controls on %s (physics)', (robotId) => {
  it.each([
    ['press-button', 'centrifuge-bench', press('centrifuge', 'start_button')],
    ['turn-knob', 'thermal-cycler-bench', tighten],
    ['open-drawer', 'storage-bench', openDrawer],
    ['close-drawer', 'storage-bench-drawer-open', closeDrawer],
  ] as const)('%s succeeds in %s', async (_skill, sceneId, step) => {
    const r = await episode(robotId, sceneId, step, 0);
    expect(r.accepted, failed(r)).toBe(true);
    expect(r.segments[0]?.success).toBe(true);
    expect(r.quality.maxPenetrationM).toBeLessThan(0.003);
  });
});

describe('instrument controls: further defaults and the named states (physics)', () => {
  it('the Panda presses the balance tare button and it springs back', async () => {
    const r = await episode('franka-panda', 'balance-bench', press('balance', 'tare_button'), 1);
    expect(r.accepted, failed(r)).toBe(true);
    const frames = r.checks.find((c) => c.predicate === 'press-button.registered');
    expect(frames?.metrics?.pressedFrames).toBeGreaterThanOrEqual(5);
  });

  it('the Panda turns the stirrer dial by 90 degrees in several grasps', async () => {
    const step: SkillCall = {
      skill: 'turn-knob',
      target: 'stirrer',
      part: 'stir_knob',
      args: { angleRad: Math.PI / 2 },
      text: 'turn the stir knob of the stirrer by 90 degrees',
    };
    const r = await episode('franka-panda', 'stirring-station', step, 0);
    expect(r.accepted, failed(r)).toBe(true);
    const turned = r.checks.find((c) => c.predicate === 'turn-knob.turned')?.metrics?.knobTurnRad ?? 0;
    expect(Math.abs(turned - Math.PI / 2)).toBeLessThan(turnKnobDefaults.toleranceRad);
  });
});

describe('instrument controls: sabotaged runs are rejected with the skill failure code (physics, Panda)', () => {
  it('a button moved 3 cm away after planning is never pressed: press-button.not-registered', async () => {
    const r = await withPlanner(
      'press-button',
      (original) => (ctx, call, p, rng) =>
        // The planner believes the centrifuge 3 cm nearer the robot than it stands (its front faces -x).
        original.plan(shifted(ctx, call.target, [-0.03, 0, 0]), call, p, rng),
      () => episode('franka-panda', 'centrifuge-bench', press('centrifuge', 'start_button'), 2),
    );
    expect(r.accepted).toBe(false);
    expect(r.reason, failed(r)).toBe('press-button.not-registered');
  });

  it('a pinch planned 5 cm above the knob closes on nothing: turn-knob.not-turned', async () => {
    const r = await withPlanner(
      'turn-knob',
      (original) => (ctx, call, p, rng) =>
        original.plan(shifted(ctx, call.target, [0, 0, 0.05]), call, p, rng),
      () => episode('franka-panda', 'thermal-cycler-bench', tighten, 2),
    );
    expect(r.accepted).toBe(false);
    expect(r.reason, failed(r)).toBe('turn-knob.not-turned');
  });

  it('a pull cut short at half the travel leaves the drawer open-drawer.not-open', async () => {
    const r = await episode(
      'franka-panda',
      'storage-bench',
      openDrawer,
      2,
      withParams('franka-panda', 'open-drawer', { targetFraction: 0.5 }),
    );
    expect(r.accepted).toBe(false);
    expect(r.reason, failed(r)).toBe('open-drawer.not-open');
  });

  it('a push stopped 10 cm short leaves the drawer close-drawer.not-closed', async () => {
    const r = await episode(
      'franka-panda',
      'storage-bench-drawer-open',
      closeDrawer,
      2,
      withParams('franka-panda', 'close-drawer', { stopAtExtensionM: 0.1 }),
    );
    expect(r.accepted).toBe(false);
    expect(r.reason, failed(r)).toBe('close-drawer.not-closed');
  });
});

/** One object of a scene as written (no jitter), with its built asset. */
function placed(sceneId: string, objectId: string): PlacedObject {
  const inst = instantiateScene(scene(sceneId), catalog.assets, createRng(1), {
    appearance: false,
    layout: false,
    maxLayoutTries: 1,
  });
  const o = inst.objects.find((x) => x.id === objectId);
  if (!o) throw new Error(`${objectId} missing`);
  return o;
}

describe('instrument controls: planner geometry (pure)', () => {
  const gripper = { fingertipBelowTcpM: 0.011, fingertipHalfDepthM: 0.0095 };

  it('a press pose puts the fingertips’ upper edge on the cap, the hand pitched down and its fingers level', () => {
    const cap: Vec3 = [0.45, 0.15, 0.78];
    const a: Vec3 = [1, 0, 0];
    for (const pitch of [0.3, 0.6, 1.1]) {
      const pose = pressPose(cap, a, pitch, false, gripper);
      const z = column(pose.mat, 2);
      const y = column(pose.mat, 1);
      expect(Math.asin(-z[2])).toBeCloseTo(pitch, 9);
      expect(y[2]).toBeCloseTo(0, 9);
      // The edge: along the tool axis to the fingertips, then up the end face by the tips' half depth.
      const edge = add(scale(a, Math.sin(pitch)), scale([0, 0, 1], Math.cos(pitch)));
      const touch = add(add(pose.posM, scale(z, gripper.fingertipBelowTcpM)), scale(edge, 0.0095));
      expect(norm(sub(touch, cap))).toBeLessThan(1e-9);
      // Nothing of the end face reaches past the cap along the press direction.
      const lower = sub(touch, scale(edge, 2 * 0.0095));
      expect(dot(sub(lower, cap), a)).toBeLessThan(0);
    }
  });

  it('a button low over the bench gets a pitch that keeps the fingertips above it', () => {
    const p = pressButtonDefaults;
    const halfDepth = 0.011;
    const low = pressPitches(0.02, halfDepth, p)[0] as number;
    expect(0.02 - 2 * halfDepth * Math.cos(low)).toBeGreaterThanOrEqual(p.benchClearanceM - 1e-9);
    expect(low).toBeGreaterThan(p.pitchRad);
    expect(pressPitches(0.06, halfDepth, p)[0]).toBe(p.pitchRad);
  });

  it('tighten turns clockwise facing the knob (negative about an outward axis), loosen and angles the other way', () => {
    const out = { axis: [0, 0, 1] as Vec3, outward: [0, 0, 1] as Vec3 };
    const call = (args: SkillCall['args']): SkillCall => ({ ...tighten, args });
    expect(requestedTurn(call({ direction: 'tighten' }), out, turnKnobDefaults)).toBeCloseTo(-Math.PI, 12);
    expect(requestedTurn(call({ direction: 'loosen' }), out, turnKnobDefaults)).toBeCloseTo(Math.PI, 12);
    expect(requestedTurn(call({ angleRad: 0.5 }), out, turnKnobDefaults)).toBeCloseTo(0.5, 12);
    // A joint axis pointing inward turns the other way for the same words.
    const inward = { axis: [0, 0, -1] as Vec3, outward: [0, 0, 1] as Vec3 };
    expect(requestedTurn(call({ direction: 'tighten' }), inward, turnKnobDefaults)).toBeCloseTo(Math.PI, 12);
    expect(requestedTurn(call({}), out, turnKnobDefaults)).toBeUndefined();
  });

  it("the thermal cycler's knob axis moves with its lid, and the frame with the knob", () => {
    const tc = placed('thermal-cycler-bench', 'thermal-cycler');
    const pose = placedPose(tc);
    const closed = jointAxisWorld(tc, pose, { lid: 0 }, 'knob');
    const open = jointAxisWorld(tc, pose, { lid: 1.2 }, 'knob');
    expect(closed?.axis[2]).toBeCloseTo(1, 9);
    // Opened 1.2 rad about the back hinge, the knob's axis tilts by the same angle.
    expect(Math.acos(open?.axis[2] ?? 0)).toBeCloseTo(1.2, 9);
    const frame = tc.built.graspFrames?.find((f) => f.part === 'knob');
    if (!frame) throw new Error('no knob frame');
    const w = graspFrameWorld(tc, pose, { lid: 0, knob: 0.7 }, frame);
    // A turned knob's pinch point stays on its axis (the frame sits on it).
    const rel = sub(w?.posM ?? [0, 0, 0], closed?.pointM ?? [0, 0, 0]);
    expect(
      norm(sub(rel, scale(closed?.axis ?? [0, 0, 1], dot(rel, closed?.axis ?? [0, 0, 1])))),
    ).toBeLessThan(1e-9);
    // The lid's own transform carries a point on the lid along its hinge arc.
    const t = partTransform(tc, pose, { lid: Math.PI / 2 }, 'lid');
    expect(t).toBeDefined();
    const hinge = jointAxisWorld(tc, pose, {}, 'lid');
    const p = applyPoint(t ?? pose, [0, 0, 0.3]);
    const q = applyPoint(pose, [0, 0, 0.3]);
    const h = hinge?.pointM ?? [0, 0, 0];
    expect(norm(sub(p, h))).toBeCloseTo(norm(sub(q, h)), 9);
  });

  it("a drawer's handle: its depth behind the pinch, its slide axis toward the robot, pinch poses clear of the front", () => {
    const cab = placed('storage-bench', 'cabinet');
    const frame = cab.built.graspFrames?.find((f) => f.part === 'drawer');
    if (!frame) throw new Error('no handle');
    expect(extentFromFrame(cab, frame, [0, 1, 0])).toBeCloseTo(0.015, 9);
    const d = locateDrawer(cab, placedPose(cab), {}, undefined);
    if (!d) throw new Error('no drawer');
    // The cabinet faces the robot (-x): the drawer opens toward it.
    expect(d.slideAxis[0]).toBeLessThan(-0.99);
    const g = { fingertipBelowTcpM: 0.011, fingertipHalfDepthM: 0.011, fingerThicknessM: 0.016 };
    const opening = 0.04;
    for (const pose of handlePoses(d, [0, 0.3], 0.35, g, opening, 0.003)) {
      // Straight in, the pads close on the handle's top and bottom: the closing axis square to its long side.
      if (pose.yawRad === 0)
        expect(Math.abs(dot(column(pose.mat, 1), column(placedPose(cab).mat, 0)))).toBeLessThan(1e-9);
      // Every corner of the open fingertips keeps 3 mm from the drawer front.
      const front = add(d.handleM, scale(d.approach, d.handleDepthM));
      for (const sx of [-1, 1])
        for (const sy of [-1, 1]) {
          const corner = add(
            add(pose.posM, scale(column(pose.mat, 2), g.fingertipBelowTcpM)),
            add(
              scale(column(pose.mat, 0), sx * g.fingertipHalfDepthM),
              scale(column(pose.mat, 1), sy * (opening / 2 + g.fingerThicknessM)),
            ),
          );
          expect(dot(sub(front, corner), d.approach)).toBeGreaterThanOrEqual(0.003 - 1e-9);
        }
    }
  });
});

describe('instrument controls: default scenes', () => {
  it("close-drawer's scene starts with the drawer out past 80 % of its travel", () => {
    const cab = placed('storage-bench-drawer-open', 'cabinet');
    const d = locateDrawer(cab, placedPose(cab), cab.partPositions, undefined);
    expect(d?.extensionM ?? 0).toBeGreaterThan(0.8 * (d?.rangeM[1] ?? 1));
  });
});
