// The TaskPlan of a job (a recipe or CLI flags): its scene as the named start leaves it, and the plan parsed from
// `instruction` or checked from `steps`, the same way either form.
import { closestChoices, UserInputError } from '../errors.js';
import type { Catalog } from '../schemas/catalog.js';
import type { Recipe } from '../schemas/recipe.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { parseInstruction, type TaskPlan } from './parse-instruction.js';
import { planSteps } from './plan-steps.js';
import { sceneAtStart } from './scene-start.js';
import { sceneLexicon } from './scene-lexicon.js';

export type PlanSource = Pick<Recipe, 'instruction' | 'steps' | 'scene' | 'start'>;

export function resolveJobPlan(
  job: PlanSource,
  catalog: Pick<Catalog, 'scenes' | 'assets'>,
): { scene: SceneTemplate; plan: TaskPlan } {
  const template = catalog.scenes.get(job.scene);
  if (!template) {
    const valid = [...catalog.scenes.keys()];
    throw new UserInputError(
      'unknown-scene',
      `unknown scene "${job.scene}"; closest: ${closestChoices(job.scene, valid).join(', ')} (all: ${valid.join(', ')})`,
      { field: 'scene', validChoices: valid },
    );
  }
  const scene = sceneAtStart(template, job.start);
  const lexicon = sceneLexicon(scene, catalog.assets);
  if (job.steps) return { scene, plan: planSteps(job.steps, lexicon) };
  if (job.instruction === undefined) {
    throw new UserInputError('missing-plan', 'give the protocol as `instruction` (text) or as `steps`', {
      field: 'instruction',
    });
  }
  return { scene, plan: parseInstruction(job.instruction, lexicon) };
}
