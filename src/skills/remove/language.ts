// remove in words and symbols: unplug a stopper from the bottle it is seated in and hold it.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'remove',
  verbs: [
    { words: 'remove' },
    { words: 'unplug', meansItsStopper: true },
    { words: 'unstopper', meansItsStopper: true },
    { words: 'uncork', meansItsStopper: true },
    { words: 'open', meansItsStopper: true },
    { words: 'pull out' },
    { words: 'take out' },
    { words: 'take off' },
    { words: 'pull' },
    { words: 'take' },
    { words: 'pick up' },
    { words: 'lift' },
    { words: 'lift out' },
  ],
  templates: ['remove the {target}', 'unplug the {target}'],
  acts: 'movable',
  objects: 'stoppers',
  parts: [],
  destination: 'none',
  source: true,
  args: [],
  requires: [{ hand: 'empty' }, { seated: 'target' }],
  effects: [{ hand: 'take', object: 'target' }],
};
