// Builder for round open vessels (beakers, vials, graduated cylinders, petri dishes): a disc floor and a stave wall, hollow inside.
import { type AssetBuilder, optionalParam, param } from '../built-asset.js';
import { type GeomPart, ringCircumradius, staveCount, staveRing } from './stave-ring.js';

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
  return {
    geoms,
    heightM: h,
    footprintHalfM: [reach, reach],
    grasp: { axis: 'x', widthM: 2 * r, zMinM: floorTop, zMaxM: h },
    container: { minM: [-half, -half, floorTop], maxM: [half, half, h] },
  };
};
