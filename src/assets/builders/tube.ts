// Builder for lab tubes (centrifuge / microcentrifuge): a cylinder with a tapered tip and a wider cap, grasped below the cap.
import { type AssetBuilder, param } from '../built-asset.js';

export const buildTube: AssetBuilder = (params, colors) => {
  const r = param(params, 'radiusM', 'tube');
  const h = param(params, 'heightM', 'tube');
  const capH = param(params, 'capHeightM', 'tube');
  const tipH = param(params, 'tipHeightM', 'tube');
  const bodyTop = h - capH;
  return {
    geoms: [
      {
        part: 'tip',
        geom: { type: 'cylinder', radiusM: r * 0.55, fromM: [0, 0, 0], toM: [0, 0, tipH], rgba: colors.body },
      },
      {
        part: 'body',
        geom: { type: 'cylinder', radiusM: r, fromM: [0, 0, tipH], toM: [0, 0, bodyTop], rgba: colors.body },
      },
      {
        part: 'cap',
        geom: {
          type: 'cylinder',
          radiusM: r * 1.15,
          fromM: [0, 0, bodyTop],
          toM: [0, 0, h],
          rgba: colors.cap,
        },
      },
    ],
    heightM: h,
    footprintHalfM: [r * 1.15, r * 1.15],
    grasp: { axis: 'x', widthM: 2 * r, zMinM: tipH, zMaxM: bodyTop },
  };
};
