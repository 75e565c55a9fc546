// The explicit registry of atomic skills: id -> skill module (one folder per skill under src/skills/).
import { closeDoor } from './close-door/index.js';
import { closeDrawer } from './close-drawer/index.js';
import { closeLid } from './close-lid/index.js';
import { heat } from './heat/index.js';
import { insert } from './insert/index.js';
import { openDoor } from './open-door/index.js';
import { openDrawer } from './open-drawer/index.js';
import { openLid } from './open-lid/index.js';
import { pick } from './pick/index.js';
import { pickPlace } from './pick-place/index.js';
import { place } from './place/index.js';
import { pour } from './pour/index.js';
import { setDown } from './set-down/index.js';
import { pressButton } from './press-button/index.js';
import { remove } from './remove/index.js';
import type { Skill, SkillId } from './skill.js';
import { shake } from './shake/index.js';
import { stir } from './stir/index.js';
import { turnKnob } from './turn-knob/index.js';

export const skillRegistry: Readonly<Record<SkillId, Skill>> = {
  pick: pick as unknown as Skill,
  place: place as unknown as Skill,
  'pick-place': pickPlace as unknown as Skill,
  'press-button': pressButton as unknown as Skill,
  'open-drawer': openDrawer as unknown as Skill,
  'close-drawer': closeDrawer as unknown as Skill,
  'turn-knob': turnKnob as unknown as Skill,
  'open-lid': openLid as unknown as Skill,
  'close-lid': closeLid as unknown as Skill,
  'open-door': openDoor as unknown as Skill,
  'close-door': closeDoor as unknown as Skill,
  pour: pour as unknown as Skill,
  remove: remove as unknown as Skill,
  insert: insert as unknown as Skill,
  'set-down': setDown as unknown as Skill,
  stir: stir as unknown as Skill,
  shake: shake as unknown as Skill,
  heat: heat as unknown as Skill,
};

export function getSkill(id: SkillId): Skill {
  const skill = skillRegistry[id];
  if (!skill) throw new Error(`unknown skill "${id}" (known: ${Object.keys(skillRegistry).join(', ')})`);
  return skill;
}

export const skillIds = Object.keys(skillRegistry) as SkillId[];
