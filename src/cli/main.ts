// Runs the CLI: parses argv, maps typed errors to exit codes (0 ok, 1 job failed, 2 bad input), never a stack trace for user error.
import { CommanderError } from 'commander';
import { JobFailedError, UserInputError } from '../errors.js';
import type { CliIo } from './cli-context.js';
import { createCli } from './create-cli.js';

export async function runCli(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const ctx = { io, exitCode: 0 };
  const program = createCli(ctx);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv]);
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successful exits; every other commander error is a usage error.
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (err instanceof UserInputError) {
      io.stderr.write(`labgen: ${err.message}\n`);
      return 2;
    }
    if (err instanceof JobFailedError) {
      io.stderr.write(`labgen: ${err.message}\n`);
      return 1;
    }
    const e = err as Error;
    io.stderr.write(`labgen: internal error: ${e?.message ?? String(err)}\n`);
    if (verbose && e?.stack) io.stderr.write(`${e.stack}\n`);
    else io.stderr.write('(run again with --verbose for a stack trace, and please report it)\n');
    return 1;
  }
}
