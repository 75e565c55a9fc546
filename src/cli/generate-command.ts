// `labgen generate`: resolve a job from a recipe and flags, run it, print a summary.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UserInputError } from '../errors.js';
import { intFlag, sizeFlag } from './flags.js';
import { generate } from '../pipeline/generate.js';
import { loadCatalog } from '../schemas/catalog.js';
import { loadDataFile } from '../schemas/load-data-file.js';
import { type JobSpec, type Recipe, recipeSchema } from '../schemas/recipe.js';
import { type CliContext, printJson } from './cli-context.js';
import { createProgressPrinter } from './progress.js';

interface GenerateFlags {
  recipe?: string;
  instruction?: string;
  scene?: string;
  robots?: string;
  episodes?: string;
  seed?: string;
  out?: string;
  fps?: string;
  imageSize?: string;
  cameras?: string;
  randomization?: string;
  startPose?: string;
  start?: string;
  maxAttempts?: string;
  format?: string;
  lerobotVersion?: string;
  json?: boolean;
  quiet?: boolean;
}

export function resolveJob(flags: GenerateFlags, robotIds: readonly string[]): JobSpec {
  let base: Partial<Recipe> = {};
  if (flags.recipe) base = loadDataFile(recipeSchema, resolve(flags.recipe));
  else if (!flags.instruction || !flags.scene) {
    throw new UserInputError(
      'missing-job',
      'give --recipe FILE, or both --instruction TEXT and --scene ID (see labgen list scenes)',
    );
  }
  const size = flags.imageSize ? sizeFlag(flags.imageSize, '--image-size', '224x224') : undefined;
  const robots = flags.robots === 'all' ? [...robotIds] : flags.robots?.split(',').map((r) => r.trim());
  const overrides = {
    ...base,
    ...(flags.instruction ? { instruction: flags.instruction } : {}),
    ...(flags.scene ? { scene: flags.scene } : {}),
    ...(robots ? { robots } : {}),
    ...(flags.episodes !== undefined ? { episodes: intFlag(flags.episodes, '--episodes') } : {}),
    ...(flags.seed !== undefined ? { seed: intFlag(flags.seed, '--seed') } : {}),
    ...(flags.fps !== undefined ? { fps: intFlag(flags.fps, '--fps') } : {}),
    ...(size ? { imageWidth: size[0], imageHeight: size[1] } : {}),
    ...(flags.cameras ? { cameras: flags.cameras.split(',').map((c) => c.trim()) } : {}),
    ...(flags.randomization ? { randomization: flags.randomization } : {}),
    ...(flags.startPose ? { startPose: flags.startPose } : {}),
    ...(flags.start ? { start: flags.start } : {}),
    ...(flags.maxAttempts !== undefined ? { maxAttempts: intFlag(flags.maxAttempts, '--max-attempts') } : {}),
    ...(flags.format ? { format: flags.format } : {}),
    ...(flags.lerobotVersion ? { lerobotVersion: flags.lerobotVersion } : {}),
  };
  const parsed = recipeSchema.safeParse(overrides);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const where = flags.recipe ? `${flags.recipe}: ` : '';
    throw new UserInputError('bad-job', `${where}${field}: ${issue?.message ?? 'invalid'}`, {
      field,
      ...(flags.recipe ? { file: flags.recipe } : {}),
    });
  }
  const recipe = parsed.data;
  return {
    ...recipe,
    maxAttempts: recipe.maxAttempts ?? recipe.episodes * 5,
    out: resolve(flags.out ?? `out/${recipe.scene}`),
    keepRejected: false,
  };
}

export function generateCommand(ctx: CliContext): Command {
  return new Command('generate')
    .description(
      'Generate validated, physically simulated demonstrations as LeRobot datasets (one per robot)',
    )
    .option('--recipe <file>', 'recipe YAML (see recipes/quickstart.yaml); flags below override its fields')
    .option('--instruction <text>', 'lab instruction, e.g. "pick the PCR plate into the basket"')
    .option('--scene <id>', 'bench scene template (labgen list scenes)')
    .option('--robots <ids>', 'comma-separated robot ids, or "all" (labgen list robots)')
    .option('--episodes <n>', 'accepted episodes per robot')
    .option('--seed <n>', 'run seed: the same seed writes byte-identical data files')
    .option('--out <dir>', 'output directory (default out/<scene>)')
    .option('--fps <n>', 'recording rate (default 15)')
    .option('--image-size <WxH>', 'camera image size (default 224x224)')
    .option('--cameras <names>', 'comma-separated scene cameras plus "wrist" (default front,wrist)')
    .addOption(
      new Option('--randomization <preset>', 'domain randomization preset').choices(['default', 'none']),
    )
    .option(
      '--start <name>',
      "one of the scene's named starts (labgen list scenes), e.g. running: tubes already in a closed centrifuge",
    )
    .addOption(
      new Option(
        '--start-pose <kind>',
        'arm start: home (jittered 0.05 rad) or random (up to 0.4 rad per joint, collision-free, recorded)',
      ).choices(['home', 'random']),
    )
    .option('--max-attempts <n>', 'attempts per robot before giving up (default 5x episodes)')
    .addOption(new Option('--format <format>', 'output format').choices(['lerobot']))
    .addOption(new Option('--lerobot-version <v>', 'LeRobot dataset version').choices(['3.0']))
    .option('--json', 'print a JSON summary on stdout')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      `
Examples:
  labgen generate --recipe recipes/quickstart.yaml --episodes 3 --out out/quickstart
  labgen generate --instruction "pick the PCR plate into the basket" --scene clean-table --episodes 20 --seed 7

Each robot gets a LeRobot v3.0 dataset in OUT/<robot-id>/; OUT/manifest.json records the job and the
accepted/rejected counts with rejection reasons. Exit code 1 when a robot could not reach --episodes
within --max-attempts (what was accepted is still written).`,
    )
    .action(async (flags: GenerateFlags) => {
      const catalog = loadCatalog();
      const job = resolveJob(flags, [...catalog.robots.keys()]);
      const summary = await generate(
        job,
        catalog,
        createProgressPrinter(ctx.io, Boolean(flags.quiet || flags.json)),
      );
      if (flags.json) printJson(ctx.io, summary);
      else {
        for (const r of summary.robots) {
          if (r.error) {
            ctx.io.stdout.write(`${r.robot}: no episodes: ${r.error}\n`);
            continue;
          }
          const reasons = Object.entries(r.rejectedByReason).map(([k, v]) => `${k} x${v}`);
          ctx.io.stdout.write(
            `${r.robot}: ${r.accepted}/${job.episodes} episodes (${r.frames} frames) ${r.accepted > 0 ? `in ${r.dataset}` : '(no dataset written)'}; ${r.attempted - r.accepted} rejected${reasons.length ? ` (${reasons.join(', ')})` : ''}\n`,
          );
        }
      }
      if (!summary.ok) {
        ctx.io.stderr.write(
          `labgen: not every robot reached ${job.episodes} accepted episodes within ${job.maxAttempts} attempts\n`,
        );
        ctx.exitCode = 1;
      }
    });
}
