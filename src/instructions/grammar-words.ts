// The closed word classes of the instruction grammar (everything else comes from skill languages and scene names).

export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'each']);
/** Adverbs and politeness that carry nothing for the plan, wherever they stand in a clause. */
export const FILLERS = new Set([
  'please',
  'now',
  'carefully',
  'gently',
  'slowly',
  'quickly',
  'firmly',
  'securely',
  'fully',
  'completely',
  'also',
  'just',
  'again',
  'kindly',
  'immediately',
  'once',
  'you',
  'should',
  'can',
  'will',
  'robot',
]);
/** Verb particles said after the object ("pick the tube up", "put it back on the rack"). */
export const PARTICLES = new Set(['up', 'down', 'out', 'back', 'away']);
/** Adjectives that do not tell objects apart ("the real rack", "the same tube"); tried only if names do not match. */
export const MODIFIERS = new Set(['real', 'same', 'empty', 'clean', 'whole', 'entire', 'new', 'full']);
export const PRONOUNS = new Set(['it', 'them', 'they']);
/** "both tubes", "all tubes", "two tubes" (numbers too). */
export const QUANTIFIERS = new Set(['both', 'all', 'two', 'three', 'four']);
/** A clause that only lets time pass ("wait for the centrifuge to finish"): no step; running instruments stop. */
export const WAIT_WORDS = new Set(['wait']);
/** Multi-word prepositions first: the longest that matches wins. */
/** "plug the bottle with the stopper", "stir it using the glass rod": what the step is done with. */
export const TOOL_PREPS = [['with'], ['using']];
export const SOURCE_PREPS = [['out', 'of'], ['out', 'from'], ['off', 'of'], ['from'], ['off']];
export const DESTINATION_PREPS = [
  ['on', 'top', 'of'],
  ['inside', 'of'],
  ['in', 'to'],
  ['on', 'to'],
  ['into'],
  ['onto'],
  ['inside'],
  ['in'],
  ['on'],
  ['to'],
  ['over'],
];
export const UNIT_WORDS: Readonly<Record<string, number>> = {
  degrees: Math.PI / 180,
  degree: Math.PI / 180,
  deg: Math.PI / 180,
  rad: 1,
  rads: 1,
  radian: 1,
  radians: 1,
  turn: 2 * Math.PI,
  turns: 2 * Math.PI,
  revolution: 2 * Math.PI,
  revolutions: 2 * Math.PI,
  rotation: 2 * Math.PI,
  rotations: 2 * Math.PI,
};
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  half: 0.5,
  quarter: 0.25,
  full: 1,
};
/**
 * Words for a vessel's liquid ("pour the solution into the flask", "pour its contents"): they stand for the
 * container that holds it (named by "of" / "from" / a possessive, else the one filled vessel in the scene).
 */
export const LIQUID_NOUNS = new Set([
  'liquid',
  'water',
  'solution',
  'contents',
  'content',
  'reagent',
  'sample',
  'buffer',
  'mixture',
  'fluid',
]);
export const OTHER_GRAMMAR_WORDS = ['of', 'and', 'by', 'to', 'other', 'its', 'so', 'that'];

export const GRAMMAR_WORDS: ReadonlySet<string> = new Set([
  ...DETERMINERS,
  ...FILLERS,
  ...PARTICLES,
  ...MODIFIERS,
  ...PRONOUNS,
  ...QUANTIFIERS,
  ...WAIT_WORDS,
  ...SOURCE_PREPS.flat(),
  ...DESTINATION_PREPS.flat(),
  ...TOOL_PREPS.flat(),
  ...Object.keys(UNIT_WORDS),
  ...Object.keys(NUMBER_WORDS),
  ...OTHER_GRAMMAR_WORDS,
  ...LIQUID_NOUNS,
  'then',
  'next',
  'first',
  'finally',
  'step',
]);
