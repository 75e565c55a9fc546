// zod schema of a liquid fill: how many particles of which size a container starts with (scene templates and episode specs).
import { z } from 'zod';
import { rgba } from './common.js';

export const liquidFillSchema = z.object({
  /** Number of particles; the measurable quantity of liquid is a count of these. */
  particles: z.number().int().positive().max(200),
  /** Particle radius: 3-6 mm keeps the count (and the step cost) low while still flowing through a beaker mouth. */
  radiusM: z.number().min(0.002).max(0.01),
  /** Particle mass comes from this density and the sphere volume (water by default). */
  densityKgM3: z.number().positive().default(1000),
  rgba: rgba.default([0.3, 0.55, 0.95, 0.85]),
});
export type LiquidFill = z.infer<typeof liquidFillSchema>;
