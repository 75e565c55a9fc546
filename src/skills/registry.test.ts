import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skillLanguages } from './languages.js';
import { skillRegistry } from './registry.js';
import { PHASES } from './skill.js';

const skillsDir = fileURLToPath(new URL('.', import.meta.url));

describe('skill registry', () => {
  it('registers exactly the skill folders (a folder with a language.ts), each with its language', () => {
    const folders = readdirSync(skillsDir).filter(
      (f) => statSync(join(skillsDir, f)).isDirectory() && existsSync(join(skillsDir, f, 'language.ts')),
    );
    expect(folders.sort()).toEqual(Object.keys(skillRegistry).sort());
    expect(skillLanguages.map((l) => l.skill).sort()).toEqual(Object.keys(skillRegistry).sort());
  });

  it('has the eighteen skills of the lab protocols', () => {
    expect(Object.keys(skillRegistry).sort()).toEqual([
      'close-door',
      'close-drawer',
      'close-lid',
      'heat',
      'insert',
      'open-door',
      'open-drawer',
      'open-lid',
      'pick',
      'pick-place',
      'place',
      'pour',
      'press-button',
      'remove',
      'set-down',
      'shake',
      'stir',
      'turn-knob',
    ]);
  });

  it('keys each skill by its own id and documents every section', () => {
    for (const [key, skill] of Object.entries(skillRegistry)) {
      expect(skill.id).toBe(key);
      expect(skill.doc.description.length).toBeGreaterThan(10);
      expect(skill.doc.success.length).toBeGreaterThan(0);
      expect(Object.keys(skill.doc.failureCodes).length).toBeGreaterThan(0);
      expect(Object.keys(skill.doc.parameters).length).toBeGreaterThan(0);
    }
  });

  it('keeps the phase vocabulary stable (phase_index values are recorded in datasets)', () => {
    expect(PHASES.slice(0, 7)).toEqual(['reach', 'pregrasp', 'grasp', 'lift', 'carry', 'release', 'retreat']);
  });
});
