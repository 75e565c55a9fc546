// Builder for lab tubes (centrifuge / microcentrifuge): a cylinder with a tapered tip and a wider cap, grasped below the cap.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';

export const buildTube: AssetBuilder = (params, colors) => {
  const r = param(params, 'radiusM', 'tube');
  const h = param(params, 'heightM', 'tube');
  const capH = param(params, 'capHeightM', 'tube');
  const tipH = param(params, 'tipHeightM', 'tube');
  const bodyTop = h - capH;
  const rCap = r * 1.15;
  const body = topDownGrasp('body', { axis: 'x', widthM: 2 * r, zMinM: tipH, zMaxM: bodyTop });
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
          radiusM: rCap,
          fromM: [0, 0, bodyTop],
          toM: [0, 0, h],
          rgba: colors.cap,
        },
      },
    ],
    heightM: h,
    footprintHalfM: [rCap, rCap],
    grasp: body.grasp,
    graspFrames: [
      body.frame,
      // Lifting a tube out of a deep rotor or rack hole by its cap, the only part that stands clear.
      topDownGrasp('cap', { axis: 'x', widthM: 2 * rCap, zMinM: bodyTop, zMaxM: h }).frame,
    ],
  };
};
