// Parsing of numeric command-line flags, with errors that name the flag and show what was given.
import { UserInputError } from '../errors.js';

/** A non-negative integer flag; undefined when absent. */
export function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UserInputError('bad-flag', `${flag} must be a non-negative integer, got "${value}"`, {
      field: flag,
    });
  return Number(value);
}

/** An image size flag written as WxH, e.g. 224x224. */
export function sizeFlag(value: string, flag: string, example: string): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(value);
  if (!m)
    throw new UserInputError('bad-flag', `${flag} must look like ${example}, got "${value}"`, {
      field: flag,
    });
  return [Number(m[1]), Number(m[2])];
}
