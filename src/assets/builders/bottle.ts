// Builder for narrow-mouth reagent bottles: a body, a stepped shoulder and a hollow stave neck that a stopper sits in.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';
import { ringCircumradius, staveCount, staveRing } from './stave-ring.js';

/*
 * Hollow, so it can hold liquid under its stopper: a floor, a straight stave body, a stave shoulder leaning in
 * to the neck (as a flask's cone does) and the stave neck whose bore a stopper's plug drops into. The neck is
 * its `mouth`: a stopper seats with its head on the rim (scenes start one there with `seatedIn`).
 */
export const buildBottle: AssetBuilder = (params, colors) => {
  const id = 'bottle';
  const rBody = param(params, 'bodyRadiusM', id);
  const bodyH = param(params, 'bodyHeightM', id);
  const shoulderH = param(params, 'shoulderHeightM', id);
  const rNeck = param(params, 'neckRadiusM', id);
  const neckH = param(params, 'neckHeightM', id);
  const wall = param(params, 'neckWallM', id);
  const n = staveCount(param(params, 'neckStaves', id), id);
  const nBody = staveCount(param(params, 'bodyStaves', id), id);
  const nShoulder = staveCount(param(params, 'shoulderStaves', id), id);
  const floor = param(params, 'floorM', id);
  const bodyWall = param(params, 'bodyWallM', id);
  const neckBase = bodyH + shoulderH;
  const h = neckBase + neckH;
  const half = (rNeck - wall) / Math.SQRT2;
  const bodyHalf = (rBody - bodyWall) / Math.SQRT2;
  const body = topDownGrasp('body', { axis: 'x', widthM: 2 * rBody, zMinM: 0, zMaxM: bodyH });
  return {
    geoms: [
      // It stands on a square foot under its round floor: a cylinder standing on the bench touches it at one point
      // (MuJoCo's general convex collider), and a bottle stood down rocked on it by 2 degrees, its rim by 5 mm,
      // too much for a stopper's plug 1.2 mm narrower than the bore; a box on the bench touches at its corners.
      {
        part: 'floor',
        geom: {
          type: 'box',
          halfSizeM: [(rBody * 0.95) / Math.SQRT2, (rBody * 0.95) / Math.SQRT2, floor / 4],
          posM: [0, 0, floor / 4],
          rgba: colors.body,
        },
      },
      {
        part: 'floor',
        geom: {
          type: 'cylinder',
          radiusM: rBody,
          fromM: [0, 0, floor / 2],
          toM: [0, 0, floor],
          rgba: colors.body,
        },
      },
      ...staveRing({
        bottomRadiusM: rBody,
        topRadiusM: rBody,
        wallM: bodyWall,
        z0M: floor,
        z1M: bodyH,
        count: nBody,
        rgba: colors.body,
        part: 'body',
      }),
      ...staveRing({
        bottomRadiusM: rBody,
        topRadiusM: rNeck,
        wallM: bodyWall,
        z0M: bodyH,
        z1M: neckBase,
        count: nShoulder,
        rgba: colors.body,
        part: 'shoulder',
      }),
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
    footprintHalfM: [ringCircumradius(rBody, nBody), ringCircumradius(rBody, nBody)],
    grasp: body.grasp,
    graspFrames: [
      body.frame,
      // Carried one-handed by the neck, as with a flask: staves 0 and n/2 face +x and -x when n is even.
      topDownGrasp('neck', { axis: 'x', widthM: 2 * rNeck, zMinM: neckBase, zMaxM: h }).frame,
    ],
    // The interior box fits through the bore (the liquid counter adds the body's round footprint below it).
    container: { minM: [-half, -half, floor], maxM: [half, half, h] },
    mouth: { rimM: [0, 0, h], boreRadiusM: rNeck - wall },
    fillBox: { minM: [-bodyHalf, -bodyHalf, floor], maxM: [bodyHalf, bodyHalf, bodyH] },
  };
};
