// close-drawer in words and symbols: push a cabinet drawer back in on its slide.
import { DRAWER_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'close-drawer',
  verbs: [
    { words: 'close' },
    { words: 'shut' },
    { words: 'push' },
    { words: 'push in' },
    { words: 'push closed' },
    { words: 'push shut' },
    { words: 'slide in' },
    { words: 'slide shut' },
  ],
  templates: ['close the {part} of the {target}', 'push in the {part} of the {target}'],
  acts: 'part',
  parts: [DRAWER_WORDS],
  destination: 'none',
  source: false,
  args: [],
  // Pushed shut: a full hand can do it (see close-lid).
  requires: [{ part: { of: 'target', the: 'called' }, is: 'open' }],
  effects: [{ part: { of: 'target', the: 'called' }, becomes: 'closed' }],
};
