// Shared pieces of the instrument builders: boxes, and the moving parts (hinged lids, sprung buttons, knobs).
// Convention for every instrument: the operator faces the front, the -y face; z is up from the bench.
import type { Vec3 } from '../../motion/math3d.js';
import type { PrimitiveGeom } from '../../schemas/common.js';
import type { ArticulatedPart, ArticulationStateSpec, GraspFrame } from '../built-asset.js';
import type { GeomPart } from './stave-ring.js';

type Rgba = PrimitiveGeom['rgba'];

/** An axis-aligned box from its min and max corners. */
export function boxPart(part: string, minM: Vec3, maxM: Vec3, rgba: Rgba): GeomPart {
  return {
    part,
    geom: {
      type: 'box',
      halfSizeM: [(maxM[0] - minM[0]) / 2, (maxM[1] - minM[1]) / 2, (maxM[2] - minM[2]) / 2],
      posM: [(minM[0] + maxM[0]) / 2, (minM[1] + maxM[1]) / 2, (minM[2] + maxM[2]) / 2],
      rgba,
    },
  };
}

/*
 * Moving parts never touch the bench: geoms resting on z = 0 would drag on it with friction (contacts with
 * the parent body are filtered by MuJoCo, contacts with the world are not).
 */
export const PART_FLOOR_CLEARANCE_M = 0.003;

/*
 * Push buttons: 10 g caps on a 300 N/m spring preloaded by 4 mm, so 1.2 N holds a released button on its
 * outer stop and about 2.1 N bottoms it out after 3 mm (the feel of an instrument membrane key). Damping of
 * 1 N s/m leaves the return under-damped but settled within ~30 ms. Counted as pressed past 60 % of travel.
 */
const BUTTON = {
  massKg: 0.01,
  stiffness: 300,
  preloadM: 0.004,
  damping: 1,
  frictionloss: 0.05,
  protrudeM: 0.005,
  travelM: 0.003,
  pressedFraction: 0.6,
};

/** A round button on the front face (y = faceY), pressed towards +y. */
export function frontButton(o: {
  name: string;
  xM: number;
  zM: number;
  faceYM: number;
  radiusM: number;
  rgba: Rgba;
  state: string;
}): { part: ArticulatedPart; state: ArticulationStateSpec; protrudeM: number; frame: GraspFrame } {
  const face = o.faceYM;
  return {
    part: {
      name: o.name,
      joint: {
        type: 'slide',
        axis: [0, 1, 0],
        posM: [o.xM, face, o.zM],
        range: [0, BUTTON.travelM],
        damping: BUTTON.damping,
        frictionloss: BUTTON.frictionloss,
        stiffness: BUTTON.stiffness,
        springRef: -BUTTON.preloadM,
      },
      geoms: [
        {
          part: o.name,
          geom: {
            type: 'cylinder',
            radiusM: o.radiusM,
            // The cap reaches 2 mm into the face so a pressed button never shows a gap.
            fromM: [o.xM, face - BUTTON.protrudeM, o.zM],
            toM: [o.xM, face + 0.002, o.zM],
            rgba: o.rgba,
          },
        },
      ],
      massKg: BUTTON.massKg,
    },
    state: {
      name: o.state,
      joint: o.name,
      kind: 'pressed',
      pressedBeyondM: BUTTON.travelM * BUTTON.pressedFraction,
    },
    protrudeM: BUTTON.protrudeM,
    // Pressed at the centre of its cap, straight in along the joint axis.
    frame: {
      name: o.name,
      part: o.name,
      kind: 'press',
      posM: [o.xM, face - BUTTON.protrudeM, o.zM],
      approach: [0, 1, 0],
      closingAxis: [1, 0, 0],
      widthM: 0,
    },
  };
}

/*
 * Knobs: 30 g, turned against dry friction (0.03 N m for a control knob, more for a screw knob) that stands
 * in for a detent: the knob stays wherever it was left. A ridge on the cap shows the angle.
 */
export function knob(o: {
  name: string;
  parent?: string;
  /** Centre of the knob's base on the surface it sits on, and the outward axis of that surface. */
  baseM: Vec3;
  outward: Vec3;
  radiusM: number;
  heightM: number;
  range: [number, number];
  frictionloss: number;
  rgba: Rgba;
  state: string;
}): { part: ArticulatedPart; state: ArticulationStateSpec; frame: GraspFrame } {
  const [bx, by, bz] = o.baseM;
  const [ux, uy, uz] = o.outward;
  const at = (d: number): Vec3 => [bx + ux * d, by + uy * d, bz + uz * d];
  const top = at(o.heightM);
  // The ridge runs across the cap face along a direction perpendicular to the axis (z, or x for a vertical knob).
  const across: Vec3 = Math.abs(uz) > 0.5 ? [1, 0, 0] : [0, 0, 1];
  const ridgeHalf = [0, 1, 2].map((i) =>
    across[i] === 1 ? o.radiusM * 0.9 : Math.abs(o.outward[i] as number) > 0.5 ? 0.002 : 0.003,
  ) as Vec3;
  return {
    part: {
      name: o.name,
      ...(o.parent ? { parent: o.parent } : {}),
      joint: {
        type: 'hinge',
        axis: o.outward,
        posM: o.baseM,
        range: o.range,
        damping: 0.002,
        frictionloss: o.frictionloss,
      },
      geoms: [
        {
          part: o.name,
          geom: { type: 'cylinder', radiusM: o.radiusM, fromM: at(0), toM: top, rgba: o.rgba },
        },
        {
          part: o.name,
          geom: { type: 'box', halfSizeM: ridgeHalf, posM: at(o.heightM + 0.002), rgba: o.rgba },
        },
      ],
      massKg: 0.03,
    },
    state: { name: o.state, joint: o.name, kind: 'angle' },
    // Pinched across the cap from straight in front of its face, then turned about the joint axis.
    frame: {
      name: o.name,
      part: o.name,
      kind: 'pinch',
      posM: at(o.heightM / 2),
      approach: [-ux, -uy, -uz],
      closingAxis: Math.abs(ux) > 0.5 ? [0, 0, 1] : [1, 0, 0],
      widthM: 2 * o.radiusM,
    },
  };
}

/**
 * A lid over the top, hinged along its back edge (y = backY, z = bottomZ) and opening upward about -x.
 * `handleM` is how far the lip at its front edge hangs over the front face.
 */
export function topLid(o: {
  xHalfM: number;
  frontYM: number;
  backYM: number;
  bottomZM: number;
  thicknessM: number;
  handleM: number;
  openRad: number;
  massKg: number;
  rgba: Rgba;
  handleRgba: Rgba;
}): { part: ArticulatedPart; state: ArticulationStateSpec; frame: GraspFrame } {
  const { xHalfM: hx, frontYM: fy, backYM: by, bottomZM: z0, thicknessM: t } = o;
  return {
    part: {
      name: 'lid',
      joint: {
        type: 'hinge',
        axis: [-1, 0, 0],
        posM: [0, by, z0],
        range: [0, o.openRad],
        // A lid that swings freely but does not slam: a little viscous and dry friction in the hinge.
        damping: 0.2,
        frictionloss: 0.05,
      },
      geoms: [
        boxPart('lid', [-hx, fy, z0], [hx, by, z0 + t], o.rgba),
        boxPart('lid_handle', [-hx / 3, fy - o.handleM, z0 + t / 2], [hx / 3, fy, z0 + t], o.handleRgba),
      ],
      massKg: o.massKg,
    },
    state: { name: 'lidAngleRad', joint: 'lid', kind: 'angle' },
    // The lip over the front face, pinched top and bottom by a hand coming from the front, then lifted.
    frame: {
      name: 'lid_handle',
      part: 'lid',
      kind: 'pinch',
      posM: [0, fy - o.handleM / 2, z0 + (3 * t) / 4],
      approach: [0, 1, 0],
      closingAxis: [0, 0, 1],
      widthM: t / 2,
    },
  };
}
