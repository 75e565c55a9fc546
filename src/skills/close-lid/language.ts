// close-lid in words and symbols: swing an instrument's lid shut.
import { LID_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'close-lid',
  verbs: [
    { words: 'close' },
    { words: 'shut' },
    { words: 'lower' },
    { words: 'close down' },
    { words: 'flip closed' },
    { words: 'flip down' },
    { words: 'swing shut' },
    { words: 'push down' },
  ],
  templates: ['close the {part} of the {target}', 'shut the {part} of the {target}'],
  acts: 'part',
  parts: [LID_WORDS],
  destination: 'none',
  source: false,
  args: [],
  /*
   * No empty hand needed: a lid is pushed shut, which a hand holding a plate can do (Sci-VLA task D closes the
   * thermal cycler right after taking the PCR plate out of it).
   */
  requires: [{ part: { of: 'target', the: 'called' }, is: 'open' }],
  effects: [{ part: { of: 'target', the: 'called' }, becomes: 'closed' }],
};
