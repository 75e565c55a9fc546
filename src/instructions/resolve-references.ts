// Noun phrases to scene objects and parts: names and synonyms, "the lid of the centrifuge", "its lid",
// "the centrifuge's lid", "it", "the other tube"; unknown words answered with the closest names.
import { closestChoices } from '../errors.js';
import { type NounPhrase, withoutModifiers } from './clause-grammar.js';
import { LIQUID_NOUNS } from './grammar-words.js';
import type { Lexicon, LexiconObject, LexiconPart } from './scene-lexicon.js';

export interface Referent {
  object: LexiconObject;
  part?: LexiconPart;
}

/** What was said before, most recent first: objects acted on, then the others mentioned. */
export interface Salience {
  held: string | null;
  /** Vessels holding liquid now: what "the solution" stands for when no vessel is named. */
  filled?: readonly string[];
  targets: readonly Referent[];
  others: readonly Referent[];
}

export type Resolution =
  /** `ordered`: a pronoun's candidates, best first: the caller takes the first that fits the skill. */
  | { ok: true; referents: Referent[]; ordered: boolean; plural?: boolean }
  | { ok: false; code: string; message: string; choices?: string[] };

export const referentKey = (r: Referent) => (r.part ? `${r.object.id}/${r.part.name}` : r.object.id);

/** How a referent reads in a message: "the lid of the centrifuge", "the balance centrifuge tube". */
export function referentName(r: Referent): string {
  return r.part ? `the ${r.part.display} of the ${r.object.display}` : `the ${r.object.display}`;
}

export function phraseText(np: NounPhrase, original: string): string {
  return original.slice(np.start, np.end);
}

function salient(salience: Salience, lexicon: Lexicon): Referent[] {
  const held = lexicon.objects.find((o) => o.id === salience.held);
  // A part said before also brings its instrument: "press the start button, then open it".
  const all = [...(held ? [{ object: held }] : []), ...salience.targets, ...salience.others].flatMap((r) =>
    r.part ? [r, { object: r.object }] : [r],
  );
  const seen = new Set<string>();
  return all.filter((r) => {
    const k = referentKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Objects and parts whose names are exactly these words (or an object name followed by a part word). */
function matchWords(words: readonly string[], lexicon: Lexicon): Referent[] {
  const phrase = words.join(' ');
  const out: Referent[] = [];
  for (const object of lexicon.objects) {
    if (object.names.includes(phrase)) out.push({ object });
    for (const part of object.parts) {
      if (part.words.includes(phrase)) out.push({ object, part });
      for (let k = 1; k < words.length; k++) {
        const owner = words.slice(0, k).join(' ');
        const rest = words.slice(k).join(' ');
        if (object.names.includes(owner) && part.words.includes(rest)) out.push({ object, part });
      }
    }
  }
  return dedupe(out);
}

function dedupe(rs: readonly Referent[]): Referent[] {
  const seen = new Set<string>();
  return rs.filter((r) => !seen.has(referentKey(r)) && (seen.add(referentKey(r)), true));
}

function allNames(lexicon: Lexicon): string[] {
  return [
    ...new Set(
      lexicon.objects.flatMap((o) => [...o.names, ...o.parts.map((p) => `${p.display} of the ${o.display}`)]),
    ),
  ];
}

function unknownName(words: readonly string[], text: string, lexicon: Lexicon): Resolution {
  const unknown = words.filter((w) => !lexicon.words.has(w));
  const names = allNames(lexicon);
  if (unknown.length > 0) {
    const word = unknown[0] as string;
    return {
      ok: false,
      code: 'unknown-object',
      message: `no object called "${words.join(' ')}" here: unknown word "${word}"; closest: ${closestChoices(word, names).join(', ')}`,
      choices: names,
    };
  }
  return {
    ok: false,
    code: 'unknown-object',
    message: `no object called "${words.join(' ')}" here; closest: ${closestChoices(words.join(' '), names).join(', ')}`,
    choices: names,
  };
}

/** "both tubes", "the tubes": every object the singular names, one step each; "both" must mean two. */
function pluralReferents(np: NounPhrase, lexicon: Lexicon): Resolution | undefined {
  const last = np.words[np.words.length - 1] ?? '';
  for (const singular of [last.replace(/es$/, ''), last.replace(/s$/, '')]) {
    if (singular === last || singular.length < 2) continue;
    const referents = matchWords([...np.words.slice(0, -1), singular], lexicon);
    if (referents.length === 0) continue;
    const wanted = np.quantity === 'both' ? 2 : typeof np.quantity === 'number' ? np.quantity : undefined;
    if (wanted !== undefined && referents.length !== wanted) {
      return {
        ok: false,
        code: 'wrong-count',
        message: `there ${referents.length === 1 ? 'is' : 'are'} ${referents.length} ${singular}${referents.length === 1 ? '' : 's'} here, not ${wanted}: ${referents.map(referentName).join(', ')}`,
      };
    }
    return { ok: true, referents, ordered: false, plural: true };
  }
  return undefined;
}

export function resolveNounPhrase(
  np: NounPhrase,
  original: string,
  lexicon: Lexicon,
  salience: Salience,
): Resolution {
  const text = phraseText(np, original);
  if (np.pronoun !== undefined) {
    if (np.pronoun !== 'it') {
      return {
        ok: false,
        code: 'unclear-pronoun',
        message: `say which objects "${np.pronoun}" means, one step each`,
      };
    }
    const referents = salient(salience, lexicon);
    if (referents.length === 0) {
      return { ok: false, code: 'unresolved-pronoun', message: `"it" refers to nothing said before it` };
    }
    return { ok: true, referents, ordered: true };
  }
  if (np.words.length === 0)
    return { ok: false, code: 'missing-object', message: `"${text}" names no object` };
  // "the solution", "its contents", "the water in the beaker": the vessel holding it.
  if (np.words.every((w) => LIQUID_NOUNS.has(w))) return liquidVessel(np, original, lexicon, salience);
  const ownerPhrase = np.owner ?? (np.possessor !== 'its' ? np.possessor : undefined);
  if (np.possessor === 'its' || ownerPhrase) {
    let owners: LexiconObject[];
    let ordered = false;
    if (ownerPhrase) {
      const r = resolveNounPhrase(ownerPhrase, original, lexicon, salience);
      if (!r.ok) return r;
      owners = [...new Set(r.referents.map((x) => x.object))];
      ordered = r.ordered;
    } else {
      owners = [...new Set(salient(salience, lexicon).map((x) => x.object))];
      ordered = true;
    }
    const phrase = np.words.join(' ');
    const referents = owners.flatMap((object) =>
      object.parts.filter((p) => p.words.includes(phrase)).map((part) => ({ object, part })),
    );
    if (referents.length > 0)
      return { ok: true, referents: ordered ? referents.slice(0, 1) : referents, ordered };
    // "the rotor of the centrifuge", "the thermal cycler's block": another name of the owner itself.
    const same = owners.filter((o) => o.names.includes(phrase));
    if (same.length > 0) return { ok: true, referents: same.map((object) => ({ object })), ordered };
    if (np.words.some((w) => !lexicon.words.has(w))) return unknownName(np.words, text, lexicon);
    const owner = owners[0];
    if (owners.length === 1 && owner) {
      const parts = owner.parts.map((p) => p.display);
      return {
        ok: false,
        code: 'no-such-part',
        message: `the ${owner.display} has no ${phrase}${parts.length ? `; its parts: ${parts.join(', ')}` : ''}`,
        choices: parts,
      };
    }
    return { ok: false, code: 'no-such-part', message: `nothing here has a ${phrase} to match "${text}"` };
  }
  let referents = matchWords(np.words, lexicon);
  if (referents.length === 0) {
    const plain = withoutModifiers(np.words);
    if (plain.length > 0 && plain.length < np.words.length) referents = matchWords(plain, lexicon);
  }
  if (referents.length === 0) {
    const plural = pluralReferents(np, lexicon);
    if (plural) return plural;
    return unknownName(np.words, text, lexicon);
  }
  if (np.other) {
    const mentioned = new Set(salient(salience, lexicon).map((r) => r.object.id));
    const rest = referents.filter((r) => !mentioned.has(r.object.id));
    if (rest.length > 0) referents = rest;
  }
  return { ok: true, referents, ordered: false };
}

/** The vessel a liquid noun stands for: its owner or possessor when named, else the scene's filled vessels. */
function liquidVessel(np: NounPhrase, original: string, lexicon: Lexicon, salience: Salience): Resolution {
  const named = np.owner ?? (np.possessor === 'its' ? undefined : np.possessor);
  if (named) return resolveNounPhrase(named, original, lexicon, salience);
  if (np.possessor === 'its') {
    const referents = salient(salience, lexicon).filter((r) => !r.part);
    if (referents.length === 0)
      return { ok: false, code: 'unresolved-pronoun', message: `"its" refers to nothing said before it` };
    // "unstopper the bottle and pour its contents": the contents are the filled vessel's, not the stopper's.
    const holding = referents.filter((r) => salience.filled?.includes(r.object.id));
    return { ok: true, referents: holding.length > 0 ? holding : referents, ordered: true };
  }
  const filled = lexicon.objects.filter((o) => salience.filled?.includes(o.id));
  if (filled.length === 0)
    return {
      ok: false,
      code: 'no-liquid',
      message: `no vessel here holds liquid for "${phraseText(np, original)}"`,
    };
  return { ok: true, referents: filled.map((object) => ({ object })), ordered: false };
}
