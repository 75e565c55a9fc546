// The episode's end state: everything a skill put somewhere is still there, whole, after every later skill ran.
import type { PlacedObject } from '../scenes/scene-instance.js';
import { judgePlacement, placesIntoSlots } from '../skills/placement.js';
import type { CheckResult, FrameObservation } from '../skills/skill.js';
import { isSeated, seatError, seatOf } from '../skills/stopper-seat.js';

/**
 * One check per call that put its target into a destination and succeeded: on the last frame the object still
 * lies wholly in the container, or still stands seated in a slot of a holder (a later skill can knock a placed tube
 * out, stack a plate onto its edge, or a closing lid lift a tube out of its rotor hole).
 */
export function finalPlacementChecks(
  last: FrameObservation | undefined,
  placed: ReadonlyArray<{ target: string; destination: string }>,
  objects: ReadonlyMap<string, PlacedObject>,
): CheckResult[] {
  if (!last) return [];
  // Where an object was put last is where it must be: a tube loaded into the centrifuge and later taken back to
  // the rack is judged on the rack only.
  const latest = placed.filter((p, i) => !placed.slice(i + 1).some((q) => q.target === p.target));
  return latest.map(({ target, destination }) => {
    const predicate = 'episode.still-placed';
    const object = objects.get(target);
    const container = objects.get(destination);
    const pose = last.objects.get(target);
    const cpose = last.objects.get(destination);
    // A stopper put into a bottle's mouth must still be seated there.
    if (object?.built.plugDepthM !== undefined && container?.built.mouth && pose && cpose) {
      const seat = seatOf(destination, container, { posM: cpose.posM, mat: [...cpose.mat] });
      const e = seat && seatError(object, { posM: pose.posM, mat: [...pose.mat] }, seat);
      return e && isSeated(e)
        ? { predicate, ok: true }
        : {
            predicate,
            ok: false,
            code: 'place.disturbed',
            detail: `${target} was seated in ${destination}, but at the end of the episode it is not (${e ? `${(Math.hypot(e.offAxisM, e.aboveRimM) * 1000).toFixed(1)} mm from its seat` : 'no seat'})`,
          };
    }
    const holds = container && (container.built.container !== undefined || placesIntoSlots(container));
    if (!object || !container || !holds || !pose || !cpose) return { predicate, ok: true };
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

/**
 * An object a step took into the hand and no later step put anywhere must still be in the hand at the end: a
 * later skill that opened the fingers on it (closing a lid with the plate still held) dropped it.
 */
export function finalHoldChecks(
  last: FrameObservation | undefined,
  taken: ReadonlyArray<{ target: string; step: number; droppedBy?: string }>,
): CheckResult[] {
  if (!last) return [];
  return taken.map(({ target, step, droppedBy }) => {
    const predicate = 'episode.still-held';
    if (last.touching.has(target)) return { predicate, ok: true };
    return {
      predicate,
      ok: false,
      code: 'episode.dropped',
      detail: `${target} was taken by step ${step + 1} and is no longer in the hand at the end of the episode${
        droppedBy ? ` (let go during ${droppedBy})` : ''
      }`,
    };
  });
}
