// zod schema of a bench scene template (scenes/*.yaml): bench, robot mount, objects, cameras, lights.
import { z } from 'zod';
import { kebabId, range, rgba, vec3 } from './common.js';
import { liquidFillSchema } from './liquid.js';

/** Symbolic state an object starts in beyond its pose (for the plan's precondition check; not simulated). */
const symbolicStart = {
  /** An instrument with a run in progress (a spinning centrifuge): its start button stops it. */
  running: z.boolean().optional(),
  /**
   * Parts that start in another symbolic state than at rest (screw knobs rest loosened): a thermal cycler
   * whose lid screw is tightened. Lids, doors and drawers start closed, as the scene composes them.
   */
  partStates: z.record(z.string(), z.enum(['tightened', 'loosened'])).optional(),
};

const jitter = z.object({
  xM: range.default([0, 0]),
  yM: range.default([0, 0]),
  yawRad: range.default([0, 0]),
});

const inSlotOf = z.object({ object: kebabId, slot: z.number().int().nonnegative() });

const sceneObject = z.object({
  /** The object's id in this scene, used by instructions and success checks. */
  id: kebabId,
  asset: kebabId,
  /** Position of the object's base on the bench top (z = 0 is the bench surface), before randomization. */
  posM: vec3,
  yawRad: z.number().default(0),
  /** Where layout randomization may move it (offsets added to posM / yawRad). */
  jitter: jitter.default({ xM: [0, 0], yM: [0, 0], yawRad: [0, 0] }),
  /** Stand the object in a slot of a rack object instead of on the bench. */
  inSlotOf: inSlotOf.optional(),
  /** Start a stopper seated in the mouth of an earlier object (a bottle's neck): its plug in the bore. */
  seatedIn: kebabId.optional(),
  /** Start the object (a container) filled with liquid particles laid out in its interior. */
  liquid: liquidFillSchema.optional(),
  /**
   * Joint positions its articulated parts start at, by part name (rad for hinges, m for slides; 0 is closed or
   * at rest): a centrifuge whose lid stands open, `{ lid: 1.9 }`. Simulated: the episode starts there.
   */
  partPositions: z.record(z.string(), z.number()).optional(),
  /**
   * What this object is for in this scene, a word that qualifies each of its asset's names in instructions:
   * `experimental` makes "the experimental centrifuge tube", "the experimental tube".
   */
  role: z.string().min(1).optional(),
  /** More names instructions may call this object by in this scene ("counterweight tube"). */
  names: z.array(z.string().min(1)).optional(),
  ...symbolicStart,
});

const camera = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  posM: vec3,
  lookAtM: vec3,
  fovyDeg: z.number().min(10).max(170),
});

export const sceneTemplateSchema = z.object({
  id: kebabId,
  name: z.string(),
  description: z.string(),
  bench: z.object({
    sizeM: vec3,
    /** Centre of the bench top in world coordinates (z is its height). */
    topCenterM: vec3,
    rgba: rgba,
  }),
  floorRgba: rgba,
  /**
   * Where a robot base sits by default (world coordinates) and which way it faces, plus the region the
   * placement search may move it within (offsets) when a robot cannot reach every task target from there.
   */
  robotMount: z.object({
    posM: vec3,
    yawRad: z.number().default(0),
    search: z
      .object({
        xM: range.default([-0.1, 0.35]),
        yM: range.default([-0.25, 0.25]),
        yawRad: range.default([-0.6, 0.6]),
      })
      .default({ xM: [-0.1, 0.35], yM: [-0.25, 0.25], yawRad: [-0.6, 0.6] }),
  }),
  objects: z.array(sceneObject).min(1),
  cameras: z.array(camera).min(1),
  lights: z.array(z.object({ posM: vec3, dir: vec3, diffuse: vec3 })).min(1),
  /**
   * Other ways the scene can start, by name (a recipe's `start`): objects stood in other slots (tubes already
   * in the centrifuge's rotor) and other symbolic states (its run in progress), everything else as above.
   */
  starts: z
    .record(
      kebabId,
      z.object({
        description: z.string(),
        objects: z.record(
          kebabId,
          z
            .object({
              inSlotOf: inSlotOf.optional(),
              /** Stood on the bench here instead (relative to the bench-top centre, z = 0 on it). */
              posM: vec3.optional(),
              /** Seated in another object's mouth, or `null`: not seated (a stopper left on the bench). */
              seatedIn: kebabId.nullable().optional(),
              /** Layout randomization there (a plate in a seat that fits it turns no more than the seat). */
              jitter: jitter.optional(),
              partPositions: z.record(z.string(), z.number()).optional(),
              ...symbolicStart,
            })
            .strict(),
        ),
      }),
    )
    .optional(),
});
export type SceneTemplate = z.infer<typeof sceneTemplateSchema>;
export type SceneObjectTemplate = z.infer<typeof sceneObject>;
