// turn-knob in words and symbols: tighten or loosen a screw knob (thermal cycler lid), or turn a dial by an angle.
import { KNOB_WORDS, type SkillLanguage } from '../skill-language.js';

export const language: SkillLanguage = {
  skill: 'turn-knob',
  verbs: [
    { words: 'turn' },
    { words: 'rotate' },
    { words: 'twist' },
    { words: 'screw' },
    { words: 'adjust' },
    { words: 'tighten', args: { direction: 'tighten' } },
    { words: 'screw tighten', args: { direction: 'tighten' } },
    { words: 'screw down', args: { direction: 'tighten' } },
    { words: 'screw in', args: { direction: 'tighten' } },
    { words: 'fasten', args: { direction: 'tighten' } },
    { words: 'loosen', args: { direction: 'loosen' } },
    { words: 'screw loosen', args: { direction: 'loosen' } },
    { words: 'unscrew', args: { direction: 'loosen' } },
    { words: 'untighten', args: { direction: 'loosen' } },
    { words: 'unfasten', args: { direction: 'loosen' } },
  ],
  templates: [
    '{direction} the {part} of the {target}',
    'turn the {part} of the {target} by {angleDeg} degrees',
    'turn the {part} of the {target}',
  ],
  acts: 'part',
  parts: KNOB_WORDS,
  destination: 'none',
  source: false,
  args: [
    {
      name: 'direction',
      kind: 'choice',
      // Righty-tighty: clockwise seen facing the knob tightens a screw.
      choices: {
        tighten: ['tighten', 'tight', 'clockwise'],
        loosen: [
          'loosen',
          'loose',
          'counterclockwise',
          'counter clockwise',
          'anticlockwise',
          'anti clockwise',
        ],
      },
      forPartRoles: ['screw'],
    },
    {
      name: 'angleRad',
      kind: 'angle',
      negativeWords: ['clockwise'],
      positiveWords: ['counterclockwise', 'counter clockwise', 'anticlockwise', 'anti clockwise'],
    },
  ],
  needsOneOf: ['direction', 'angleRad'],
  purposes: [
    { words: ['tighten', 'fasten', 'close'], partRole: 'screw', args: { direction: 'tighten' } },
    { words: ['loosen', 'unscrew', 'release', 'open'], partRole: 'screw', args: { direction: 'loosen' } },
  ],
  requires: [
    { hand: 'empty' },
    // The thermal cycler's pressure screw rides on its lid: it is turned with the lid closed.
    { part: { of: 'target', the: 'carrier' }, is: 'closed' },
  ],
  effects: [
    {
      part: { of: 'target', the: 'called' },
      becomes: { arg: 'direction', values: { tighten: 'tightened', loosen: 'loosened' } },
    },
  ],
};
