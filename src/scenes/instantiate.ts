// Samples a scene template into a concrete scene: asset parameters, colours, masses and a collision-free layout.

import type { AssetColors, AssetParams } from '../assets/built-asset.js';
import { midRangeSample } from '../assets/asset-semantics.js';
import { assetBuilders } from '../assets/registry.js';
import { UserInputError } from '../errors.js';
import { filledContainers } from '../liquid/liquid-mjcf.js';
import { quatFromAxisAngle, quatRotate, type Vec3 } from '../motion/math3d.js';
import type { Rng } from '../rng.js';
import type { AssetFamily } from '../schemas/asset.js';
import type { SceneTemplate } from '../schemas/scene.js';
import {
  type ObjectSample,
  objectBodyName,
  type PlacedObject,
  type SceneInstance,
} from './scene-instance.js';

export interface InstantiateOptions {
  /** Sample asset dimensions/colours/masses (object appearance axis); otherwise use range midpoints and first colours. */
  appearance: boolean;
  /** Apply the template's layout jitter (scene layout / object pose axes). */
  layout: boolean;
  /** Attempts at a collision-free layout before giving up. */
  maxLayoutTries: number;
}

function sampleAsset(family: AssetFamily, rng: Rng, appearance: boolean) {
  if (!appearance) return midRangeSample(family);
  const params: AssetParams = {};
  for (const [name, r] of Object.entries(family.params)) params[name] = rng.uniform(r[0], r[1]);
  const colors: AssetColors = {};
  for (const [part, choices] of Object.entries(family.colors))
    colors[part] = [...(rng.pick(choices) as [number, number, number, number])];
  const massKg = rng.uniform(family.massKg[0], family.massKg[1]);
  return { params, colors, massKg };
}

/** Rebuilds a placed object from recorded samples (used both when sampling and when replaying). */
export function placeObject(sample: ObjectSample, family: AssetFamily): PlacedObject {
  const built = assetBuilders[family.builder](sample.params, sample.colors);
  return {
    ...sample,
    movable: family.movable,
    friction: family.friction,
    placedMaxTiltRad: family.placedMaxTiltRad,
    contentsMayRiseAboveRim: family.contentsMayRiseAboveRim,
    names: family.names,
    built,
    body: objectBodyName(sample.id),
  };
}

function footprintsOverlap(a: PlacedObject, b: PlacedObject, marginM: number): boolean {
  // Conservative: compare bounding circles of the rotated footprints.
  const ra = Math.hypot(...a.built.footprintHalfM);
  const rb = Math.hypot(...b.built.footprintHalfM);
  return Math.hypot(a.posM[0] - b.posM[0], a.posM[1] - b.posM[1]) < ra + rb + marginM;
}

export function instantiateScene(
  template: SceneTemplate,
  assets: ReadonlyMap<string, AssetFamily>,
  rng: Rng,
  options: InstantiateOptions,
): SceneInstance {
  const familyOf = (assetId: string, objectId: string): AssetFamily => {
    const family = assets.get(assetId);
    if (!family) {
      throw new UserInputError(
        'unknown-asset',
        `scene ${template.id}: object "${objectId}" uses unknown asset "${assetId}"`,
        {
          field: `objects.${objectId}.asset`,
          validChoices: [...assets.keys()],
        },
      );
    }
    return family;
  };
  const appearanceRng = rng.fork('appearance');
  const appearances = template.objects.map((o) =>
    sampleAsset(familyOf(o.asset, o.id), appearanceRng.fork(o.id), options.appearance),
  );
  const layoutRng = rng.fork('layout');
  for (let attempt = 0; attempt < options.maxLayoutTries; attempt++) {
    const placed = new Map<string, PlacedObject>();
    let ok = true;
    template.objects.forEach((o, i) => {
      const family = familyOf(o.asset, o.id);
      const look = appearances[i] as (typeof appearances)[number];
      const jitter = (r: readonly [number, number]) => (options.layout ? layoutRng.uniform(r[0], r[1]) : 0);
      let posM: Vec3;
      let yawRad: number;
      if (o.inSlotOf) {
        const rack = placed.get(o.inSlotOf.object);
        const slot = rack?.built.slots?.[o.inSlotOf.slot];
        if (!rack || !slot) {
          throw new UserInputError(
            'bad-slot',
            `scene ${template.id}: object "${o.id}" is in slot ${o.inSlotOf.slot} of "${o.inSlotOf.object}", which is not an earlier rack object with that slot`,
            { field: `objects.${o.id}.inSlotOf` },
          );
        }
        const offset = quatRotate(quatFromAxisAngle([0, 0, 1], rack.yawRad), slot);
        posM = [rack.posM[0] + offset[0], rack.posM[1] + offset[1], rack.posM[2] + offset[2]];
        // The object turns with what holds it, so a plate keeps its seat's orientation in a turned instrument.
        yawRad = rack.yawRad + o.yawRad + jitter(o.jitter.yawRad);
      } else {
        const top = template.bench.topCenterM;
        posM = [
          top[0] + o.posM[0] + jitter(o.jitter.xM),
          top[1] + o.posM[1] + jitter(o.jitter.yM),
          top[2] + o.posM[2],
        ];
        yawRad = o.yawRad + jitter(o.jitter.yawRad);
      }
      const placedObject = placeObject(
        {
          id: o.id,
          asset: o.asset,
          ...look,
          posM,
          yawRad,
          ...(o.liquid ? { liquid: o.liquid } : {}),
          ...(o.partPositions ? { partPositions: o.partPositions } : {}),
        },
        family,
      );
      // A stopper starts with its plug in the mouth's bore, its head on the rim.
      let object = placedObject;
      if (o.seatedIn) {
        const holder = placed.get(o.seatedIn);
        const mouth = holder?.built.mouth;
        const plugM = placedObject.built.plugDepthM;
        if (!holder || !mouth || plugM === undefined)
          throw new UserInputError(
            'bad-seat',
            `scene ${template.id}: object "${o.id}" is seated in "${o.seatedIn}", which must be an earlier object with a mouth (a bottle), and "${o.id}" a stopper`,
            { field: `objects.${o.id}.seatedIn` },
          );
        const rim = quatRotate(quatFromAxisAngle([0, 0, 1], holder.yawRad), mouth.rimM);
        object = {
          ...placedObject,
          posM: [holder.posM[0] + rim[0], holder.posM[1] + rim[1], holder.posM[2] + rim[2] - plugM],
        };
      }
      if (!o.inSlotOf && !o.seatedIn) {
        for (const other of placed.values()) {
          if (other.posM[2] === object.posM[2] && footprintsOverlap(object, other, 0.01)) ok = false;
        }
      }
      placed.set(o.id, object);
    });
    if (ok) {
      const objects = [...placed.values()];
      // A fill that cannot be laid out (no interior, or too many particles for this size) is a template error.
      filledContainers(objects, `scene ${template.id}`);
      return { templateId: template.id, objects };
    }
  }
  throw new UserInputError(
    'scene-layout-impossible',
    `scene ${template.id}: no collision-free layout found in ${options.maxLayoutTries} tries; reduce object sizes or jitter`,
  );
}
