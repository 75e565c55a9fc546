// The plan's symbolic world (what the hand holds, where each object is, which parts are open or tightened,
// which instruments run) and the skill languages' requires / effects evaluated on it: pure functions.
import type { SceneTemplate } from '../schemas/scene.js';
import type { SkillCall } from '../skills/skill.js';
import type { Condition, Effect, PartRef, PartState, Role, SkillLanguage } from '../skills/skill-language.js';
import type { Lexicon, LexiconObject, LexiconPart } from './scene-lexicon.js';
import { objectDisplay, renderStep } from './step-text.js';

export interface SymbolicState {
  /** The object in the hand, if any. */
  hand: string | null;
  /** Where each movable object is: the id of the object it stands in, `bench`, or `hand`. */
  at: ReadonlyMap<string, string>;
  /** Parts with a symbolic state, keyed `object/part`. */
  parts: ReadonlyMap<string, PartState>;
  running: ReadonlySet<string>;
  /** Angles dials were turned to by this plan (rad from rest), keyed `object/part`; NaN where unknown. */
  angles: ReadonlyMap<string, number>;
  /** Vessels holding liquid. */
  filled: ReadonlySet<string>;
  /** What each object taken into the hand came out of (a stopper: its bottle), for "put it back". */
  takenFrom: ReadonlyMap<string, string>;
}

export const partKey = (object: string, part: string) => `${object}/${part}`;

/**
 * The scene as it starts: objects in the slots they are stood in, lids, doors and drawers closed unless the scene
 * poses them open, screws loosened unless it says they are tightened, instruments stopped unless running.
 */
export function initialState(scene: SceneTemplate, objects: readonly LexiconObject[]): SymbolicState {
  const at = new Map<string, string>();
  const parts = new Map<string, PartState>();
  const running = new Set<string>();
  const filled = new Set<string>();
  for (const o of scene.objects) {
    if (o.liquid) filled.add(o.id);
    const lex = objects.find((x) => x.id === o.id);
    if (lex?.movable) at.set(o.id, o.inSlotOf?.object ?? o.seatedIn ?? 'bench');
    if (o.running) running.add(o.id);
    for (const p of lex?.parts ?? []) {
      const given = o.partStates?.[p.name];
      // A scene may stand a lid open (`partPositions`); the composer poses it there.
      const position = o.partPositions?.[p.name] ?? 0;
      if (p.domain === 'access') {
        parts.set(partKey(o.id, p.name), position > (p.openBeyond ?? Infinity) ? 'open' : 'closed');
      }
      if (p.domain === 'screw') parts.set(partKey(o.id, p.name), given ?? 'loosened');
    }
  }
  return { hand: null, at, parts, running, angles: new Map(), filled, takenFrom: new Map() };
}

/** A step the checks look at: its call and its skill's language. */
export interface BoundStep {
  call: SkillCall;
  language: SkillLanguage;
}

/** Why a condition does not hold: the fact as it is, and the step that would make it hold. */
export interface Unmet {
  fact: string;
  fix?: string;
}

const DOMAIN: Record<PartState, 'access' | 'screw'> = {
  open: 'access',
  closed: 'access',
  tightened: 'screw',
  loosened: 'screw',
};

function roleObject(role: Role, step: BoundStep, state: SymbolicState): string | undefined {
  if (role === 'target') return step.call.target;
  if (role === 'destination') return step.call.destination;
  const at = state.at.get(step.call.target);
  return at === undefined || at === 'bench' || at === 'hand' ? undefined : at;
}

function partRoleOf(step: BoundStep) {
  return step.language.parts.find((p) => p.part === step.call.part)?.role;
}

function selectParts(
  ref: PartRef,
  step: BoundStep,
  state: SymbolicState,
  lexicon: Lexicon,
): { owner: string; part: LexiconPart }[] {
  const owner = roleObject(ref.of, step, state);
  const o = lexicon.objects.find((x) => x.id === owner);
  if (!o || owner === undefined) return [];
  const called = o.parts.find((p) => p.name === step.call.part);
  const parts =
    ref.the === 'called'
      ? [called]
      : ref.the === 'access'
        ? o.parts.filter((p) => p.domain === 'access')
        : ref.the === 'carrier'
          ? [o.parts.find((p) => p.name === called?.parent)]
          : o.parts.filter((p) => called !== undefined && p.parent === called.name);
  return parts.flatMap((part) => (part ? [{ owner, part }] : []));
}

const applies = (c: { when?: { partRole: string } }, step: BoundStep) =>
  c.when === undefined || partRoleOf(step) === c.when.partRole;

/** Whether a condition holds before (requires) or after (expects) the step; what is wrong if not. */
export function unmet(
  cond: Condition,
  step: BoundStep,
  state: SymbolicState,
  lexicon: Lexicon,
): Unmet | undefined {
  const name = (id: string | undefined) => objectDisplay(lexicon, id) ?? 'nothing';
  if ('hand' in cond) {
    if (cond.hand === 'empty') {
      if (state.hand === null) return undefined;
      return {
        fact: `the hand already holds the ${name(state.hand)}`,
        fix: `place the ${name(state.hand)} into a container`,
      };
    }
    if (state.hand === step.call.target) return undefined;
    if (cond.hand === 'empty-or-holding' && state.hand === null) return undefined;
    const pick = lexicon.languages.find((l) => l.effects.some((e) => 'hand' in e && e.hand === 'take'));
    return {
      fact:
        state.hand === null
          ? `the hand does not hold the ${name(step.call.target)}`
          : `the hand holds the ${name(state.hand)}, not the ${name(step.call.target)}`,
      ...(pick && state.hand === null
        ? { fix: renderStep(pick, { skill: pick.skill, target: step.call.target }, lexicon) }
        : {}),
    };
  }
  if ('seated' in cond) {
    const at = state.at.get(step.call.target);
    if (at !== undefined && at !== 'bench' && at !== 'hand') return undefined;
    return { fact: `the ${name(step.call.target)} is ${at === 'hand' ? 'in the hand' : 'not in a bottle'}` };
  }
  if ('closedOrEmpty' in cond) {
    const target = step.call.target;
    if (!state.filled.has(target)) return undefined;
    const plugged = [...state.at].some(
      ([id, at]) => at === target && lexicon.objects.find((o) => o.id === id)?.stopper,
    );
    if (plugged) return undefined;
    const insert = lexicon.languages.find((l) => l.requires.some((c) => 'mouth' in c));
    const stopper = lexicon.objects.find((o) => o.stopper && state.at.get(o.id) !== undefined);
    const holder = lexicon.objects.find((o) => o.id === target);
    return {
      fact: `the ${name(target)} holds liquid and is open: shaken, it would throw the liquid out`,
      ...(insert && stopper && holder?.mouth
        ? {
            fix: renderStep(
              insert,
              { skill: insert.skill, target: stopper.id, destination: target },
              lexicon,
            ),
          }
        : {}),
    };
  }
  if ('unplugged' in cond) {
    const target = step.call.target;
    const plug = [...state.at].find(
      ([id, at]) => at === target && lexicon.objects.find((o) => o.id === id)?.stopper,
    );
    if (!plug) return undefined;
    const remove = lexicon.languages.find((l) => l.requires.some((c) => 'seated' in c));
    return {
      fact: `the ${name(plug[0])} plugs the ${name(target)}`,
      ...(remove ? { fix: renderStep(remove, { skill: remove.skill, target: plug[0] }, lexicon) } : {}),
    };
  }
  if ('mouth' in cond) {
    const dest = step.call.destination;
    const holder = lexicon.objects.find((o) => o.id === dest);
    if (!holder?.mouth) return { fact: `the ${name(dest)} has no neck to plug` };
    const plug = [...state.at].find(
      ([id, at]) => at === dest && lexicon.objects.find((o) => o.id === id)?.stopper,
    );
    if (!plug) return undefined;
    return { fact: `the ${name(plug[0])} already plugs the ${name(dest)}` };
  }
  if ('liquid' in cond) {
    if (state.filled.has(step.call.target)) return undefined;
    return { fact: `the ${name(step.call.target)} holds no liquid` };
  }
  if (!applies(cond, step)) return undefined;
  if ('part' in cond) {
    for (const { owner, part } of selectParts(cond.part, step, state, lexicon)) {
      if (part.domain !== DOMAIN[cond.is]) continue;
      const actual = state.parts.get(partKey(owner, part.name));
      if (actual === undefined || actual === cond.is) continue;
      const fix = fixPart(owner, part, cond.is, lexicon);
      return {
        fact: `the ${part.display} of the ${name(owner)} is ${actual}`,
        ...(fix ? { fix } : {}),
      };
    }
    return undefined;
  }
  const target = step.call.target;
  const isRunning = state.running.has(target);
  if (isRunning === cond.is) return undefined;
  return {
    fact: isRunning ? `the ${name(target)} is already running` : `the ${name(target)} is not running`,
  };
}

/** The step that brings a part into a state, in words: the skill whose effect does it, on this part. */
function fixPart(owner: string, part: LexiconPart, wanted: PartState, lexicon: Lexicon): string | undefined {
  for (const lang of lexicon.languages) {
    if (!lang.parts.some((p) => p.part === part.name)) continue;
    for (const e of lang.effects) {
      if (!('part' in e) || e.part.the !== 'called') continue;
      const args =
        typeof e.becomes === 'string'
          ? e.becomes === wanted
            ? {}
            : undefined
          : Object.entries(e.becomes.values)
              .filter(([, s]) => s === wanted)
              .map(([value]) => ({ [(e.becomes as { arg: string }).arg]: value }))[0];
      if (args !== undefined) {
        return renderStep(lang, { skill: lang.skill, target: owner, part: part.name, args }, lexicon);
      }
    }
  }
  return undefined;
}

/** The state after the step's effects. */
export function applyEffects(step: BoundStep, state: SymbolicState, lexicon: Lexicon): SymbolicState {
  let next: SymbolicState = state;
  for (const e of step.language.effects) next = applyEffect(e, step, next, lexicon);
  const angle = step.call.args?.angleRad;
  if (
    step.call.part !== undefined &&
    (typeof angle === 'number' || step.call.args?.direction !== undefined)
  ) {
    const key = partKey(step.call.target, step.call.part);
    const angles = new Map(next.angles);
    angles.set(key, typeof angle === 'number' ? (next.angles.get(key) ?? 0) + angle : Number.NaN);
    next = { ...next, angles };
  }
  return next;
}

function applyEffect(e: Effect, step: BoundStep, state: SymbolicState, lexicon: Lexicon): SymbolicState {
  const target = step.call.target;
  if ('hand' in e) {
    const at = new Map(state.at);
    const was = state.at.get(target);
    const takenFrom = new Map(state.takenFrom);
    if (was !== undefined && was !== 'bench' && was !== 'hand') takenFrom.set(target, was);
    at.set(target, 'hand');
    return { ...state, hand: target, at, takenFrom };
  }
  if ('setDown' in e) {
    const at = new Map(state.at);
    at.set(target, 'bench');
    return { ...state, hand: state.hand === target ? null : state.hand, at };
  }
  if ('pour' in e) {
    const filled = new Set(state.filled);
    if (step.call.destination !== undefined) filled.add(step.call.destination);
    filled.delete(target);
    return { ...state, filled };
  }
  if ('put' in e) {
    const at = new Map(state.at);
    if (step.call.destination !== undefined) at.set(target, step.call.destination);
    return { ...state, hand: state.hand === target ? null : state.hand, at };
  }
  if (!applies(e, step)) return state;
  if ('part' in e) {
    const parts = new Map(state.parts);
    for (const { owner, part } of selectParts(e.part, step, state, lexicon)) {
      const value =
        typeof e.becomes === 'string'
          ? e.becomes
          : (() => {
              const arg = step.call.args?.[e.becomes.arg];
              return typeof arg === 'string' ? e.becomes.values[arg] : undefined;
            })();
      if (value !== undefined && part.domain === DOMAIN[value]) parts.set(partKey(owner, part.name), value);
    }
    return { ...state, parts };
  }
  const running = new Set(state.running);
  const now = e.becomes === 'toggled' ? !running.has(target) : e.becomes;
  if (now) running.add(target);
  else running.delete(target);
  return { ...state, running };
}

/** Where an object is, in words ("in the tube rack", "on the bench", "in the hand"). */
export function describeLocation(lexicon: Lexicon, state: SymbolicState, id: string): string {
  const at = state.at.get(id);
  if (at === undefined || at === 'bench') return 'on the bench';
  if (at === 'hand') return 'in the hand';
  return `in the ${objectDisplay(lexicon, at) ?? at}`;
}
