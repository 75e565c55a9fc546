// Small zod building blocks shared by every data-file schema (vectors, quaternions, ranges, colors).
import { z } from 'zod';

export const vec3 = z.tuple([z.number(), z.number(), z.number()]);
/** MuJoCo quaternion order: w x y z. */
export const quat = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export const rgba = z.tuple([
  z.number().min(0).max(1),
  z.number().min(0).max(1),
  z.number().min(0).max(1),
  z.number().min(0).max(1),
]);
/** A closed [min, max] interval; min <= max is checked. */
export const range = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo <= hi, { message: 'range must be [min, max] with min <= max' });

export const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lowercase words joined by "-"');

/** A primitive collision/visual shape in a body frame. Only primitives: labgen ships no meshes. */
export const primitiveGeom = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('box'),
    halfSizeM: vec3,
    posM: vec3.default([0, 0, 0]),
    quat: quat.optional(),
    rgba: rgba.optional(),
  }),
  z.object({
    type: z.literal('sphere'),
    radiusM: z.number().positive(),
    posM: vec3.default([0, 0, 0]),
    rgba: rgba.optional(),
  }),
  z.object({
    type: z.literal('capsule'),
    radiusM: z.number().positive(),
    fromM: vec3,
    toM: vec3,
    rgba: rgba.optional(),
  }),
  z.object({
    type: z.literal('cylinder'),
    radiusM: z.number().positive(),
    fromM: vec3,
    toM: vec3,
    rgba: rgba.optional(),
  }),
]);
export type PrimitiveGeom = z.infer<typeof primitiveGeom>;
