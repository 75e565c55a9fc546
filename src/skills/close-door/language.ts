// close-door in words and symbols: swing an instrument's door shut.
import { DOOR_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'close-door',
  verbs: [
    { words: 'close' },
    { words: 'shut' },
    { words: 'swing shut' },
    { words: 'push closed' },
    { words: 'push shut' },
  ],
  templates: ['close the {part} of the {target}', 'shut the {part} of the {target}'],
  acts: 'part',
  parts: [DOOR_WORDS],
  destination: 'none',
  source: false,
  args: [],
  // Pushed shut: a full hand can do it (see close-lid).
  requires: [{ part: { of: 'target', the: 'called' }, is: 'open' }],
  effects: [{ part: { of: 'target', the: 'called' }, becomes: 'closed' }],
};
