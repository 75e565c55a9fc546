// heat in words and symbols: a vessel stood on the hot plate and the plate's heat knob turned.
import type { SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'heat',
  verbs: [{ words: 'heat' }, { words: 'heat up' }, { words: 'warm' }, { words: 'warm up' }],
  templates: ['heat the {target} on the {destination}'],
  acts: 'movable',
  parts: [],
  destination: 'required',
  destinationKind: 'surface',
  source: false,
  args: [],
  requires: [{ hand: 'empty-or-holding', object: 'target' }],
  effects: [
    { hand: 'take', object: 'target' },
    { put: 'target', into: 'destination' },
  ],
  // Then the heat knob to half of its 300-degree scale.
  followedBy: { skill: 'turn-knob', part: 'heat_knob', args: { angleRad: (150 * Math.PI) / 180 } },
};
