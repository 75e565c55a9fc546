// zod schema of a recipe (recipes/*.yaml) and of the resolved JobSpec that `labgen generate` runs.
import { z } from 'zod';
import { kebabId } from './common.js';

export const recipeSchema = z
  .object({
    /** The protocol in plain words, e.g. "pick the PCR plate into the basket". */
    instruction: z.string().min(1),
    scene: kebabId,
    robots: z.array(kebabId).min(1).default(['franka-panda']),
    /** Accepted episodes per robot. */
    episodes: z.number().int().positive().default(10),
    seed: z.number().int().nonnegative().default(0),
    fps: z.number().int().min(1).max(120).default(15),
    imageWidth: z.number().int().min(16).max(1024).default(224),
    imageHeight: z.number().int().min(16).max(1024).default(224),
    /** Scene cameras plus "wrist" for the robot's hand camera. */
    cameras: z
      .array(z.string().regex(/^[a-z][a-z0-9_]*$/))
      .min(1)
      .default(['front', 'wrist']),
    randomization: z.enum(['default', 'none']).default('default'),
    /** Attempts per robot before giving up; default 5x the episode count. */
    maxAttempts: z.number().int().positive().optional(),
    format: z.enum(['lerobot']).default('lerobot'),
    lerobotVersion: z.enum(['3.0']).default('3.0'),
  })
  .strict();
export type Recipe = z.infer<typeof recipeSchema>;

export type JobSpec = Recipe & { maxAttempts: number; out: string; keepRejected: boolean };
