// Builder for rods lying on the bench (glass stirring rods): one capsule along x, grasped across its diameter.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';

/*
 * A capsule, not a cylinder. MuJoCo has no dedicated cylinder-box collider: a cylinder lying on the bench (a
 * box) goes through the general convex collider, which returns a single contact point, 0.6 mm deep at the
 * start, so the rod pivots on it and settles ~10 mm (the rod "starting inside the bench and rolling"). On a
 * plane the cylinder rested, which is why the family test passed. Capsule-box is an analytic pair with a
 * contact under each end, so the rod rests on a line as a real one does. The fire-polished ends of a glass
 * rod are rounded anyway; the capsule's segment is shortened by the radius at each end to keep the length.
 */
export const buildRod: AssetBuilder = (params, colors) => {
  const r = param(params, 'radiusM', 'rod');
  const length = param(params, 'lengthM', 'rod');
  if (length <= 2 * r) throw new Error('asset rod: lengthM must exceed the diameter');
  // Across the diameter from above: the closing axis is horizontal and perpendicular to the rod.
  const shaft = topDownGrasp('shaft', { axis: 'y', widthM: 2 * r, zMinM: 0, zMaxM: 2 * r });
  return {
    geoms: [
      {
        part: 'rod',
        geom: {
          type: 'capsule',
          radiusM: r,
          fromM: [-length / 2 + r, 0, r],
          toM: [length / 2 - r, 0, r],
          rgba: colors.body,
        },
      },
    ],
    heightM: 2 * r,
    footprintHalfM: [length / 2, r],
    grasp: shaft.grasp,
    graspFrames: [shaft.frame],
  };
};
