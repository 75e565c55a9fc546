// Every skill's language (src/skills/<id>/language.ts), in the order the parser prefers readings that fit alike.
import { language as closeDoor } from './close-door/language.js';
import { language as closeDrawer } from './close-drawer/language.js';
import { language as closeLid } from './close-lid/language.js';
import { language as heat } from './heat/language.js';
import { language as insert } from './insert/language.js';
import { language as openDoor } from './open-door/language.js';
import { language as openDrawer } from './open-drawer/language.js';
import { language as openLid } from './open-lid/language.js';
import { language as pick } from './pick/language.js';
import { language as pickPlace } from './pick-place/language.js';
import { language as place } from './place/language.js';
import { language as pour } from './pour/language.js';
import { language as setDown } from './set-down/language.js';
import { language as pressButton } from './press-button/language.js';
import { language as remove } from './remove/language.js';
import type { SkillLanguage } from './skill-language.js';
import { language as shake } from './shake/language.js';
import { language as stir } from './stir/language.js';
import { language as turnKnob } from './turn-knob/language.js';

/** `place` before `pick-place`: a clause that fits both with the object in hand is a place. */
export const skillLanguages: readonly SkillLanguage[] = [
  pick,
  place,
  pickPlace,
  openLid,
  closeLid,
  openDoor,
  closeDoor,
  openDrawer,
  closeDrawer,
  pressButton,
  turnKnob,
  pour,
  remove,
  insert,
  setDown,
  stir,
  shake,
  heat,
];
