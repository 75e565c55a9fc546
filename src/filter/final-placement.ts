// The episode's end state: everything a skill put somewhere is still there, whole, after every later skill ran.
import type { PlacedObject } from '../scenes/scene-instance.js';
import { judgePlacement } from '../skills/placement.js';
import type { CheckResult, FrameObservation } from '../skills/skill.js';

/**
 * One check per call that put its target into a destination and succeeded: on the last frame the object still
 * lies wholly in the container (a later skill can knock a placed tube out, or stack a plate onto its edge).
 */
export function finalPlacementChecks(
  last: FrameObservation | undefined,
  placed: ReadonlyArray<{ target: string; destination: string }>,
  objects: ReadonlyMap<string, PlacedObject>,
): CheckResult[] {
  if (!last) return [];
  return placed.map(({ target, destination }) => {
    const predicate = 'episode.still-placed';
    const object = objects.get(target);
    const container = objects.get(destination);
    const pose = last.objects.get(target);
    const cpose = last.objects.get(destination);
    if (!object || !container?.built.container || !pose || !cpose) return { predicate, ok: true };
    const { failure } = judgePlacement(object, pose, container, cpose);
    return failure
      ? {
          predicate,
          ok: false,
          code: 'place.disturbed',
          detail: `${target} was placed in ${destination}, but at the end of the episode: ${failure}`,
        }
      : { predicate, ok: true };
  });
}
