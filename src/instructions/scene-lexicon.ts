// Builds the instruction parser's lexicon from a scene's objects (asset names and synonyms) and the skill registry.
import type { AssetFamily } from '../schemas/asset.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { skillRegistry } from '../skills/registry.js';
import type { SkillId } from '../skills/skill.js';
import { type Lexicon, normalize } from './parse-instruction.js';

export function sceneLexicon(scene: SceneTemplate, assets: ReadonlyMap<string, AssetFamily>): Lexicon {
  const objects = scene.objects.map((o) => {
    const family = assets.get(o.asset);
    const names = [...new Set([...(family?.names ?? []), o.id.replace(/-/g, ' ')].map(normalize))];
    return {
      id: o.id,
      names,
      isContainer: family?.category === 'container',
      graspable: family?.movable ?? false,
    };
  });
  const verbs = new Map<SkillId, readonly string[]>(
    Object.values(skillRegistry).map((s) => [s.id, s.verbs.map(normalize)] as const),
  );
  return { objects, verbs };
}
