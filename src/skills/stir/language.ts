// stir in words and symbols: the glass rod (said with "with", or the scene's one rod) circled in a vessel.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'stir',
  verbs: [{ words: 'stir' }, { words: 'mix' }, { words: 'stir up' }],
  templates: ['stir the {destination} with the {target}'],
  acts: 'movable',
  objects: 'rods',
  parts: [],
  destination: 'required',
  source: false,
  args: [],
  requires: [{ hand: 'empty-or-holding', object: 'target' }],
  effects: [],
};
