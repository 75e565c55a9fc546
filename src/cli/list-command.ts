// `labgen list robots|skills|scenes|assets`: what the bundled data and the skill registry offer.
import { skillLanguages } from '../skills/languages.js';
import { Command } from 'commander';
import { assetSemantics } from '../assets/asset-semantics.js';
import { UserInputError } from '../errors.js';
import { loadCatalog } from '../schemas/catalog.js';
import { skillRegistry } from '../skills/registry.js';
import { type CliContext, printJson } from './cli-context.js';

const KINDS = ['robots', 'skills', 'scenes', 'assets'] as const;

function rows(kind: (typeof KINDS)[number]): Array<Record<string, unknown>> {
  const catalog = loadCatalog();
  switch (kind) {
    case 'robots':
      return [...catalog.robots.values()].map((r) => ({
        id: r.id,
        name: r.name,
        joints: r.links.filter((l) => l.joint).length,
        reachM: r.reachM,
        payloadKg: r.payloadKg,
        gripper: r.gripper.type,
        strokeM: r.gripper.strokeM,
      }));
    case 'skills':
      return Object.values(skillRegistry).map((s) => ({
        id: s.id,
        version: `${s.id}@${s.version}`,
        verbs: skillLanguages.find((l) => l.skill === s.id)?.verbs.map((v) => v.words) ?? [],
        templates: skillLanguages.find((l) => l.skill === s.id)?.templates ?? [],
        parameters: Object.fromEntries(
          Object.entries(s.defaults).map(([k, v]) => [k, { default: v, doc: s.doc.parameters[k] ?? '' }]),
        ),
        description: s.doc.description,
        success: s.doc.success,
        failureCodes: Object.keys(s.doc.failureCodes),
      }));
    case 'scenes':
      return [...catalog.scenes.values()].map((s) => ({
        id: s.id,
        name: s.name,
        objects: s.objects.map((o) => ({
          id: o.id,
          asset: o.asset,
          names: catalog.assets.get(o.asset)?.names ?? [],
        })),
        cameras: [...s.cameras.map((c) => c.name), 'wrist'],
      }));
    case 'assets':
      return [...catalog.assets.values()].map((a) => {
        const { id: _id, category: _category, names: _names, ...annotation } = assetSemantics(a);
        return {
          id: a.id,
          category: a.category,
          builder: a.builder,
          names: a.names,
          // Discrete appearance variants (colour choices multiplied out) and the continuous parameters
          // sampled on top of them, so every family yields many distinct instances.
          colorVariants: Object.values(a.colors).reduce((n, choices) => n * choices.length, 1),
          continuousParams: Object.values(a.params).filter(([lo, hi]) => hi > lo).length,
          // Grasp frames, moving parts, container region and slots of the mid-range instance, rounded to
          // micrometres so the listing is not cluttered with floating-point tails.
          annotation: roundLengths(annotation),
        };
      });
  }
}

/** Every number in a JSON-like value rounded to 6 decimals (micrometres, microradians). */
function roundLengths<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)),
  ) as T;
}

export function listCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('List robots, skills, scenes or assets')
    .argument('<kind>', KINDS.join('|'))
    .option('--json', 'print JSON')
    .action((kind: string, flags: { json?: boolean }) => {
      if (!(KINDS as readonly string[]).includes(kind)) {
        throw new UserInputError('bad-kind', `unknown list "${kind}"; choose one of ${KINDS.join(', ')}`, {
          validChoices: KINDS,
        });
      }
      const items = rows(kind as (typeof KINDS)[number]);
      if (flags.json) {
        printJson(ctx.io, items);
        return;
      }
      for (const item of items) {
        const { id, ...rest } = item;
        const summary = Object.entries(rest)
          .filter(
            ([, v]) => typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
          )
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
          .join('  ');
        ctx.io.stdout.write(`${String(id).padEnd(24)} ${summary}\n`);
        if (kind === 'scenes') {
          for (const o of item.objects as Array<{ id: string; names: string[] }>) {
            ctx.io.stdout.write(`${''.padEnd(26)}${o.id}: ${o.names.join(', ')}\n`);
          }
        }
      }
    });
}
