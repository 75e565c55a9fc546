// open-door in words and symbols: swing an instrument's door open (incubator).
import { DOOR_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'open-door',
  verbs: [
    { words: 'open' },
    { words: 'open up' },
    { words: 'swing open' },
    { words: 'pull open' },
    { words: 'unlock' },
  ],
  templates: ['open the {part} of the {target}', 'swing open the {part} of the {target}'],
  acts: 'part',
  parts: [DOOR_WORDS],
  destination: 'none',
  source: false,
  args: [],
  requires: [{ hand: 'empty' }, { part: { of: 'target', the: 'called' }, is: 'closed' }],
  effects: [{ part: { of: 'target', the: 'called' }, becomes: 'open' }],
};
