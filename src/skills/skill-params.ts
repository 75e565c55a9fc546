// Skill parameters as zod schemas: built from each skill's defaults and documentation, so a robot's overrides
// are checked against the parameters the skill really has (a typo in a robot file is an error, not ignored).
import { z } from 'zod';
import { closestChoices, UserInputError } from '../errors.js';
import { skillRegistry } from './registry.js';
import type { Skill } from './skill.js';

/** The parameters of a skill: every one a number with its default and its documentation. */
export function skillParamsSchema(skill: Skill): z.ZodObject<Record<string, z.ZodDefault<z.ZodNumber>>> {
  const shape: Record<string, z.ZodDefault<z.ZodNumber>> = {};
  for (const [name, value] of Object.entries(skill.defaults)) {
    shape[name] = z
      .number()
      .finite()
      .default(value)
      .describe(skill.doc.parameters[name] ?? name);
  }
  return z.object(shape).strict();
}

/**
 * Checks a robot file's `skillOverrides` against the registered skills and their parameter schemas; fails with
 * the file and the field (`skillOverrides.pick.graspDepthM`) and the closest valid names.
 */
export function checkSkillOverrides(
  file: string,
  overrides: Readonly<Record<string, Readonly<Record<string, number>>>>,
): void {
  const skills = Object.keys(skillRegistry);
  for (const [id, params] of Object.entries(overrides)) {
    const skill = skillRegistry[id];
    if (!skill) {
      throw new UserInputError(
        'unknown-skill',
        `${file}: skillOverrides.${id}: no skill "${id}"; closest: ${closestChoices(id, skills).join(', ')}`,
        { file, field: `skillOverrides.${id}`, validChoices: skills },
      );
    }
    const parsed = skillParamsSchema(skill).safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const names = Object.keys(skill.defaults);
      const bad = issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : String(issue?.path[0] ?? '');
      throw new UserInputError(
        'bad-skill-override',
        `${file}: skillOverrides.${id}.${bad}: ${
          issue?.code === 'unrecognized_keys'
            ? `${id} has no parameter "${bad}"; closest: ${closestChoices(bad, names).join(', ')}`
            : (issue?.message ?? 'invalid')
        }`,
        { file, field: `skillOverrides.${id}.${bad}`, validChoices: names },
      );
    }
  }
}
