// insert in words and symbols: seat a stopper in a bottle's neck, from the hand or from the bench.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'insert',
  verbs: [
    { words: 'insert' },
    { words: 'plug' },
    { words: 'put' },
    { words: 'put back', returns: true },
    { words: 'place' },
    { words: 'place back', returns: true },
    { words: 'fit' },
    { words: 'push' },
    { words: 'seat' },
    { words: 'replace', returns: true },
    { words: 'return', returns: true },
    { words: 'close', meansStopperBack: true },
    { words: 'restopper', meansStopperBack: true },
    { words: 'recap', meansStopperBack: true },
  ],
  templates: ['insert the {target} into the {destination}', 'put the {target} back into the {destination}'],
  acts: 'movable',
  objects: 'stoppers',
  parts: [],
  destination: 'required',
  source: false,
  args: [],
  requires: [
    { hand: 'empty-or-holding', object: 'target' },
    { mouth: 'destination', is: 'free' },
  ],
  effects: [
    { hand: 'take', object: 'target' },
    { put: 'target', into: 'destination' },
  ],
};
