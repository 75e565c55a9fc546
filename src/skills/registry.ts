// The explicit registry of atomic skills: id -> skill module (one folder per skill under src/skills/).
import { pick } from './pick/index.js';
import { pickPlace } from './pick-place/index.js';
import { place } from './place/index.js';
import type { Skill, SkillId } from './skill.js';

export const skillRegistry = {
  pick,
  place,
  'pick-place': pickPlace,
} as const satisfies Record<SkillId, { id: SkillId }>;

export function getSkill(id: SkillId): Skill {
  return skillRegistry[id] as unknown as Skill;
}

export const skillIds = Object.keys(skillRegistry) as SkillId[];
