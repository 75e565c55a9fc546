// Samples many scenes across templates and checks each: how much valid, distinct variety the templates give.
import { createRng, deriveSeed } from '../rng.js';
import { instantiateScene } from '../scenes/instantiate.js';
import type { Catalog } from '../schemas/catalog.js';
import type { RobotProfile } from '../schemas/robot.js';
import type { SceneTemplate } from '../schemas/scene.js';
import { createReachOracle } from '../sim/reach-oracle.js';
import { checkScene } from './check-scene.js';

export interface SceneSampleReport {
  sampled: number;
  valid: number;
  distinctValid: number;
  perTemplate: Record<string, { sampled: number; valid: number }>;
  rejectedByReason: Record<string, number>;
  /** One line per rejected sample: template, sample number, reason and detail. */
  failures: string[];
  /** Largest object drift over the rest period among the checked scenes (m). */
  worstDriftM: number;
}

export async function sampleScenes(
  templates: readonly SceneTemplate[],
  count: number,
  seed: number,
  robot: RobotProfile,
  catalog: Catalog,
  onProgress: (done: number) => void = () => {},
): Promise<SceneSampleReport> {
  const report: SceneSampleReport = {
    sampled: 0,
    valid: 0,
    distinctValid: 0,
    perTemplate: {},
    rejectedByReason: {},
    failures: [],
    worstDriftM: 0,
  };
  const distinct = new Set<string>();
  const oracle = await createReachOracle(robot);
  try {
    for (let i = 0; i < count; i++) {
      // Round-robin over templates so any prefix of the run covers them all evenly.
      const template = templates[i % templates.length] as SceneTemplate;
      const scene = instantiateScene(template, catalog.assets, createRng(deriveSeed(seed, template.id, i)), {
        appearance: true,
        layout: true,
        maxLayoutTries: 50,
      });
      const result = await checkScene(template, scene, robot, template.robotMount, oracle);
      report.worstDriftM = Math.max(report.worstDriftM, result.maxDriftM);
      const t = (report.perTemplate[template.id] ??= { sampled: 0, valid: 0 });
      t.sampled++;
      report.sampled++;
      if (result.ok) {
        t.valid++;
        report.valid++;
        distinct.add(
          `${template.id}|${JSON.stringify(scene.objects.map((o) => [o.posM, o.yawRad, o.params, o.colors]))}`,
        );
      } else {
        const r = result.reason ?? 'unknown';
        report.rejectedByReason[r] = (report.rejectedByReason[r] ?? 0) + 1;
        report.failures.push(`${template.id} sample ${i}: ${r}: ${result.detail ?? ''}`);
      }
      onProgress(i + 1);
    }
  } finally {
    oracle.delete();
  }
  report.distinctValid = distinct.size;
  return report;
}
