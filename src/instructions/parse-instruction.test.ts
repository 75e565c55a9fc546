import { describe, expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import { loadCatalog } from '../schemas/catalog.js';
import { parseInstruction } from './parse-instruction.js';
import { sceneLexicon } from './scene-lexicon.js';

const catalog = loadCatalog();
const lexicon = sceneLexicon(catalog.scenes.get('clean-table') as never, catalog.assets);

function userError(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserInputError) return err;
    throw err;
  }
  throw new Error('expected a UserInputError');
}

describe('parseInstruction on the cleaning table', () => {
  it('binds one pick-and-place to scene objects', () => {
    const plan = parseInstruction('pick the PCR plate into the basket', lexicon);
    expect(plan.steps).toEqual([
      {
        skill: 'pick-place',
        target: 'pcr-plate',
        destination: 'basket',
        text: 'pick the PCR plate into the basket',
      },
    ]);
  });

  it('splits the three-object cleaning-table protocol in order', () => {
    const plan = parseInstruction(
      'pick the pipette tip box into the basket, pick the PCR plate into the basket, pick the centrifuge tube into the basket',
      lexicon,
    );
    expect(plan.steps.map((s) => [s.skill, s.target, s.destination])).toEqual([
      ['pick-place', 'pipette-tip-box', 'basket'],
      ['pick-place', 'pcr-plate', 'basket'],
      ['pick-place', 'centrifuge-tube', 'basket'],
    ]);
  });

  it.each([
    ['Please put the tube in the bin.', 'centrifuge-tube', 'basket'],
    ['move the tip box into the tray', 'pipette-tip-box', 'basket'],
    ['transfer the eppendorf tube into the basket', 'centrifuge-tube', 'basket'],
  ])('understands synonyms: %s', (text, target, destination) => {
    const [step] = parseInstruction(text, lexicon).steps;
    expect(step).toMatchObject({ skill: 'pick-place', target, destination });
  });

  it('turns "pick X" then "place X into Y" into pick and place', () => {
    const plan = parseInstruction('pick up the PCR plate, then place the PCR plate into the basket', lexicon);
    expect(plan.steps.map((s) => s.skill)).toEqual(['pick', 'place']);
  });

  it('rejects an unknown verb listing the closest verbs', () => {
    const err = userError(() => parseInstruction('pik the PCR plate into the basket', lexicon));
    expect(err.code).toBe('unknown-verb');
    expect(err.message).toMatch(/closest: .*pick/);
  });

  it('rejects an unknown object listing the closest names', () => {
    const err = userError(() => parseInstruction('pick the pipete into the basket', lexicon));
    expect(err.code).toBe('unknown-object');
    expect(err.message).toMatch(/closest: .*pipette tips/);
  });

  it('rejects a destination that is not a container', () => {
    const err = userError(() => parseInstruction('pick the PCR plate into the tip box', lexicon));
    expect(err.code).toBe('not-a-container');
  });
});
