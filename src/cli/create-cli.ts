// Builds the labgen commander program (without parsing), so tests can drive it in-process.
import { Command } from 'commander';
import { labgenVersion } from '../version.js';
import type { CliContext } from './cli-context.js';
import { generateCommand } from './generate-command.js';
import { listCommand } from './list-command.js';
import { planCommand } from './plan-command.js';
import { previewCommand } from './preview-command.js';
import { sampleScenesCommand } from './sample-scenes-command.js';
import { validateCommand } from './validate-command.js';

export function createCli(ctx: CliContext): Command {
  const program = new Command('labgen')
    .description(
      'Robot demonstration data for scientific labs: lab protocols in, validated and physically simulated LeRobot datasets out.',
    )
    .version(labgenVersion)
    .option('--verbose', 'show stack traces of internal errors')
    .addHelpText(
      'after',
      `
Start here:
  labgen plan "pick the PCR plate into the basket"        how an instruction decomposes into skills
  labgen generate --recipe recipes/quickstart.yaml         simulate and write LeRobot datasets
  labgen validate out/clean-table/franka-panda             check a LeRobot dataset
  labgen list robots|skills|scenes|assets                  what is available
  labgen preview robot franka-panda                        a PNG of a robot at home (or: preview scene ID)

Exit codes: 0 success, 1 the job ran but failed its purpose, 2 bad input.`,
    );
  for (const make of [
    generateCommand,
    validateCommand,
    planCommand,
    listCommand,
    previewCommand,
    sampleScenesCommand,
  ]) {
    program.addCommand(make(ctx));
  }
  // addCommand() does not pass settings down, so every command gets the streams and the no-exit override.
  for (const c of [program, ...program.commands]) {
    c.configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
    c.exitOverride();
    c.showHelpAfterError('(add --help for usage)');
  }
  return program;
}
