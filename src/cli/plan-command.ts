// `labgen plan`: show how an instruction decomposes into skill calls, without simulating.
import { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { parseInstruction, type TaskPlan } from '../instructions/parse-instruction.js';
import { sceneLexicon } from '../instructions/scene-lexicon.js';
import { type Catalog, loadCatalog, lookup } from '../schemas/catalog.js';
import { type CliContext, printJson } from './cli-context.js';

/** Plans against the given scene, or the first bundled scene whose objects the instruction names. */
export function planInstruction(
  text: string,
  catalog: Catalog,
  sceneId?: string,
): { scene: string; plan: TaskPlan } {
  if (sceneId) {
    const scene = lookup(catalog.scenes, sceneId, 'scene', '--scene');
    return { scene: scene.id, plan: parseInstruction(text, sceneLexicon(scene, catalog.assets)) };
  }
  let firstError: unknown;
  for (const scene of catalog.scenes.values()) {
    try {
      return { scene: scene.id, plan: parseInstruction(text, sceneLexicon(scene, catalog.assets)) };
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      firstError ??= err;
    }
  }
  throw firstError;
}

export function planCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('Decompose an instruction into atomic skill calls bound to scene objects (no simulation)')
    .argument('<instruction>', 'e.g. "pick the PCR plate into the basket"')
    .option('--scene <id>', 'scene whose objects the instruction refers to (default: the first that fits)')
    .option('--json', 'print {"instruction", "scene", "steps": [{"skill", "target", "destination", "text"}]}')
    .addHelpText(
      'after',
      `
Clauses are separated by commas, semicolons, "then" or full stops; each starts with a verb
(labgen list skills shows them) and names objects by the names in labgen list scenes.

Example:
  labgen plan --json "pick the pipette tip box into the basket, pick the PCR plate into the basket"`,
    )
    .action((instruction: string, flags: { scene?: string; json?: boolean }) => {
      const { scene, plan } = planInstruction(instruction, loadCatalog(), flags.scene);
      if (flags.json) {
        printJson(ctx.io, { instruction: plan.instruction, scene, steps: plan.steps });
        return;
      }
      ctx.io.stdout.write(`scene: ${scene}\n`);
      plan.steps.forEach((s, i) => {
        ctx.io.stdout.write(
          `${i + 1}. ${s.skill} ${s.target}${s.destination ? ` -> ${s.destination}` : ''}   "${s.text}"\n`,
        );
      });
    });
}
