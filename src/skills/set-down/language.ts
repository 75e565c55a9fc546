// set-down in words and symbols: stand what the hand holds on the bench and let go.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'set-down',
  verbs: [
    { words: 'set down' },
    { words: 'put down' },
    { words: 'place down' },
    { words: 'set aside' },
    { words: 'put aside' },
    { words: 'stand' },
    { words: 'leave' },
  ],
  templates: ['put the {target} down', 'set the {target} down'],
  acts: 'movable',
  parts: [],
  destination: 'none',
  source: false,
  args: [],
  requires: [{ hand: 'holding', object: 'target' }],
  effects: [{ setDown: 'target' }],
};
