// Builder for a benchtop cabinet with one drawer on a slide; the drawer's interior is the container region.
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, PART_FLOOR_CLEARANCE_M } from './instrument-parts.js';

export const buildCabinetDrawer: AssetBuilder = (params, colors) => {
  const id = 'cabinet-drawer';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const z = param(params, 'sizeZM', id);
  const wall = param(params, 'wallM', id);
  const drawerWall = param(params, 'drawerWallM', id);
  const frontT = param(params, 'frontThicknessM', id);
  const travel = param(params, 'travelM', id);
  const gap = 0.004;
  const [hx, hy] = [x / 2, y / 2];
  const c = colors.body;
  const d = colors.drawer;
  // The drawer box inside the cabinet opening, clear of its walls by `gap`.
  const dx0 = -hx + wall + gap;
  const dx1 = hx - wall - gap;
  const dy1 = hy - wall - gap;
  const dz0 = wall + gap;
  const dz1 = z - wall - gap;
  const handleM = 0.03;
  const handleHalfZ = 0.008;
  return {
    geoms: [
      boxPart('floor', [-hx, -hy, 0], [hx, hy, wall], c),
      boxPart('top', [-hx, -hy, z - wall], [hx, hy, z], c),
      boxPart('wall', [-hx, hy - wall, wall], [hx, hy, z - wall], c),
      boxPart('wall', [-hx, -hy, wall], [-hx + wall, hy - wall, z - wall], c),
      boxPart('wall', [hx - wall, -hy, wall], [hx, hy - wall, z - wall], c),
    ],
    heightM: z,
    footprintHalfM: [hx, hy + frontT + handleM],
    /*
     * The drawer's interior in its closed pose (extension 0). It moves with the drawer: at extension e the
     * region is this box shifted by e along -y (the drawer joint's axis).
     */
    container: {
      minM: [dx0 + drawerWall, -hy, dz0 + drawerWall],
      maxM: [dx1 - drawerWall, dy1 - drawerWall, dz1],
    },
    parts: [
      {
        name: 'drawer',
        joint: {
          type: 'slide',
          axis: [0, -1, 0],
          posM: [0, -hy, z / 2],
          range: [0, travel],
          // Runner friction: a drawer stays where it is left and needs a few newtons to start moving.
          damping: 5,
          frictionloss: 2,
        },
        geoms: [
          boxPart(
            'drawer_front',
            [-hx + gap, -hy - frontT, PART_FLOOR_CLEARANCE_M],
            [hx - gap, -hy, z - gap],
            d,
          ),
          boxPart('drawer', [dx0, -hy, dz0], [dx1, dy1, dz0 + drawerWall], d),
          boxPart('drawer', [dx0, -hy, dz0 + drawerWall], [dx0 + drawerWall, dy1, dz1], d),
          boxPart('drawer', [dx1 - drawerWall, -hy, dz0 + drawerWall], [dx1, dy1, dz1], d),
          boxPart(
            'drawer',
            [dx0 + drawerWall, dy1 - drawerWall, dz0 + drawerWall],
            [dx1 - drawerWall, dy1, dz1],
            d,
          ),
          boxPart(
            'drawer_handle',
            [-0.05, -hy - frontT - handleM, z / 2 - handleHalfZ],
            [0.05, -hy - frontT, z / 2 + handleHalfZ],
            colors.handle,
          ),
        ],
        massKg: param(params, 'drawerMassKg', id),
      },
    ],
    states: [{ name: 'drawerExtensionM', joint: 'drawer', kind: 'extension' }],
    // The handle bar pinched top and bottom by a hand coming from the front, then pulled along -y.
    graspFrames: [
      {
        name: 'drawer_handle',
        part: 'drawer',
        kind: 'pinch',
        posM: [0, -hy - frontT - handleM / 2, z / 2],
        approach: [0, 1, 0],
        closingAxis: [0, 0, 1],
        widthM: 2 * handleHalfZ,
      },
    ],
  };
};
