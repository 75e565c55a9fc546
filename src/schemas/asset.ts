// zod schema of a lab asset family (assets/*.yaml): a parametric builder plus semantics for skills and language.
import { z } from 'zod';
import { kebabId, range, rgba } from './common.js';

export const assetFamilySchema = z.object({
  id: kebabId,
  category: z.enum(['labware', 'container', 'instrument', 'fixture']),
  /** Which builder (src/assets/builders) turns the sampled parameters into geometry. */
  builder: z.enum([
    'block',
    'open-container',
    'tube',
    'tube-rack',
    'round-container',
    'flask',
    'bottle',
    'stopper',
    'rod',
    'centrifuge',
    'thermal-cycler',
    'magnetic-stirrer',
    'incubator',
    'cabinet-drawer',
    'balance',
  ]),
  /** Natural-language names; the first is the canonical one. Used by the instruction parser. */
  names: z.array(z.string().min(1)).min(1),
  /** Numeric parameters sampled uniformly inside [min, max] (a degenerate range fixes the value). */
  params: z.record(z.string(), range),
  /** Colour choices per named part; one is picked per episode. */
  colors: z.record(z.string(), z.array(rgba).min(1)),
  massKg: range,
  /** Free objects can be picked; fixed ones are bolted to the bench. */
  movable: z.boolean(),
  friction: z.number().positive().default(1),
  /**
   * How far from upright (rad) the object may rest in a container and still count as placed: a tube may lie
   * down in a basket (1.6), a plate standing on its edge is not "placed" (the default, 15 degrees).
   */
  placedMaxTiltRad: z.number().min(0).max(Math.PI).default(0.26),
  /**
   * For containers: whether what is placed in it may stand taller than its walls. A basket's contents must lie
   * wholly below its rim (the default); a shallow tray or dish holds beakers and tubes that rise above it, as
   * long as every part is inside its inner walls.
   */
  contentsMayRiseAboveRim: z.boolean().default(false),
  /**
   * Whether it stands on the bench by itself, so a plan may set it down there when the hand is needed for
   * something else (a stopper, a bottle, a beaker); a round-bottomed tube does not (false).
   */
  standsOnBench: z.boolean().default(true),
});
export type AssetFamily = z.infer<typeof assetFamilySchema>;
