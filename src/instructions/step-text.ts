// A step's words from its skill's phrase templates: the text of a structured step, and the missing step a
// precondition message suggests ("open the lid of the centrifuge first").
import type { SkillCall } from '../skills/skill.js';
import type { SkillLanguage } from '../skills/skill-language.js';
import type { Lexicon } from './scene-lexicon.js';

/** Fills `{name}` placeholders; undefined when one has no value. */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
): string | undefined {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : text;
}

export function objectDisplay(lexicon: Lexicon, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return lexicon.objects.find((o) => o.id === id)?.display ?? id.replace(/-/g, ' ');
}

export function partDisplay(
  lexicon: Lexicon,
  objectId: string,
  part: string | undefined,
): string | undefined {
  if (part === undefined) return undefined;
  const o = lexicon.objects.find((x) => x.id === objectId);
  return o?.parts.find((p) => p.name === part)?.display ?? part.replace(/_/g, ' ');
}

/** The step in words: the first of the skill's templates whose placeholders the call fills. */
export function renderStep(language: SkillLanguage, call: Omit<SkillCall, 'text'>, lexicon: Lexicon): string {
  const angle = call.args?.angleRad;
  const values = {
    target: objectDisplay(lexicon, call.target),
    part: partDisplay(lexicon, call.target, call.part),
    destination: objectDisplay(lexicon, call.destination),
    direction: typeof call.args?.direction === 'string' ? call.args.direction : undefined,
    angleDeg: typeof angle === 'number' ? String(Math.round((angle * 1800) / Math.PI) / 10) : undefined,
  };
  for (const t of language.templates) {
    const text = fillTemplate(t, values);
    if (text !== undefined) return text;
  }
  return `${language.skill} the ${values.target ?? call.target}`;
}
