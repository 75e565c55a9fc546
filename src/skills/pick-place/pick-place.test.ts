import { describe, expect, it } from 'vitest';
import { matColumn, matMul, matTranspose, matVec, type Vec3 } from '../../motion/math3d.js';
import { isPoseMotion } from '../../motion/motions.js';
import { createRng } from '../../rng.js';
import { instantiateScene } from '../../scenes/instantiate.js';
import { loadCatalog } from '../../schemas/catalog.js';
import { insideContainer } from '../grasp-geometry.js';
import type { FrameObservation, SkillContext, Waypoint } from '../skill.js';
import { pickPlace } from './index.js';

const catalog = loadCatalog();
const template = catalog.scenes.get('clean-table');
if (!template) throw new Error('clean-table scene missing');

function context(seed: number): SkillContext {
  const scene = instantiateScene(template as never, catalog.assets, createRng(seed), {
    appearance: true,
    layout: true,
    maxLayoutTries: 50,
  });
  const yaw = (y: number) => [Math.cos(y), -Math.sin(y), 0, Math.sin(y), Math.cos(y), 0, 0, 0, 1];
  return {
    objects: new Map(scene.objects.map((o) => [o.id, o])),
    poses: new Map(scene.objects.map((o) => [o.id, { posM: o.posM, mat: yaw(o.yawRad) }])),
    partPositions: new Map(),
    tcp: { posM: [0.46, 0, 1.15], mat: [1, 0, 0, 0, -1, 0, 0, 0, -1] },
    gripper: { strokeM: 0.08, fingertipBelowTcpM: 0.011, fingerThicknessM: 0.018 },
    benchTopZM: 0.75,
    toolPitchRad: 0,
    robotBase: { posM: [0, 0, 0.75], neutralYawOffsetRad: 0 },
  };
}

/**
 * The whole plan as an ideal arm would run it: each stage's waypoints, then the next stage planned from the
 * state they leave (TCP at the last waypoint, the held object carried rigidly by the hand once it was grasped).
 */
function unroll(ctx: SkillContext, target = 'pcr-plate', c = call): Waypoint[] {
  let result = pickPlace.plan(ctx, { ...c, target }, pickPlace.defaults, createRng(0));
  const all: Waypoint[] = [];
  let now = ctx;
  for (;;) {
    if (!result.ok) throw new Error(`no plan: ${result.code} ${result.detail ?? ''}`);
    // pick and place plan straight-line pose motions only.
    const straight = result.motions.filter(isPoseMotion);
    expect(straight).toHaveLength(result.motions.length);
    all.push(...straight);
    const last = straight.at(-1);
    if (!result.next || !last) return all;
    const held = now.poses.get(target);
    if (!held) throw new Error('missing');
    const grasp = all.find((w) => w.phase === 'grasp') ?? last;
    // The object keeps its pose relative to the hand from the grasp on.
    const graspHeld = ctx.poses.get(target) ?? held;
    const turn = matMul(last.mat, matTranspose(grasp.mat));
    const offset = matVec(turn, graspHeld.posM.map((v, i) => v - (grasp.posM[i] as number)) as Vec3);
    const poses = new Map(now.poses);
    poses.set(target, {
      posM: [last.posM[0] + offset[0], last.posM[1] + offset[1], last.posM[2] + offset[2]],
      mat: matMul(turn, graspHeld.mat),
    });
    now = { ...now, poses, tcp: { posM: last.posM, mat: last.mat } };
    result = result.next(now);
  }
}

const call = {
  skill: 'pick-place' as const,
  target: 'pcr-plate',
  destination: 'basket',
  text: 'pick the PCR plate into the basket',
};

describe('pick-place planner (pure)', () => {
  it('returns the named phases in order', () => {
    const phases = unroll(context(1)).map((w) => w.phase);
    expect([...new Set(phases)]).toEqual([
      'reach',
      'pregrasp',
      'grasp',
      'lift',
      'carry',
      'release',
      'retreat',
    ]);
  });

  it('grasps with the fingers across the narrow side, below the top, clear of the bench', () => {
    const ctx = context(2);
    const plate = ctx.objects.get('pcr-plate');
    const pose = ctx.poses.get('pcr-plate');
    const grasp = unroll(ctx).find((w) => w.phase === 'grasp');
    if (!plate?.built.grasp || !pose || !grasp) throw new Error('missing');
    const fingerAxis: Vec3 = [grasp.mat[1] as number, grasp.mat[4] as number, grasp.mat[7] as number];
    const narrow: Vec3 = [pose.mat[0] as number, pose.mat[3] as number, pose.mat[6] as number];
    expect(Math.abs(fingerAxis[0] * narrow[0] + fingerAxis[1] * narrow[1])).toBeCloseTo(1, 6);
    const tipZ = grasp.posM[2] - ctx.gripper.fingertipBelowTcpM;
    expect(tipZ).toBeGreaterThan(pose.posM[2]);
    expect(grasp.posM[2]).toBeLessThan(pose.posM[2] + plate.built.heightM);
    expect(grasp.gripperOpeningM).toBe(0);
  });

  it('closes the fingers above the rack a tube stands in, not into its holes', () => {
    const ctx = context(2);
    const tubeCall = { ...call, target: 'centrifuge-tube', text: 'pick the tube into the basket' };
    const grasp = unroll(ctx, 'centrifuge-tube', tubeCall).find((w) => w.phase === 'grasp');
    const rack = ctx.objects.get('tube-rack');
    const rackPose = ctx.poses.get('tube-rack');
    const tube = ctx.objects.get('centrifuge-tube');
    const tubePose = ctx.poses.get('centrifuge-tube');
    if (!grasp || !rack || !rackPose || !tube || !tubePose) throw new Error('missing');
    const tipZ = grasp.posM[2] - ctx.gripper.fingertipBelowTcpM;
    expect(tipZ).toBeGreaterThanOrEqual(
      rackPose.posM[2] + rack.built.heightM + pickPlace.defaults.fingertipClearanceM - 1e-9,
    );
    expect(grasp.posM[2]).toBeLessThan(tubePose.posM[2] + tube.built.heightM);
  });

  it('releases inside the basket, low above its floor', () => {
    const ctx = context(3);
    const wps = unroll(ctx);
    const release = wps.filter((w) => w.phase === 'release').at(-1);
    const basket = ctx.objects.get('basket');
    const bpose = ctx.poses.get('basket');
    if (!release || !basket || !bpose) throw new Error('missing');
    expect(insideContainer(basket, bpose, [release.posM[0], release.posM[1], bpose.posM[2] + 0.02])).toBe(
      true,
    );
    expect(release.gripperOpeningM).toBeGreaterThan(0.064);
  });

  describe('on an arm whose tool leans (toolPitchRad > 0)', () => {
    const leaning = (canReach?: SkillContext['canReach']): SkillContext => ({
      ...context(6),
      toolPitchRad: 0.52,
      gripper: { strokeM: 0.07, fingertipBelowTcpM: 0.011, fingerThicknessM: 0.01 },
      ...(canReach ? { canReach } : {}),
    });
    // Tilt of the held plate from level at a waypoint: the hand's turn since the grasp applied to its start pose.
    const heldTilt = (wps: Waypoint[], phase: Waypoint['phase'], ctx: SkillContext) => {
      const grasp = wps.find((w) => w.phase === 'grasp');
      const at = wps.filter((w) => w.phase === phase).at(-1);
      const start = ctx.poses.get('pcr-plate');
      if (!grasp || !at || !start) throw new Error('missing');
      const held = matMul(matMul(at.mat, matTranspose(grasp.mat)), start.mat);
      return Math.acos(Math.min(1, matColumn(held, 2)[2]));
    };

    it('lifts and carries leaning, and straightens to release the plate level when the arm can', () => {
      const ctx = leaning(() => true);
      const wps = unroll(ctx);
      const lift = wps.filter((w) => w.phase === 'lift').at(-1);
      if (!lift) throw new Error('missing');
      expect(Math.acos(-matColumn(lift.mat, 2)[2])).toBeCloseTo(0.52, 6);
      expect(heldTilt(wps, 'carry', ctx)).toBeGreaterThan(0.1);
      expect(heldTilt(wps, 'release', ctx)).toBeLessThan(1e-6);
    });

    it('releases leaning when the arm cannot straighten, higher so the tilted plate’s lowest corner clears the floor', () => {
      const level = unroll(leaning(() => true));
      const ctx = leaning(() => false);
      const wps = unroll(ctx);
      expect(heldTilt(wps, 'release', ctx)).toBeCloseTo(heldTilt(wps, 'carry', ctx), 6);
      const z = (w: Waypoint[]) => w.filter((x) => x.phase === 'release').at(-1)?.posM[2] ?? 0;
      expect(z(wps)).toBeGreaterThan(z(level));
    });
  });

  it('is deterministic: same context, same waypoints', () => {
    const a = unroll(context(4));
    const b = unroll(context(4));
    expect(a).toEqual(b);
  });
});

describe('pick-place success checks (pure)', () => {
  const ctx = context(5);
  const start = ctx.poses.get('pcr-plate')?.posM as Vec3;
  const basket = ctx.poses.get('basket')?.posM as Vec3;
  const frame = (
    phase: FrameObservation['phase'],
    obj: Vec3,
    tcp: Vec3,
    touching: boolean,
    speed = 0,
  ): FrameObservation => ({
    timeS: 0,
    phase,
    tcpPosM: tcp,
    gripperOpeningM: 0.05,
    objects: new Map([['pcr-plate', { posM: obj, mat: [1, 0, 0, 0, 1, 0, 0, 0, 1], speedMS: speed }]]),
    touching: new Set(touching ? ['pcr-plate'] : []),
    partStates: new Map(),
  });
  const up = (p: Vec3, dz: number): Vec3 => [p[0], p[1], p[2] + dz];
  const good = [
    frame('grasp', start, up(start, 0.014), true),
    ...Array.from({ length: 6 }, (_, i) =>
      frame('lift', up(start, 0.12 + i * 0.01), up(start, 0.134 + i * 0.01), true),
    ),
    frame('release', up(basket, 0.015), up(basket, 0.05), true),
    ...Array.from({ length: 6 }, () => frame('retreat', up(basket, 0.01), up(basket, 0.2), false)),
  ];

  it('accepts a lift that follows the gripper and a release inside the basket', () => {
    expect(pickPlace.check(good, ctx, call, pickPlace.defaults).map((c) => c.ok)).toEqual([true, true]);
  });

  it('flags an object that stayed on the bench', () => {
    const stayed = good.map((f) => (f.phase === 'lift' ? frame('lift', start, f.tcpPosM, false) : f));
    expect(pickPlace.check(stayed, ctx, call, pickPlace.defaults)[0]?.code).toBe('pick.not-lifted');
  });

  it('flags a release outside the basket', () => {
    const dropped = good.map((f) => (f.phase === 'retreat' ? frame('retreat', start, f.tcpPosM, false) : f));
    expect(pickPlace.check(dropped, ctx, call, pickPlace.defaults)[1]?.code).toBe('place.outside-container');
  });

  it('needs the condition held for 5 consecutive frames, not 4', () => {
    const short = good.filter((f, i) => f.phase !== 'retreat' || i < good.length - 2);
    expect(pickPlace.check(short, ctx, call, pickPlace.defaults)[1]?.ok).toBe(false);
  });
});
