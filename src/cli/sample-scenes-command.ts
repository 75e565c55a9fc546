// `labgen sample-scenes`: sample and check many scenes across the bench templates, and count the valid, distinct ones.
import { Command } from 'commander';
import { intFlag } from './flags.js';
import { sampleScenes } from '../pipeline/sample-scenes.js';
import { loadCatalog, lookup } from '../schemas/catalog.js';
import { type CliContext, printJson } from './cli-context.js';

export function sampleScenesCommand(ctx: CliContext): Command {
  return new Command('sample-scenes')
    .description(
      'Sample scenes from the bench templates and check each (no overlap, at rest after 1 s, reachable)',
    )
    .option('--count <n>', 'scenes to sample, spread evenly over the templates', '1000')
    .option('--scenes <ids>', 'comma-separated template ids (default: all)')
    .option('--robot <id>', 'robot whose reach is checked', 'franka-panda')
    .option('--seed <n>', 'seed of the sampling', '0')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample:\n  labgen sample-scenes --count 10000 --json   # about 0.1 s per scene')
    .action(
      async (flags: { count: string; scenes?: string; robot: string; seed: string; json?: boolean }) => {
        const count = intFlag(flags.count, '--count') as number;
        const seed = intFlag(flags.seed, '--seed') as number;
        const catalog = loadCatalog();
        const robot = lookup(catalog.robots, flags.robot, 'robot', '--robot');
        const templates = flags.scenes
          ? flags.scenes.split(',').map((id) => lookup(catalog.scenes, id.trim(), 'scene', '--scenes'))
          : [...catalog.scenes.values()];
        const tty = Boolean(ctx.io.stderr.isTTY) && !flags.json;
        const report = await sampleScenes(templates, count, seed, robot, catalog, (done) => {
          if (tty && (done % 25 === 0 || done === count))
            ctx.io.stderr.write(`\rchecked ${done}/${count} scenes`);
        });
        if (tty) ctx.io.stderr.write('\n');
        if (flags.json) printJson(ctx.io, report);
        else {
          ctx.io.stdout.write(
            `${report.valid}/${report.sampled} valid, ${report.distinctValid} distinct valid scenes\n`,
          );
          for (const [id, t] of Object.entries(report.perTemplate))
            ctx.io.stdout.write(`  ${id}: ${t.valid}/${t.sampled}\n`);
          for (const [r, n] of Object.entries(report.rejectedByReason))
            ctx.io.stdout.write(`  rejected ${r}: ${n}\n`);
        }
        if (report.valid < report.sampled) ctx.exitCode = 1;
      },
    );
}
