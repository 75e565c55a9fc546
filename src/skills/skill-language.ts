// What a skill means in words and in symbols, as pure data: the verbs and phrase templates the instruction
// parser reads and writes, the parts and arguments it takes, and its symbolic requires / effects.
import type { SkillArgs } from './skill.js';

/**
 * Where a condition or effect looks: the call's target, its destination, or the source (the container the
 * target stands in when the step starts; nothing when it stands on the bench).
 */
export type Role = 'target' | 'destination' | 'source';

/**
 * Symbolic state of a part: access parts (lids, doors, drawers: they close an interior) are open or closed,
 * screw knobs tightened or loosened. Buttons and dials carry no symbolic state.
 */
export type PartState = 'open' | 'closed' | 'tightened' | 'loosened';

/**
 * What a part is for: `access` closes the instrument's interior, `start` starts and stops its run, `tare`
 * zeroes a balance, `screw` clamps the part it rides on, `dial` sets a value (stirrer speed, heat).
 */
export type PartRole = 'access' | 'start' | 'tare' | 'screw' | 'dial';

/** The words naming one articulated part (its name in the asset builder), canonical word first. */
export interface PartWords {
  part: string;
  words: readonly string[];
  role: PartRole;
}

/**
 * Parts of the object in role `of`: `called` is the call's own part; `access` every access part of the object;
 * `carrier` the part the called part rides on (the lid a screw knob sits on); `riders` the parts riding on the
 * called part (the screw on a lid). A reference that selects no part with a state of the asked kind holds.
 */
export interface PartRef {
  of: Role;
  the: 'called' | 'access' | 'carrier' | 'riders';
}

/** A guard: the condition or effect applies only when the call's part has this role (a start button). */
export interface When {
  partRole: PartRole;
}

/** A fact the step needs before it runs (or, as `expects`, after it). */
export type Condition =
  | { hand: 'empty' }
  | { hand: 'holding'; object: 'target' }
  /** The hand is free to take the target, or holds it already (a pour grasps its source itself). */
  | { hand: 'empty-or-holding'; object: 'target' }
  | { part: PartRef; is: PartState; when?: When }
  | { running: 'target'; is: boolean; when?: When }
  /** The target vessel holds liquid (a pour's source). */
  | { liquid: 'target'; is: 'filled' }
  /** The target (a stopper) is seated in a mouth (a bottle's neck). */
  | { seated: 'target' }
  /** The destination has a mouth and nothing plugs it. */
  | { mouth: 'destination'; is: 'free' }
  /** No stopper plugs the target (a pour's source). */
  | { unplugged: 'target' }
  /** The target holds no liquid, or a stopper closes it (a shake). */
  | { closedOrEmpty: 'target' };

/** How a step changes the symbolic state. */
export type Effect =
  /** The hand takes the target from where it stands. */
  | { hand: 'take'; object: 'target' }
  /** The target ends in the destination, from the hand or straight from where it stood; the hand is empty. */
  | { put: 'target'; into: 'destination' }
  /** A part changes state, to a fixed state or to the state an argument value names. */
  | {
      part: PartRef;
      becomes: PartState | { arg: string; values: Readonly<Record<string, PartState>> };
      when?: When;
    }
  | { running: 'target'; becomes: boolean | 'toggled'; when?: When }
  /** The hand stands the target on the bench and lets go. */
  | { setDown: 'target' }
  /** The target's liquid goes into the destination: the destination holds liquid, the target no more. */
  | { pour: 'target'; into: 'destination' };

/** A verb or verb phrase ("pick up", "screw tighten"), with what it implies beyond the skill. */
export interface VerbPhrase {
  words: string;
  /** Arguments the verb itself says ("tighten" -> direction tighten). */
  args?: SkillArgs;
  /** The part it acts on by role when the instruction names only the instrument ("start the centrifuge"). */
  partRole?: PartRole;
  /** What must hold after the step ("stop the centrifuge": it is not running). */
  expects?: Condition;
  /** Said without a destination, it goes into the instrument just named ("open the centrifuge, load the tube"). */
  impliesDestination?: boolean;
  /** Said of a bottle, it means the bottle's stopper ("unplug the bottle", "open the bottle"). */
  meansItsStopper?: boolean;
  /** It returns the object to where it was taken from ("replace the stopper", "put it back"). */
  returns?: boolean;
  /** Said of a bottle, it means the stopper taken out of it, put back ("close the bottle"). */
  meansStopperBack?: boolean;
}

/** "to start the centrifuge": a purpose naming the target and what must hold after the step. */
export interface Purpose {
  words: readonly string[];
  partRole?: PartRole;
  expects?: Condition;
  /** Arguments the purpose says ("turn the knob to tighten it"). */
  args?: SkillArgs;
}

/** Words for a skill argument. */
export type ArgLanguage =
  /** One value out of several, each named by words ("tighten", "clockwise"); only for parts of these roles. */
  | {
      name: string;
      kind: 'choice';
      choices: Readonly<Record<string, readonly string[]>>;
      forPartRoles?: readonly PartRole[];
    }
  /**
   * An angle in radians from "90 degrees", "1.5 rad", "a quarter turn", positive in the part joint's own
   * sense (right-handed about the knob's outward axis: counterclockwise seen facing the knob); the sense
   * words flip or confirm the sign.
   */
  | { name: string; kind: 'angle'; negativeWords: readonly string[]; positiveWords: readonly string[] };

export interface SkillLanguage {
  skill: string;
  verbs: readonly VerbPhrase[];
  /**
   * Phrase templates, canonical first: placeholders {target}, {part}, {destination}, {direction}, {angleDeg}.
   * A step without text is rendered with the first template whose placeholders it can fill.
   */
  templates: readonly string[];
  /** Whether the skill moves a movable object, or operates a part of a fixed instrument. */
  acts: 'movable' | 'part';
  /**
   * Only objects of this kind: `stoppers` (what plugs a mouth), `rods` (a stirring rod: the thing said with
   * "with", the vessel it works in the destination). Where another skill reads the same words
   * ("remove the stopper" is also a pick), the narrower skill is preferred when its requires hold.
   */
  objects?: 'stoppers' | 'rods';
  /** The parts it operates (acts: part). */
  parts: readonly PartWords[];
  destination: 'required' | 'none';
  /** The destination is a flat top the target stands on (a hot plate), not a container; unsaid, the scene's one. */
  destinationKind?: 'surface';
  /** Whether "from X" may say where the target is taken from. */
  source: boolean;
  args: readonly ArgLanguage[];
  /** At least one of these arguments must be given (turn-knob: direction or angleRad). */
  needsOneOf?: readonly string[];
  purposes?: readonly Purpose[];
  /**
   * Two skills that, said in one clause on the same object ("pick X from the rack and place it into Y"), are
   * this one step.
   */
  composes?: readonly [string, string];
  requires: readonly Condition[];
  effects: readonly Effect[];
  /**
   * A step the plan adds right after this one, on a part of its destination: "heat the beaker on the hot plate" is
   * the beaker stood on the plate, then the plate's heat knob turned (a step of its own, with its own words).
   */
  followedBy?: { skill: string; part: string; args: SkillArgs };
}

/*
 * Words for the instrument parts the asset builders make (src/assets/builders: `parts`), shared by the skills
 * that operate them (open-lid and close-lid both name the lid).
 */
export const LID_WORDS: PartWords = {
  part: 'lid',
  words: ['lid', 'cover', 'top', 'hood', 'heated lid', 'lid handle'],
  role: 'access',
};
export const DOOR_WORDS: PartWords = {
  part: 'door',
  words: ['door', 'front door', 'door handle'],
  role: 'access',
};
export const DRAWER_WORDS: PartWords = { part: 'drawer', words: ['drawer', 'drawer handle'], role: 'access' };
export const BUTTON_WORDS: readonly PartWords[] = [
  {
    part: 'start_button',
    words: [
      'start button',
      'screen button',
      'button',
      'start',
      'stop button',
      'start stop button',
      'run button',
      'power button',
      'start key',
      'screen',
      'touch screen',
    ],
    role: 'start',
  },
  { part: 'tare_button', words: ['tare button', 'button', 'tare key', 'zero button'], role: 'tare' },
];
export const KNOB_WORDS: readonly PartWords[] = [
  {
    part: 'knob',
    words: ['knob', 'screw', 'pressure screw', 'lid screw', 'screw knob', 'pressure knob', 'lid knob'],
    role: 'screw',
  },
  {
    part: 'stir_knob',
    words: ['stir knob', 'speed knob', 'stirring knob', 'stir dial', 'speed dial', 'knob', 'dial'],
    role: 'dial',
  },
  {
    part: 'heat_knob',
    words: ['heat knob', 'heating knob', 'temperature knob', 'heat dial', 'temperature dial', 'knob', 'dial'],
    role: 'dial',
  },
];
