// The precondition check of one step on the symbolic state, before any simulation: its skill's requires, and
// what the user said it is for ("to stop the centrifuge"); the message names the missing step.
import type { Condition } from '../skills/skill-language.js';
import type { Lexicon } from './scene-lexicon.js';
import { applyEffects, type BoundStep, type SymbolicState, unmet } from './symbolic-state.js';

export interface StepCheck {
  /** Empty when the step can run. */
  problems: string[];
  /** The state after the step (its effects applied even when it cannot run, so later steps are judged alone). */
  next: SymbolicState;
}

/** Unmet requires of a step, as facts and the steps that would fix them. */
export function unmetRequires(step: BoundStep, state: SymbolicState, lexicon: Lexicon) {
  return step.language.requires.flatMap((c) => {
    const u = unmet(c, step, state, lexicon);
    return u ? [u] : [];
  });
}

export function checkStep(
  step: BoundStep,
  state: SymbolicState,
  lexicon: Lexicon,
  expects?: Condition,
): StepCheck {
  const unmetList = unmetRequires(step, state, lexicon);
  const next = applyEffects(step, state, lexicon);
  const facts = unmetList.map((u) => u.fact);
  const fixes = unmetList.flatMap((u) => (u.fix ? [u.fix] : []));
  if (expects && unmet(expects, step, next, lexicon)) {
    // Say how things stand before the step: "the centrifuge is not running" for "to stop the centrifuge".
    const flipped = 'running' in expects ? { ...expects, is: !expects.is } : expects;
    facts.push(unmet(flipped, step, state, lexicon)?.fact ?? 'this step would not do what its purpose says');
  }
  if (facts.length === 0) return { problems: [], next };
  const message = `${facts.join('; ')}${fixes.length > 0 ? `; ${[...new Set(fixes)].join(', then ')} first` : ''}`;
  return { problems: [message], next };
}
