// Tokens and clauses: what the parser sees of a protocol before it looks anything up.
import { describe, expect, it } from 'vitest';
import { splitClauses } from './clauses.js';
import { normalizePhrase, splitGluedWords, tokenize } from './tokens.js';

describe('tokenize', () => {
  it.each([
    ['pcrPlate', 'pcr plate'],
    ['PCRPlate', 'pcr plate'],
    ['centrifuge5910', 'centrifuge 5910'],
    ['1.5ml tube', '1.5 ml tube'],
    ['the 96-well PCR plate', 'the 96 well pcr plate'],
    ['turn it 90° clockwise', 'turn it 90 degrees clockwise'],
  ])('%s -> %s', (text, words) => {
    expect(normalizePhrase(text)).toBe(words);
  });

  it('keeps where each word was written', () => {
    const [a, b] = tokenize('Take pcrPlate');
    expect(b).toMatchObject({ text: 'pcr', start: 5, end: 8 });
    expect(a).toMatchObject({ text: 'take', start: 0, end: 4 });
  });

  it('splits a word glued to its neighbour only when both halves are known words', () => {
    const known = new Set(['the', 'real', 'rack', 'pcr', 'plate']);
    const words = (t: string) => splitGluedWords(tokenize(t), known).map((x) => x.text);
    expect(words('from thereal rack')).toEqual(['from', 'the', 'real', 'rack']);
    expect(words('the pcrplate')).toEqual(['the', 'pcr', 'plate']);
    expect(words('the thermal rack')).toEqual(['the', 'thermal', 'rack']);
  });
});

describe('splitClauses', () => {
  const texts = (t: string) => splitClauses(t).map((c) => c.text);
  it.each([
    ['open the lid, close the lid', ['open the lid', 'close the lid']],
    ['open the lid; then close the lid.', ['open the lid', 'close the lid']],
    ['first open the lid and then close the lid', ['open the lid', 'close the lid']],
    ['open the lid. Afterwards close the lid', ['open the lid', 'close the lid']],
    [
      'open the lid, next close the lid, finally press the button',
      ['open the lid', 'close the lid', 'press the button'],
    ],
    ['1. open the lid\n2. close the lid', ['open the lid', 'close the lid']],
    ['1. open the lid 2. close the lid 3. press it', ['open the lid', 'close the lid', 'press it']],
    ['1) open the lid 2) close the lid', ['open the lid', 'close the lid']],
    ['Step 1: open the lid. Step 2: close the lid', ['open the lid', 'close the lid']],
    ['pick the 1.5 ml tube. put it in the rack', ['pick the 1.5 ml tube', 'put it in the rack']],
    ['turn the knob by 2. then close the lid', ['turn the knob by 2', 'close the lid']],
    ['pick the first tube, then the next tube', ['pick the first tube', 'the next tube']],
    ['pick X and place it into Y', ['pick X and place it into Y']],
  ])('%s', (text, clauses) => {
    expect(texts(text)).toEqual(clauses);
  });
});
