// The package's bundled data (robots/, scenes/, assets/), loaded and validated once per process.
import { closestChoices, UserInputError } from '../errors.js';
import { checkSkillOverrides } from '../skills/skill-params.js';
import { type AssetFamily, assetFamilySchema } from './asset.js';
import { loadDataFolder } from './load-data-file.js';
import { type RobotProfile, robotProfileSchema } from './robot.js';
import { type SceneTemplate, sceneTemplateSchema } from './scene.js';

export interface Catalog {
  robots: Map<string, RobotProfile>;
  scenes: Map<string, SceneTemplate>;
  assets: Map<string, AssetFamily>;
}

let cached: Catalog | undefined;

export function loadCatalog(): Catalog {
  if (cached) return cached;
  const robots = loadDataFolder(robotProfileSchema, 'robots');
  for (const robot of robots.values()) checkSkillOverrides(`robots/${robot.id}.yaml`, robot.skillOverrides);
  cached ??= {
    robots,
    scenes: loadDataFolder(sceneTemplateSchema, 'scenes'),
    assets: loadDataFolder(assetFamilySchema, 'assets'),
  };
  return cached;
}

/** Looks up an id, or fails with the closest valid ids (a typo in `--robots` or a recipe). */
export function lookup<T>(map: ReadonlyMap<string, T>, id: string, kind: string, field: string): T {
  const item = map.get(id);
  if (item) return item;
  const valid = [...map.keys()];
  throw new UserInputError(
    `unknown-${kind}`,
    `unknown ${kind} "${id}"; closest: ${closestChoices(id, valid).join(', ')} (all: ${valid.join(', ')})`,
    { field, validChoices: valid },
  );
}
