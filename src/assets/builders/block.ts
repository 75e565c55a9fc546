// Builder for box-shaped labware (tip boxes, plates): a body with a differently coloured top, grasped across its narrow side.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';

export const buildBlock: AssetBuilder = (params, colors) => {
  const x = param(params, 'sizeXM', 'block');
  const y = param(params, 'sizeYM', 'block');
  const z = param(params, 'sizeZM', 'block');
  const topM = Math.min(param(params, 'topThicknessM', 'block'), z / 2);
  const body = z - topM;
  const narrowAxis = x <= y ? 'x' : 'y';
  const top = topDownGrasp('body', { axis: narrowAxis, widthM: Math.min(x, y), zMinM: 0, zMaxM: z });
  return {
    geoms: [
      {
        part: 'body',
        geom: { type: 'box', halfSizeM: [x / 2, y / 2, body / 2], posM: [0, 0, body / 2], rgba: colors.body },
      },
      {
        part: 'top',
        geom: {
          type: 'box',
          halfSizeM: [x / 2, y / 2, topM / 2],
          posM: [0, 0, body + topM / 2],
          rgba: colors.top,
        },
      },
    ],
    heightM: z,
    footprintHalfM: [x / 2, y / 2],
    grasp: top.grasp,
    graspFrames: [top.frame],
  };
};
