// Builder for tube racks: a base plate with a grid of low walls forming square cells that hold tubes upright.

import type { Vec3 } from '../../motion/math3d.js';
import type { PrimitiveGeom } from '../../schemas/common.js';
import { type AssetBuilder, param } from '../built-asset.js';

export const buildTubeRack: AssetBuilder = (params, colors) => {
  const rows = Math.round(param(params, 'rows', 'tube-rack'));
  const cols = Math.round(param(params, 'cols', 'tube-rack'));
  const pitch = param(params, 'pitchM', 'tube-rack');
  const wallH = param(params, 'wallHeightM', 'tube-rack');
  const wall = param(params, 'wallM', 'tube-rack');
  const baseH = param(params, 'baseM', 'tube-rack');
  const sx = cols * pitch + wall;
  const sy = rows * pitch + wall;
  const c = colors.body;
  const geoms: Array<{ geom: PrimitiveGeom; part: string }> = [
    {
      part: 'base',
      geom: { type: 'box', halfSizeM: [sx / 2, sy / 2, baseH / 2], posM: [0, 0, baseH / 2], rgba: c },
    },
  ];
  for (let i = 0; i <= cols; i++) {
    const x = -sx / 2 + wall / 2 + i * pitch;
    geoms.push({
      part: 'wall',
      geom: {
        type: 'box',
        halfSizeM: [wall / 2, sy / 2, wallH / 2],
        posM: [x, 0, baseH + wallH / 2],
        rgba: c,
      },
    });
  }
  for (let j = 0; j <= rows; j++) {
    const y = -sy / 2 + wall / 2 + j * pitch;
    geoms.push({
      part: 'wall',
      geom: {
        type: 'box',
        halfSizeM: [sx / 2, wall / 2, wallH / 2],
        posM: [0, y, baseH + wallH / 2],
        rgba: c,
      },
    });
  }
  const slots: Vec3[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      slots.push([-sx / 2 + wall / 2 + (i + 0.5) * pitch, -sy / 2 + wall / 2 + (j + 0.5) * pitch, baseH]);
    }
  }
  return { geoms, heightM: baseH + wallH, footprintHalfM: [sx / 2, sy / 2], slots };
};
