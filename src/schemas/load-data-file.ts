// Reads a YAML/JSON data file and validates it with its zod schema; errors name the file and the field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UserInputError } from '../errors.js';

/** The installed package's root (holds robots/, scenes/, assets/, recipes/), from src/ or dist/ alike. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export function parseDataText<T extends z.ZodType>(schema: T, text: string, file: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new UserInputError(
      'data-file-unparsable',
      `${file}: not valid YAML/JSON: ${(err as Error).message}`,
      {
        file,
      },
    );
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `  ${field}: ${issue.message}`;
    });
    const firstField = result.error.issues[0]?.path.join('.') ?? '';
    throw new UserInputError('data-file-invalid', `${file}: invalid data\n${lines.join('\n')}`, {
      file,
      field: firstField,
    });
  }
  return result.data;
}

export function loadDataFile<T extends z.ZodType>(schema: T, file: string): z.infer<T> {
  if (!existsSync(file)) throw new UserInputError('file-not-found', `${file}: no such file`, { file });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserInputError('file-unreadable', `${file}: cannot read: ${(err as Error).message}`, { file });
  }
  return parseDataText(schema, text, file);
}

/** Every `*.yaml` in one of the package's data folders, sorted by file name, keyed by `id`. */
export function loadDataFolder<T extends z.ZodType<{ id: string }>>(
  schema: T,
  folder: string,
): Map<string, z.infer<T>> {
  const dir = join(packageRoot, folder);
  const entries = new Map<string, z.infer<T>>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = join(dir, name);
    const item = loadDataFile(schema, file);
    if (`${item.id}.yaml` !== name) {
      throw new UserInputError('data-file-id-mismatch', `${file}: id "${item.id}" must match the file name`, {
        file,
        field: 'id',
      });
    }
    entries.set(item.id, item);
  }
  return entries;
}
