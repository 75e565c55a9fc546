// Builder for round open vessels (beakers, vials, graduated cylinders, petri dishes): a disc floor and a stave wall, hollow inside.
import { type AssetBuilder, optionalParam, param, topDownGrasp } from '../built-asset.js';
import { type GeomPart, ringCircumradius, staveCount, staveRing } from './stave-ring.js';

/** How far below the rim fingers pinching the wall reach: the top centimetre, or the whole wall if lower. */
const RIM_PINCH_DEPTH_M = 0.01;

export const buildRoundContainer: AssetBuilder = (params, colors) => {
  const id = 'round-container';
  const r = param(params, 'radiusM', id);
  const h = param(params, 'heightM', id);
  const wall = param(params, 'wallM', id);
  const floor = param(params, 'floorM', id);
  const n = staveCount(param(params, 'staves', id), id);
  // Tall narrow vessels (graduated cylinders) stand on a wider foot; without one the vessel stands on its floor.
  const footR = optionalParam(params, 'footRadiusM', 0);
  const footH = footR > 0 ? param(params, 'footHeightM', id) : 0;
  const geoms: GeomPart[] = [];
  if (footR > 0) {
    geoms.push({
      part: 'foot',
      geom: {
        type: 'cylinder',
        radiusM: footR,
        fromM: [0, 0, 0],
        toM: [0, 0, footH],
        rgba: colors.foot ?? colors.body,
      },
    });
  }
  const floorTop = footH + floor;
  geoms.push({
    part: 'floor',
    // Radius r is the n-gon's inscribed circle, so the disc never pokes out between staves.
    geom: { type: 'cylinder', radiusM: r, fromM: [0, 0, footH], toM: [0, 0, floorTop], rgba: colors.body },
  });
  geoms.push(
    ...staveRing({
      bottomRadiusM: r,
      topRadiusM: r,
      wallM: wall,
      z0M: floorTop,
      z1M: h,
      count: n,
      rgba: colors.body,
      part: 'wall',
    }),
  );
  // The largest axis-aligned square inside the inner circle: everything in it is clear of the wall.
  const half = (r - wall) / Math.SQRT2;
  const reach = Math.max(footR, ringCircumradius(r, n));
  const body = topDownGrasp('body', { axis: 'x', widthM: 2 * r, zMinM: floorTop, zMaxM: h });
  const pinchDepth = Math.min(RIM_PINCH_DEPTH_M, h - floorTop);
  return {
    geoms,
    heightM: h,
    footprintHalfM: [reach, reach],
    grasp: body.grasp,
    graspFrames: [
      body.frame,
      /*
       * One finger inside, one outside the wall at the edge of the vessel: how a petri dish (90 mm, wider
       * than an 80 mm hand opens) or a large beaker is lifted. Stave 0 faces +x, so the wall there is flat.
       */
      {
        name: 'rim',
        kind: 'pinch',
        posM: [r - wall / 2, 0, h - pinchDepth / 2],
        approach: [0, 0, -1],
        closingAxis: [1, 0, 0],
        widthM: wall,
      },
    ],
    container: { minM: [-half, -half, floorTop], maxM: [half, half, h] },
  };
};
