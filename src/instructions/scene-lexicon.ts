// What the parser knows of one scene: each object's names (asset names and synonyms, the scene's roles and
// names, ordinals), whether it moves or holds things, its parts and their words, and the symbolic start state.
import { assetSemantics } from '../assets/asset-semantics.js';
import type { AssetFamily } from '../schemas/asset.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { skillLanguages } from '../skills/languages.js';
import type { PartRole, SkillLanguage } from '../skills/skill-language.js';
import { GRAMMAR_WORDS } from './grammar-words.js';
import { initialState, type SymbolicState } from './symbolic-state.js';
import { normalizePhrase } from './tokens.js';

export interface LexiconPart {
  /** The part's name in the asset builder (`lid`, `start_button`), as a SkillCall names it. */
  name: string;
  /** Canonical words for generated text ("start button"). */
  display: string;
  /** Every phrase naming it, normalized. */
  words: readonly string[];
  roles: readonly PartRole[];
  /** The part it rides on (the thermal cycler's knob rides on its lid). */
  parent?: string;
  /** Which symbolic states it has: open/closed (access parts), tightened/loosened (screws), none. */
  domain?: 'access' | 'screw';
  /** Joint position (rad or m) past which an access part counts as open: half its travel. */
  openBeyond?: number;
}

export interface LexiconObject {
  id: string;
  /** The name generated text uses: unique in the scene where the scene allows. */
  display: string;
  /** Every phrase naming it, normalized, most specific first. */
  names: readonly string[];
  movable: boolean;
  /** Has an interior or slots: a container, a rack or an instrument things go into. */
  holds: boolean;
  /** Plugs a mouth: a stopper. */
  stopper: boolean;
  /** Has a mouth a stopper plugs: a bottle. */
  mouth: boolean;
  /** A stirring rod. */
  rod: boolean;
  /** Has a flat top labware stands on (a hot plate). */
  surface: boolean;
  /** Movable and stands on the bench by itself: a plan may set it down there. */
  standsOnBench: boolean;
  parts: readonly LexiconPart[];
}

export interface Lexicon {
  sceneId: string;
  objects: readonly LexiconObject[];
  languages: readonly SkillLanguage[];
  initial: SymbolicState;
  /** Every word the parser knows here: names, part words, verbs, argument words and grammar words. */
  words: ReadonlySet<string>;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

export function sceneLexicon(
  scene: SceneTemplate,
  assets: ReadonlyMap<string, AssetFamily>,
  languages: readonly SkillLanguage[] = skillLanguages,
): Lexicon {
  const partWords = new Map<string, { words: string[]; roles: Set<PartRole> }>();
  for (const lang of languages) {
    for (const p of lang.parts) {
      const entry = partWords.get(p.part) ?? { words: [], roles: new Set<PartRole>() };
      for (const w of p.words)
        if (!entry.words.includes(normalizePhrase(w))) entry.words.push(normalizePhrase(w));
      entry.roles.add(p.role);
      partWords.set(p.part, entry);
    }
  }
  const drafts = scene.objects.map((o) => {
    const family = assets.get(o.asset);
    const semantics = family ? assetSemantics(family) : undefined;
    const assetNames = (family?.names ?? []).map(normalizePhrase);
    const roleNames = o.role ? assetNames.map((n) => `${normalizePhrase(o.role as string)} ${n}`) : [];
    const sceneNames = (o.names ?? []).map(normalizePhrase);
    const names = unique([...sceneNames, ...roleNames, normalizePhrase(o.id), ...assetNames]);
    const parts: LexiconPart[] = (semantics?.articulatedParts ?? []).map((p) => {
      const known = partWords.get(p.name);
      const words = known?.words ?? [normalizePhrase(p.name)];
      const roles = [...(known?.roles ?? [])];
      const domain = roles.includes('access') ? 'access' : roles.includes('screw') ? 'screw' : undefined;
      return {
        name: p.name,
        display: words[0] as string,
        words,
        roles,
        ...(p.parent !== undefined ? { parent: p.parent } : {}),
        ...(domain ? { domain } : {}),
        ...(domain === 'access' ? { openBeyond: p.joint.range[1] / 2 } : {}),
      };
    });
    return {
      id: o.id,
      preferred: roleNames[0] ?? sceneNames[0] ?? assetNames[0] ?? normalizePhrase(o.id),
      names,
      movable: family?.movable ?? false,
      standsOnBench: (family?.movable ?? false) && (family?.standsOnBench ?? true),
      holds: semantics?.container !== undefined || (semantics?.slots?.length ?? 0) > 0,
      stopper: semantics?.plugDepthM !== undefined,
      mouth: semantics?.mouth !== undefined,
      rod: family?.builder === 'rod',
      surface: semantics?.surface !== undefined,
      parts,
    };
  });
  // Where several objects share a name, "the first tube", "the second tube" count them in scene order.
  for (const name of unique(drafts.flatMap((d) => d.names))) {
    const sharing = drafts.filter((d) => d.names.includes(name));
    if (sharing.length < 2) continue;
    sharing.forEach((d, i) => {
      if (i < ORDINALS.length) d.names.push(`${ORDINALS[i] as string} ${name}`);
    });
  }
  const owners = (name: string) => drafts.filter((d) => d.names.includes(name)).length;
  const objects: LexiconObject[] = drafts.map((d) => ({
    id: d.id,
    display: owners(d.preferred) === 1 ? d.preferred : (d.names.find((n) => owners(n) === 1) ?? d.preferred),
    names: d.names,
    movable: d.movable,
    holds: d.holds,
    stopper: d.stopper,
    mouth: d.mouth,
    rod: d.rod,
    surface: d.surface,
    standsOnBench: d.standsOnBench,
    parts: d.parts,
  }));
  const words = new Set(GRAMMAR_WORDS);
  const addWords = (phrase: string) => {
    for (const w of normalizePhrase(phrase).split(' ')) if (w) words.add(w);
  };
  for (const o of objects) for (const n of [...o.names, ...o.parts.flatMap((p) => p.words)]) addWords(n);
  for (const lang of languages) {
    for (const v of lang.verbs) addWords(v.words);
    for (const p of lang.purposes ?? []) for (const w of p.words) addWords(w);
    for (const a of lang.args) {
      if (a.kind === 'choice') for (const ws of Object.values(a.choices)) for (const w of ws) addWords(w);
      else for (const w of [...a.negativeWords, ...a.positiveWords]) addWords(w);
    }
  }
  return { sceneId: scene.id, objects, languages, initial: initialState(scene, objects), words };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}
