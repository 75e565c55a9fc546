// Turns a lab protocol into skill calls bound to scene objects and checked on the symbolic state (pure: text and
// lexicon in, TaskPlan out); every problem of every clause is reported together in one InstructionError.
import { closestChoices, UserInputError } from '../errors.js';
import type { SkillCall } from '../skills/skill.js';
import { bindVerbPhrase, type ClauseStep, type Problem } from './bind-step.js';
import { checkStep } from './check-step.js';
import { knownVerbs, parseClause } from './clause-grammar.js';
import { splitClauses } from './clauses.js';
import { DESTINATION_PREPS, FILLERS, PARTICLES, SOURCE_PREPS, WAIT_WORDS } from './grammar-words.js';
import type { Referent, Salience } from './resolve-references.js';
import type { Lexicon } from './scene-lexicon.js';
import type { SymbolicState } from './symbolic-state.js';
import { renderStep } from './step-text.js';
import { splitGluedWords, type Token } from './tokens.js';

export interface TaskPlan {
  instruction: string;
  steps: SkillCall[];
}

export interface InstructionProblem extends Problem {
  /** 1-based clause (or structured step) it is about, and its words. */
  clause: number;
  text: string;
}

/** Everything wrong with an instruction, each problem with its clause (exit 2). */
export class InstructionError extends UserInputError {
  constructor(
    readonly problems: readonly InstructionProblem[],
    field: 'instruction' | 'steps' = 'instruction',
    /** A line said before the problems (which scene they were found on). */
    context?: string,
  ) {
    const first = problems[0] as InstructionProblem;
    const quote = (p: InstructionProblem) =>
      `${field === 'steps' ? `step ${p.clause} ` : ''}"${p.text}": ${p.message}`;
    const body =
      problems.length === 1
        ? `${field} ${quote(first)}`
        : `${field}: ${problems.length} problems\n${problems.map((p) => `  - ${quote(p)}`).join('\n')}`;
    super(
      problems.length === 1 ? first.code : 'instruction-problems',
      context ? `${context}\n${body}` : body,
      {
        field,
        ...(first.choices ? { validChoices: first.choices } : {}),
      },
    );
    this.name = 'InstructionError';
  }
}

const EXAMPLE = 'try "open the lid of the centrifuge, place the tube into the centrifuge, close the lid"';

export function parseInstruction(instruction: string, lexicon: Lexicon): TaskPlan {
  const clauses = splitClauses(instruction);
  if (clauses.length === 0) {
    throw new UserInputError('empty-instruction', `the instruction is empty; ${EXAMPLE}`, {
      field: 'instruction',
    });
  }
  const problems: InstructionProblem[] = [];
  const steps: SkillCall[] = [];
  let state: SymbolicState = lexicon.initial;
  let targets: Referent[] = [];
  let others: Referent[] = [];
  let previousWords: Token[] = [];
  for (const clause of clauses) {
    const report = (p: Problem) => {
      // Two steps of one clause ("the tube and the plate") missing the same thing say it once.
      if (!problems.some((q) => q.clause === clause.index && q.message === p.message)) {
        problems.push({ ...p, clause: clause.index, text: clause.text });
      }
    };
    const words = splitGluedWords(clause.tokens, lexicon.words);
    // "wait for the centrifuge to finish": no step, but the runs it waits for are over.
    if (WAIT_WORDS.has(words.find((t) => !FILLERS.has(t.text))?.text ?? '')) {
      state = { ...state, running: new Set() };
      continue;
    }
    // "do the same for the balance tube" / "repeat with the balance tube": the clause before, on that object.
    const repeated = sameAgain(words, previousWords);
    let parsed = parseClause(repeated ?? words, lexicon);
    const ownVerb = parsed.ok && !repeated;
    // "load the experimental tube into the centrifuge, then the balance tube into the centrifuge": a clause
    // without a verb of its own takes the one the clause before began with (its first one to three words).
    if (!parsed.ok && parsed.code === 'missing-verb' && previousWords.length > 0 && words.length > 0) {
      const at = (words[0] as Token).start;
      for (let k = 1; k <= Math.min(3, previousWords.length); k++) {
        const borrowed = previousWords.slice(0, k).map((t) => ({ ...t, start: at, end: at }));
        const retry = parseClause([...borrowed, ...(repeated ?? words)], lexicon);
        if (retry.ok) {
          parsed = retry;
          break;
        }
      }
    }
    if (ownVerb) previousWords = words.filter((t) => !FILLERS.has(t.text));
    if (!parsed.ok) {
      const verbs = knownVerbs(lexicon);
      report(
        parsed.code === 'unknown-verb'
          ? {
              code: 'unknown-verb',
              message: `unknown action "${parsed.word}"; closest: ${closestChoices(parsed.word, verbs).join(', ')}`,
              choices: verbs,
            }
          : {
              code: 'missing-verb',
              message: `a step starts with what to do (open, close, pick, place, press, turn ...), not "${parsed.word}"`,
              choices: verbs,
            },
      );
      continue;
    }
    // Bind the clause's verb phrases in order, each on the state the ones before it leave.
    const bound: ClauseStep[] = [];
    let tentative = state;
    let failed = false;
    for (const vp of parsed.phrases) {
      const salience: Salience = { held: tentative.hand, filled: [...tentative.filled], targets, others };
      const r = bindVerbPhrase(vp, instruction, lexicon, tentative, salience);
      r.problems.forEach(report);
      failed ||= r.problems.length > 0;
      targets = [...r.targets.reverse(), ...targets];
      others = [...r.others, ...others];
      for (const s of r.steps) {
        const putDown = implicitSetDown(s, tentative, lexicon);
        if (putDown) tentative = checkStep(putDown, tentative, lexicon).next;
        tentative = checkStep(s, tentative, lexicon).next;
        const then = followUp(s, lexicon);
        if (then) tentative = checkStep(then, tentative, lexicon).next;
      }
      bound.push(...r.steps);
    }
    for (const step of compose(bound, lexicon, instruction)) {
      const putDown = implicitSetDown(step, state, lexicon);
      if (putDown) {
        state = checkStep(putDown, state, lexicon).next;
        steps.push(putDown.call);
      }
      const check = checkStep(step, state, lexicon, step.expects);
      if (!failed) {
        for (const message of check.problems) {
          report({ code: 'precondition-failed', message: `${message}` });
        }
      }
      state = check.next;
      steps.push(step.call);
      const then = followUp(step, lexicon);
      if (then) {
        const after = checkStep(then, state, lexicon);
        if (!failed) for (const message of after.problems) report({ code: 'precondition-failed', message });
        state = after.next;
        steps.push(then.call);
      }
    }
  }
  if (problems.length > 0) throw new InstructionError(problems);
  return { instruction, steps };
}

/**
 * The hand holds something this step does not use and the step needs the hand (pour the bottle with the stopper
 * just taken out still in it): a one-armed robot first stands it on the bench, a step of its own in the plan,
 * with its own words. Only for what stands by itself (not a round-bottomed tube: the user must say where).
 */
function implicitSetDown(step: ClauseStep, state: SymbolicState, lexicon: Lexicon): ClauseStep | undefined {
  const held = state.hand;
  const setDown = lexicon.languages.find((l) => l.effects.some((e) => 'setDown' in e));
  if (held === null || !setDown || held === step.call.target || step.language === setDown) return undefined;
  const needsHand = step.language.requires.some(
    (c) => 'hand' in c && (c.hand === 'empty' || c.hand === 'empty-or-holding'),
  );
  if (!needsHand || !lexicon.objects.find((o) => o.id === held)?.standsOnBench) return undefined;
  const call: SkillCall = { skill: setDown.skill, target: held, text: '' };
  return {
    language: setDown,
    call: { ...call, text: renderStep(setDown, call, lexicon) },
    start: step.start,
    end: step.start,
  };
}

/** The step a skill's language adds right after it, on a part of its destination (heat: the heat knob). */
function followUp(step: ClauseStep, lexicon: Lexicon): ClauseStep | undefined {
  const f = step.language.followedBy;
  const owner = lexicon.objects.find((o) => o.id === step.call.destination);
  const language = f && lexicon.languages.find((l) => l.skill === f.skill);
  if (!f || !owner || !language || !owner.parts.some((p) => p.name === f.part)) return undefined;
  const call: SkillCall = { skill: f.skill, target: owner.id, part: f.part, args: { ...f.args }, text: '' };
  return {
    language,
    call: { ...call, text: renderStep(language, call, lexicon) },
    start: step.end,
    end: step.end,
  };
}

const REPEAT_OPENINGS = [
  ['do', 'the', 'same', 'for'],
  ['do', 'the', 'same', 'with'],
  ['the', 'same', 'for'],
  ['same', 'for'],
  ['repeat', 'for'],
  ['repeat', 'with'],
  ['repeat', 'this', 'for'],
  ['repeat', 'that', 'for'],
];
/** Words that end a clause's object and start where it goes or comes from ("back to the rack", "into it"). */
const OBJECT_ENDS = new Set([
  ...DESTINATION_PREPS.map((p) => p[0] as string),
  ...SOURCE_PREPS.map((p) => p[0] as string),
  ...PARTICLES,
]);

/**
 * For "do the same for X": the clause before with X in its object's place (its verb, X, then from its first
 * preposition or particle on: "move the experimental tube back to the rack" -> "move X back to the rack"), at
 * the offsets of this clause's own words. Undefined for any other clause.
 */
function sameAgain(words: readonly Token[], previous: readonly Token[]): Token[] | undefined {
  const texts = words.map((t) => t.text);
  const opening = REPEAT_OPENINGS.find((o) => o.every((w, i) => texts[i] === w));
  if (!opening || previous.length === 0) return undefined;
  const object = words.slice(opening.length);
  if (object.length === 0) return undefined;
  const end = previous.findIndex((t, i) => i > 0 && OBJECT_ENDS.has(t.text));
  const rest = end < 0 ? [] : previous.slice(end);
  // Zero-width at the clause's start and end, so the step's text is what the user wrote for it.
  const [from, to] = [(words[0] as Token).start, (words[words.length - 1] as Token).end];
  const at =
    (offset: number) =>
    (t: Token): Token => ({ ...t, start: offset, end: offset });
  return [...previous.slice(0, 1).map(at(from)), ...object, ...rest.map(at(to))];
}

/** Joins "pick X ... and place it into Y" in one clause into the skill that composes the two (pick-place). */
function compose(steps: readonly ClauseStep[], lexicon: Lexicon, original: string): ClauseStep[] {
  const out: ClauseStep[] = [];
  for (const step of steps) {
    const prev = out[out.length - 1];
    const whole = lexicon.languages.find(
      (l) => l.composes?.[0] === prev?.call.skill && l.composes?.[1] === step.call.skill,
    );
    if (prev && whole && prev.call.target === step.call.target) {
      const text = original.slice(prev.start, step.end);
      out[out.length - 1] = {
        language: whole,
        call: {
          skill: whole.skill,
          target: step.call.target,
          ...(step.call.destination ? { destination: step.call.destination } : {}),
          text,
        },
        start: prev.start,
        end: step.end,
      };
    } else out.push(step);
  }
  return out;
}
