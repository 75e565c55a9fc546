// Typed errors with stable codes; only the CLI turns them into exit codes and printed messages.

/** Bad input from the user: usage, unreadable or invalid file, instruction not understood (exit 2). */
export class UserInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { file?: string; field?: string; validChoices?: readonly string[] } = {},
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

/** The job ran but its purpose failed: validation found problems, generation fell short (exit 1). */
export class JobFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}

/** Levenshtein distance, used to suggest the closest valid words for a misspelt input. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The valid choices closest to `input`, best first. */
export function closestChoices(input: string, choices: readonly string[], max = 3): string[] {
  const text = input.toLowerCase();
  // A misspelt word of a multi-word name ("pipete" for "pipette tips") should rank that name high.
  const distance = (choice: string) => {
    const c = choice.toLowerCase();
    const perWord = Math.min(...c.split(/[\s-]+/).map((w) => editDistance(text, w) + 0.5));
    return Math.min(editDistance(text, c), perWord);
  };
  return [...new Set(choices)]
    .map((c) => ({ c, d: distance(c) }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
