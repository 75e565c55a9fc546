// open-lid in words and symbols: swing an instrument's lid open (centrifuge, thermal cycler).
import { LID_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'open-lid',
  verbs: [
    { words: 'open' },
    { words: 'open up' },
    { words: 'lift' },
    { words: 'lift open' },
    { words: 'lift up' },
    { words: 'raise' },
    { words: 'flip open' },
    { words: 'flip up' },
    { words: 'swing open' },
    { words: 'pop open' },
    { words: 'unlock' },
  ],
  templates: ['open the {part} of the {target}', 'lift the {part} of the {target}'],
  acts: 'part',
  parts: [LID_WORDS],
  destination: 'none',
  source: false,
  args: [],
  requires: [
    { hand: 'empty' },
    { part: { of: 'target', the: 'called' }, is: 'closed' },
    // A lid clamped by its pressure screw (the thermal cycler's knob) opens only once the screw is loosened.
    { part: { of: 'target', the: 'riders' }, is: 'loosened' },
  ],
  effects: [
    { part: { of: 'target', the: 'called' }, becomes: 'open' },
    // A run has ended by the time its lid opens (Sci-VLA task E opens the centrifuge it started).
    { running: 'target', becomes: false },
  ],
};
