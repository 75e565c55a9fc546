// Placing into a holder's slot (a tube into a rotor hole or a rack cell, a plate into its seat): a free slot the
// object fits, a hand turn and finger opening that touch nothing the fingers come down beside, the guarded lowering
// over the slot's axis, and a release low enough that the slot's walls guide what the fingers let go.
import {
  matColumn,
  matMul,
  matSlerp,
  matTranspose,
  matVec,
  quatBetween,
  quatToMat,
  rotationAngle,
  turnAboutVertical,
  type Vec3,
} from '../../motion/math3d.js';
import { assetHullPoints } from '../../assets/hull-points.js';
import type { PlacedObject } from '../../scenes/scene-instance.js';
import {
  leanHeading,
  neutralYaw,
  tallestObstacleZ,
  toLocal,
  toWorld,
  topDownFrameAtYaw,
} from '../grasp-geometry.js';
import {
  heightsOverlap,
  holderSlots,
  occupiesSlot,
  oppositeSlots,
  polygonGapM,
  type Prism,
  prismAround,
  type SlotSpace,
  slotFitM,
} from '../slot-space.js';
import { type PlanResult, planned, type SkillCall, type SkillContext } from '../skill.js';
import { hanging } from './lowering.js';
import type { PlaceParams } from './index.js';

/**
 * Hand turns tried about the vertical, either way: a little over a quarter turn, since a seat may take a plate
 * only one way round (its fingers go down the seat's long sides), and a quarter turn reaches either from any
 * heading. Whether the wrist is comfortable there is the reach check's business.
 */
const MAX_TURN_RAD = Math.PI / 2 + 0.05;
/** Hand turns tried for a round object (its yaw is free; the fingers' is not), either way from the comfortable one. */
const ROUND_TURN_STEP_RAD = Math.PI / 12;
/** How much of a leaning arm's tilt the release takes out, most first: a slot takes what it holds upright. */
const LEVELLING_SHARES = [1, 0.75, 0.5, 0.25, 0];
/** The fingers reach this far above the TCP towards the hand (a Panda finger: 45 mm). */
const FINGER_SPAN_M = 0.045;
/** An object must clear the slot's walls by this much to count as fitting at all (contact softness aside). */
const FIT_GAP_M = 0.0003;

type Pose = { posM: Vec3; mat: number[] };

/** Another object near the holder, in the holder's frame: its hull points and upright prism. */
interface Other {
  id: string;
  points: Vec3[];
  prism: Prism;
}

/** How the hand lets go over a slot: its levelling, the finger opening, and where everything ends up. */
interface SlotRelease {
  slot: SlotSpace;
  share: number;
  openM: number;
  /** Carrying and releasing hands. */
  mat: number[];
  releaseMat: number[];
  /** TCP at release (world) and how far above it the guarded lowering starts. */
  releaseM: Vec3;
  entryZM: number;
  /** The object's base at release, over the slot's axis (world). */
  spotM: Vec3;
}

/**
 * The carry over a free slot the held object fits, or why there is none (`place.no-room`): every slot taken, none
 * the object fits, or none where the open fingers clear the slot's walls and the objects beside it within reach.
 */
export function planSlotPlace(
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
  carryStartZM?: number,
  heldWidthM?: number,
): PlanResult {
  const holderId = call.destination as string;
  const holder = ctx.objects.get(holderId);
  const hpose = ctx.poses.get(holderId);
  const held = ctx.poses.get(call.target);
  const heldObject = ctx.objects.get(call.target);
  if (!holder || !hpose || !held || !heldObject)
    return { ok: false, code: 'place.no-container', detail: `"${holderId}" is not a holder` };
  const slots = holderSlots(holder.built);
  const others = othersNear(ctx, holderId, call.target, hpose);
  const free = slots.filter((s) => !others.some((o) => occupiesSlot(s, o.points)));
  if (free.length === 0)
    return {
      ok: false,
      code: 'place.no-room',
      detail: `every slot of ${holderId} is taken (${slots.length} of ${slots.length})`,
    };
  const heldWidth = heldWidthM ?? heldObject.built.grasp?.widthM ?? ctx.gripper.strokeM;
  const ordered = slotOrder(ctx, slots, free, hpose);
  let fitsSomewhere = false;
  for (const slot of ordered) {
    const slotM = toWorld(hpose, slot.floorM);
    const comfortable = comfortableHand(ctx, slotM);
    for (const turnRad of handTurns(ctx, hpose, held, heldObject, comfortable)) {
      const mat = turnAboutVertical(comfortable, turnRad);
      for (const release of releases(ctx, call, p, slot, mat, heldWidth, others, hpose, held, heldObject)) {
        fitsSomewhere = true;
        const carried = hanging(ctx.tcp, held, heldObject.built, mat);
        const corridorM =
          Math.hypot(...heldObject.built.footprintHalfM) + release.openM / 2 + ctx.gripper.fingerThicknessM;
        const obstacleTop = Math.max(
          tallestObstacleZ(ctx, call.target, held.posM, slotM, corridorM),
          hpose.posM[2] + holder.built.heightM,
        );
        const carryZ = Math.max(
          obstacleTop + p.carryClearanceM + carried.tcpAboveLowestM,
          carryStartZM ?? ctx.tcp.posM[2],
        );
        const over: Vec3 = [release.spotM[0] - carried.hangM[0], release.spotM[1] - carried.hangM[1], carryZ];
        const reaches = (posM: Vec3, m: number[]) => !ctx.canReach || ctx.canReach(posM, m);
        if (
          !reaches(release.releaseM, release.releaseMat) ||
          !reaches([release.releaseM[0], release.releaseM[1], release.entryZM], release.releaseMat) ||
          !reaches(over, mat)
        )
          continue;
        const chosen = { ...release, mat };
        return {
          ok: true,
          motions: [{ phase: 'carry', posM: over, mat, gripperOpeningM: 0, minDurationS: 1.0, holdS: 0.1 }],
          next: (overSlot) => planSlotEntry(overSlot, call, p, { chosen, comfortable, carryZ, heldWidth }),
        };
      }
    }
  }
  return {
    ok: false,
    code: 'place.no-room',
    detail: fitsSomewhere
      ? `no free slot of ${holderId} that takes ${call.target} is within reach`
      : `no free slot of ${holderId} takes ${call.target} with the open fingers clear of its walls and neighbours (${free.length} free)`,
  };
}

/** What the carry settled on, for the stages planned once the object hangs over its slot. */
interface SlotStage {
  chosen: SlotRelease;
  comfortable: number[];
  carryZ: number;
  heldWidth: number;
}

/**
 * Over the slot, planned from where the object really hangs: squared again with the holder (a plate turns a little
 * in the pads while the hand turns), the same slot and levelling, and down to just above the slot's walls. The
 * insertion is planned from there, once the arm stands still where it really went.
 */
function planSlotEntry(ctx: SkillContext, call: SkillCall, p: PlaceParams, stage: SlotStage): PlanResult {
  const holderId = call.destination as string;
  const hpose = ctx.poses.get(holderId);
  const held = ctx.poses.get(call.target);
  const heldObject = ctx.objects.get(call.target);
  if (!hpose || !held || !heldObject)
    return { ok: false, code: 'place.no-container', detail: `"${holderId}" is not a holder` };
  const { chosen } = stage;
  const mat = turnAboutVertical(chosen.mat, -squaringErrorRad(ctx, hpose, held, heldObject, chosen.mat));
  const others = othersNear(ctx, holderId, call.target, hpose);
  const options = releases(ctx, call, p, chosen.slot, mat, stage.heldWidth, others, hpose, held, heldObject);
  const release = options.find((r) => r.share === chosen.share) ?? options[0];
  if (!release)
    return {
      ok: false,
      code: 'place.no-room',
      detail: `${call.target} as held no longer fits slot ${chosen.slot.index} of ${holderId} with the fingers clear`,
    };
  const carried = hanging(ctx.tcp, held, heldObject.built, mat);
  const over: Vec3 = [release.spotM[0] - carried.hangM[0], release.spotM[1] - carried.hangM[1], stage.carryZ];
  const entry: Vec3 = [release.releaseM[0], release.releaseM[1], Math.min(release.entryZM, stage.carryZ)];
  return {
    ok: true,
    motions: [
      { phase: 'carry', posM: over, mat, gripperOpeningM: 0, minDurationS: 0.3, holdS: 0.1 },
      // Down to just above the walls, and a pause for the servos to settle there.
      {
        phase: 'release',
        posM: entry,
        mat: release.releaseMat,
        gripperOpeningM: 0,
        minDurationS: 0.5,
        holdS: p.entryHoldS,
      },
    ],
    next: (atEntry) =>
      planSlotInsertion(atEntry, call, p, {
        ...stage,
        chosen: { ...release, mat },
        commanded: { posM: entry, mat: release.releaseMat },
      }),
  };
}

/**
 * The insertion from just above the slot: aimed by where the object really hangs over the slot's axis and by how far
 * the arm stands from where it was sent (a position-servoed arm rests 1-7 mm off its target: measured on the xArm7
 * and the Kinovas, more than a rotor hole's 1 mm to spare), lowered slowly until contact, let go, withdrawn.
 */
function planSlotInsertion(
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
  stage: SlotStage & { commanded: Pose; alignSteps?: number },
): PlanResult {
  const holderId = call.destination as string;
  const hpose = ctx.poses.get(holderId);
  const held = ctx.poses.get(call.target);
  const heldObject = ctx.objects.get(call.target);
  if (!hpose || !held || !heldObject)
    return { ok: false, code: 'place.no-container', detail: `"${holderId}" is not a holder` };
  const { chosen, commanded } = stage;
  // The hand as it really stands, turned to square the object again; the command is offset by the arm's error.
  const squaring = squaringErrorRad(ctx, hpose, held, heldObject, ctx.tcp.mat);
  const actualMat = turnAboutVertical(ctx.tcp.mat, -squaring);
  const others = othersNear(ctx, holderId, call.target, hpose);
  const [release] = releases(
    ctx,
    call,
    p,
    chosen.slot,
    actualMat,
    stage.heldWidth,
    others,
    hpose,
    held,
    heldObject,
  );
  if (!release)
    return {
      ok: false,
      code: 'place.no-room',
      detail: `${call.target} as held over slot ${chosen.slot.index} of ${holderId} no longer fits it with the fingers clear`,
    };
  const offset: Vec3 = [
    commanded.posM[0] - ctx.tcp.posM[0],
    commanded.posM[1] - ctx.tcp.posM[1],
    commanded.posM[2] - ctx.tcp.posM[2],
  ];
  // The arm's orientation error carried over too: from where the hand really is to where it was sent.
  const releaseMat = matMul(matMul(commanded.mat, matTranspose(ctx.tcp.mat)), release.releaseMat);
  const target: Vec3 = [
    release.releaseM[0] + offset[0],
    release.releaseM[1] + offset[1],
    release.releaseM[2] + offset[2],
  ];
  // Off the slot's axis by more than the tolerance: first over it at the same height (the correction made while
  // going down arrives only at the bottom), then look again, a few times at most.
  const missM = Math.hypot(release.releaseM[0] - ctx.tcp.posM[0], release.releaseM[1] - ctx.tcp.posM[1]);
  if (missM > p.slotAlignToleranceM && (stage.alignSteps ?? 0) < p.slotAlignSteps) {
    const aligned: Vec3 = [target[0], target[1], commanded.posM[2]];
    return {
      ok: true,
      motions: [
        {
          phase: 'release',
          posM: aligned,
          mat: releaseMat,
          gripperOpeningM: 0,
          minDurationS: 0.3,
          holdS: p.entryHoldS,
        },
      ],
      next: (again) =>
        planSlotInsertion(again, call, p, {
          ...stage,
          commanded: { posM: aligned, mat: releaseMat },
          alignSteps: (stage.alignSteps ?? 0) + 1,
        }),
    };
  }
  const clear: Vec3 = [target[0], target[1], Math.max(target[2] + p.retreatHeightM, stage.carryZ)];
  const open = release.openM;
  const descent = Math.max(0, commanded.posM[2] - target[2]);
  return planned([
    {
      phase: 'release',
      posM: target,
      mat: releaseMat,
      gripperOpeningM: 0,
      minDurationS: descent / p.slotInsertSpeedMS,
      holdS: 0.1,
      guard: { kind: 'contact', object: call.target },
    },
    {
      phase: 'release',
      posM: target,
      mat: releaseMat,
      gripperOpeningM: open,
      minDurationS: 0.3,
      holdS: p.releaseHoldS,
      atGuardStop: true,
    },
    { phase: 'retreat', posM: clear, mat: releaseMat, gripperOpeningM: open, minDurationS: 0.6, holdS: 0 },
    // Turned to clear the slot's neighbours, the hand turns back once clear, so the next skill starts from a
    // comfortable wrist.
    ...(rotationAngle(releaseMat, stage.comfortable) > 1e-3
      ? [
          {
            phase: 'retreat' as const,
            posM: clear,
            mat: stage.comfortable,
            gripperOpeningM: open,
            minDurationS: 0.3,
            holdS: 0,
          },
        ]
      : []),
  ]);
}

/**
 * How far a held object that is not round stands turned from square with its holder, about the vertical, were the
 * hand at `mat`: the turn that takes it out. Round objects (a tube) have no such error.
 */
function squaringErrorRad(
  ctx: SkillContext,
  hpose: Pose,
  held: Pose,
  heldObject: PlacedObject,
  mat: readonly number[],
): number {
  const [fx, fy] = heldObject.built.footprintHalfM;
  if (Math.abs(fx - fy) < 1e-6) return 0;
  const objectMat = matMul(matMul(mat, matTranspose(ctx.tcp.mat)), held.mat);
  const heading = matVec(matTranspose(hpose.mat), matColumn(objectMat, 0));
  const phi = Math.atan2(heading[1], heading[0]);
  const quarter = Math.PI / 2;
  return phi - quarter * Math.round(phi / quarter);
}

/**
 * The releases that work over a slot with this carrying hand, best first: levelled as far as the slot needs, the
 * fingers as wide as they can open there. Each is checked where it ends: the object inside the slot's walls both
 * let go and seated, the open fingers beside nothing they would touch (or above it), the object let go low
 * enough that the walls guide it.
 */
function releases(
  ctx: SkillContext,
  call: SkillCall,
  p: PlaceParams,
  slot: SlotSpace,
  mat: number[],
  heldWidth: number,
  others: readonly Other[],
  hpose: Pose,
  held: Pose,
  heldObject: PlacedObject,
): SlotRelease[] {
  const out: SlotRelease[] = [];
  const toHolder = matTranspose(hpose.mat);
  const hull = assetHullPoints(heldObject.built);
  const margins = [p.releaseMarginM, (p.releaseMarginM + p.minReleaseMarginM) / 2, p.minReleaseMarginM];
  // The object itself must only not overlap what stands near the slot (a negative gap ignores it, as a sabotage).
  const objectGap = Math.min(0, p.slotNeighbourGapM);
  const shares = ctx.toolPitchRad > 0 ? LEVELLING_SHARES : [0];
  for (const share of shares) {
    const releaseMat = share > 0 ? levelled(ctx, held, mat, share) : mat;
    const { hangM } = hanging(ctx.tcp, held, heldObject.built, releaseMat);
    // Object and fingers relative to the object's base, turned into the holder's frame.
    const objectMat = matMul(matMul(releaseMat, matTranspose(ctx.tcp.mat)), held.mat);
    const objectRel = hull.map((q) => matVec(toHolder, matVec(objectMat, q)));
    const lowestRel = Math.min(...objectRel.map((q) => q[2]));
    // Seated: its lowest point on the slot's floor, and what of it stands inside the walls centred on the slot's
    // axis (a tube held leaning goes in with its base off the axis, its body centred in the hole).
    const seatedDz = -lowestRel;
    const inside = objectRel.filter((q) => slot.floorM[2] + seatedDz + q[2] < slot.wallTopM);
    const [cx, cy] = inside.length
      ? [0, 1].map((k) => inside.reduce((sum, q) => sum + (q[k] as number), 0) / inside.length)
      : [0, 0];
    const at = (pts: readonly Vec3[], dz: number): Vec3[] =>
      pts.map((q) => [
        slot.floorM[0] - (cx as number) + q[0],
        slot.floorM[1] - (cy as number) + q[1],
        slot.floorM[2] + dz + q[2],
      ]);
    if (slotFitM(slot, at(objectRel, seatedDz)) < FIT_GAP_M) continue;
    const seated = prismAround(at(objectRel, seatedDz));
    if (
      others.some(
        (o) => heightsOverlap(seated, o.prism) && polygonGapM(seated.polygon, o.prism.polygon) < objectGap,
      )
    )
      continue;
    for (const marginM of margins) {
      const openM = Math.min(ctx.gripper.strokeM, heldWidth + 2 * marginM);
      const fingersRel = fingerBoxes(ctx, releaseMat, openM).map((box) =>
        box.map((c) => matVec(toHolder, [c[0] - hangM[0], c[1] - hangM[1], c[2] - hangM[2]])),
      );
      const tipRel = Math.min(...fingersRel.flat().map((c) => c[2]));
      // As low as the release height lets it, raised until the fingertips clear whatever they cannot go down beside.
      let dz = seatedDz + p.slotReleaseHeightM;
      const fingerPrisms = fingersRel.map((box) => prismAround(at(box, 0)));
      const beside = [
        ...slot.walls.map((w) => ({ prism: w, gap: p.slotNeighbourGapM })),
        ...others.map((o) => ({ prism: o.prism, gap: p.slotNeighbourGapM })),
      ];
      for (const { prism, gap } of beside) {
        if (!fingerPrisms.some((f) => polygonGapM(f.polygon, prism.polygon) < gap)) continue;
        dz = Math.max(dz, prism.zMaxM + p.slotFingerClearanceM - slot.floorM[2] - tipRel);
      }
      const lowestAtRelease = slot.floorM[2] + dz + lowestRel;
      // Let go with the object's bottom this far inside the walls, or it is dropped onto them.
      if (slot.wallTopM - lowestAtRelease < p.minInsertionM) continue;
      const releasedPoints = at(objectRel, dz);
      if (slotFitM(slot, releasedPoints) < FIT_GAP_M) continue;
      const released = prismAround(releasedPoints);
      if (
        others.some(
          (o) =>
            heightsOverlap(released, o.prism) && polygonGapM(released.polygon, o.prism.polygon) < objectGap,
        )
      )
        continue;
      const spotM = toWorld(hpose, [
        slot.floorM[0] - (cx as number),
        slot.floorM[1] - (cy as number),
        slot.floorM[2] + dz,
      ]);
      const releaseM: Vec3 = [spotM[0] - hangM[0], spotM[1] - hangM[1], spotM[2] - hangM[2]];
      // The slow guarded stretch starts with the object's lowest point just above the walls.
      const entryZM = Math.max(
        releaseM[2] + p.releaseApproachM,
        releaseM[2] + (slot.wallTopM + p.rimClearanceM - lowestAtRelease),
      );
      out.push({ slot, share, openM, mat, releaseMat, releaseM, entryZM, spotM });
      break;
    }
  }
  return out;
}

/**
 * The finger boxes of an open hand (TCP frame corners turned into the world, relative to the TCP): each finger's
 * depth along the hand's x, its thickness beyond the opening along y, from its tip up towards the hand.
 */
function fingerBoxes(ctx: SkillContext, mat: readonly number[], openM: number): Vec3[][] {
  const depth = ctx.gripper.fingertipHalfDepthM ?? ctx.gripper.fingerThicknessM / 2;
  const boxes: Vec3[][] = [];
  for (const side of [-1, 1]) {
    const corners: Vec3[] = [];
    for (const x of [-depth, depth])
      for (const y of [openM / 2, openM / 2 + ctx.gripper.fingerThicknessM])
        for (const z of [-FINGER_SPAN_M, ctx.gripper.fingertipBelowTcpM])
          corners.push(matVec(mat, [x, side * y, z]));
    boxes.push(corners);
  }
  return boxes;
}

/** The hand with the held object's tilt taken out by `share` (a leaning arm straightens before letting go). */
function levelled(ctx: SkillContext, held: Pose, mat: number[], share: number): number[] {
  const turned = matMul(matMul(mat, matTranspose(ctx.tcp.mat)), held.mat);
  const level = matMul(quatToMat(quatBetween(matColumn(turned, 2), [0, 0, 1])), mat);
  return matSlerp(mat, level, share);
}

/** The hand the arm holds comfortably over a point (for a leaning arm, its lean swung round to face it). */
function comfortableHand(ctx: SkillContext, point: Vec3): number[] {
  return ctx.toolPitchRad > 0
    ? turnAboutVertical(ctx.tcp.mat, leanHeading(ctx, point) - leanHeading(ctx, ctx.tcp.posM))
    : topDownFrameAtYaw(neutralYaw(ctx, point), 0);
}

/**
 * Hand turns about the vertical to try, smallest first. A round object (a tube) may turn any way, so the turns
 * step round to find one whose fingers clear the slot's neighbours; anything else is squared with the holder
 * (a plate with its seat), every quarter turn within reach of the wrist.
 */
function handTurns(
  ctx: SkillContext,
  hpose: Pose,
  held: Pose,
  heldObject: PlacedObject,
  comfortable: number[],
): number[] {
  const [fx, fy] = heldObject.built.footprintHalfM;
  const turns: number[] = [];
  if (Math.abs(fx - fy) < 1e-6) {
    for (let t = 0; t <= MAX_TURN_RAD + 1e-9; t += ROUND_TURN_STEP_RAD) turns.push(t, -t);
  } else {
    const objectMat = matMul(matMul(comfortable, matTranspose(ctx.tcp.mat)), held.mat);
    const heading = matVec(matTranspose(hpose.mat), matColumn(objectMat, 0));
    const quarter = Math.PI / 2;
    const phi = Math.atan2(heading[1], heading[0]);
    const first = -(phi - quarter * Math.round(phi / quarter));
    for (let k = -2; k <= 2; k++) turns.push(first + k * quarter);
  }
  return [...new Set(turns)]
    .filter((t) => Math.abs(t) <= MAX_TURN_RAD + 1e-9)
    .sort((a, b) => Math.abs(a) - Math.abs(b));
}

/**
 * Free slots in the order they are tried: in a rotor a slot across from a loaded one first (a centrifuge runs
 * balanced), then nearest the arm.
 */
function slotOrder(
  ctx: SkillContext,
  slots: readonly SlotSpace[],
  free: readonly SlotSpace[],
  hpose: Pose,
): SlotSpace[] {
  const opposite = oppositeSlots(slots);
  const isFree = new Set(free.map((s) => s.index));
  const balancing = (s: SlotSpace) => {
    const j = opposite[s.index] ?? -1;
    return j >= 0 && !isFree.has(j);
  };
  const base = ctx.robotBase.posM;
  const distance = (s: SlotSpace) => {
    const w = toWorld(hpose, s.floorM);
    return Math.hypot(w[0] - base[0], w[1] - base[1]);
  };
  return [...free].sort(
    (a, b) => Number(balancing(b)) - Number(balancing(a)) || distance(a) - distance(b) || a.index - b.index,
  );
}

/** Every other object in the holder's frame (what stands in its slots, what stands beside it). */
function othersNear(ctx: SkillContext, holderId: string, heldId: string, hpose: Pose): Other[] {
  const out: Other[] = [];
  for (const [id, o] of ctx.objects) {
    const pose = ctx.poses.get(id);
    if (id === holderId || id === heldId || !pose) continue;
    const points = assetHullPoints(o.built).map((q) => toLocal(hpose, toWorld(pose, q)));
    out.push({ id, points, prism: prismAround(points) });
  }
  return out;
}
