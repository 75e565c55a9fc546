// The parser on tables of instructions: skill lists with targets, parts, destinations and arguments, and the
// instructions that must be refused (exit 2) with the problem named.
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import { loadCatalog } from '../schemas/catalog.js';
import type { SceneTemplate } from '../schemas/scene.js';
import type { SkillCall } from '../skills/skill.js';
import { InstructionError, parseInstruction } from './parse-instruction.js';
import { sceneAtStart } from './scene-start.js';
import { type Lexicon, sceneLexicon } from './scene-lexicon.js';

const catalog = loadCatalog();
const lexicons = new Map<string, Lexicon>();
function lexicon(sceneId: string, start?: string): Lexicon {
  const key = `${sceneId}:${start ?? ''}`;
  let lex = lexicons.get(key);
  if (!lex) {
    lex = sceneLexicon(sceneAtStart(catalog.scenes.get(sceneId) as SceneTemplate, start), catalog.assets);
    lexicons.set(key, lex);
  }
  return lex;
}

function userError(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserInputError) return err;
    throw err;
  }
  throw new Error('expected a UserInputError');
}

/** A step as the tables write it: "skill target[.part][ -> destination][ key=value]". */
function brief(s: SkillCall): string {
  const args = Object.entries(s.args ?? {}).map(
    ([k, v]) => ` ${k}=${typeof v === 'number' ? Number(v.toFixed(3)) : String(v)}`,
  );
  return `${s.skill} ${s.target}${s.part ? `.${s.part}` : ''}${s.destination ? ` -> ${s.destination}` : ''}${args.join('')}`;
}

const plan = (scene: string, text: string, start?: string) =>
  parseInstruction(text, lexicon(scene, start)).steps.map(brief);

describe('sequences', () => {
  it.each([
    ['commas', 'open the lid of the centrifuge, close the lid of the centrifuge'],
    ['semicolons', 'open the lid of the centrifuge; close the lid of the centrifuge'],
    ['full stops', 'Open the lid of the centrifuge. Close the lid of the centrifuge.'],
    ['then', 'open the lid of the centrifuge then close the lid of the centrifuge'],
    ['and then', 'open the lid of the centrifuge and then close the lid of the centrifuge'],
    ['afterwards', 'open the lid of the centrifuge, afterwards close the lid of the centrifuge'],
    ['next', 'open the lid of the centrifuge. Next, close the lid of the centrifuge'],
    ['first / finally', 'First open the lid of the centrifuge, finally close the lid of the centrifuge'],
    ['after that', 'open the lid of the centrifuge after that close the lid of the centrifuge'],
    ['numbered "1."', '1. open the lid of the centrifuge 2. close the lid of the centrifuge'],
    ['numbered "1)" inline', '1) open the lid of the centrifuge 2) close the lid of the centrifuge'],
    ['one clause per line', 'open the lid of the centrifuge\nclose the lid of the centrifuge\n'],
    ['numbered lines', 'Step 1: open the lid of the centrifuge\nStep 2: close the lid of the centrifuge'],
    ['bullets', '- open the lid of the centrifuge\n- close the lid of the centrifuge'],
    ['"and" joining two steps', 'open the lid of the centrifuge and close it'],
  ])('%s', (_, text) => {
    expect(plan('centrifuge-bench', text)).toEqual(['open-lid centrifuge.lid', 'close-lid centrifuge.lid']);
  });

  it('gives a clause without a verb the verb the clause before began with', () => {
    expect(
      plan(
        'centrifuge-bench',
        'open the centrifuge lid, then load the experimental tube into the centrifuge, then the balance tube into the centrifuge',
      ),
    ).toEqual([
      'open-lid centrifuge.lid',
      'pick-place tube -> centrifuge',
      'pick-place second-tube -> centrifuge',
    ]);
    // Twice over: the borrowed verb is the last clause's own, not a borrowed one's.
    expect(
      plan(
        'clean-table',
        'put the PCR plate into the basket, then the pipette tip box into the basket; the centrifuge tube into the basket',
      ),
    ).toHaveLength(3);
    // A first clause has nothing to borrow from.
    expect(userError(() => plan('centrifuge-bench', 'the tube into the centrifuge')).message).toMatch(
      /a step starts with what to do/,
    );
  });

  it('reads "do the same for X" / "repeat with X" as the clause before on X, in the words the user wrote', () => {
    const steps = parseInstruction(
      'Stop the centrifuge. Open it. Move the experimental tube back to the rack. Do the same for the balance tube. Close the lid.',
      lexicon('centrifuge-bench', 'running'),
    ).steps;
    expect(steps.map(brief)).toEqual([
      'press-button centrifuge.start_button',
      'open-lid centrifuge.lid',
      'pick-place tube -> tube-rack',
      'pick-place second-tube -> tube-rack',
      'close-lid centrifuge.lid',
    ]);
    expect(steps[3]?.text).toBe('Do the same for the balance tube');
    expect(plan('clean-table', 'put the PCR plate into the basket, repeat with the pipette tip box')).toEqual(
      ['pick-place pcr-plate -> basket', 'pick-place pipette-tip-box -> basket'],
    );
    expect(userError(() => plan('clean-table', 'do the same for the PCR plate')).message).toMatch(/"do"/);
  });

  it('never splits "1.5 ml" at the decimal point', () => {
    expect(
      plan(
        'clean-table',
        'pick the 1.5 ml tube into the basket. Then move the 1.5ml centrifuge tube into the basket',
      ),
    ).toEqual(['pick-place centrifuge-tube -> basket', 'pick-place centrifuge-tube -> basket']);
  });

  it('writes a step of a coordinated or plural phrase with its own object and the verb', () => {
    const texts = (text: string) =>
      parseInstruction(text, lexicon('centrifuge-bench')).steps.map((s) => s.text);
    expect(texts('open the lid, put both tubes into the centrifuge')).toEqual([
      'open the lid',
      'put the experimental centrifuge tube into the centrifuge',
      'put the balance centrifuge tube into the centrifuge',
    ]);
    expect(
      texts('open the lid, put the experimental tube in it and the other tube in the centrifuge'),
    ).toEqual(['open the lid', 'put the experimental tube in it', 'put the other tube in the centrifuge']);
  });

  it("keeps each step in the user's words, without separators, numbers or sequence words", () => {
    const steps = parseInstruction(
      '1. Open the lid of the centrifuge;\n2) then put the experimental tube into the centrifuge.',
      lexicon('centrifuge-bench'),
    ).steps;
    expect(steps.map((s) => s.text)).toEqual([
      'Open the lid of the centrifuge',
      'put the experimental tube into the centrifuge',
    ]);
  });
});

/** The chemistry protocol's plan: the set-downs a one-armed robot needs are its own steps. */
const CHEMISTRY_PROTOCOL = [
  'remove stopper',
  'set-down stopper',
  'pour bottle -> beaker',
  'set-down bottle',
  'insert stopper -> bottle',
  'stir stirring-rod -> beaker',
];

describe('skills, parts and arguments', () => {
  it.each<[string, string, string[], string?]>([
    ['clean-table', 'pick the PCR plate into the basket', ['pick-place pcr-plate -> basket']],
    // Liquids and stoppers (issue 10).
    ['pouring-station', 'pour the liquid from the beaker into the flask', ['pour beaker -> flask']],
    [
      'pouring-station',
      'decant the water from the 250 ml beaker into the graduated cylinder',
      ['pour beaker -> cylinder'],
    ],
    ['pouring-station', 'tip the solution into the flask', ['pour beaker -> flask']],
    [
      'pouring-station',
      'pour the contents of the beaker into the small beaker',
      ['pour beaker -> small-beaker'],
    ],
    [
      'pouring-station',
      'pick up the 250 ml beaker, then pour its contents into the small beaker',
      ['pick beaker', 'pour beaker -> small-beaker'],
    ],
    ['chemistry-bench', 'remove the stopper from the reagent bottle', ['remove stopper']],
    ['chemistry-bench', 'take the stopper out of the bottle', ['remove stopper']],
    ['chemistry-bench', 'unplug the stopper and put it back', ['remove stopper', 'insert stopper -> bottle']],
    [
      'chemistry-bench',
      'remove the stopper, then plug the bottle with the stopper',
      ['remove stopper', 'insert stopper -> bottle'],
    ],
    [
      'chemistry-bench',
      'insert the stopper into the reagent bottle',
      ['insert stopper -> bottle'],
      'unstoppered',
    ],
    ['chemistry-bench', 'pick up the stopper', ['pick stopper'], 'unstoppered'],
    ['pouring-station', 'pick up the 250 ml beaker, then put it down', ['pick beaker', 'set-down beaker']],
    [
      'pouring-station',
      'pick up the 250 ml beaker, then pour half of it into the small beaker',
      ['pick beaker', 'pour beaker -> small-beaker fraction=0.5'],
    ],
    ['pouring-station', 'pour half the water into the flask', ['pour beaker -> flask fraction=0.5']],
    [
      'stirring-station',
      'heat the 250 ml beaker on the hot plate',
      ['heat beaker -> stirrer', 'turn-knob stirrer.heat_knob angleRad=2.618'],
    ],
    [
      'stirring-station',
      'warm up the solution on the hotplate',
      ['heat beaker -> stirrer', 'turn-knob stirrer.heat_knob angleRad=2.618'],
    ],
    ['chemistry-bench', 'shake the reagent bottle', ['shake bottle']],
    [
      'chemistry-bench',
      'Unstopper the bottle and decant its contents into the 250 ml beaker. Put the stopper back in the bottle. Stir the solution.',
      CHEMISTRY_PROTOCOL,
    ],
    [
      'chemistry-bench',
      'open the reagent bottle, pour it into the beaker, close the bottle, stir the solution',
      CHEMISTRY_PROTOCOL,
    ],
    [
      'chemistry-bench',
      'remove the cap from the bottle, empty the bottle into the beaker, put the cap back on, mix the solution with the stirring rod',
      CHEMISTRY_PROTOCOL,
    ],
    [
      'chemistry-bench',
      'take the stopper off the reagent bottle, pour the reagent into the beaker, replace the stopper, then stir the beaker with the glass rod',
      CHEMISTRY_PROTOCOL,
    ],
    ['chemistry-bench', 'unstopper the reagent bottle', ['remove stopper']],
    ['stirring-station', 'stir the solution with the glass rod', ['stir stirring-rod -> beaker']],
    ['stirring-station', 'mix the solution in the 250 ml beaker', ['stir stirring-rod -> beaker']],
    [
      'chemistry-bench',
      'remove the stopper from the reagent bottle, pour its contents into the beaker, put the stopper back, stir the solution',
      CHEMISTRY_PROTOCOL,
    ],
    [
      'chemistry-bench',
      'unplug the bottle, decant the reagent into the 250 ml beaker, plug the bottle with the stopper, then stir the solution with the rod',
      CHEMISTRY_PROTOCOL,
    ],
    ['clean-table', 'Please put the tube in the bin.', ['pick-place centrifuge-tube -> basket']],
    ['clean-table', 'move the tip box into the tray', ['pick-place pipette-tip-box -> basket']],
    ['clean-table', 'transfer the eppendorf tube into the basket', ['pick-place centrifuge-tube -> basket']],
    [
      'clean-table',
      'pick up the PCR plate, then place the PCR plate into the basket',
      ['pick pcr-plate', 'place pcr-plate -> basket'],
    ],
    [
      'clean-table',
      'pick up the PCR plate, then put it on the rack',
      ['pick pcr-plate', 'place pcr-plate -> tube-rack'],
    ],
    ['clean-table', 'grab the plate and put it in the basket', ['pick-place pcr-plate -> basket']],
    [
      'clean-table',
      'pick the tube and the plate into the basket',
      ['pick-place centrifuge-tube -> basket', 'pick-place pcr-plate -> basket'],
    ],
    [
      'clean-table',
      'pick the tube from the rack and place it into the basket',
      ['pick-place centrifuge-tube -> basket'],
    ],
    ['clean-table', 'pick the tube up and drop it into the basket', ['pick-place centrifuge-tube -> basket']],
    [
      'clean-table',
      'take the tube out of the rack; put it back on the rack',
      ['pick centrifuge-tube', 'place centrifuge-tube -> tube-rack'],
    ],
    ['centrifuge-bench', 'open the lid of the centrifuge', ['open-lid centrifuge.lid']],
    ['centrifuge-bench', 'open the centrifuge', ['open-lid centrifuge.lid']],
    ['centrifuge-bench', "lift the centrifuge's lid", ['open-lid centrifuge.lid']],
    [
      'centrifuge-bench',
      'open the centrifuge lid, then shut its lid',
      ['open-lid centrifuge.lid', 'close-lid centrifuge.lid'],
    ],
    [
      'centrifuge-bench',
      'open the lid of the centrifuge, place the experimental tube into the centrifuge',
      ['open-lid centrifuge.lid', 'pick-place tube -> centrifuge'],
    ],
    [
      'centrifuge-bench',
      'open the lid of the centrifuge, pick up the balance tube, put it in the centrifuge',
      ['open-lid centrifuge.lid', 'pick second-tube', 'place second-tube -> centrifuge'],
    ],
    [
      'centrifuge-bench',
      'open the lid, place the first tube in it',
      ['open-lid centrifuge.lid', 'pick-place tube -> centrifuge'],
    ],
    [
      'centrifuge-bench',
      'open the lid, put the experimental tube in the centrifuge, then put the other tube in it',
      ['open-lid centrifuge.lid', 'pick-place tube -> centrifuge', 'pick-place second-tube -> centrifuge'],
    ],
    [
      'centrifuge-bench',
      'press the screen button to start the centrifuge',
      ['press-button centrifuge.start_button'],
    ],
    [
      'centrifuge-bench',
      'press the start button on the centrifuge',
      ['press-button centrifuge.start_button'],
    ],
    ['centrifuge-bench', 'start the centrifuge', ['press-button centrifuge.start_button']],
    ['centrifuge-bench', 'turn on the centrifuge', ['press-button centrifuge.start_button']],
    ['centrifuge-bench', 'put the counterweight tube in the basket', ['pick-place second-tube -> basket']],
    [
      'thermal-cycler-bench',
      'screw tighten the knob of the thermal cycler',
      ['turn-knob thermal-cycler.knob direction=tighten'],
    ],
    [
      'thermal-cycler-bench',
      'tighten the pressure screw of the PCR machine',
      ['turn-knob thermal-cycler.knob direction=tighten'],
    ],
    [
      'thermal-cycler-bench',
      'turn the knob of the thermal cycler clockwise',
      ['turn-knob thermal-cycler.knob direction=tighten'],
    ],
    [
      'thermal-cycler-bench',
      'unscrew the knob of the thermocycler',
      ['turn-knob thermal-cycler.knob direction=loosen'],
    ],
    [
      'thermal-cycler-bench',
      'turn the knob of the thermal cycler by 90 degrees clockwise',
      ['turn-knob thermal-cycler.knob angleRad=-1.571'],
    ],
    [
      'thermal-cycler-bench',
      'rotate the thermal cycler knob a quarter turn counterclockwise',
      ['turn-knob thermal-cycler.knob angleRad=1.571'],
    ],
    [
      'thermal-cycler-bench',
      'tighten the knob of the thermal cycler by half a turn',
      ['turn-knob thermal-cycler.knob direction=tighten angleRad=3.142'],
    ],
    [
      'thermal-cycler-bench',
      'open the lid of the thermal cycler, put the PCR plate in it, take the PCR plate from the thermal cycler',
      ['open-lid thermal-cycler.lid', 'pick-place pcr-plate -> thermal-cycler', 'pick pcr-plate'],
    ],
    [
      'thermal-cycler-bench',
      'open the lid of the thermal cycler, put the pcrplate into the thermal cycler',
      ['open-lid thermal-cycler.lid', 'pick-place pcr-plate -> thermal-cycler'],
    ],
    [
      'thermal-cycler-bench',
      'press the button of the thermal cycler, then press it again',
      ['press-button thermal-cycler.start_button', 'press-button thermal-cycler.start_button'],
    ],
    [
      'stirring-station',
      'turn the stir knob of the stirrer by 90 degrees',
      ['turn-knob stirrer.stir_knob angleRad=1.571'],
    ],
    [
      'stirring-station',
      'turn the heat knob to 30 degrees, then turn it to 90 degrees',
      ['turn-knob stirrer.heat_knob angleRad=0.524', 'turn-knob stirrer.heat_knob angleRad=1.047'],
    ],
    [
      'storage-bench',
      'open the incubator, put the first vial into it, close its door',
      ['open-door incubator.door', 'pick-place vial -> incubator', 'close-door incubator.door'],
    ],
    [
      'storage-bench',
      'pull out the drawer, place the second vial in the drawer, push the drawer in',
      ['open-drawer cabinet.drawer', 'pick-place second-vial -> cabinet', 'close-drawer cabinet.drawer'],
    ],
    [
      'centrifuge-bench',
      'press the screen button to stop the centrifuge',
      ['press-button centrifuge.start_button'],
      'running',
    ],
    [
      'centrifuge-bench',
      'stop the centrifuge, open it and move the experimental tube to the rack',
      ['press-button centrifuge.start_button', 'open-lid centrifuge.lid', 'pick-place tube -> tube-rack'],
      'running',
    ],
    [
      'centrifuge-bench',
      'open the lid of the centrifuge and place both tubes into it',
      ['open-lid centrifuge.lid', 'pick-place tube -> centrifuge', 'pick-place second-tube -> centrifuge'],
    ],
    [
      'centrifuge-bench',
      'put all the tubes into the basket',
      ['pick-place tube -> basket', 'pick-place second-tube -> basket'],
    ],
    [
      'centrifuge-bench',
      'open the lid, put the experimental tube into the centrifuge and the balance tube into the rack',
      ['open-lid centrifuge.lid', 'pick-place tube -> centrifuge', 'pick-place second-tube -> tube-rack'],
    ],
    [
      'centrifuge-bench',
      'open the lid, put in the experimental tube, close it',
      ['open-lid centrifuge.lid', 'pick-place tube -> centrifuge', 'close-lid centrifuge.lid'],
    ],
    [
      'centrifuge-bench',
      'open the lid of the centrifuge, load the experimental tube, close the lid, start the centrifuge, wait for it to finish, open the lid',
      [
        'open-lid centrifuge.lid',
        'pick-place tube -> centrifuge',
        'close-lid centrifuge.lid',
        'press-button centrifuge.start_button',
        'open-lid centrifuge.lid',
      ],
    ],
    [
      'thermal-cycler-bench',
      "open the lid of the thermal cycler, place the plate on the thermal cycler's block",
      ['open-lid thermal-cycler.lid', 'pick-place pcr-plate -> thermal-cycler'],
    ],
    ['centrifuge-bench', 'press the button once', ['press-button centrifuge.start_button']],
  ])('%s: %s', (scene, text, expected, start) => {
    expect(plan(scene, text, start)).toEqual(expected);
  });
});

/** Table 2 of the Sci-VLA paper (../shared/seeds/sci-vla-paper.txt), verbatim, typos included. */
const SCI_VLA_TASKS: Record<string, { scene: string; start?: string; text: string; skills: string[] }> = {
  A: {
    scene: 'centrifuge-bench',
    text: 'open the lid of the centrifuge5910, pick the experimental centrifuge tube from thereal rack and place it into the centrifuge5910, pick the balance centrifuge tube from the rack and place it into the centrifuge5910, close the lid of the centrifuge5910, press the screen button to start the centrifuge5910',
    skills: [
      'open-lid centrifuge.lid',
      'pick-place tube -> centrifuge',
      'pick-place second-tube -> centrifuge',
      'close-lid centrifuge.lid',
      'press-button centrifuge.start_button',
    ],
  },
  B: {
    scene: 'centrifuge-bench',
    start: 'running',
    text: 'press the screen button to stop the centrifuge5910, open the lid of the centrifuge5910, pick the experimental centrifuge tube from the centrifuge5910 and place it on the rack, pick the balance centrifuge tube from the centrifuge5910 and place it on the rack, close the lid of the centrifuge5910',
    skills: [
      'press-button centrifuge.start_button',
      'open-lid centrifuge.lid',
      'pick-place tube -> tube-rack',
      'pick-place second-tube -> tube-rack',
      'close-lid centrifuge.lid',
    ],
  },
  C: {
    scene: 'thermal-cycler-bench',
    text: 'open the lid of the thermal cycler, place pcrPlate into the thermal cycler, close the lid of the thermal cycler, screw tighten the knob of the thermal cycler, press the button to start the thermal cycler',
    skills: [
      'open-lid thermal-cycler.lid',
      'pick-place pcr-plate -> thermal-cycler',
      'close-lid thermal-cycler.lid',
      'turn-knob thermal-cycler.knob direction=tighten',
      'press-button thermal-cycler.start_button',
    ],
  },
  D: {
    scene: 'thermal-cycler-bench',
    start: 'running',
    text: 'press the button of the thermal cycler, screw loosen the knob of the thermal cycler, open the lid of the thermal cycler, take pcrPlate from the thermal cycler, close the lid of the thermal cycler',
    skills: [
      'press-button thermal-cycler.start_button',
      'turn-knob thermal-cycler.knob direction=loosen',
      'open-lid thermal-cycler.lid',
      'pick pcr-plate',
      'close-lid thermal-cycler.lid',
    ],
  },
  E: {
    scene: 'centrifuge-bench',
    text: 'open the lid of the centrifuge5910, pick the experimental centrifuge tube from the rack and place it into the centrifuge5910, pick the balance centrifuge tube from the rack and place it into the centrifuge5910, close the lid of the centrifuge5910, press the screen button to start the centrifuge5910, open the lid of the centrifuge5910, pick the experimental centrifuge tube from the centrifuge5910 and place it on the rack, close the lid of the centrifuge5910',
    skills: [
      'open-lid centrifuge.lid',
      'pick-place tube -> centrifuge',
      'pick-place second-tube -> centrifuge',
      'close-lid centrifuge.lid',
      'press-button centrifuge.start_button',
      'open-lid centrifuge.lid',
      'pick-place tube -> tube-rack',
      'close-lid centrifuge.lid',
    ],
  },
  F: {
    scene: 'thermal-cycler-bench',
    text: 'open the lid of the thermal cycler, place pcrPlate into the thermal cycler, close the lid of the thermal cycler, screw tighten the knob of the thermal cycler, press the button to start the thermal cycler, screw loosen the knob of the thermal cycler, open the lid of the thermal cycler, take pcrPlate from the thermal cycler',
    skills: [
      'open-lid thermal-cycler.lid',
      'pick-place pcr-plate -> thermal-cycler',
      'close-lid thermal-cycler.lid',
      'turn-knob thermal-cycler.knob direction=tighten',
      'press-button thermal-cycler.start_button',
      'turn-knob thermal-cycler.knob direction=loosen',
      'open-lid thermal-cycler.lid',
      'pick pcr-plate',
    ],
  },
};

describe('the Sci-VLA prompt sequences (Table 2), verbatim', () => {
  it.each(Object.entries(SCI_VLA_TASKS))('task %s', (_, task) => {
    const steps = parseInstruction(task.text, lexicon(task.scene, task.start)).steps;
    expect(steps.map(brief)).toEqual(task.skills);
    // Each step's language is one element of the paper's list, as written.
    expect(steps.map((s) => s.text)).toEqual(task.text.split(', '));
  });
});

describe('paraphrases of the Sci-VLA tasks', () => {
  it.each<[string, string, string[], string?]>([
    [
      'centrifuge-bench',
      'Open the centrifuge, load the experimental tube and the balance tube into the rotor, shut the lid and press start.',
      SCI_VLA_TASKS.A?.skills ?? [],
    ],
    [
      'centrifuge-bench',
      'Open the centrifuge lid. Put the experimental tube into the centrifuge. Put the balance tube in the centrifuge. Close the lid. Start the centrifuge.',
      SCI_VLA_TASKS.A?.skills ?? [],
    ],
    [
      'centrifuge-bench',
      'Stop the centrifuge, lift its lid, return the experimental tube and the balance tube to the rack, then close the lid',
      SCI_VLA_TASKS.B?.skills ?? [],
      'running',
    ],
    [
      'thermal-cycler-bench',
      'Open the thermal cycler lid, put the PCR plate in, close the lid, turn the knob clockwise to tighten it, and press the button on the thermal cycler to start the run.',
      SCI_VLA_TASKS.C?.skills ?? [],
    ],
    [
      'thermal-cycler-bench',
      'Stop the thermal cycler. Loosen the screw on the lid. Open the lid. Take out the PCR plate. Close the lid.',
      SCI_VLA_TASKS.D?.skills ?? [],
      'running',
    ],
    [
      'thermal-cycler-bench',
      '1. Open the lid of the PCR machine\n2. Load the 96-well plate into the block\n3. Close it\n4. Screw down the lid knob\n5. Start the thermocycler\n6. Unscrew the knob\n7. Open the lid\n8. Remove the plate from the thermal cycler',
      SCI_VLA_TASKS.F?.skills ?? [],
    ],
    [
      'thermal-cycler-bench',
      'Open the thermal cycler, insert the plate, close it, tighten the knob and start the run',
      SCI_VLA_TASKS.C?.skills ?? [],
    ],
    [
      'centrifuge-bench',
      'open the centrifuge lid, put the experimental sample in a slot of the rotor, put the blank tube in the centrifuge, close the lid, start the spin',
      SCI_VLA_TASKS.A?.skills ?? [],
    ],
  ])('%s: %s', (scene, text, expected, start) => {
    expect(plan(scene, text, start)).toEqual(expected);
  });
});

describe('instructions that must be refused', () => {
  it.each<[string, string, string, RegExp, string?]>([
    [
      'clean-table',
      'pik the PCR plate into the basket',
      'unknown-verb',
      /unknown action "pik"; closest: .*pick/,
    ],
    [
      'clean-table',
      'pick the pipete into the basket',
      'unknown-object',
      /unknown word "pipete".*closest: .*pipette tips/,
    ],
    [
      'clean-table',
      'pick the PCR plate into the tip box',
      'not-a-container',
      /tip box.* is not a container; containers here: .*basket/,
    ],
    [
      'centrifuge-bench',
      'put the tube into the basket',
      'ambiguous-reference',
      /"the tube" could be the experimental centrifuge tube or the balance centrifuge tube/,
    ],
    [
      'storage-bench',
      'put the vial in the incubator',
      'ambiguous-reference',
      /"the vial" could be the first vial or the second vial/,
    ],
    [
      'clean-table',
      'pick the centrifuge into the basket',
      'unknown-object',
      /no object called "centrifuge" here/,
    ],
    [
      'centrifuge-bench',
      'pick the centrifuge into the basket',
      'fixed-object',
      /the centrifuge stands fixed on the bench.*movable objects here: .*experimental centrifuge tube/,
    ],
    ['clean-table', 'pick the basket into the basket', 'fixed-object', /the basket stands fixed/],
    [
      'thermal-cycler-bench',
      'pick the tray into the tray',
      'into-itself',
      /the lab tray cannot go into itself/,
    ],
    ['clean-table', 'pick the tube into', 'missing-destination', /"into" what\?/],
    ['clean-table', 'put the tube', 'missing-destination', /say where to put the centrifuge tube/],
    [
      'clean-table',
      'pick the tube and the plate',
      'precondition-failed',
      /the hand already holds the centrifuge tube/,
    ],
    ['clean-table', 'open the basket', 'no-such-part', /the basket has nothing to open/],
    [
      'stirring-station',
      'turn the knob of the stirrer by 90 degrees',
      'ambiguous-reference',
      /stir knob .* or .*heat knob/,
    ],
    [
      'stirring-station',
      'tighten the stir knob',
      'wrong-argument',
      /stir knob of the magnetic stirrer cannot be tightened/,
    ],
    [
      'thermal-cycler-bench',
      'turn the knob of the thermal cycler',
      'missing-argument',
      /say how to turn the knob of the thermal cycler: tighten, loosen, by an angle/,
    ],
    [
      'thermal-cycler-bench',
      'turn the knob of the thermal cycler by 90',
      'missing-unit',
      /degrees, rad or turns/,
    ],
    ['centrifuge-bench', 'put it into the basket', 'unresolved-pronoun', /"it" refers to nothing/],
    [
      'centrifuge-bench',
      'press the screen button to stop the centrifuge',
      'precondition-failed',
      /the centrifuge is not running/,
    ],
    [
      'centrifuge-bench',
      'press the button to start the centrifuge',
      'precondition-failed',
      /already running/,
      'running',
    ],
    [
      'centrifuge-bench',
      'open the lid, place the three tubes in it',
      'wrong-count',
      /there are 2 tubes here, not 3/,
    ],
    ['centrifuge-bench', 'load the experimental tube', 'missing-destination', /say where to load/],
    [
      'centrifuge-bench',
      'pick the experimental tube from the centrifuge',
      'not-there',
      /is not in the centrifuge \(it is in the tube rack\)/,
    ],
  ])('%s: %s', (scene, text, code, message, start) => {
    const err = userError(() => parseInstruction(text, lexicon(scene, start)));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });
});

describe('preconditions, checked before any simulation', () => {
  it.each<[string, string, RegExp, string?]>([
    [
      'centrifuge-bench',
      'place the experimental tube into the centrifuge',
      /the lid of the centrifuge is closed; open the lid of the centrifuge first/,
    ],
    [
      'centrifuge-bench',
      'open the lid of the centrifuge, open the lid of the centrifuge',
      /the lid of the centrifuge is open; close the lid of the centrifuge first/,
    ],
    [
      'centrifuge-bench',
      'close the lid of the centrifuge',
      /the lid of the centrifuge is closed; open the lid of the centrifuge first/,
    ],
    [
      'centrifuge-bench',
      'open the lid, put the balance tube in the centrifuge, press the start button',
      /the lid of the centrifuge is open; close the lid of the centrifuge first/,
    ],
    [
      'centrifuge-bench',
      'pick the experimental tube from the centrifuge and place it on the rack',
      /the lid of the centrifuge is closed; open the lid of the centrifuge first/,
      'running',
    ],
    [
      'centrifuge-bench',
      'pick up the experimental tube, open the lid of the centrifuge',
      /the hand already holds the experimental centrifuge tube; place the experimental centrifuge tube into a container first/,
    ],
    [
      'thermal-cycler-bench',
      'open the lid of the thermal cycler, tighten the knob of the thermal cycler',
      /the lid of the thermal cycler is open; close the lid of the thermal cycler first/,
    ],
    [
      'thermal-cycler-bench',
      'open the lid of the thermal cycler',
      /the knob of the thermal cycler is tightened; loosen the knob of the thermal cycler first/,
      'running',
    ],
  ])('%s: %s', (scene, text, message, start) => {
    const err = userError(() => parseInstruction(text, lexicon(scene, start)));
    expect(err.code).toBe('precondition-failed');
    expect(err.message).toMatch(message);
  });

  it('collects the problems of every clause into one error', () => {
    const err = userError(() =>
      parseInstruction(
        'place the experimental tube into the centrifuge, pik the plate, put the tube in the basket, close the lid',
        lexicon('centrifuge-bench'),
      ),
    );
    expect(err).toBeInstanceOf(InstructionError);
    const problems = (err as InstructionError).problems;
    expect(problems.map((p) => [p.clause, p.code])).toEqual([
      [1, 'precondition-failed'],
      [2, 'unknown-verb'],
      [3, 'ambiguous-reference'],
      [4, 'precondition-failed'],
    ]);
    expect(err.code).toBe('instruction-problems');
    expect(err.message).toMatch(/4 problems/);
    expect(err.message).toMatch(
      /"place the experimental tube into the centrifuge": .*open the lid of the centrifuge first/,
    );
    expect(err.message).toMatch(/"pik the plate": unknown action "pik"/);
  });

  it('rejects an empty instruction', () => {
    expect(userError(() => parseInstruction(' , ; \n', lexicon('clean-table'))).code).toBe(
      'empty-instruction',
    );
  });
});
