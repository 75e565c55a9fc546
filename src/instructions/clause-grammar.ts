// The shape of one clause, before anything is looked up in the scene: verb phrases joined by "and", each with
// its objects, where from, where to, a purpose ("to start the centrifuge") and turn amounts ("by 90 degrees").
import {
  DESTINATION_PREPS,
  DETERMINERS,
  FILLERS,
  MODIFIERS,
  QUANTIFIERS,
  NUMBER_WORDS,
  PARTICLES,
  PRONOUNS,
  SOURCE_PREPS,
  UNIT_WORDS,
  TOOL_PREPS,
} from './grammar-words.js';
import type { Lexicon } from './scene-lexicon.js';
import type { Token } from './tokens.js';

export interface NounPhrase {
  /** Offsets of the phrase in the original text. */
  start: number;
  end: number;
  /** Head words with determiners removed ("experimental centrifuge tube", "lid"). */
  words: string[];
  /** "it", "them". */
  pronoun?: string;
  /** "its lid" (`its`) or "the centrifuge's lid". */
  possessor?: 'its' | NounPhrase;
  /** "the lid of the centrifuge". */
  owner?: NounPhrase;
  /** "the other tube". */
  other: boolean;
  /** "both tubes", "all tubes", "the two tubes": a plural naming several objects. */
  quantity?: 'both' | 'all' | number;
}

export interface ParsedVerbPhrase {
  verb: string;
  /** Offsets of the verb phrase (from the clause start for the first one) in the original text. */
  start: number;
  end: number;
  /** The objects acted on; several when coordinated ("the tube and the plate"). */
  objects: NounPhrase[];
  /** Offsets spanning all objects (to write one step's text per coordinated object). */
  objectsSpan?: [number, number];
  source: NounPhrase[];
  destination: NounPhrase[];
  destinationPrep?: string;
  /** A preposition with nothing after it ("pick the tube into"). */
  dangling?: string;
  purpose?: { words: string; object?: NounPhrase };
  /** What the step is done with ("with the stopper", "using the glass rod"). */
  tool: NounPhrase[];
  /** Particles said after the object ("put the stopper back"): "back" returns it where it was taken from. */
  particles: string[];
  /** Argument words standing alone ("clockwise", "tight"). */
  argWords: string[];
  angle?: { rad: number; mode: 'by' | 'to' };
  /** A number without a unit after "by" ("by 90"). */
  unitless?: string;
  /** The verb was left unsaid, repeated from the phrase before ("... and the plate into the basket"). */
  elided?: boolean;
}

export type ClauseParse =
  | { ok: true; phrases: ParsedVerbPhrase[] }
  | { ok: false; code: 'unknown-verb' | 'missing-verb'; word: string };

interface PhraseIndex {
  verbs: string[][];
  purposes: string[][];
  argWords: Set<string>;
}

const indexes = new WeakMap<Lexicon, PhraseIndex>();

function phraseIndex(lexicon: Lexicon): PhraseIndex {
  let index = indexes.get(lexicon);
  if (!index) {
    const split = (ws: Iterable<string>) =>
      [...new Set(ws)].map((w) => w.split(' ')).sort((a, b) => b.length - a.length);
    index = {
      verbs: split(lexicon.languages.flatMap((l) => l.verbs.map((v) => v.words))),
      purposes: split(lexicon.languages.flatMap((l) => (l.purposes ?? []).flatMap((p) => p.words))),
      argWords: new Set(
        lexicon.languages.flatMap((l) =>
          l.args.flatMap((a) =>
            a.kind === 'choice' ? Object.values(a.choices).flat() : [...a.negativeWords, ...a.positiveWords],
          ),
        ),
      ),
    };
    indexes.set(lexicon, index);
  }
  return index;
}

/** The longest phrase of `phrases` starting at word i, as its length in words. */
function matchAt(words: readonly string[], i: number, phrases: readonly (readonly string[])[]): number {
  for (const p of phrases) if (p.every((w, k) => words[i + k] === w)) return p.length;
  return 0;
}

/** All verb phrase words known, for "closest" suggestions. */
export function knownVerbs(lexicon: Lexicon): string[] {
  return phraseIndex(lexicon).verbs.map((v) => v.join(' '));
}

export function parseClause(tokens: readonly Token[], lexicon: Lexicon): ClauseParse {
  const index = phraseIndex(lexicon);
  const words = tokens.map((t) => t.text);
  const n = tokens.length;
  const skipFillers = (i: number) => {
    let j = i;
    while (j < n && (FILLERS.has(words[j] as string) || words[j] === 'and')) j++;
    return j;
  };
  const verbAt = (i: number) => matchAt(words, skipFillers(i), index.verbs);
  const phrases: ParsedVerbPhrase[] = [];
  let i = skipFillers(0);
  // "put the tube into the centrifuge and the plate into the basket": the second phrase repeats the verb unsaid.
  let elided: string | undefined;
  while (i < n) {
    const verbLen = elided ? 0 : matchAt(words, i, index.verbs);
    if (verbLen === 0 && !elided) {
      const word = words[i] as string;
      return { ok: false, code: lexicon.words.has(word) ? 'missing-verb' : 'unknown-verb', word };
    }
    const vp: ParsedVerbPhrase = {
      verb: elided ?? words.slice(i, i + verbLen).join(' '),
      start: phrases.length === 0 ? (tokens[0] as Token).start : (tokens[i] as Token).start,
      end: (tokens[i + Math.max(verbLen, 1) - 1] as Token).end,
      objects: [],
      source: [],
      destination: [],
      tool: [],
      particles: [],
      argWords: [],
      ...(elided ? { elided: true } : {}),
    };
    i += verbLen;
    elided = undefined;
    let slot: 'objects' | 'source' | 'destination' | 'tool' = 'objects';
    let np: Token[] = [];
    let afterPrep: string | undefined;
    let particleIn: string | undefined;
    const finish = () => {
      if (np.length > 0) {
        vp[slot].push(nounPhrase(np));
        afterPrep = undefined;
      }
      np = [];
    };
    for (; i < n; i++) {
      const w = words[i] as string;
      const t = tokens[i] as Token;
      if (w === 'and' && verbAt(i + 1) > 0) break;
      if (w === 'and' && slot !== 'objects' && np.length > 0 && prepAhead(words, i + 1, verbAt)) {
        elided = vp.verb;
        break;
      }
      vp.end = t.end;
      if (w === 'and') {
        finish();
        continue;
      }
      const purposeAt = w === 'to' || w === 'so' ? purposeStart(words, i) : 0;
      if (purposeAt > 0) {
        finish();
        const len = matchAt(words, purposeAt, index.purposes);
        if (len > 0) {
          const end = findPhraseEnd(words, purposeAt + len, verbAt);
          const rest = tokens.slice(purposeAt + len, end).filter((x) => !FILLERS.has(x.text));
          vp.purpose = {
            words: words.slice(purposeAt, purposeAt + len).join(' '),
            ...(rest.length > 0 ? { object: nounPhrase(rest) } : {}),
          };
          vp.end = (tokens[end - 1] as Token).end;
          i = end - 1;
          continue;
        }
      }
      const amountFrom = w === 'by' || w === 'to' ? i + 1 : i;
      const amount = parseAmount(words, amountFrom);
      // A bare number is an amount only after "by" / "to" ("the 1.5 ml tube" is a name).
      if (amount && !(Number.isNaN(amount.rad) && amountFrom === i)) {
        finish();
        if (Number.isNaN(amount.rad)) vp.unitless = words[amountFrom] as string;
        else vp.angle = { rad: amount.rad, mode: w === 'to' ? 'to' : 'by' };
        i = amountFrom + amount.len - 1;
        vp.end = (tokens[i] as Token).end;
        continue;
      }
      const tool = matchAt(words, i, TOOL_PREPS);
      if (tool > 0) {
        finish();
        slot = 'tool';
        afterPrep = words.slice(i, i + tool).join(' ');
        i += tool - 1;
        continue;
      }
      const src = matchAt(words, i, SOURCE_PREPS);
      const dst = src > 0 ? 0 : matchAt(words, i, DESTINATION_PREPS);
      // "put in the tube": "in" right after the verb is its particle, the place is the one just named.
      const prep = words.slice(i, i + src + dst).join(' ');
      if (
        dst > 0 &&
        ADVERB_PREPS.has(prep) &&
        slot === 'objects' &&
        np.length === 0 &&
        vp.objects.length === 0
      ) {
        if (i + 1 < n && words[i + 1] !== 'and') {
          particleIn = prep;
          continue;
        }
      }
      if (src > 0 || dst > 0) {
        finish();
        slot = src > 0 ? 'source' : 'destination';
        afterPrep = words.slice(i, i + src + dst).join(' ');
        if (slot === 'destination') vp.destinationPrep = afterPrep;
        i += src + dst - 1;
        continue;
      }
      // Argument words ("clockwise", "counter clockwise") name no object: they end the phrase before them.
      const two = `${w} ${words[i + 1] ?? ''}`;
      if (index.argWords.has(two) || index.argWords.has(w)) {
        finish();
        vp.argWords.push(index.argWords.has(two) ? two : w);
        if (index.argWords.has(two)) i++;
        continue;
      }
      if (FILLERS.has(w)) continue;
      if (
        PARTICLES.has(w) &&
        (np.length > 0 || slot !== 'objects' || vp.objects.length > 0 || endsHere(words, i))
      ) {
        vp.particles.push(w);
        continue;
      }
      np.push(t);
    }
    finish();
    // "put the stopper down", "take the tube up": a particle that makes a verb phrase with the verb is part of it.
    for (const particle of vp.particles) {
      const phrasal = `${vp.verb} ${particle}`;
      if (index.verbs.some((v) => v.join(' ') === phrasal)) {
        vp.verb = phrasal;
        vp.particles = vp.particles.filter((x) => x !== particle);
        break;
      }
    }
    if (particleIn !== undefined && vp.destination.length === 0 && afterPrep === undefined)
      afterPrep = particleIn;
    if (afterPrep !== undefined) {
      // "push the drawer in": a preposition left at the end that makes a verb phrase with the verb is its particle.
      const phrasal = `${vp.verb} ${afterPrep}`;
      if (index.verbs.some((v) => v.join(' ') === phrasal)) vp.verb = phrasal;
      else vp.dangling = afterPrep;
    }
    const first = vp.objects[0];
    const last = vp.objects[vp.objects.length - 1];
    if (first && last) vp.objectsSpan = [first.start, last.end];
    phrases.push(vp);
    i = skipFillers(i);
  }
  if (phrases.length === 0) return { ok: false, code: 'missing-verb', word: '' };
  return { ok: true, phrases };
}

/** Where the purpose verb starts after "to" / "so as to" / "in order to"; 0 if this is no purpose. */
function purposeStart(words: readonly string[], i: number): number {
  if (words[i] === 'to') return i + 1;
  if (words[i] === 'so' && words[i + 1] === 'as' && words[i + 2] === 'to') return i + 3;
  return 0;
}

function findPhraseEnd(words: readonly string[], from: number, verbAt: (i: number) => number): number {
  let j = from;
  while (j < words.length && !(words[j] === 'and' && verbAt(j + 1) > 0)) j++;
  return j;
}

/** Whether a preposition comes before the next "and" + verb (a phrase with its verb left unsaid). */
function prepAhead(words: readonly string[], from: number, verbAt: (i: number) => number): boolean {
  for (let j = from; j < words.length; j++) {
    if (words[j] === 'and' && verbAt(j + 1) > 0) return false;
    if (matchAt(words, j, SOURCE_PREPS) > 0 || matchAt(words, j, DESTINATION_PREPS) > 0) return true;
  }
  return false;
}

/** "in" / "inside" can stand as adverbs: "put the tube in", "put in the tube". */
const ADVERB_PREPS = new Set(['in', 'inside']);

function endsHere(words: readonly string[], i: number): boolean {
  const next = words[i + 1];
  return next === undefined || next === 'and';
}

/**
 * A turn amount at word i: "90 degrees", "1.5 rad", "a quarter turn", "half a turn", "two full turns". A number
 * without a unit gives NaN (the caller asks for the unit); a number word without one is no amount.
 */
export function parseAmount(words: readonly string[], i: number): { rad: number; len: number } | undefined {
  let j = i;
  if (words[j] === 'a' || words[j] === 'an') j++;
  const w = words[j];
  if (w === undefined) return undefined;
  const numeric = /^\d+(\.\d+)?$/.test(w);
  const value = numeric ? Number(w) : NUMBER_WORDS[w];
  if (value === undefined) return undefined;
  j++;
  while (['full', 'of', 'a', 'an'].includes(words[j] ?? '')) j++;
  const unit = UNIT_WORDS[words[j] ?? ''];
  if (unit === undefined) return numeric && j === i + 1 ? { rad: Number.NaN, len: 1 } : undefined;
  return { rad: value * unit, len: j + 1 - i };
}

function nounPhrase(tokens: readonly Token[]): NounPhrase {
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  const base = { start: first.start, end: last.end, other: false };
  const ofAt = tokens.findIndex((t) => t.text === 'of');
  if (ofAt > 0 && ofAt < tokens.length - 1) {
    const head = nounPhrase(tokens.slice(0, ofAt));
    return { ...head, ...base, other: head.other, owner: nounPhrase(tokens.slice(ofAt + 1)) };
  }
  const possAt = tokens.findIndex((t) => t.kind === 'possessive');
  if (possAt > 0 && possAt < tokens.length - 1) {
    const head = nounPhrase(tokens.slice(possAt + 1));
    return { ...head, ...base, possessor: nounPhrase(tokens.slice(0, possAt)) };
  }
  let words = tokens.map((t) => t.text).filter((w) => !DETERMINERS.has(w));
  let quantity: NounPhrase['quantity'];
  const q = words[0];
  if (q !== undefined && words.length > 1 && QUANTIFIERS.has(q)) {
    quantity = q === 'both' || q === 'all' ? q : NUMBER_WORDS[q];
    words = words.slice(1);
  }
  let possessor: 'its' | undefined;
  if (words[0] === 'its' || words[0] === 'their') {
    possessor = 'its';
    words = words.slice(1);
  }
  const other = words.includes('other');
  words = words.filter((w) => w !== 'other');
  if (words.length === 1 && PRONOUNS.has(words[0] as string)) {
    return { ...base, words: [], pronoun: words[0] as string };
  }
  return {
    ...base,
    words,
    other,
    ...(possessor ? { possessor } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
  };
}

/** Head words without the adjectives that tell nothing apart ("real rack" -> rack). */
export function withoutModifiers(words: readonly string[]): string[] {
  return words.filter((w) => !MODIFIERS.has(w));
}
