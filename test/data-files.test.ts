// The data files this project ships load through their schemas with their cross-references intact, and a
// broken copy is rejected naming the file and the field (exit 2 through the CLI).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../src/errors.js';
import { parseInstruction } from '../src/instructions/parse-instruction.js';
import { sceneLexicon } from '../src/instructions/scene-lexicon.js';
import { assetFamilySchema } from '../src/schemas/asset.js';
import { loadCatalog } from '../src/schemas/catalog.js';
import { loadDataFile, packageRoot } from '../src/schemas/load-data-file.js';
import { recipeSchema } from '../src/schemas/recipe.js';
import { labgen } from './helpers/run-cli.js';

const catalog = loadCatalog();
const work = mkdtempSync(join(tmpdir(), 'labgen-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const templatesDir = join(packageRoot, 'recipes/templates');

describe('bench template recipes (recipes/templates)', () => {
  const files = readdirSync(templatesDir).filter((f) => f.endsWith('.yaml'));

  it('has one recipe per bench template; the variants of a bench (a lid standing open) serve the atomic recipes', () => {
    const skillRecipes = readdirSync(join(packageRoot, 'recipes/skills')).map(
      (f) => loadDataFile(recipeSchema, join(packageRoot, 'recipes/skills', f)).scene,
    );
    const templates = files.map((f) => f.replace(/\.yaml$/, ''));
    for (const id of templates) expect(catalog.scenes.has(id), id).toBe(true);
    for (const id of catalog.scenes.keys())
      expect(templates.includes(id) || skillRecipes.includes(id), `scene ${id} has no recipe`).toBe(true);
  });

  it.each(files)('%s loads, names a known scene and robots, and plans against that scene', (file) => {
    const recipe = loadDataFile(recipeSchema, join(templatesDir, file));
    const scene = catalog.scenes.get(recipe.scene ?? '');
    expect(scene, `${file}: scene ${recipe.scene}`).toBeDefined();
    for (const r of recipe.robots ?? []) expect(catalog.robots.has(r), `${file}: robot ${r}`).toBe(true);
    const plan = parseInstruction(recipe.instruction ?? '', sceneLexicon(scene as never, catalog.assets));
    expect(plan.steps.length).toBeGreaterThan(0);
    for (const step of plan.steps) {
      expect(scene?.objects.some((o) => o.id === step.target)).toBe(true);
      if (step.destination) expect(scene?.objects.some((o) => o.id === step.destination)).toBe(true);
    }
  });

  it('rejects a broken copy with exit 2, naming the file and the field', async () => {
    // The bench recipes leave fps at its default; a negative one is invalid.
    const broken = join(work, 'pouring-station.yaml');
    writeFileSync(broken, `${readFileSync(join(templatesDir, 'pouring-station.yaml'), 'utf8')}\nfps: -15\n`);
    const run = await labgen('generate', '--recipe', broken, '--out', join(work, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(broken);
    expect(run.stderr).toMatch(/fps/);
  });
});

describe('asset families: placement fields', () => {
  it('let tubes lie down and trays hold taller contents, and keep the defaults elsewhere', () => {
    expect(catalog.assets.get('centrifuge-tube-1-5ml')?.placedMaxTiltRad).toBeCloseTo(1.6, 9);
    expect(catalog.assets.get('lab-tray')?.contentsMayRiseAboveRim).toBe(true);
    expect(catalog.assets.get('lab-basket')?.contentsMayRiseAboveRim).toBe(false);
    expect(catalog.assets.get('pcr-plate')?.placedMaxTiltRad).toBeCloseTo(0.26, 9);
  });

  it('rejects a broken copy naming the file and the field', () => {
    const text = readFileSync(join(packageRoot, 'assets/lab-tray.yaml'), 'utf8').replace(
      'contentsMayRiseAboveRim: true',
      'contentsMayRiseAboveRim: sometimes',
    );
    const broken = join(work, 'lab-tray.yaml');
    writeFileSync(broken, text);
    let error: unknown;
    try {
      loadDataFile(assetFamilySchema, broken);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).message).toContain(broken);
    expect((error as UserInputError).details.field).toBe('contentsMayRiseAboveRim');
  });
});
