// Skill `pick-place`: pick an object and place it into a container, planned as one motion (pick, then place).
import {
  checkLifted,
  type PickParams,
  pick,
  pickDefaults,
  pickFailureCodes,
  pickParamDocs,
  planPick,
} from '../pick/index.js';
import {
  checkPlaced,
  place,
  type PlaceParams,
  placeDefaults,
  placeFailureCodes,
  placeParamDocs,
  planPlace,
} from '../place/index.js';
import type { Skill } from '../skill.js';

type PickPlaceParams = PickParams & PlaceParams;

export const pickPlace: Skill<PickPlaceParams> = {
  id: 'pick-place',
  version: 2,
  defaults: { ...pickDefaults, ...placeDefaults },
  doc: {
    description: 'Pick a labware object from the bench (or a rack) and place it into a container.',
    parameters: { ...pickParamDocs, ...placeParamDocs },
    success: [
      'pick.lifted: during lift/carry the object is > 0.10 m above its start and moves with the gripper (5 frames)',
      'place.in-container: on the last 5 frames the whole object is inside the container (every hull point inside the inner walls and below the rim), within its tilt limit, at rest and let go',
    ],
    failureCodes: { ...pickFailureCodes, ...placeFailureCodes },
  },
  plan(ctx, call, p) {
    const pickPlan = planPick(ctx, call, p);
    if (!pickPlan.ok) return pickPlan;
    // The place is planned once the object is up, from where it really hangs in the hand.
    return {
      ok: true,
      motions: pickPlan.waypoints,
      next: (lifted) => {
        // Not up with the hand (the fingers closed above it, the descent stopped short): no place. Planned from
        // where the object "hangs", each alignment step of the slot insertion moved the hand by the whole gap
        // between the object left behind and the slot, 0.5 m a step, to 1.6 m off (motion.unreachable).
        const before = ctx.poses.get(call.target)?.posM;
        const now = lifted.poses.get(call.target)?.posM;
        if (before && now && now[2] - before[2] < p.liftedThresholdM / 2)
          return {
            ok: false,
            code: 'pick.not-lifted',
            detail: `${call.target} rose ${((now[2] - before[2]) * 1000).toFixed(1)} mm with the hand: not in it, no place planned`,
          };
        return planPlace(lifted, call, p, lifted.tcp.posM[2], pickPlan.graspWidthM);
      },
    };
  },
  check: (frames, ctx, call, p) => [checkLifted(frames, ctx, call, p), checkPlaced(frames, ctx, call, p)],
  reachTargets: (objects, call, p) => [
    ...pick.reachTargets(objects, call, p),
    ...place.reachTargets(objects, call, p),
  ],
};
