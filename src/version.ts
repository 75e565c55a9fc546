// labgen's own version, read from the installed package.json (recorded in every episode).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './schemas/load-data-file.js';

export const labgenVersion: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;
