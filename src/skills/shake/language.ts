// shake in words and symbols: a closed (stoppered) or empty vessel taken up, shaken and stood back.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'shake',
  verbs: [{ words: 'shake' }, { words: 'shake up' }, { words: 'agitate' }, { words: 'swirl' }],
  templates: ['shake the {target}'],
  acts: 'movable',
  parts: [],
  destination: 'none',
  source: false,
  args: [],
  requires: [{ hand: 'empty' }, { closedOrEmpty: 'target' }],
  effects: [],
};
