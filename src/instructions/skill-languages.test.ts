// The skill languages the parser is built from: one per skill folder, their parts real asset parts, their
// templates and conditions well-formed.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assetSemantics } from '../assets/asset-semantics.js';
import { loadCatalog } from '../schemas/catalog.js';
import { skillLanguages } from '../skills/languages.js';

const skillsDir = fileURLToPath(new URL('../skills/', import.meta.url));
const catalog = loadCatalog();
const assetParts = new Set(
  [...catalog.assets.values()].flatMap((f) => assetSemantics(f).articulatedParts.map((p) => p.name)),
);

describe('skill languages', () => {
  it('declare the eighteen skills, each in the folder of its id', () => {
    const ids = skillLanguages.map((l) => l.skill);
    expect(ids).toEqual([
      'pick',
      'place',
      'pick-place',
      'open-lid',
      'close-lid',
      'open-door',
      'close-door',
      'open-drawer',
      'close-drawer',
      'press-button',
      'turn-knob',
      'pour',
      'remove',
      'insert',
      'set-down',
      'stir',
      'shake',
      'heat',
    ]);
    const folders = readdirSync(skillsDir).filter((f) => statSync(`${skillsDir}${f}`).isDirectory());
    for (const id of ids) expect(folders, id).toContain(id);
  });

  it.each(skillLanguages.map((l) => [l.skill, l] as const))('%s is well-formed', (_, lang) => {
    expect(lang.verbs.length).toBeGreaterThan(0);
    expect(new Set(lang.verbs.map((v) => v.words)).size).toBe(lang.verbs.length);
    expect(lang.templates.length).toBeGreaterThan(0);
    for (const t of lang.templates) {
      for (const [, name] of t.matchAll(/\{(\w+)\}/g)) {
        expect(['target', 'part', 'destination', 'direction', 'angleDeg']).toContain(name);
      }
      expect(t.includes('{destination}')).toBe(
        lang.destination === 'required' && t.includes('{destination}'),
      );
    }
    // Instrument skills name parts the asset builders make; object skills name none.
    expect(lang.parts.length > 0).toBe(lang.acts === 'part');
    for (const p of lang.parts) expect(assetParts, `${lang.skill}: part ${p.part}`).toContain(p.part);
    for (const a of lang.needsOneOf ?? []) expect(lang.args.map((x) => x.name)).toContain(a);
    for (const v of lang.verbs) {
      for (const k of Object.keys(v.args ?? {})) expect(lang.args.map((x) => x.name)).toContain(k);
      if (v.partRole) expect(lang.parts.map((p) => p.role)).toContain(v.partRole);
    }
    // Every condition and effect on a part names a part kind the skill can see.
    for (const c of [...lang.requires, ...lang.effects]) {
      if ('part' in c) expect(['called', 'access', 'carrier', 'riders']).toContain(c.part.the);
    }
  });
});
