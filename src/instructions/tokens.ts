// Words of an instruction with their places in the original text: lower-cased, camelCase and model numbers split
// ("pcrPlate" -> pcr plate, "centrifuge5910" -> centrifuge 5910), decimals kept whole ("1.5 ml").

export type TokenKind = 'word' | 'number' | 'possessive' | 'separator' | 'step-mark';

export interface Token {
  /** Lower-case word, a number as written ("1.5"), "'s", or the separator character. */
  text: string;
  kind: TokenKind;
  /** Offsets in the original text: `original.slice(start, end)` is what the user wrote. */
  start: number;
  end: number;
}

// A decimal needs a digit after its point: "1.5 ml" is one number, "step 1. open" a number and a full stop.
const TOKEN_RE = /(\d+(?:\.\d+)?)|([A-Za-z]+)|(['’]s\b)|(°)|([.,;:!?)\n])/g;
// Inside a letter run: "pcrPlate" -> pcr|Plate, "PCRPlate" -> PCR|Plate.
const CAMEL_RE = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const at = m.index;
    const [all, num, letters, poss, deg, sep] = m;
    if (num) tokens.push({ text: num, kind: 'number', start: at, end: at + all.length });
    else if (letters) {
      for (const w of letters.matchAll(CAMEL_RE)) {
        const s = at + w.index;
        tokens.push({ text: w[0].toLowerCase(), kind: 'word', start: s, end: s + w[0].length });
      }
    } else if (poss) tokens.push({ text: "'s", kind: 'possessive', start: at, end: at + all.length });
    else if (deg) tokens.push({ text: 'degrees', kind: 'word', start: at, end: at + 1 });
    else if (sep) tokens.push({ text: sep, kind: 'separator', start: at, end: at + 1 });
  }
  return tokens;
}

/** A name as the parser compares it: its words joined by single spaces ("96-well PCR plate" -> "96 well pcr plate"). */
export function normalizePhrase(text: string): string {
  return tokenize(text)
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => t.text)
    .join(' ');
}

/**
 * Splits a word the user glued to its neighbour ("thereal" -> the real) when it is not a known word and both
 * halves are: the longer shorter half wins, then the longer first half. Anything else is left as written.
 */
export function splitGluedWords(tokens: readonly Token[], known: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.kind !== 'word' || known.has(t.text) || t.text.length < 4) {
      out.push(t);
      continue;
    }
    let best: number | undefined;
    for (let i = 1; i < t.text.length; i++) {
      if (!known.has(t.text.slice(0, i)) || !known.has(t.text.slice(i))) continue;
      const score = Math.min(i, t.text.length - i);
      const bestScore = best === undefined ? -1 : Math.min(best, t.text.length - best);
      if (score >= bestScore) best = i;
    }
    if (best === undefined) out.push(t);
    else {
      out.push({ ...t, text: t.text.slice(0, best), end: t.start + best });
      out.push({ ...t, text: t.text.slice(best), start: t.start + best });
    }
  }
  return out;
}
