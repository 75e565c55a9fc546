// MJCF of a liquid fill: N small sphere bodies laid out on a deterministic grid inside a container's interior.
import { UserInputError } from '../errors.js';
import { num, nums } from '../mjcf/mjcf-text.js';
import { quatFromAxisAngle, quatRotate, type Vec3 } from '../motion/math3d.js';
import type { LiquidFill } from '../schemas/liquid.js';

/** A container's interior as an axis-aligned box in its object frame (BuiltAsset.container). */
export interface InteriorBox {
  minM: Vec3;
  maxM: Vec3;
}

/** What the MJCF of one fill needs to know about its container object. */
export interface FilledContainer {
  id: string;
  /** World position of the object's base and its yaw, as placed in the scene. */
  posM: Vec3;
  yawRad: number;
  interior: InteriorBox;
  fill: LiquidFill;
}

/** How particles are simulated; the choices are measured by `src/bench/liquid-bench.ts`. */
export interface LiquidPhysics {
  /** `slide`: three world-aligned slide joints (3 dofs); `free`: a free joint (6 dofs). */
  joints: 'slide' | 'free';
  /** Whether particles collide with each other (they always collide with labware, bench and robot). */
  mutualContacts: boolean;
  /** Contact dimensionality of every particle contact (1 = frictionless normal only). */
  condim: 1 | 3;
  /** Contact softness of particle contacts (MuJoCo solref: time constant, damping ratio). */
  solref: readonly [number, number];
  /**
   * Velocity damping time constant of a particle (s): each slide joint gets damping = mass / this. Frictionless
   * particles lose no sideways speed on a floor, so without it a settled fill keeps sloshing at ~1-2 cm/s for
   * good; 1 s stops that within a second or two, while the drag on a particle falling at 1.5 m/s is 15 % of its
   * weight.
   */
  dampingTimeS: number;
}

/*
 * Measured with `npm run bench` (src/bench/liquid-bench.ts: pouring-station + Panda at rest, interleaved runs,
 * CPU-time steps/s; the empty scene steps at ~10,000-14,000/s here). The template's fill, 24 particles of 5 mm
 * lying in one layer, steps at 0.42-0.48 of the empty scene with this model; free joints instead of slide
 * joints 0.33-0.42 (6 dofs a particle instead of 3; a frictionless sphere never needs to turn, its contact
 * forces pass through its centre); without particle-particle contacts 0.51-0.59. Mutual contacts stay: without
 * them particles pass through each other and a fill collapses into one overlapping puddle with no level.
 * Particles are frictionless (condim 1): one constraint row per contact instead of an elliptic cone (with free
 * joints, a 60-particle stack stepped at 18 steps/s with friction against 305 without), and they flow and
 * level like a liquid. Friction with slide joints (particles that cannot roll) measured about as
 * cheap, but such particles stand in columns instead of flowing. Stacking is what costs: 60 particles of 4 mm
 * (two to three layers) step at 0.10-0.13 of the empty scene (free joints 0.03-0.05), because every layer
 * presses on the one below and the solver couples them all; keep fills to about one layer (radius and count
 * are template parameters). The solref is the stiffest stable at 2 ms (2 timesteps), so a particle rests on
 * glass with well under a millimetre of sink and does not tunnel through a 1.8 mm wall.
 */
export const LIQUID_PHYSICS: LiquidPhysics = {
  joints: 'slide',
  mutualContacts: true,
  condim: 1,
  solref: [0.004, 1],
  dampingTimeS: 1,
};

/*
 * Contact bits. Scene geoms use contype 1 / conaffinity 1 and arm links contype 2 / conaffinity 1. Particles
 * take their own type bit 4 and accept 1|2 (world, labware, fingers, arm links); with mutual contacts they
 * also accept their own bit 4.
 */
const PARTICLE_CONTYPE = 4;
const PARTICLE_CONAFFINITY_WORLD = 1 | 2;

/** Free space left between neighbouring particles and between particles and the interior's faces at placement. */
const LAYOUT_GAP_FRACTION = 0.15;
/** The top layer's centres stay at least this many radii below the rim, so nothing starts level with it. */
const RIM_CLEARANCE_RADII = 1;

export const liquidParticleName = (objectId: string, index: number): string => `${objectId}_liquid_${index}`;

export const particleMassKg = (fill: LiquidFill): number =>
  fill.densityKgM3 * (4 / 3) * Math.PI * fill.radiusM ** 3;

/**
 * Particle centres in the container's object frame: a square grid filled row by row and layer by layer from
 * the floor up, each layer a little above the last so nothing starts in contact. Throws when the fill
 * does not fit below the rim.
 */
export function fillLayout(interior: InteriorBox, fill: LiquidFill, label = 'container'): Vec3[] {
  const r = fill.radiusM;
  const gap = LAYOUT_GAP_FRACTION * r;
  const pitch = 2 * r + gap;
  const across = (axis: 0 | 1): number => {
    const free = interior.maxM[axis] - interior.minM[axis] - 2 * (r + gap);
    return free < 0 ? 0 : Math.floor(free / pitch) + 1;
  };
  const nx = across(0);
  const ny = across(1);
  const z0 = interior.minM[2] + r + gap;
  const zTop = interior.maxM[2] - (1 + RIM_CLEARANCE_RADII) * r;
  const layers = zTop < z0 ? 0 : Math.floor((zTop - z0) / pitch) + 1;
  const capacity = nx * ny * layers;
  if (fill.particles > capacity) {
    throw new UserInputError(
      'liquid-overfill',
      `${label}: ${fill.particles} particles of radius ${fill.radiusM} m do not fit below its rim (at most ${capacity})`,
      { field: 'liquid.particles', validChoices: [`at most ${capacity} particles`] },
    );
  }
  // Centre the grid in the interior so particles start clear of the walls on every side.
  const cx = (interior.minM[0] + interior.maxM[0]) / 2 - ((nx - 1) * pitch) / 2;
  const cy = (interior.minM[1] + interior.maxM[1]) / 2 - ((ny - 1) * pitch) / 2;
  const centres: Vec3[] = [];
  for (let i = 0; i < fill.particles; i++) {
    const layer = Math.floor(i / (nx * ny));
    const inLayer = i % (nx * ny);
    centres.push([cx + (inLayer % nx) * pitch, cy + Math.floor(inLayer / nx) * pitch, z0 + layer * pitch]);
  }
  return centres;
}

/** World positions of a fill's particles at placement. */
export function particleStartPositions(c: FilledContainer): Vec3[] {
  const q = quatFromAxisAngle([0, 0, 1], c.yawRad);
  return fillLayout(c.interior, c.fill, c.id).map((p) => {
    const w = quatRotate(q, p);
    return [c.posM[0] + w[0], c.posM[1] + w[1], c.posM[2] + w[2]];
  });
}

/** The particle bodies of one fill, as world-body children; empty when the fill has no particles. */
export function liquidXml(c: FilledContainer, physics: LiquidPhysics = LIQUID_PHYSICS): string {
  const mass = particleMassKg(c.fill);
  const damping = mass / physics.dampingTimeS;
  const conaffinity = PARTICLE_CONAFFINITY_WORLD | (physics.mutualContacts ? PARTICLE_CONTYPE : 0);
  return particleStartPositions(c)
    .map((p, i) => {
      const name = liquidParticleName(c.id, i);
      const joints =
        physics.joints === 'free'
          ? `<freejoint name="${name}"/>`
          : (['x', 'y', 'z'] as const)
              .map(
                (axis, k) =>
                  `<joint name="${name}_${axis}" type="slide" axis="${nums([k === 0 ? 1 : 0, k === 1 ? 1 : 0, k === 2 ? 1 : 0])}" damping="${num(damping)}"/>`,
              )
              .join('');
      // priority 1: the particle's condim and solref govern its contacts with labware (condim 4) too.
      return (
        `<body name="${name}" pos="${nums(p)}">${joints}` +
        `<geom name="${name}" type="sphere" size="${num(c.fill.radiusM)}" mass="${num(mass)}" rgba="${nums(c.fill.rgba)}" ` +
        `contype="${PARTICLE_CONTYPE}" conaffinity="${conaffinity}" condim="${physics.condim}" priority="1" ` +
        `friction="0.3 0.005 0.0001" solref="${nums(physics.solref)}"/></body>`
      );
    })
    .join('');
}

/** What a fill needs of a placed scene object (structural, so this module does not depend on scenes/). */
export interface LiquidHolder {
  id: string;
  posM: Vec3;
  yawRad: number;
  liquid?: LiquidFill;
  built: { container?: InteriorBox; fillBox?: InteriorBox };
}

/**
 * The scene objects that start filled, with their interiors. Fails (naming `label`, e.g. the scene) for a fill
 * on an object that holds nothing or a fill that does not fit below the rim.
 */
export function filledContainers(objects: readonly LiquidHolder[], label = 'scene'): FilledContainer[] {
  return objects.flatMap((o) => {
    if (!o.liquid) return [];
    if (!o.built.container) {
      throw new UserInputError(
        'liquid-not-container',
        `${label}: object "${o.id}" has a liquid fill but its asset has no interior to hold it`,
        { field: `objects.${o.id}.liquid` },
      );
    }
    const interior = o.built.fillBox ?? o.built.container;
    fillLayout(interior, o.liquid, `${label}: object "${o.id}"`);
    return [{ id: o.id, posM: o.posM, yawRad: o.yawRad, interior, fill: o.liquid }];
  });
}

/** Every fill of a scene as world-body MJCF lines (none, and the scene XML unchanged, without fills). */
export function sceneLiquidXml(
  objects: readonly LiquidHolder[],
  label = 'scene',
  physics: LiquidPhysics = LIQUID_PHYSICS,
): string[] {
  return filledContainers(objects, label).map((c) => liquidXml(c, physics));
}
