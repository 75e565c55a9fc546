// Builder for narrow-mouth reagent bottles: a body, a stepped shoulder and a hollow stave neck that a stopper sits in.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';
import { staveCount, staveRing } from './stave-ring.js';

/*
 * The body is one solid cylinder: a hollow body would need a stave wall plus a stave shoulder closing it,
 * well over the geom budget, and nothing is ever put into a narrow-mouth bottle through its neck except
 * a stopper. The neck bore is real (floor + walls), so stoppers and dropped objects sit inside it.
 */
export const buildBottle: AssetBuilder = (params, colors) => {
  const id = 'bottle';
  const rBody = param(params, 'bodyRadiusM', id);
  const bodyH = param(params, 'bodyHeightM', id);
  const rShoulder = param(params, 'shoulderRadiusM', id);
  const shoulderH = param(params, 'shoulderHeightM', id);
  const rNeck = param(params, 'neckRadiusM', id);
  const neckH = param(params, 'neckHeightM', id);
  const wall = param(params, 'neckWallM', id);
  const n = staveCount(param(params, 'neckStaves', id), id);
  const neckBase = bodyH + shoulderH;
  const h = neckBase + neckH;
  const half = (rNeck - wall) / Math.SQRT2;
  const body = topDownGrasp('body', { axis: 'x', widthM: 2 * rBody, zMinM: 0, zMaxM: bodyH });
  return {
    geoms: [
      {
        part: 'body',
        geom: { type: 'cylinder', radiusM: rBody, fromM: [0, 0, 0], toM: [0, 0, bodyH], rgba: colors.body },
      },
      {
        part: 'shoulder',
        geom: {
          type: 'cylinder',
          radiusM: rShoulder,
          fromM: [0, 0, bodyH],
          toM: [0, 0, neckBase],
          rgba: colors.body,
        },
      },
      ...staveRing({
        bottomRadiusM: rNeck,
        topRadiusM: rNeck,
        wallM: wall,
        z0M: neckBase,
        z1M: h,
        count: n,
        rgba: colors.body,
        part: 'neck',
      }),
    ],
    heightM: h,
    footprintHalfM: [rBody, rBody],
    grasp: body.grasp,
    graspFrames: [
      body.frame,
      // Carried one-handed by the neck, as with a flask: staves 0 and n/2 face +x and -x when n is even.
      topDownGrasp('neck', { axis: 'x', widthM: 2 * rNeck, zMinM: neckBase, zMaxM: h }).frame,
    ],
    container: { minM: [-half, -half, neckBase], maxM: [half, half, h] },
  };
};
