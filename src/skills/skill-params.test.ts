import { describe, expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import { loadCatalog } from '../schemas/catalog.js';
import { skillRegistry } from './registry.js';
import { checkSkillOverrides, skillParamsSchema } from './skill-params.js';

describe('skill parameters', () => {
  it('documents every parameter of every registered skill, with its default', () => {
    for (const skill of Object.values(skillRegistry)) {
      expect(Object.keys(skill.doc.parameters).sort(), skill.id).toEqual(Object.keys(skill.defaults).sort());
      const schema = skillParamsSchema(skill);
      expect(schema.parse({}), skill.id).toEqual(skill.defaults);
      for (const [name, field] of Object.entries(schema.shape))
        expect(field.description, `${skill.id}.${name}`).toBe(skill.doc.parameters[name]);
    }
  });

  it('accepts the bundled robots’ overrides', () => {
    expect(loadCatalog().robots.size).toBe(16);
  });

  it('rejects an override of a parameter the skill does not have, naming the file, the field and the closest name', () => {
    const call = () => checkSkillOverrides('robots/x.yaml', { pick: { graspDepthMm: 0.01 } });
    expect(call).toThrow(UserInputError);
    expect(call).toThrow(/robots\/x\.yaml: skillOverrides\.pick\.graspDepthMm: .*closest: graspDepthM/);
  });

  it('rejects an override for an unknown skill and a value that is not a number', () => {
    expect(() => checkSkillOverrides('robots/x.yaml', { pik: {} })).toThrow(
      /robots\/x\.yaml: skillOverrides\.pik: no skill "pik"; closest: pick/,
    );
    expect(() => checkSkillOverrides('robots/x.yaml', { pick: { graspDepthM: Number.NaN } })).toThrow(
      /skillOverrides\.pick\.graspDepthM/,
    );
  });
});
