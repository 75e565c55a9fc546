// Splits a protocol into clauses, one step each (or one compound step): lines, punctuation, sequence words and
// numbered steps ("1." / "2)"), never a decimal ("1.5 ml").
import { type Token, tokenize } from './tokens.js';

export interface Clause {
  /** 1-based position in the protocol, for messages. */
  index: number;
  /** Words and numbers of the clause (separators, step numbers and sequence words removed). */
  tokens: Token[];
  /** What the user wrote, from the clause's first word to its last. */
  text: string;
}

/** Words that order steps; they split clauses wherever they stand, unless a determiner makes them ordinals. */
const SEQUENCE_WORDS = new Set([
  'then',
  'afterwards',
  'afterward',
  'subsequently',
  'finally',
  'lastly',
  'next',
  'first',
  'firstly',
  'secondly',
  'thirdly',
]);
const SEQUENCE_PAIRS = [
  ['after', 'that'],
  ['after', 'this'],
  ['after', 'which'],
  ['followed', 'by'],
  ['once', 'done'],
  ['when', 'done'],
];
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'this', 'that']);
/** Separators that end a clause; ")" also ends the step number in front of it. */
const ENDS_CLAUSE = new Set(['.', ',', ';', ':', '!', '?', '\n', ')']);

export function splitClauses(text: string): Clause[] {
  const tokens = tokenize(text);
  const groups: Token[][] = [[]];
  const current = () => groups[groups.length - 1] as Token[];
  const close = () => {
    if (current().length > 0) groups.push([]);
  };
  // The last step number seen: "2." numbers a step mid-line only when it counts on from "1.".
  let lastMark = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = current()[current().length - 1];
    if (t.kind === 'separator') {
      if (prev?.kind === 'number' && /^\d+$/.test(prev.text) && ['.', ')', ':'].includes(t.text)) {
        const n = Number(prev.text);
        const before = current()[current().length - 2];
        const opensClause = before === undefined || (before.text === 'step' && current().length === 2);
        // "2)" always numbers a step; "2." does at a clause start or when it counts on ("1. ... 2. ...").
        if (t.text === ')' || opensClause || n === lastMark + 1) {
          current().pop();
          if (before?.text === 'step' && opensClause) current().pop();
          lastMark = n;
        }
      }
      if (ENDS_CLAUSE.has(t.text)) close();
      continue;
    }
    if (t.kind === 'word' && !DETERMINERS.has(prev?.text ?? '')) {
      const next = tokens[i + 1];
      if (SEQUENCE_WORDS.has(t.text)) {
        close();
        continue;
      }
      if (next && SEQUENCE_PAIRS.some(([a, b]) => a === t.text && b === next.text)) {
        close();
        i++;
        continue;
      }
    }
    current().push(t);
  }
  const clauses: Clause[] = [];
  for (const group of groups) {
    const words = trimClause(group);
    if (words.length === 0) continue;
    const first = words[0] as Token;
    const last = words[words.length - 1] as Token;
    clauses.push({ index: clauses.length + 1, tokens: words, text: text.slice(first.start, last.end) });
  }
  return clauses;
}

/** Drops a leading step number ("1."), "step 3", and the "and" left over from "..., and then ...". */
function trimClause(group: Token[]): Token[] {
  let words = group;
  for (;;) {
    const [a, b] = words;
    if (a?.kind === 'number' && words.length === 1) return [];
    if (a?.text === 'step' && b?.kind === 'number') words = words.slice(2);
    else if (a?.kind === 'number' && words.length > 1 && isStepNumber(a, b)) words = words.slice(1);
    else if (a?.text === 'and' || a?.text === 'also') words = words.slice(1);
    else break;
  }
  const last = words[words.length - 1];
  if (last?.text === 'and') words = words.slice(0, -1);
  return words;
}

// A number opening a clause numbers it ("1. open the lid") unless it counts something ("2 tubes").
function isStepNumber(num: Token, next: Token | undefined): boolean {
  return /^\d+$/.test(num.text) && next?.kind === 'word';
}
