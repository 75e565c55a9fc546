// zod schema of a recipe (recipes/*.yaml) and of the resolved JobSpec that `labgen generate` runs.
import { z } from 'zod';
import { kebabId } from './common.js';

/** One step of a plan given as data: a skill call bound to scene objects (`labgen plan --json` prints these). */
export const planStepSchema = z
  .object({
    skill: kebabId.describe('skill id (labgen list skills)'),
    target: kebabId.describe('scene object acted on'),
    part: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional()
      .describe("the target's part: lid, door, drawer, start_button, knob ...; inferred when it has one"),
    destination: kebabId.optional().describe('where the target goes (place, pick-place)'),
    args: z
      .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
      .optional()
      .describe('skill arguments, e.g. {direction: tighten} or {angleRad: 1.57}'),
    text: z
      .string()
      .min(1)
      .optional()
      .describe("the step's language; generated from the skill's phrases if absent"),
  })
  .strict();
export type PlanStep = z.infer<typeof planStepSchema>;

export const recipeSchema = z
  .object({
    /** The protocol in plain words, e.g. "pick the PCR plate into the basket". Give this or `steps`. */
    instruction: z.string().min(1).optional(),
    /** The plan as structured skill calls (scripted builds), instead of `instruction`. */
    steps: z.array(planStepSchema).min(1).optional(),
    scene: kebabId,
    /** One of the scene's named `starts` (objects and instrument states it begins in); absent: as written. */
    start: kebabId.optional(),
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
    /**
     * Where the arm starts each episode: `home` (its home pose, jittered by 0.05 rad per joint) or `random` (a
     * configuration sampled around the workspace, up to 0.4 rad per joint from home, rejected as
     * start.in-collision when it touches the scene), as the Sci-VLA paper collects its atomic data.
     */
    startPose: z.enum(['home', 'random']).default('home'),
    /** Attempts per robot before giving up; default 5x the episode count. */
    maxAttempts: z.number().int().positive().optional(),
    format: z.enum(['lerobot']).default('lerobot'),
    lerobotVersion: z.enum(['3.0']).default('3.0'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.instruction === undefined) === (r.steps === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: r.instruction === undefined ? ['instruction'] : ['steps'],
        message:
          r.instruction === undefined
            ? 'give the protocol as `instruction` (text) or as `steps` (skill calls)'
            : 'give `instruction` or `steps`, not both',
      });
    }
  });
export type Recipe = z.infer<typeof recipeSchema>;

export type JobSpec = Recipe & { maxAttempts: number; out: string; keepRejected: boolean };
