// Builder for bottle stoppers: a plug that drops into a neck bore under a wider head that rests on the rim.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';

export const buildStopper: AssetBuilder = (params, colors) => {
  const id = 'stopper';
  const rPlug = param(params, 'plugRadiusM', id);
  const plugH = param(params, 'plugHeightM', id);
  const rHead = param(params, 'headRadiusM', id);
  const headH = param(params, 'headHeightM', id);
  const h = plugH + headH;
  const head = topDownGrasp('head', { axis: 'x', widthM: 2 * rHead, zMinM: plugH, zMaxM: h });
  return {
    geoms: [
      {
        part: 'plug',
        geom: { type: 'cylinder', radiusM: rPlug, fromM: [0, 0, 0], toM: [0, 0, plugH], rgba: colors.body },
      },
      {
        part: 'head',
        geom: { type: 'cylinder', radiusM: rHead, fromM: [0, 0, plugH], toM: [0, 0, h], rgba: colors.body },
      },
    ],
    heightM: h,
    footprintHalfM: [rHead, rHead],
    grasp: head.grasp,
    graspFrames: [head.frame],
    plugDepthM: plugH,
  };
};
