// Builder for conical flasks (Erlenmeyer): a floor, staves leaning inward to the shoulder, and a straight stave neck; grasped at the neck.
import { type AssetBuilder, param, topDownGrasp } from '../built-asset.js';
import { type GeomPart, ringCircumradius, staveCount, staveRing } from './stave-ring.js';

export const buildFlask: AssetBuilder = (params, colors) => {
  const id = 'flask';
  const rBase = param(params, 'baseRadiusM', id);
  const coneH = param(params, 'coneHeightM', id);
  const rNeck = param(params, 'neckRadiusM', id);
  const neckH = param(params, 'neckHeightM', id);
  const wall = param(params, 'wallM', id);
  const floor = param(params, 'floorM', id);
  const n = staveCount(param(params, 'staves', id), id);
  const nNeck = staveCount(param(params, 'neckStaves', id), id);
  if (rNeck >= rBase) throw new Error(`asset ${id}: neckRadiusM must be below baseRadiusM`);
  const h = coneH + neckH;
  const geoms: GeomPart[] = [
    {
      part: 'floor',
      geom: { type: 'cylinder', radiusM: rBase, fromM: [0, 0, 0], toM: [0, 0, floor], rgba: colors.body },
    },
    ...staveRing({
      bottomRadiusM: rBase,
      topRadiusM: rNeck,
      wallM: wall,
      z0M: floor,
      z1M: coneH,
      count: n,
      rgba: colors.body,
      part: 'body',
    }),
    ...staveRing({
      bottomRadiusM: rNeck,
      topRadiusM: rNeck,
      wallM: wall,
      z0M: coneH,
      z1M: h,
      count: nNeck,
      rgba: colors.body,
      part: 'neck',
    }),
  ];
  // The interior box must fit through the neck bore, the narrowest place from floor to mouth.
  const half = (rNeck - wall) / Math.SQRT2;
  const reach = ringCircumradius(rBase, n);
  const neck = topDownGrasp('neck', { axis: 'x', widthM: 2 * rNeck, zMinM: coneH, zMaxM: h });
  return {
    geoms,
    heightM: h,
    footprintHalfM: [reach, reach],
    grasp: neck.grasp,
    graspFrames: [neck.frame],
    container: { minM: [-half, -half, floor], maxM: [half, half, h] },
  };
};
