// Structured steps (a recipe's `steps`) give the same plan as the words, checked the same way.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../schemas/catalog.js';
import { type PlanStep, recipeSchema } from '../schemas/recipe.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { resolveJobPlan } from './job-plan.js';
import { InstructionError, parseInstruction } from './parse-instruction.js';
import { planSteps } from './plan-steps.js';
import { sceneAtStart } from './scene-start.js';
import { sceneLexicon } from './scene-lexicon.js';

const catalog = loadCatalog();
const lexicon = (id: string, start?: string) =>
  sceneLexicon(sceneAtStart(catalog.scenes.get(id) as SceneTemplate, start), catalog.assets);
const withoutText = <T extends { text: string }>(steps: T[]) => steps.map(({ text: _, ...rest }) => rest);

const TASK_C: PlanStep[] = [
  { skill: 'open-lid', target: 'thermal-cycler' },
  { skill: 'pick-place', target: 'pcr-plate', destination: 'thermal-cycler' },
  { skill: 'close-lid', target: 'thermal-cycler', part: 'lid' },
  { skill: 'turn-knob', target: 'thermal-cycler', args: { direction: 'tighten' } },
  { skill: 'press-button', target: 'thermal-cycler', text: 'press the button to start the thermal cycler' },
];

describe('planSteps', () => {
  it('gives the plan the words give, with the parts inferred and the text from the phrase templates', () => {
    const lex = lexicon('thermal-cycler-bench');
    const fromSteps = planSteps(TASK_C, lex);
    const fromText = parseInstruction(
      'open the lid of the thermal cycler, place pcrPlate into the thermal cycler, close the lid of the thermal cycler, screw tighten the knob of the thermal cycler, press the button to start the thermal cycler',
      lex,
    );
    expect(withoutText(fromSteps.steps)).toEqual(withoutText(fromText.steps));
    expect(fromSteps.steps.map((s) => s.text)).toEqual([
      'open the lid of the thermal cycler',
      'pick the pcr plate and place it into the thermal cycler',
      'close the lid of the thermal cycler',
      'tighten the knob of the thermal cycler',
      'press the button to start the thermal cycler',
    ]);
    expect(fromSteps.instruction).toBe(fromSteps.steps.map((s) => s.text).join(', '));
  });

  it('refuses a direction for a dial', () => {
    expect(() =>
      planSteps(
        [{ skill: 'turn-knob', target: 'stirrer', part: 'heat_knob', args: { direction: 'tighten' } }],
        lexicon('stirring-station'),
      ),
    ).toThrow(/direction applies to knob, not to heat_knob/);
  });

  it('renders angles and roles', () => {
    const [turn] = planSteps(
      [{ skill: 'turn-knob', target: 'stirrer', part: 'stir_knob', args: { angleRad: Math.PI / 2 } }],
      lexicon('stirring-station'),
    ).steps;
    expect(turn?.text).toBe('turn the stir knob of the magnetic stirrer by 90 degrees');
    const [move] = planSteps(
      [{ skill: 'pick-place', target: 'second-tube', destination: 'basket' }],
      lexicon('centrifuge-bench'),
    ).steps;
    expect(move?.text).toBe('pick the balance centrifuge tube and place it into the basket');
  });

  it('runs the same precondition check and reports every step', () => {
    let err: unknown;
    try {
      planSteps(
        [
          { skill: 'pick-place', target: 'tube', destination: 'centrifuge' },
          { skill: 'open-lids', target: 'centrifuge' },
          { skill: 'pick', target: 'centrifuge' },
          { skill: 'turn-knob', target: 'centrifuge' },
          { skill: 'press-button', target: 'centrifuge', args: { speed: 3 } },
        ],
        lexicon('centrifuge-bench'),
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InstructionError);
    const e = err as InstructionError;
    expect(e.details.field).toBe('steps');
    expect(e.problems.map((p) => [p.clause, p.code])).toEqual([
      [1, 'precondition-failed'],
      [2, 'unknown-skill'],
      [3, 'fixed-object'],
      [4, 'no-such-part'],
      [5, 'unexpected-argument'],
    ]);
    expect(e.message).toMatch(
      /step 1 "pick the experimental centrifuge tube and place it into the centrifuge": the lid of the centrifuge is closed; open the lid of the centrifuge first/,
    );
    expect(e.message).toMatch(/unknown skill "open-lids"; closest: open-lid/);
  });

  it.each<[PlanStep, string]>([
    [{ skill: 'turn-knob', target: 'thermal-cycler' }, 'missing-argument'],
    [{ skill: 'turn-knob', target: 'thermal-cycler', args: { direction: 'sideways' } }, 'bad-argument'],
    [{ skill: 'pick-place', target: 'pcr-plate' }, 'missing-destination'],
    [{ skill: 'pick-place', target: 'pcr-plate', destination: 'pipette-tip-box' }, 'not-a-container'],
    [{ skill: 'open-lid', target: 'thermal-cycler', destination: 'tray' }, 'unexpected-destination'],
    [{ skill: 'open-lid', target: 'thermal-cycler', part: 'knob' }, 'no-such-part'],
    [{ skill: 'pick', target: 'plate' }, 'unknown-object'],
    [{ skill: 'turn-knob', target: 'thermal-cycler', part: 'lid' }, 'no-such-part'],
  ])('refuses %j (%s)', (step, code) => {
    expect(() => planSteps([step], lexicon('thermal-cycler-bench'))).toThrow(
      expect.objectContaining({ code }) as Error,
    );
  });
});

describe('recipes: instruction or steps, and a named start', () => {
  const base = { scene: 'thermal-cycler-bench' };
  it('takes either form, not both, not neither', () => {
    expect(recipeSchema.safeParse({ ...base, instruction: 'open the lid' }).success).toBe(true);
    expect(recipeSchema.safeParse({ ...base, steps: TASK_C }).success).toBe(true);
    expect(recipeSchema.safeParse({ ...base, instruction: 'open the lid', steps: TASK_C }).success).toBe(
      false,
    );
    expect(recipeSchema.safeParse(base).success).toBe(false);
    expect(recipeSchema.safeParse({ ...base, steps: [{ skill: 'open-lid' }] }).success).toBe(false);
  });

  it('plans a job through one call, on the scene as its start leaves it', () => {
    const job = recipeSchema.parse({
      scene: 'thermal-cycler-bench',
      start: 'running',
      steps: [
        { skill: 'press-button', target: 'thermal-cycler' },
        { skill: 'turn-knob', target: 'thermal-cycler', args: { direction: 'loosen' } },
      ],
    });
    const { scene, plan } = resolveJobPlan(job, catalog);
    expect(scene.objects.find((o) => o.id === 'pcr-plate')?.inSlotOf).toEqual({
      object: 'thermal-cycler',
      slot: 0,
    });
    expect(plan.steps.map((s) => s.skill)).toEqual(['press-button', 'turn-knob']);
    expect(() => resolveJobPlan({ ...job, start: 'runnin' }, catalog)).toThrow(
      /no start "runnin"; closest: running/,
    );
    const asWritten = resolveJobPlan({ ...job, start: undefined }, catalog).scene;
    expect(asWritten.objects.find((o) => o.id === 'pcr-plate')?.inSlotOf).toBeUndefined();
  });
});
