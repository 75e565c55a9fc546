// One verb phrase to skill calls: the skills its verb can mean, the scene objects and parts its phrases name,
// and the reading that fits (a movable object or an instrument part, a destination, arguments, the state).
import type { SkillArgs } from '../skills/skill.js';
import type { Condition, Purpose, SkillLanguage, VerbPhrase } from '../skills/skill-language.js';
import type { NounPhrase, ParsedVerbPhrase } from './clause-grammar.js';
import { unmetRequires } from './check-step.js';
import { LIQUID_NOUNS } from './grammar-words.js';
import {
  type Referent,
  referentKey,
  referentName,
  type Resolution,
  resolveNounPhrase,
  type Salience,
} from './resolve-references.js';
import type { Lexicon, LexiconObject, LexiconPart } from './scene-lexicon.js';
import { type BoundStep, partKey, type SymbolicState } from './symbolic-state.js';

export interface Problem {
  code: string;
  message: string;
  choices?: string[];
}

export interface ClauseStep extends BoundStep {
  /** What the user said the step is for ("to stop the centrifuge"), checked after its effects. */
  expects?: Condition;
  /** Offsets of the step's words in the original text. */
  start: number;
  end: number;
}

export interface BoundPhrase {
  steps: ClauseStep[];
  problems: Problem[];
  /** What it acted on and what else it named, for "it" and "its" in what follows. */
  targets: Referent[];
  others: Referent[];
}

interface Option {
  language: SkillLanguage;
  referent: Referent;
  /** Where "put it back" returns it: where it was taken from. */
  returnTo?: LexiconObject;
  index: number;
  part?: LexiconPart;
  args: SkillArgs;
  expects?: Condition;
}

interface Rejection {
  stage: number;
  code: string;
  message: string;
  choices?: string[];
}

const OWNER_PREPS = new Set(['on', 'in', 'inside', 'on top of']);
const ADVERB_PREPS = new Set(['in', 'inside']);
const RUN_NOUNS = new Set([
  'run',
  'program',
  'programme',
  'cycle',
  'cycling',
  'spin',
  'protocol',
  'centrifugation',
  'pcr',
]);

export function bindVerbPhrase(
  parsed: ParsedVerbPhrase,
  original: string,
  lexicon: Lexicon,
  state: SymbolicState,
  salience: Salience,
): BoundPhrase {
  let vp = parsed;
  const out: BoundPhrase = { steps: [], problems: [], targets: [], others: [] };
  const fail = (p: Problem) => {
    out.problems.push(p);
    return out;
  };
  const entries = lexicon.languages.flatMap((language) =>
    language.verbs.filter((v) => v.words === vp.verb).map((verb) => ({ language, verb })),
  );
  let objects = vp.objects;
  let destinations = vp.destination;
  // "pour the solution from the beaker into the flask": the liquid is the beaker's, the beaker what is poured.
  if (
    vp.source.length === 1 &&
    objects.length === 1 &&
    (objects[0] as NounPhrase).words.length > 0 &&
    (objects[0] as NounPhrase).words.every((w) => LIQUID_NOUNS.has(w)) &&
    !(objects[0] as NounPhrase).owner &&
    !(objects[0] as NounPhrase).possessor
  ) {
    objects = [vp.source[0] as NounPhrase];
    vp = { ...vp, source: [] };
  }
  // "plug the bottle with the stopper", "stir the solution with the glass rod": the tool is what moves, the
  // object where it goes. Unsaid, the rod is the scene's one rod.
  const toolFirst = entries.find((e) => e.language.objects !== undefined)?.language.objects;
  // "stir the solution in the beaker": the liquid is where the rod goes.
  if (
    toolFirst === 'rods' &&
    destinations.length === 1 &&
    objects.length === 1 &&
    (objects[0] as NounPhrase).words.every((w) => LIQUID_NOUNS.has(w))
  ) {
    objects = destinations;
    destinations = [];
  }
  if (toolFirst && objects.length === 1 && destinations.length === 0) {
    const rods = lexicon.objects.filter((o) => o.rod);
    if (vp.tool.length === 1) {
      destinations = objects;
      objects = [vp.tool[0] as NounPhrase];
      vp = { ...vp, tool: [] };
    } else if (toolFirst === 'rods' && rods.length === 1) {
      destinations = objects;
      const words = (rods[0] as LexiconObject).display.split(' ');
      objects = [{ start: vp.end, end: vp.end, words, other: false }];
    }
  }
  if (vp.tool.length > 0) {
    return fail({ code: 'unexpected-tool', message: `"${vp.verb}" takes nothing "with" it here` });
  }
  // "pour half of it", "pour half the water": a share of the source.
  let share: number | undefined;
  const first = objects[0];
  if (
    objects.length === 1 &&
    first &&
    first.words[0] === 'half' &&
    entries.some((e) => e.language.effects.some((x) => 'pour' in x))
  ) {
    share = 0.5;
    objects = [
      first.words.length === 1 && first.owner ? first.owner : { ...first, words: first.words.slice(1) },
    ];
  }
  // "press the button on the centrifuge": for instrument skills the place named is the part's owner.
  if (
    entries.every((e) => e.language.acts === 'part') &&
    destinations.length === 1 &&
    OWNER_PREPS.has(vp.destinationPrep ?? '') &&
    objects.length > 0 &&
    objects.every((o) => !o.owner && !o.possessor)
  ) {
    objects = objects.map((o) => ({ ...o, owner: destinations[0] as NounPhrase }));
    destinations = [];
  }
  // "put the tube in" (after opening the centrifuge): "in" / "inside" stand as adverbs for "in it".
  if (vp.dangling !== undefined && ADVERB_PREPS.has(vp.dangling) && vp.destination.length === 0) {
    const it = { start: vp.end, end: vp.end, words: [], pronoun: 'it', other: false };
    vp = { ...vp, destination: [it] };
    destinations = [it];
    delete vp.dangling;
  }
  // "put the cap back on": back where it was taken from.
  if (
    vp.dangling !== undefined &&
    ['on', 'in', 'into', 'onto'].includes(vp.dangling) &&
    (vp.particles.includes('back') || vp.verb.endsWith(' back'))
  ) {
    vp = { ...vp };
    delete vp.dangling;
  }
  if (vp.dangling !== undefined) {
    const source = vp.source.length === 0 && !vp.destinationPrep;
    return fail({
      code: source ? 'missing-source' : 'missing-destination',
      message: `"${vp.dangling}" what? say ${source ? 'where from' : 'where to'} (e.g. "${vp.dangling} the ${exampleHolder(lexicon)}")`,
    });
  }
  if (destinations.length > 1) {
    return fail({ code: 'several-destinations', message: 'give one destination per step' });
  }
  if (vp.source.length > 1)
    return fail({ code: 'several-sources', message: 'give one place to take it from' });
  type One = { ok: true; object: LexiconObject | undefined } | ({ ok: false } & Problem);
  const resolveOne = (np: NounPhrase | undefined, what: string, mustHold: boolean): One => {
    if (!np) return { ok: true, object: undefined };
    const r: Resolution = resolveNounPhrase(np, original, lexicon, salience);
    if (!r.ok) return r;
    const objs = [...new Map(r.referents.map((x) => [x.object.id, x.object])).values()];
    const fit = mustHold ? objs.filter((o) => o.holds || o.surface) : objs;
    const text = original.slice(np.start, np.end);
    if (fit.length === 0) {
      return {
        ok: false,
        code: 'not-a-container',
        message: `${what} "${text}": the ${objs[0]?.display ?? text} is not a container; containers here: ${holders(lexicon).join(', ')}`,
        choices: holders(lexicon),
      };
    }
    if (fit.length > 1 && !r.ordered)
      return {
        ok: false,
        ...ambiguous(
          text,
          fit.map((o) => ({ object: o })),
        ),
      };
    return { ok: true, object: fit[0] as LexiconObject };
  };
  let dest = resolveOne(destinations[0], 'destination', true);
  if (!dest.ok) return fail(problemOf(dest));
  // "load the tube" after opening the centrifuge: into the instrument just named, if there is one.
  if (!dest.object && vp.dangling === undefined && entries.some((e) => e.verb.impliesDestination)) {
    const it: NounPhrase = { start: vp.end, end: vp.end, words: [], pronoun: 'it', other: false };
    const r = resolveNounPhrase(it, original, lexicon, salience);
    const instrument = r.ok
      ? r.referents.find((x) => x.object.holds && x.object.parts.some((p) => p.domain === 'access'))
      : undefined;
    if (instrument) dest = { ok: true, object: instrument.object };
  }
  const src = resolveOne(vp.source[0], 'source', false);
  if (!src.ok) return fail(problemOf(src));
  let targetPhrases = objects;
  let purposeOwner: LexiconObject | undefined;
  // "to start the run": the run is the instrument's, not another object.
  if (vp.purpose?.object && vp.purpose.object.words.every((w) => RUN_NOUNS.has(w))) {
    vp = { ...vp, purpose: { words: vp.purpose.words } };
  }
  if (vp.purpose?.object) {
    if (targetPhrases.length === 0) targetPhrases = [vp.purpose.object];
    else {
      const p = resolveOne(vp.purpose.object, 'purpose', false);
      if (!p.ok) return fail(problemOf(p));
      purposeOwner = p.object;
    }
  }
  if (targetPhrases.length === 0) {
    return fail({ code: 'missing-object', message: `say what to ${vp.verb}` });
  }
  for (const obj of [dest.object, src.object, purposeOwner]) if (obj) out.others.push({ object: obj });

  // "start the run": the run of the instrument just named.
  targetPhrases = targetPhrases.map((np) =>
    np.words.length > 0 && np.words.every((w) => RUN_NOUNS.has(w)) ? { ...np, words: [], pronoun: 'it' } : np,
  );
  // Each object a step: coordinated phrases one by one, a plural ("both tubes") object by object.
  const items: { np: NounPhrase; res: Extract<Resolution, { ok: true }>; name?: string }[] = [];
  for (const np of targetPhrases) {
    const res = resolveNounPhrase(np, original, lexicon, salience);
    if (!res.ok) out.problems.push(problemOf(res));
    else if (res.plural) {
      for (const r of res.referents)
        items.push({ np, res: { ok: true, referents: [r], ordered: false }, name: referentName(r) });
    } else items.push({ np, res });
  }
  for (const { np, res, name } of items) {
    const options: Option[] = [];
    const rejections: Rejection[] = [];
    for (const { language, verb } of entries) {
      res.referents.forEach((referent, index) => {
        const r = tryBind(language, verb, referent, { vp, lexicon, state, dest: dest.object, purposeOwner });
        if ('stage' in r) rejections.push(r);
        else options.push({ ...r, index });
      });
    }
    if (options.length === 0) {
      const best = rejections.reduce((a, b) => (b.stage > a.stage ? b : a));
      out.problems.push(best);
      continue;
    }
    let fitting = options;
    if (res.ordered) {
      const first = Math.min(...options.map((o) => o.index));
      fitting = options.filter((o) => o.index === first);
    }
    if (src.object) {
      const from = src.object.id;
      const there = fitting.filter((o) => state.at.get(o.referent.object.id) === from);
      if (there.length === 0) {
        const o = fitting[0] as Option;
        const at = state.at.get(o.referent.object.id);
        const where =
          at === undefined || at === 'bench'
            ? 'on the bench'
            : at === 'hand'
              ? 'in the hand'
              : `in the ${lexicon.objects.find((x) => x.id === at)?.display ?? at}`;
        out.problems.push({
          code: 'not-there',
          message: `${referentName(o.referent)} is not in the ${src.object.display} (it is ${where})`,
        });
        continue;
      }
      fitting = there;
    }
    const targets = [
      ...new Map(
        fitting.map((o) => [
          referentKey({ object: o.referent.object, ...(o.part ? { part: o.part } : {}) }),
          o,
        ]),
      ).values(),
    ];
    if (targets.length > 1) {
      out.problems.push(
        ambiguous(
          original.slice(np.start, np.end),
          targets.map((o) => ({ object: o.referent.object, ...(o.part ? { part: o.part } : {}) })),
        ),
      );
      continue;
    }
    const chosen = choose(fitting, lexicon, state, dest.object?.id);
    const target = chosen.referent.object;
    const split = targetPhrases.length > 1 || name !== undefined;
    const [start, end] = stepSpan(vp, np, split);
    out.steps.push({
      language: chosen.language,
      call: {
        skill: chosen.language.skill,
        target: target.id,
        ...(chosen.part ? { part: chosen.part.name } : {}),
        ...(chosen.language.destination === 'required' && (dest.object ?? chosen.returnTo)
          ? { destination: (dest.object ?? chosen.returnTo)?.id as string }
          : {}),
        ...(Object.keys(chosen.args).length > 0 || share !== undefined
          ? { args: { ...chosen.args, ...(share !== undefined ? { fraction: share } : {}) } }
          : {}),
        text: `${vp.elided ? `${vp.verb} ` : ''}${spliceText(original, vp, np, split, name)}`,
      },
      ...(chosen.expects ? { expects: chosen.expects } : {}),
      start,
      end,
    });
    out.targets.push({ object: target, ...(chosen.part ? { part: chosen.part } : {}) });
    // What was said stays salient when the step acts on something else of it ("unstopper the bottle": the
    // stopper is taken, "its contents" are the bottle's).
    for (const r of res.referents) if (r.object.id !== target.id) out.others.push({ object: r.object });
  }
  return out;
}

/** Among readings of the same target, the first skill whose requires hold, else the one missing least. */
function choose(options: Option[], lexicon: Lexicon, state: SymbolicState, destination?: string): Option {
  const scored = options.map((o) => {
    const step: BoundStep = {
      language: o.language,
      call: {
        skill: o.language.skill,
        target: o.referent.object.id,
        ...(o.part ? { part: o.part.name } : {}),
        ...((destination ?? o.returnTo?.id) ? { destination: destination ?? o.returnTo?.id } : {}),
        text: '',
      },
    };
    // A narrower skill (remove for a stopper, where pick reads the same words) wins a tie.
    return { o, missing: unmetRequires(step, state, lexicon).length - (o.language.objects ? 0.5 : 0) };
  });
  return scored.reduce((a, b) => (b.missing < a.missing ? b : a)).o;
}

interface BindContext {
  vp: ParsedVerbPhrase;
  purposeArgs?: SkillArgs;
  lexicon: Lexicon;
  state: SymbolicState;
  dest: LexiconObject | undefined;
  purposeOwner: LexiconObject | undefined;
}

function tryBind(
  language: SkillLanguage,
  verb: VerbPhrase,
  referent: Referent,
  ctx: BindContext,
): Omit<Option, 'index'> | Rejection {
  const { vp, lexicon } = ctx;
  // "close the bottle": the stopper taken out of it goes back in.
  if (verb.meansStopperBack && referent.object.mouth && !ctx.dest) {
    const plug = [...ctx.state.takenFrom].find(
      ([id, from]) => from === referent.object.id && lexicon.objects.find((o) => o.id === id)?.stopper,
    );
    const stopper = plug && lexicon.objects.find((o) => o.id === plug[0]);
    if (!stopper)
      return {
        stage: 2,
        code: 'no-stopper',
        message: `nothing taken out of the ${referent.object.display} closes it`,
      };
    return tryBind(language, { ...verb, meansStopperBack: false, returns: true }, { object: stopper }, ctx);
  }
  // "unplug the bottle": the stopper seated in it.
  if (verb.meansItsStopper && referent.object.mouth) {
    const plug = [...ctx.state.at].find(
      ([id, at]) => at === referent.object.id && lexicon.objects.find((o) => o.id === id)?.stopper,
    );
    const stopper = plug && lexicon.objects.find((o) => o.id === plug[0]);
    if (stopper) referent = { object: stopper };
  }
  const object = referent.object;
  const reject = (stage: number, code: string, message: string, choices?: string[]): Rejection => ({
    stage,
    code,
    message,
    ...(choices ? { choices } : {}),
  });
  let purpose: Purpose | undefined;
  if (vp.purpose) {
    purpose = language.purposes?.find((p) => p.words.includes(vp.purpose?.words ?? ''));
    if (!purpose)
      return reject(1, 'unexpected-purpose', `"${vp.verb}" cannot "${vp.purpose.words}" anything`);
  }
  if (ctx.purposeOwner && ctx.purposeOwner.id !== object.id) {
    return reject(
      0,
      'purpose-mismatch',
      `${referentName(referent)} does not ${vp.purpose?.words ?? 'act on'} the ${ctx.purposeOwner.display}`,
    );
  }
  const role = verb.partRole ?? purpose?.partRole;
  const withPurpose: BindContext = { ...ctx, ...(purpose?.args ? { purposeArgs: purpose.args } : {}) };
  let part: LexiconPart | undefined;
  if (language.acts === 'movable') {
    if (referent.part) {
      return reject(
        1,
        'not-movable',
        `${referentName(referent)} is part of the ${object.display}; it cannot be carried`,
      );
    }
    if (!object.movable) {
      const movable = lexicon.objects.filter((o) => o.movable).map((o) => o.display);
      return reject(
        1,
        'fixed-object',
        `the ${object.display} stands fixed on the bench and cannot be picked up; movable objects here: ${movable.join(', ')}`,
        movable,
      );
    }
  } else {
    const allowed = new Set(language.parts.filter((p) => !role || p.role === role).map((p) => p.part));
    if (referent.part) {
      if (!allowed.has(referent.part.name)) {
        return reject(1, 'wrong-part', `cannot ${vp.verb} ${referentName(referent)}`);
      }
      part = referent.part;
    } else {
      const parts = object.parts.filter((p) => allowed.has(p.name));
      if (parts.length === 0) {
        const can = lexicon.objects.flatMap((o) =>
          o.parts.filter((p) => allowed.has(p.name)).map((p) => `the ${p.display} of the ${o.display}`),
        );
        return reject(
          1,
          'no-such-part',
          `the ${object.display} has nothing to ${vp.verb}${can.length ? `; here you can ${vp.verb} ${can.join(', ')}` : ''}`,
          can,
        );
      }
      if (parts.length > 1) {
        const names = parts.map((p) => `the ${p.display} of the ${object.display}`);
        return reject(
          2,
          'ambiguous-part',
          `which part of the ${object.display}? ${names.join(' or ')}`,
          names,
        );
      }
      part = parts[0];
    }
  }
  if (language.objects === 'stoppers' && !object.stopper) {
    return reject(1, 'not-a-stopper', `the ${object.display} is not a stopper`);
  }
  if (language.objects === 'rods' && !object.rod) {
    return reject(1, 'not-a-rod', `the ${object.display} is not a stirring rod`);
  }
  // Of two beakers, "pour the beaker" pours the one with liquid in it.
  if (language.requires.some((c) => 'liquid' in c) && !ctx.state.filled.has(object.id)) {
    return reject(2, 'no-liquid', `the ${object.display} holds no liquid to ${vp.verb}`);
  }
  // "put the stopper back": into what it was taken out of.
  const from = ctx.state.takenFrom.get(object.id);
  const surfaces = lexicon.objects.filter((o) => o.surface);
  const returnTo =
    !ctx.dest &&
    language.destination === 'required' &&
    (vp.particles.includes('back') || vp.verb.endsWith(' back') || verb.returns === true) &&
    from !== undefined
      ? lexicon.objects.find((o) => o.id === from)
      : // "heat the beaker": on the scene's one hot plate.
        !ctx.dest && language.destinationKind === 'surface' && surfaces.length === 1
        ? surfaces[0]
        : undefined;
  if (ctx.dest && language.destinationKind === 'surface' && !ctx.dest.surface) {
    return reject(3, 'not-a-hot-plate', `the ${ctx.dest.display} has no plate to ${vp.verb} on`);
  }
  if (ctx.dest && !ctx.dest.holds && ctx.dest.surface && language.destinationKind !== 'surface') {
    return reject(
      3,
      'not-a-container',
      `the ${ctx.dest.display} is not a container; containers here: ${holders(lexicon).join(', ')}`,
      holders(lexicon),
    );
  }

  if (language.destination === 'required' && !ctx.dest && !returnTo) {
    return reject(
      3,
      'missing-destination',
      `say where to ${vp.verb} the ${object.display} (e.g. "into the ${exampleHolder(lexicon)}")`,
    );
  }
  if (language.destination === 'none' && ctx.dest) {
    return reject(3, 'unexpected-destination', `"${vp.verb}" takes no destination here`);
  }
  // A bottle's neck takes a stopper and liquid, never labware put into it.
  if (ctx.dest?.mouth && !language.objects && language.effects.some((e) => 'put' in e)) {
    return reject(
      3,
      'narrow-mouth',
      `nothing but a stopper goes into the ${ctx.dest.display}: its neck is too narrow for the ${object.display}`,
    );
  }
  if (ctx.dest && ctx.dest.id === object.id) {
    return reject(4, 'into-itself', `the ${object.display} cannot go into itself`);
  }
  if (vp.source.length > 0 && !language.source) {
    return reject(4, 'unexpected-source', `"${vp.verb}" takes nothing "from" anywhere`);
  }
  const bound = bindArgs(language, verb, part, withPurpose, object);
  if ('stage' in bound) return bound;
  const { args } = bound;
  const expects = verb.expects ?? purpose?.expects;
  return {
    language,
    referent,
    ...(part ? { part } : {}),
    ...(returnTo ? { returnTo } : {}),
    args,
    ...(expects ? { expects } : {}),
  };
}

function bindArgs(
  language: SkillLanguage,
  verb: VerbPhrase,
  part: LexiconPart | undefined,
  ctx: BindContext,
  object: LexiconObject,
): { args: SkillArgs } | Rejection {
  const { vp, state } = ctx;
  const args: SkillArgs = { ...verb.args, ...ctx.purposeArgs };
  const what = part ? `the ${part.display} of the ${object.display}` : `the ${object.display}`;
  const reject = (code: string, message: string): Rejection => ({ stage: 5, code, message });
  if (vp.unitless !== undefined)
    return reject('missing-unit', `say the unit of "${vp.unitless}": degrees, rad or turns`);
  const angleArg = language.args.find((a) => a.kind === 'angle');
  const choiceArgs = language.args.filter((a) => a.kind === 'choice');
  let words = [...vp.argWords];
  if (vp.angle) {
    if (!angleArg || angleArg.kind !== 'angle')
      return reject('unexpected-argument', `"${vp.verb}" takes no angle`);
    const negative = words.some((w) => angleArg.negativeWords.includes(w));
    words = words.filter((w) => !angleArg.negativeWords.includes(w) && !angleArg.positiveWords.includes(w));
    let rad = negative ? -vp.angle.rad : vp.angle.rad;
    if (vp.angle.mode === 'to' && part) {
      const now = state.angles.get(partKey(object.id, part.name)) ?? 0;
      if (Number.isNaN(now)) {
        return reject(
          'unknown-angle',
          `where ${what} stands after its last turn is not known; say by how much to turn it`,
        );
      }
      rad -= now;
    }
    args[angleArg.name] = rad;
  }
  for (const w of words) {
    const arg = choiceArgs.find(
      (a) => a.kind === 'choice' && Object.values(a.choices).some((ws) => ws.includes(w)),
    );
    if (!arg || arg.kind !== 'choice')
      return reject('unexpected-argument', `"${vp.verb}" does not take "${w}"`);
    const value = Object.entries(arg.choices).find(([, ws]) => ws.includes(w))?.[0] as string;
    if (args[arg.name] !== undefined && args[arg.name] !== value) {
      return reject('conflicting-arguments', `"${w}" contradicts "${String(args[arg.name])}"`);
    }
    args[arg.name] = value;
  }
  for (const a of choiceArgs) {
    if (a.kind !== 'choice' || args[a.name] === undefined || !a.forPartRoles || !part) continue;
    if (!part.roles.some((r) => a.forPartRoles?.includes(r))) {
      return reject(
        'wrong-argument',
        `${what} cannot be ${String(args[a.name])}ed; say how far to turn it (e.g. "by 90 degrees")`,
      );
    }
  }
  if (language.needsOneOf && !language.needsOneOf.some((n) => args[n] !== undefined)) {
    const ways = [
      ...choiceArgs.flatMap((a) =>
        a.kind === 'choice' && (!a.forPartRoles || part?.roles.some((r) => a.forPartRoles?.includes(r)))
          ? Object.keys(a.choices)
          : [],
      ),
      ...(angleArg ? ['by an angle ("by 90 degrees")'] : []),
    ];
    return reject('missing-argument', `say how to ${vp.verb} ${what}: ${ways.join(', ')}`);
  }
  return { args };
}

function problemOf(p: Problem & { ok: false }): Problem {
  return { code: p.code, message: p.message, ...(p.choices ? { choices: p.choices } : {}) };
}

function ambiguous(text: string, referents: readonly Referent[]): Problem {
  const names = referents.map(referentName);
  return {
    code: 'ambiguous-reference',
    message: `"${text}" could be ${names.join(' or ')}; say which`,
    choices: names,
  };
}

function holders(lexicon: Lexicon): string[] {
  return lexicon.objects.filter((o) => o.holds).map((o) => o.display);
}

function exampleHolder(lexicon: Lexicon): string {
  return lexicon.objects.find((o) => o.holds && !o.mouth)?.display ?? holders(lexicon)[0] ?? 'basket';
}

function stepSpan(vp: ParsedVerbPhrase, np: NounPhrase, split: boolean): [number, number] {
  return split ? [np.start, np.end] : [vp.start, vp.end];
}

/** The step's own words: the verb phrase, with only this object of a coordinated list ("the tube and the plate"). */
function spliceText(
  original: string,
  vp: ParsedVerbPhrase,
  np: NounPhrase,
  split: boolean,
  name?: string,
): string {
  if (!split || !vp.objectsSpan) return original.slice(vp.start, vp.end);
  const [a, b] = vp.objectsSpan;
  return `${original.slice(vp.start, a)}${name ?? original.slice(np.start, np.end)}${original.slice(b, vp.end)}`;
}
