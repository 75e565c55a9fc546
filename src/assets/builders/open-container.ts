// Builder for open-top containers (baskets, trays): a floor and four walls, hollow so objects can be dropped in.
import { type AssetBuilder, param } from '../built-asset.js';

/** How far below the top edge fingers pinching a wall reach. */
const RIM_PINCH_DEPTH_M = 0.01;

export const buildOpenContainer: AssetBuilder = (params, colors) => {
  const x = param(params, 'sizeXM', 'open-container');
  const y = param(params, 'sizeYM', 'open-container');
  const z = param(params, 'sizeZM', 'open-container');
  const wall = param(params, 'wallM', 'open-container');
  const floor = wall;
  const wallH = (z - floor) / 2;
  const c = colors.body;
  return {
    geoms: [
      {
        part: 'floor',
        geom: { type: 'box', halfSizeM: [x / 2, y / 2, floor / 2], posM: [0, 0, floor / 2], rgba: c },
      },
      {
        part: 'wall',
        geom: {
          type: 'box',
          halfSizeM: [wall / 2, y / 2, wallH],
          posM: [x / 2 - wall / 2, 0, floor + wallH],
          rgba: c,
        },
      },
      {
        part: 'wall',
        geom: {
          type: 'box',
          halfSizeM: [wall / 2, y / 2, wallH],
          posM: [-x / 2 + wall / 2, 0, floor + wallH],
          rgba: c,
        },
      },
      {
        part: 'wall',
        geom: {
          type: 'box',
          halfSizeM: [x / 2 - wall, wall / 2, wallH],
          posM: [0, y / 2 - wall / 2, floor + wallH],
          rgba: c,
        },
      },
      {
        part: 'wall',
        geom: {
          type: 'box',
          halfSizeM: [x / 2 - wall, wall / 2, wallH],
          posM: [0, -y / 2 + wall / 2, floor + wallH],
          rgba: c,
        },
      },
    ],
    heightM: z,
    footprintHalfM: [x / 2, y / 2],
    container: { minM: [-x / 2 + wall, -y / 2 + wall, floor], maxM: [x / 2 - wall, y / 2 - wall, z] },
    /*
     * Trays and baskets are wider than any parallel gripper opens: they are taken by the middle of the front
     * (-y) wall, one finger each side of it (so no top-down `grasp` across the whole tray).
     */
    graspFrames: [
      {
        name: 'rim',
        kind: 'pinch',
        posM: [0, -y / 2 + wall / 2, z - Math.min(RIM_PINCH_DEPTH_M, z - floor) / 2],
        approach: [0, 0, -1],
        closingAxis: [0, 1, 0],
        widthM: wall,
      },
    ],
  };
};
