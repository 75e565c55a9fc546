// A scene template as one of its named starts leaves it (`starts.<name>` in scenes/*.yaml, a recipe's `start`):
// the listed objects stood elsewhere or in another state, everything else as written.
import { closestChoices, UserInputError } from '../errors.js';
import type { SceneTemplate } from '../schemas/scene.js';

export function sceneAtStart(scene: SceneTemplate, start: string | undefined): SceneTemplate {
  if (start === undefined) return scene;
  const named = scene.starts?.[start];
  const valid = Object.keys(scene.starts ?? {});
  if (!named) {
    throw new UserInputError(
      'unknown-start',
      `scene ${scene.id} has no start "${start}"; ${valid.length ? `closest: ${closestChoices(start, valid).join(', ')}` : 'it has no named starts'}`,
      { field: 'start', validChoices: valid },
    );
  }
  for (const id of Object.keys(named.objects)) {
    if (!scene.objects.some((o) => o.id === id)) {
      throw new UserInputError(
        'unknown-start-object',
        `scene ${scene.id}, start ${start}: no object "${id}"`,
        {
          field: `starts.${start}.objects.${id}`,
        },
      );
    }
  }
  return {
    ...scene,
    objects: scene.objects.map((o) => {
      const { seatedIn, ...change } = named.objects[o.id] ?? {};
      const merged = { ...o, ...change };
      if (seatedIn === null) delete merged.seatedIn;
      else if (seatedIn !== undefined) merged.seatedIn = seatedIn;
      return merged;
    }),
  };
}
