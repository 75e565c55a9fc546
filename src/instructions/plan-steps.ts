// A plan given as structured steps (a recipe's `steps`) checked like a parsed one: known skills, scene objects
// and parts, arguments the skill takes, the same precondition check, and text from the phrase templates.
import { closestChoices } from '../errors.js';
import type { PlanStep } from '../schemas/recipe.js';
import type { SkillCall } from '../skills/skill.js';
import type { Problem } from './bind-step.js';
import { checkStep } from './check-step.js';
import { InstructionError, type InstructionProblem, type TaskPlan } from './parse-instruction.js';
import type { Lexicon } from './scene-lexicon.js';
import { renderStep } from './step-text.js';
import type { SymbolicState } from './symbolic-state.js';

export function planSteps(steps: readonly PlanStep[], lexicon: Lexicon): TaskPlan {
  const problems: InstructionProblem[] = [];
  const calls: SkillCall[] = [];
  let state: SymbolicState = lexicon.initial;
  steps.forEach((step, i) => {
    const report = (p: Problem, text: string) => problems.push({ ...p, clause: i + 1, text });
    const label = step.text ?? `${step.skill} ${step.target}`;
    const language = lexicon.languages.find((l) => l.skill === step.skill);
    if (!language) {
      const ids = lexicon.languages.map((l) => l.skill);
      report(
        {
          code: 'unknown-skill',
          message: `unknown skill "${step.skill}"; closest: ${closestChoices(step.skill, ids).join(', ')}`,
          choices: ids,
        },
        label,
      );
      return;
    }
    const ids = lexicon.objects.map((o) => o.id);
    const object = lexicon.objects.find((o) => o.id === step.target);
    if (!object) {
      report(
        {
          code: 'unknown-object',
          message: `no object "${step.target}" in scene ${lexicon.sceneId}; closest: ${closestChoices(step.target, ids).join(', ')}`,
          choices: ids,
        },
        label,
      );
      return;
    }
    const problem = structuralProblem(step, language, lexicon);
    if (problem) {
      report(problem, label);
      return;
    }
    let part = step.part;
    if (language.acts === 'part' && part === undefined) {
      const names = new Set(language.parts.map((p) => p.part));
      part = object.parts.find((p) => names.has(p.name))?.name;
    }
    const call: Omit<SkillCall, 'text'> = {
      skill: step.skill,
      target: step.target,
      ...(part !== undefined ? { part } : {}),
      ...(step.destination !== undefined ? { destination: step.destination } : {}),
      ...(step.args !== undefined ? { args: step.args } : {}),
    };
    const text = step.text ?? renderStep(language, call, lexicon);
    const check = checkStep({ call: { ...call, text }, language }, state, lexicon);
    for (const message of check.problems) report({ code: 'precondition-failed', message }, text);
    state = check.next;
    calls.push({ ...call, text });
  });
  if (problems.length > 0) throw new InstructionError(problems, 'steps');
  return { instruction: calls.map((c) => c.text).join(', '), steps: calls };
}

/** What makes a step impossible whatever the state: a fixed target, a missing part, destination or argument. */
function structuralProblem(
  step: PlanStep,
  language: Lexicon['languages'][number],
  lexicon: Lexicon,
): Problem | undefined {
  const object = lexicon.objects.find((o) => o.id === step.target);
  if (!object) return undefined;
  if (language.acts === 'movable') {
    if (!object.movable)
      return {
        code: 'fixed-object',
        message: `${step.target} is fixed to the bench; ${step.skill} needs a movable object`,
      };
    if (step.part !== undefined) return { code: 'unexpected-part', message: `${step.skill} takes no part` };
  } else {
    const allowed = language.parts.map((p) => p.part).filter((p) => object.parts.some((x) => x.name === p));
    if (allowed.length === 0) {
      return {
        code: 'no-such-part',
        message: `${step.target} has no part ${step.skill} works (it works ${language.parts.map((p) => p.part).join(', ')})`,
      };
    }
    if (step.part === undefined && allowed.length > 1) {
      return {
        code: 'ambiguous-part',
        message: `say which part of ${step.target}: ${allowed.join(', ')}`,
        choices: allowed,
      };
    }
    if (step.part !== undefined && !allowed.includes(step.part)) {
      return {
        code: 'no-such-part',
        message: `${step.skill} on ${step.target} works ${allowed.join(' or ')}, not "${step.part}"`,
        choices: allowed,
      };
    }
  }
  if (language.destination === 'required') {
    const dest = lexicon.objects.find((o) => o.id === step.destination);
    if (step.destination === undefined)
      return { code: 'missing-destination', message: `${step.skill} needs a destination` };
    if (!dest || !dest.holds) {
      const holders = lexicon.objects.filter((o) => o.holds).map((o) => o.id);
      return {
        code: 'not-a-container',
        message: `destination "${step.destination}" is not a container here; containers: ${holders.join(', ')}`,
        choices: holders,
      };
    }
    if (dest.id === object.id)
      return { code: 'into-itself', message: `${step.target} cannot go into itself` };
  } else if (step.destination !== undefined) {
    return { code: 'unexpected-destination', message: `${step.skill} takes no destination` };
  }
  for (const [name, value] of Object.entries(step.args ?? {})) {
    const arg = language.args.find((a) => a.name === name);
    if (!arg) {
      const names = language.args.map((a) => a.name);
      return {
        code: 'unexpected-argument',
        message: `${step.skill} takes no argument "${name}"${names.length ? ` (it takes ${names.join(', ')})` : ''}`,
      };
    }
    if (arg.kind === 'choice' && (typeof value !== 'string' || !(value in arg.choices))) {
      const values = Object.keys(arg.choices);
      return {
        code: 'bad-argument',
        message: `${name} must be one of ${values.join(', ')}`,
        choices: values,
      };
    }
    if (arg.kind === 'choice' && arg.forPartRoles && language.acts === 'part') {
      const names = new Set(
        language.parts.filter((p) => arg.forPartRoles?.includes(p.role)).map((p) => p.part),
      );
      const part = step.part ?? object.parts.find((p) => language.parts.some((l) => l.part === p.name))?.name;
      if (part !== undefined && !names.has(part)) {
        return {
          code: 'wrong-argument',
          message: `${name} applies to ${[...names].join(', ')}, not to ${part}`,
        };
      }
    }
    if (arg.kind === 'angle' && (typeof value !== 'number' || !Number.isFinite(value))) {
      return { code: 'bad-argument', message: `${name} must be a number of radians` };
    }
  }
  if (language.needsOneOf && !language.needsOneOf.some((n) => step.args?.[n] !== undefined)) {
    return {
      code: 'missing-argument',
      message: `${step.skill} needs one of: ${language.needsOneOf.join(', ')}`,
    };
  }
  return undefined;
}
