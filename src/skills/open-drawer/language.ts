// open-drawer in words and symbols: pull a cabinet drawer out on its slide.
import { DRAWER_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'open-drawer',
  verbs: [
    { words: 'open' },
    { words: 'open up' },
    { words: 'pull' },
    { words: 'pull out' },
    { words: 'pull open' },
    { words: 'slide out' },
    { words: 'slide open' },
    { words: 'draw out' },
  ],
  templates: ['open the {part} of the {target}', 'pull out the {part} of the {target}'],
  acts: 'part',
  parts: [DRAWER_WORDS],
  destination: 'none',
  source: false,
  args: [],
  requires: [{ hand: 'empty' }, { part: { of: 'target', the: 'called' }, is: 'closed' }],
  effects: [{ part: { of: 'target', the: 'called' }, becomes: 'open' }],
};
