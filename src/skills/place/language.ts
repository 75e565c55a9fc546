// place in words and symbols: set the held object down in a container, rack or instrument.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'place',
  verbs: [
    { words: 'place' },
    { words: 'put' },
    { words: 'put down' },
    { words: 'put back' },
    { words: 'set' },
    { words: 'set down' },
    { words: 'drop' },
    { words: 'drop off' },
    { words: 'lay' },
    { words: 'stand' },
    { words: 'insert', impliesDestination: true },
    { words: 'load', impliesDestination: true },
    { words: 'return' },
    { words: 'position' },
  ],
  templates: ['place the {target} into the {destination}', 'put the {target} on the {destination}'],
  acts: 'movable',
  parts: [],
  destination: 'required',
  source: false,
  args: [],
  requires: [
    { hand: 'holding', object: 'target' },
    { part: { of: 'destination', the: 'access' }, is: 'open' },
  ],
  effects: [{ put: 'target', into: 'destination' }],
};
