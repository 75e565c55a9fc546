// pick-place in words and symbols: one atomic move of an object from where it stands into a destination.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'pick-place',
  verbs: [
    { words: 'pick' },
    { words: 'pick up' },
    { words: 'take' },
    { words: 'take out' },
    { words: 'grab' },
    { words: 'move' },
    { words: 'transfer' },
    { words: 'carry' },
    { words: 'bring' },
    { words: 'relocate' },
    { words: 'shift' },
    { words: 'place' },
    { words: 'put' },
    { words: 'put back' },
    { words: 'set' },
    { words: 'drop' },
    { words: 'insert', impliesDestination: true },
    { words: 'load', impliesDestination: true },
    { words: 'unload' },
    { words: 'return' },
    { words: 'remove' },
    { words: 'stand' },
    { words: 'position' },
  ],
  templates: [
    'pick the {target} and place it into the {destination}',
    'move the {target} into the {destination}',
  ],
  acts: 'movable',
  parts: [],
  destination: 'required',
  source: true,
  args: [],
  // Sci-VLA counts "pick X from the rack and place it into Y" as one atomic task.
  composes: ['pick', 'place'],
  requires: [
    { hand: 'empty' },
    { part: { of: 'source', the: 'access' }, is: 'open' },
    { part: { of: 'destination', the: 'access' }, is: 'open' },
  ],
  effects: [{ put: 'target', into: 'destination' }],
};
