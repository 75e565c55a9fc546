// Skill `pick-place`: pick an object and place it into a container, planned as one motion (pick, then place).
import { matMul, matTranspose, matVec, type Vec3 } from '../../motion/math3d.js';
import { checkLifted, type PickParams, pickDefaults, planPick } from '../pick/index.js';
import { checkPlaced, type PlaceParams, placeDefaults, planPlace } from '../place/index.js';
import type { Skill, SkillContext } from '../skill.js';

type PickPlaceParams = PickParams & PlaceParams;

export const pickPlace: Skill<PickPlaceParams> = {
  id: 'pick-place',
  version: 1,
  verbs: ['pick', 'put', 'place', 'move', 'transfer', 'take', 'drop', 'clear'],
  needsDestination: true,
  defaults: { ...pickDefaults, ...placeDefaults },
  doc: {
    description: 'Pick a labware object from the bench (or a rack) and place it into a container.',
    parameters: pickPlaceParamDocs(),
    success: [
      'pick.lifted: during lift/carry the object is > 0.10 m above its start and moves with the gripper (5 frames)',
      'place.in-container: at the end it rests inside the container and the gripper has let go (5 frames)',
    ],
    failureCodes: {
      'pick.no-contact': 'the fingers closed without touching the object',
      'pick.not-lifted': 'the object never rose 0.10 m',
      'pick.slipped': 'the object rose but did not stay with the gripper',
      'place.outside-container': 'the object ended outside the container',
      'place.still-held': 'the gripper was still touching the object',
      'place.not-at-rest': 'the object kept moving',
    },
  },
  plan(ctx, call, p) {
    const pickPlan = planPick(ctx, call, p);
    // Predict the state after the lift (object held rigidly below the TCP) to plan the place part up front.
    const start = ctx.poses.get(call.target);
    if (!start) throw new Error(`pick-place: unknown object ${call.target}`);
    const lifted: Vec3 = pickPlan.liftedTcpM;
    const poses = new Map(ctx.poses);
    // The held object turns with the hand when the lift leans the tool.
    const turn = matMul(pickPlan.liftMat, matTranspose(pickPlan.graspMat));
    const hang = matVec(turn, [0, 0, -pickPlan.graspHeightM]);
    poses.set(call.target, {
      posM: [lifted[0] + hang[0], lifted[1] + hang[1], lifted[2] + hang[2]],
      mat: matMul(turn, start.mat),
    });
    const afterLift: SkillContext = { ...ctx, poses, tcp: { posM: lifted, mat: pickPlan.liftMat } };
    return [...pickPlan.waypoints, ...planPlace(afterLift, call, p, lifted[2], pickPlan.graspWidthM)];
  },
  check: (frames, ctx, call, p) => [checkLifted(frames, ctx, call, p), checkPlaced(frames, ctx, call, p)],
};

function pickPlaceParamDocs(): Record<string, string> {
  return {
    approachHeightM: 'height above the grasp pose where the descent starts',
    graspDepthM: 'how far below the object top the TCP grasps',
    liftHeightM: 'how far the TCP rises after closing',
    carryClearanceM: "clearance of the object's bottom over the tallest obstacle while carrying",
    releaseHeightM: "height of the object's bottom above the container floor at release",
  };
}
