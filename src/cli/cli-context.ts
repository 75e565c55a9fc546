// What every command needs from the outside world: output streams and a place to put the exit code.
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export interface CliContext {
  io: CliIo;
  /** Set by a command when it finishes; 0 unless something failed. */
  exitCode: number;
}

export const printJson = (io: CliIo, value: unknown): void => {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
