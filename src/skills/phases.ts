// The one phase vocabulary of every skill and of the timeline: append-only, since a phase's index in this list is
// the `annotation.phase_index` recorded in datasets (written out in meta/labgen/phases.json).

export const PHASES = [
  'reach',
  'pregrasp',
  'grasp',
  'lift',
  'carry',
  'release',
  'retreat',
  'settle',
  // Instruments: swing a lid or door on its hinge, slide a drawer, push a button, turn a knob.
  'open',
  'close',
  'press',
  'turn',
  // The timeline's own: between two skills, and back to the start pose at the end.
  'transition',
  'return-home',
  // Liquids: tip a held vessel to pour, and bring it back upright.
  'pour',
  'upright',
  // Stoppers: lower a held stopper down a neck's axis into its seat.
  'insert',
  // Circle a held rod round a vessel.
  'stir',
  // Shake a held vessel to and fro.
  'shake',
] as const;
export type PhaseName = (typeof PHASES)[number];

export const phaseIndex = (phase: PhaseName): number => PHASES.indexOf(phase);
