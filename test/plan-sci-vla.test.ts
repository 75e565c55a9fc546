// The six Sci-VLA recipes (recipes/sci-vla-task-*.yaml): Table 2's prompts verbatim, each planned on its scene
// and start to the skill list the paper's tasks are made of.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveJobPlan } from '../src/instructions/job-plan.js';
import { sceneAtStart } from '../src/instructions/scene-start.js';
import { sampleScenes } from '../src/pipeline/sample-scenes.js';
import type { RobotProfile } from '../src/schemas/robot.js';
import type { SceneTemplate } from '../src/schemas/scene.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import { loadDataFile, packageRoot } from '../src/schemas/load-data-file.js';
import { recipeSchema } from '../src/schemas/recipe.js';

const catalog = loadCatalog();

const CENTRIFUGE_LOAD = [
  'open-lid centrifuge.lid',
  'pick-place tube -> centrifuge',
  'pick-place second-tube -> centrifuge',
  'close-lid centrifuge.lid',
  'press-button centrifuge.start_button',
];
const CYCLER_LOAD = [
  'open-lid thermal-cycler.lid',
  'pick-place pcr-plate -> thermal-cycler',
  'close-lid thermal-cycler.lid',
  'turn-knob thermal-cycler.knob tighten',
  'press-button thermal-cycler.start_button',
];

const EXPECTED: Record<string, { scene: string; start?: string; skills: string[] }> = {
  a: { scene: 'centrifuge-bench', skills: CENTRIFUGE_LOAD },
  b: {
    scene: 'centrifuge-bench',
    start: 'running',
    skills: [
      'press-button centrifuge.start_button',
      'open-lid centrifuge.lid',
      'pick-place tube -> tube-rack',
      'pick-place second-tube -> tube-rack',
      'close-lid centrifuge.lid',
    ],
  },
  c: { scene: 'thermal-cycler-bench', skills: CYCLER_LOAD },
  d: {
    scene: 'thermal-cycler-bench',
    start: 'running',
    skills: [
      'press-button thermal-cycler.start_button',
      'turn-knob thermal-cycler.knob loosen',
      'open-lid thermal-cycler.lid',
      'pick pcr-plate',
      'close-lid thermal-cycler.lid',
    ],
  },
  e: {
    scene: 'centrifuge-bench',
    skills: [
      ...CENTRIFUGE_LOAD,
      'open-lid centrifuge.lid',
      'pick-place tube -> tube-rack',
      'close-lid centrifuge.lid',
    ],
  },
  f: {
    scene: 'thermal-cycler-bench',
    skills: [
      ...CYCLER_LOAD,
      'turn-knob thermal-cycler.knob loosen',
      'open-lid thermal-cycler.lid',
      'pick pcr-plate',
    ],
  },
};

describe.each(Object.entries(EXPECTED))('recipes/sci-vla-task-%s.yaml', (task, expected) => {
  const recipe = loadDataFile(recipeSchema, join(packageRoot, `recipes/sci-vla-task-${task}.yaml`));

  it('names its scene, start and a robot', () => {
    expect(recipe.scene).toBe(expected.scene);
    expect(recipe.start).toBe(expected.start);
    expect(recipe.robots).toEqual(['franka-panda']);
  });

  it(`plans to ${expected.skills.length} steps, one per element of the prompt sequence`, () => {
    const { plan } = resolveJobPlan(recipe, catalog);
    expect(
      plan.steps.map(
        (s) =>
          `${s.skill} ${s.target}${s.part ? `.${s.part}` : ''}${s.destination ? ` -> ${s.destination}` : ''}${
            s.args?.direction ? ` ${String(s.args.direction)}` : ''
          }`,
      ),
    ).toEqual(expected.skills);
    expect(plan.steps.map((s) => s.text)).toEqual((recipe.instruction ?? '').split(', '));
  });
});

describe.each(['centrifuge-bench', 'thermal-cycler-bench'])('%s, start running (tasks B and D)', (id) => {
  it('samples scenes with the labware inside the instrument, nothing overlapping or moving', async () => {
    const template = sceneAtStart(catalog.scenes.get(id) as SceneTemplate, 'running');
    const robot = catalog.robots.get('franka-panda') as RobotProfile;
    const report = await sampleScenes([template], 5, 0, robot, catalog);
    // Inside a closed instrument the labware is out of every camera's view until the lid opens; the scene
    // check does not allow for that yet, and nothing else may fail.
    expect(report.failures.filter((f) => !f.includes('scene.not-in-view'))).toEqual([]);
  }, 120_000);
});
