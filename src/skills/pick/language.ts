// pick in words and symbols: take a movable object from where it stands and hold it.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'pick',
  verbs: [
    { words: 'pick' },
    { words: 'pick up' },
    { words: 'take' },
    { words: 'take out' },
    { words: 'take up' },
    { words: 'grab' },
    { words: 'grasp' },
    { words: 'lift' },
    { words: 'lift out' },
    { words: 'remove' },
    { words: 'get' },
    { words: 'retrieve' },
    { words: 'collect' },
    { words: 'pull out' },
    { words: 'unload' },
  ],
  templates: ['pick up the {target}', 'take the {target}'],
  acts: 'movable',
  parts: [],
  destination: 'none',
  source: true,
  args: [],
  requires: [
    { hand: 'empty' },
    // Out of a centrifuge, a thermal cycler, an incubator or a drawer only through its open lid, door or drawer.
    { part: { of: 'source', the: 'access' }, is: 'open' },
  ],
  effects: [{ hand: 'take', object: 'target' }],
};
