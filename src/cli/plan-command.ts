// `labgen plan`: show how an instruction (or a recipe's plan) decomposes into skill calls, without simulating.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { planOnScenes, type ScenePlan } from '../instructions/choose-scene.js';
import { resolveJobPlan } from '../instructions/job-plan.js';
import type { TaskPlan } from '../instructions/parse-instruction.js';
import { type Catalog, loadCatalog } from '../schemas/catalog.js';
import { loadDataFile } from '../schemas/load-data-file.js';
import { recipeSchema } from '../schemas/recipe.js';
import { type CliContext, printJson } from './cli-context.js';

/** Plans against the given scene (and start), or the first bundled scene whose objects the instruction names. */
export function planInstruction(text: string, catalog: Catalog, sceneId?: string, start?: string): ScenePlan {
  return planOnScenes(text, catalog, sceneId, start);
}

interface PlanFlags {
  scene?: string;
  start?: string;
  recipe?: string;
  json?: boolean;
}

function planFor(instruction: string | undefined, flags: PlanFlags, catalog: Catalog): ScenePlan {
  if (flags.recipe) {
    const file = resolve(flags.recipe);
    const recipe = loadDataFile(recipeSchema, file);
    const job = {
      ...recipe,
      ...(instruction !== undefined ? { instruction, steps: undefined } : {}),
      ...(flags.scene ? { scene: flags.scene } : {}),
      ...(flags.start ? { start: flags.start } : {}),
    };
    const { plan } = resolveJobPlan(job, catalog);
    return { scene: job.scene, ...(job.start ? { start: job.start } : {}), plan };
  }
  if (instruction === undefined) {
    throw new UserInputError('missing-instruction', 'give an instruction, or --recipe FILE', {
      field: 'instruction',
    });
  }
  return planInstruction(instruction, catalog, flags.scene, flags.start);
}

function stepLine(s: TaskPlan['steps'][number], i: number): string {
  const what = `${s.target}${s.part ? `.${s.part}` : ''}${s.destination ? ` -> ${s.destination}` : ''}`;
  const args = s.args
    ? ` (${Object.entries(s.args)
        .map(([k, v]) => `${k}: ${typeof v === 'number' ? Number(v.toFixed(4)) : String(v)}`)
        .join(', ')})`
    : '';
  return `${i + 1}. ${s.skill} ${what}${args}   "${s.text}"\n`;
}

export function planCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description(
      'Decompose an instruction into atomic skill calls bound to scene objects, checked step by step on the ' +
        "scene's symbolic state (lids open or closed, what the hand holds, ...), without simulating",
    )
    .argument('[instruction]', 'e.g. "open the lid of the centrifuge, place the tube into the centrifuge"')
    .option('--scene <id>', 'scene whose objects the instruction refers to (default: the first that fits)')
    .option('--start <name>', "one of the scene's named starts, e.g. running (labgen list scenes shows them)")
    .option('--recipe <file>', "plan a recipe's instruction or steps on its scene and start")
    .option(
      '--json',
      'print {"instruction", "scene", "start"?, "steps": [{"skill", "target", "part"?, "destination"?, "args"?, "text"}]}',
    )
    .addHelpText(
      'after',
      `
A protocol is a list of steps: one per line, or separated by commas, semicolons, full stops, "then",
"next", "afterwards", "first", "finally", or numbered ("1." / "2)"). Each step starts with a verb:
  pick / take / grab / remove X [from Y]                     -> pick (X stays in the hand)
  place / put X into|on|in Y  (X in the hand)                -> place
  pick X [from Y] into Y, move X to Y,
  pick X from Y and place it into Z                           -> pick-place (one atomic step)
  open / close the lid|door|drawer of X, open X               -> open-lid, close-lid, open-door, ...
  press the (start|screen|tare) button [of X] [to start|stop X], start X, stop X -> press-button
  tighten / loosen / screw tighten the knob of X,
  turn the stir knob of X by 90 degrees (clockwise)          -> turn-knob {direction | angleRad}
Objects are named by their asset names (labgen list assets), by the roles a scene gives them ("the
experimental centrifuge tube", "the balance tube"), by order ("the second vial"), by model names
("centrifuge5910", "pcrPlate"), or as "it", "its lid", "the other tube", "both tubes" (a step each).
A name two objects share is an error that lists both. Every step is checked before any simulation:
placing into a closed centrifuge fails with "open the lid of the centrifuge first". All problems are
reported together (exit 2). "Wait for the centrifuge to finish" is no step.

A recipe may give the plan as structured steps instead of an instruction:
  steps:
    - { skill: open-lid, target: centrifuge }
    - { skill: pick-place, target: tube, destination: centrifuge }
    - { skill: turn-knob, target: thermal-cycler, part: knob, args: { direction: tighten } }

Examples:
  labgen plan --json "open the lid of the centrifuge5910, pick the experimental centrifuge tube from the rack and place it into the centrifuge5910"
  labgen plan --scene thermal-cycler-bench "1. open the lid of the thermal cycler 2. place pcrPlate into the thermal cycler"
  labgen plan --scene centrifuge-bench --start running "press the screen button to stop the centrifuge"
  labgen plan --recipe recipes/sci-vla-task-b.yaml`,
    )
    .action((instruction: string | undefined, flags: PlanFlags) => {
      const { scene, start, plan } = planFor(instruction, flags, loadCatalog());
      if (flags.json) {
        printJson(ctx.io, {
          instruction: plan.instruction,
          scene,
          ...(start ? { start } : {}),
          steps: plan.steps,
        });
        return;
      }
      ctx.io.stdout.write(`scene: ${scene}${start ? ` (start: ${start})` : ''}\n`);
      plan.steps.forEach((s, i) => ctx.io.stdout.write(stepLine(s, i)));
    });
}
