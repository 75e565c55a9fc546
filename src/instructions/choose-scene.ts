// Which bundled scene (and named start) an instruction is about: the first whose objects fit it; when none does,
// the problems of the scene that came closest (every word known and only preconditions failing beats a scene
// without a centrifuge).
import { UserInputError } from '../errors.js';
import type { Catalog } from '../schemas/catalog.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { InstructionError, parseInstruction, type TaskPlan } from './parse-instruction.js';
import { sceneAtStart } from './scene-start.js';
import { sceneLexicon } from './scene-lexicon.js';

export interface ScenePlan {
  scene: string;
  start?: string;
  plan: TaskPlan;
}

/** How far a scene is from fitting: words it does not know weigh most, unmet preconditions least. */
const WEIGHT: Readonly<Record<string, number>> = {
  'unknown-verb': 10,
  'missing-verb': 10,
  'unknown-object': 8,
  'no-such-part': 6,
  'fixed-object': 4,
  'not-a-container': 4,
  'ambiguous-reference': 2,
  'not-there': 1,
  'precondition-failed': 1,
};

export function planOnScenes(
  text: string,
  catalog: Pick<Catalog, 'scenes' | 'assets'>,
  sceneId?: string,
  start?: string,
): ScenePlan {
  const scenes: SceneTemplate[] = sceneId ? [] : [...catalog.scenes.values()];
  if (sceneId) {
    const scene = catalog.scenes.get(sceneId);
    if (!scene) {
      throw new UserInputError(
        'unknown-scene',
        `unknown scene "${sceneId}" (all: ${[...catalog.scenes.keys()].join(', ')})`,
        {
          field: '--scene',
          validChoices: [...catalog.scenes.keys()],
        },
      );
    }
    const lexicon = sceneLexicon(sceneAtStart(scene, start), catalog.assets);
    return { scene: scene.id, ...(start ? { start } : {}), plan: parseInstruction(text, lexicon) };
  }
  // Every scene as written first, then the named starts (a loaded, running centrifuge).
  const tries: { scene: SceneTemplate; start?: string }[] = [
    ...scenes.filter(() => start === undefined).map((scene) => ({ scene })),
    ...scenes.flatMap((scene) =>
      Object.keys(scene.starts ?? {})
        .filter((s) => start === undefined || s === start)
        .map((s) => ({ scene, start: s })),
    ),
  ];
  let best: { err: InstructionError; cost: number; known: number; label: string } | undefined;
  const words = new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  // On equal cost, the scene that knows more of the instruction's words is the closer one ("the flaks into the
  // basket" is about a bench with a basket, not about the balance bench that knows neither).
  const knownWords = (scene: SceneTemplate, sceneStart?: string): number => {
    const lexicon = sceneLexicon(sceneAtStart(scene, sceneStart), catalog.assets);
    const vocabulary = new Set(
      lexicon.objects.flatMap((o) =>
        [...o.names, ...o.parts.flatMap((p) => p.words)].flatMap((n) => n.split(' ')),
      ),
    );
    return [...words].filter((w) => vocabulary.has(w)).length;
  };
  let other: unknown;
  for (const t of tries) {
    try {
      const plan = parseInstruction(text, sceneLexicon(sceneAtStart(t.scene, t.start), catalog.assets));
      return { scene: t.scene.id, ...(t.start ? { start: t.start } : {}), plan };
    } catch (err) {
      if (!(err instanceof InstructionError)) {
        if (!(err instanceof UserInputError)) throw err;
        other ??= err;
        continue;
      }
      const cost = err.problems.reduce((sum, p) => sum + (WEIGHT[p.code] ?? 3), 0);
      if (best && cost > best.cost) continue;
      const known = knownWords(t.scene, t.start);
      if (!best || cost < best.cost || known > best.known) {
        best = { err, cost, known, label: t.start ? `${t.scene.id} (start ${t.start})` : t.scene.id };
      }
    }
  }
  if (best) {
    throw new InstructionError(
      best.err.problems,
      'instruction',
      `no bundled scene fits this instruction; the closest is ${best.label} (choose one with --scene):`,
    );
  }
  throw (
    other ?? new UserInputError('no-scene', `no scene${start ? ` has a start "${start}"` : 's'} to plan on`)
  );
}
