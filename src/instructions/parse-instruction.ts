// Turns a lab instruction into skill calls bound to scene objects (pure: lexicon in, TaskPlan out).
import { closestChoices, UserInputError } from '../errors.js';
import type { SkillCall, SkillId } from '../skills/skill.js';

export interface LexiconObject {
  id: string;
  /** Lower-case names and synonyms the instruction may use. */
  names: readonly string[];
  isContainer: boolean;
  graspable: boolean;
}

export interface Lexicon {
  objects: readonly LexiconObject[];
  /** Verb phrases per skill, e.g. pick: ["pick up", "grab"]. */
  verbs: ReadonlyMap<SkillId, readonly string[]>;
}

export interface TaskPlan {
  instruction: string;
  steps: SkillCall[];
}

const FILLER = new Set(['the', 'a', 'an', 'please', 'then', 'and', 'next', 'finally', 'first']);
const DESTINATION_WORDS = ['into', 'in', 'inside', 'onto', 'on', 'to', 'over'];

export const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9.\-\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const stripFiller = (words: string[]): string[] => {
  const out = [...words];
  while (out.length && FILLER.has(out[0] as string)) out.shift();
  return out.filter((w, i) => !(FILLER.has(w) && (i === 0 || i === out.length - 1)));
};

/** Splits a protocol into clauses: sentences, commas, semicolons and "then". */
export function splitClauses(instruction: string): string[] {
  return instruction
    .split(/[.;,\n]+|\bthen\b|\band then\b/i)
    .map((c) => c.trim())
    .filter((c) => normalize(c).length > 0);
}

function resolveObject(phrase: string, lexicon: Lexicon, role: string, clause: string): LexiconObject {
  const words = stripFiller(normalize(phrase).split(' ').filter(Boolean));
  const text = words.join(' ');
  const exact = lexicon.objects.find((o) => o.names.includes(text));
  if (exact) return exact;
  // Otherwise the longest known name contained in the phrase ("the small PCR plate" -> "pcr plate").
  let best: { o: LexiconObject; len: number } | undefined;
  for (const o of lexicon.objects) {
    for (const n of o.names) {
      if (` ${text} `.includes(` ${n} `) && (!best || n.length > best.len)) best = { o, len: n.length };
    }
  }
  if (best) return best.o;
  const all = lexicon.objects.flatMap((o) => o.names);
  throw new UserInputError(
    'unknown-object',
    `instruction "${clause}": no ${role} called "${text || phrase}" in this scene; closest: ${closestChoices(text, all).join(', ')}`,
    { field: 'instruction', validChoices: all },
  );
}

export function parseInstruction(instruction: string, lexicon: Lexicon): TaskPlan {
  const clauses = splitClauses(instruction);
  if (clauses.length === 0) {
    throw new UserInputError(
      'empty-instruction',
      'the instruction is empty; try "pick the PCR plate into the basket"',
      {
        field: 'instruction',
      },
    );
  }
  const allVerbs = [...new Set([...lexicon.verbs.values()].flat())].sort((a, b) => b.length - a.length);
  const steps: SkillCall[] = [];
  let held: string | undefined;
  for (const clause of clauses) {
    const words = stripFiller(normalize(clause).split(' ').filter(Boolean));
    const text = words.join(' ');
    const verb = allVerbs.find((v) => text === v || text.startsWith(`${v} `));
    if (!verb) {
      throw new UserInputError(
        'unknown-verb',
        `instruction "${clause.trim()}": unknown action "${words[0] ?? ''}"; closest: ${closestChoices(words[0] ?? '', allVerbs).join(', ')}`,
        { field: 'instruction', validChoices: allVerbs },
      );
    }
    const rest = text.slice(verb.length).trim().split(' ').filter(Boolean);
    const prepAt = rest.findIndex((w) => DESTINATION_WORDS.includes(w));
    const objectWords = prepAt >= 0 ? rest.slice(0, prepAt) : rest;
    const destinationWords = prepAt >= 0 ? rest.slice(prepAt + 1) : [];
    const canDo = (skill: SkillId) => lexicon.verbs.get(skill)?.includes(verb) ?? false;
    if (objectWords.length === 0) {
      throw new UserInputError('missing-object', `instruction "${clause.trim()}": say what to ${verb}`, {
        field: 'instruction',
      });
    }
    const target = resolveObject(objectWords.join(' '), lexicon, 'object', clause.trim());
    if (destinationWords.length > 0) {
      const destination = resolveObject(destinationWords.join(' '), lexicon, 'destination', clause.trim());
      if (!destination.isContainer) {
        throw new UserInputError(
          'not-a-container',
          `instruction "${clause.trim()}": "${destination.names[0]}" is not a container; containers here: ${lexicon.objects
            .filter((o) => o.isContainer)
            .map((o) => o.names[0])
            .join(', ')}`,
          { field: 'instruction' },
        );
      }
      // "place X into Y" right after "pick X" continues the held object; otherwise it is a whole pick-and-place.
      const skill: SkillId = held === target.id && canDo('place') ? 'place' : 'pick-place';
      if (!canDo(skill) && !canDo('pick-place')) {
        throw new UserInputError(
          'verb-skill-mismatch',
          `instruction "${clause.trim()}": "${verb}" cannot take a destination`,
          {
            field: 'instruction',
          },
        );
      }
      steps.push({ skill, target: target.id, destination: destination.id, text: clause.trim() });
      held = undefined;
    } else {
      if (!canDo('pick')) {
        throw new UserInputError(
          'missing-destination',
          `instruction "${clause.trim()}": say where to ${verb} it (e.g. "into the basket")`,
          {
            field: 'instruction',
          },
        );
      }
      if (!target.graspable) {
        throw new UserInputError(
          'not-graspable',
          `instruction "${clause.trim()}": "${target.names[0]}" cannot be picked up`,
          {
            field: 'instruction',
          },
        );
      }
      steps.push({ skill: 'pick', target: target.id, text: clause.trim() });
      held = target.id;
    }
  }
  return { instruction, steps };
}
