// One line per parameter of the hinge skills (open/close lid and door), for their docs and parameter schemas.

const HINGE_PARAM_DOCS: Readonly<Record<string, string>> = {
  graspHoldS: 'time the closed fingers hold the handle or edge before the swing starts',
  reachDurationS: 'least duration of the travel to the line-up pose',
  lineUpRiseM: 'the travel ends this far above the line-up pose, before coming down onto it',
  releaseHoldS: 'time the opened fingers hold still after letting go',
  slideOffM: 'how far the hand slides back along its approach after letting go',
  withdrawM: 'then how far it moves clear of the part',
  reachFingertipBelowTcpM: "how far past the fingertips the pads reach, for the skill's reach targets",
  openFractionOfRange: 'success: an opened part passes this share of its joint range (0.8)',
  closedToleranceRad: 'success: a closed part lies within this of its closed stop (0.05 rad)',
  sidePitchStepRad: 'step of the hand pitch tried when pinching a lid by its side edge',
  reachFingerThicknessM: 'finger thickness beyond the pad assumed for reach targets',
  pitchStepRad: 'step of the hand pitch tried at the handle where the level hand does not reach',
  maxPitchRad: 'the steepest hand pitch tried at the handle',
  topPitchStepRad: "step of the hand pitch tried when pinching a door's top edge from above",
  overTopM: "how far above the door's top edge the hand passes on its way",
  fingertipClearanceM: 'fingertips stop this far short of the surface behind a handle or edge',
};

/**
 * The docs of exactly the parameters in `defaults`: the skill's own lines first, then the shared hinge ones
 * (a parameter with neither stays undocumented, and the skill-parameter test names it).
 */
export function hingeParamDocs(
  defaults: Readonly<Record<string, number>>,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const docs: Record<string, string> = {};
  for (const name of Object.keys(defaults)) {
    const line = own[name] ?? HINGE_PARAM_DOCS[name];
    if (line !== undefined) docs[name] = line;
  }
  return docs;
}
