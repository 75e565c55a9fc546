// zod schema of an EpisodeSpec: everything needed to replay one episode exactly (recorded in the dataset).
import { z } from 'zod';
import { vec3 } from './common.js';
import { liquidFillSchema } from './liquid.js';

const objectSample = z.object({
  id: z.string(),
  asset: z.string(),
  params: z.record(z.string(), z.number()),
  colors: z.record(z.string(), z.tuple([z.number(), z.number(), z.number(), z.number()])),
  massKg: z.number(),
  posM: vec3,
  yawRad: z.number(),
  /** The container's liquid fill, when the scene template gives it one. */
  liquid: liquidFillSchema.optional(),
  /** Joint positions the object's articulated parts start at (scene template), by part name. */
  partPositions: z.record(z.string(), z.number()).optional(),
});

// The skill id is checked against the skill registry where specs are read (the schema stays free of skill ids).
export const skillCallSchema = z.object({
  skill: z.string().min(1),
  target: z.string(),
  part: z.string().optional(),
  destination: z.string().optional(),
  args: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  text: z.string(),
});

export const episodeSpecSchema = z.object({
  labgenVersion: z.string(),
  robot: z.string(),
  scene: z.string(),
  instruction: z.string(),
  steps: z.array(skillCallSchema).min(1),
  runSeed: z.number().int(),
  slot: z.number().int().nonnegative(),
  attempt: z.number().int().nonnegative(),
  /** The episode's own seed, derived from (runSeed, robot, slot, attempt). */
  seed: z.number().int(),
  fps: z.number().int().positive(),
  imageWidth: z.number().int().positive(),
  imageHeight: z.number().int().positive(),
  cameras: z.array(z.string()).min(1),
  /** Robot base pose chosen by the placement search (world frame). */
  robotBase: z.object({ posM: vec3, yawRad: z.number() }),
  randomization: z.object({
    preset: z.string(),
    objects: z.array(objectSample),
    /** `home` (jittered) or `random` (sampled around the workspace): how the start offsets were drawn. */
    startPose: z.enum(['home', 'random']).default('home'),
    /** Offset added to the robot's home pose at the start (robot start pose axis). */
    startOffsetRad: z.array(z.number()),
  }),
});
export type EpisodeSpec = z.infer<typeof episodeSpecSchema>;
