// press-button in words and symbols: press an instrument's button (centrifuge or thermal cycler start, balance tare).
import { BUTTON_WORDS, type SkillLanguage } from '../skill-language.js';

const START_WORDS = ['start', 'run', 'begin', 'launch', 'turn on', 'switch on', 'power on', 'spin'];
const STOP_WORDS = ['stop', 'end', 'halt', 'finish', 'abort', 'pause', 'turn off', 'switch off', 'power off'];

export const language: SkillLanguage = {
  skill: 'press-button',
  verbs: [
    { words: 'press' },
    { words: 'press down' },
    { words: 'push' },
    { words: 'push down' },
    { words: 'hit' },
    { words: 'tap' },
    { words: 'click' },
    { words: 'touch' },
    ...START_WORDS.map((words) => ({
      words,
      partRole: 'start' as const,
      expects: { running: 'target' as const, is: true },
    })),
    ...STOP_WORDS.map((words) => ({
      words,
      partRole: 'start' as const,
      expects: { running: 'target' as const, is: false },
    })),
    { words: 'tare', partRole: 'tare' },
    { words: 'zero', partRole: 'tare' },
  ],
  templates: ['press the {part} of the {target}', 'push the {part} of the {target}'],
  acts: 'part',
  parts: BUTTON_WORDS,
  destination: 'none',
  source: false,
  args: [],
  purposes: [
    { words: START_WORDS, partRole: 'start', expects: { running: 'target', is: true } },
    { words: STOP_WORDS, partRole: 'start', expects: { running: 'target', is: false } },
    { words: ['tare', 'zero', 'reset'], partRole: 'tare' },
  ],
  requires: [
    { hand: 'empty' },
    // A centrifuge or a thermal cycler runs only with its lid closed.
    { part: { of: 'target', the: 'access' }, is: 'closed', when: { partRole: 'start' } },
  ],
  // The start button starts a stopped run and stops a running one (Sci-VLA tasks B and D press it to stop).
  effects: [{ running: 'target', becomes: 'toggled', when: { partRole: 'start' } }],
};
