// pour in words and symbols: tip the liquid of one vessel into another; the pour takes the source itself.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'pour',
  verbs: [
    { words: 'pour' },
    { words: 'pour out' },
    { words: 'decant' },
    { words: 'empty' },
    { words: 'tip' },
  ],
  templates: [
    'pour the {target} into the {destination}',
    'pour the liquid from the {target} into the {destination}',
  ],
  acts: 'movable',
  parts: [],
  destination: 'required',
  source: false,
  args: [],
  // From the bench (the pour grasps it from the side) or already in the hand.
  requires: [
    { hand: 'empty-or-holding', object: 'target' },
    { liquid: 'target', is: 'filled' },
    { unplugged: 'target' },
  ],
  effects: [
    { hand: 'take', object: 'target' },
    { pour: 'target', into: 'destination' },
  ],
};
