// Builder for rods lying on the bench (glass stirring rods): one cylinder along x, grasped across y.
import { type AssetBuilder, param } from '../built-asset.js';

export const buildRod: AssetBuilder = (params, colors) => {
  const r = param(params, 'radiusM', 'rod');
  const length = param(params, 'lengthM', 'rod');
  return {
    geoms: [
      {
        part: 'rod',
        geom: {
          type: 'cylinder',
          radiusM: r,
          fromM: [-length / 2, 0, r],
          toM: [length / 2, 0, r],
          rgba: colors.body,
        },
      },
    ],
    heightM: 2 * r,
    footprintHalfM: [length / 2, r],
    grasp: { axis: 'y', widthM: 2 * r, zMinM: 0, zMaxM: 2 * r },
  };
};
