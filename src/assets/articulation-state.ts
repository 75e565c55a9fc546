// Turns the joint positions of an articulated asset's parts into its named state (lid angle, button pressed ...).
import type { ArticulationStateSpec } from './built-asset.js';

export type ArticulationState = Record<string, number | boolean>;

/** `jointPos` maps a part name to its joint position (rad or m, 0 at rest); every named part must be present. */
export function articulationState(
  states: readonly ArticulationStateSpec[],
  jointPos: Readonly<Record<string, number>>,
): ArticulationState {
  const out: ArticulationState = {};
  for (const s of states) {
    const q = jointPos[s.joint];
    if (q === undefined) throw new Error(`state ${s.name}: no position for joint "${s.joint}"`);
    if (s.kind === 'pressed') {
      if (s.pressedBeyondM === undefined)
        throw new Error(`state ${s.name}: a pressed state needs pressedBeyondM`);
      out[s.name] = q >= s.pressedBeyondM;
    } else {
      out[s.name] = q;
    }
  }
  return out;
}
