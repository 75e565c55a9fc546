// Builder for a precision lab balance: a body with a front display, a round weighing pan on a post, a tare button.
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, frontButton } from './instrument-parts.js';

export const buildBalance: AssetBuilder = (params, colors) => {
  const id = 'balance';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const bodyZ = param(params, 'bodyHeightM', id);
  const panR = param(params, 'panRadiusM', id);
  const panT = param(params, 'panThicknessM', id);
  const postH = param(params, 'postHeightM', id);
  const [hx, hy] = [x / 2, y / 2];
  // The pan sits over the back of the body; the front strip holds the display and the button.
  const panY = hy - panR - 0.01;
  const panZ = bodyZ + postH;
  const displayT = 0.004;
  const button = frontButton({
    name: 'tare_button',
    xM: hx * 0.6,
    zM: bodyZ / 2,
    faceYM: -hy,
    radiusM: 0.007,
    rgba: colors.button,
    state: 'tareButtonPressed',
  });
  return {
    geoms: [
      boxPart('body', [-hx, -hy, 0], [hx, hy, bodyZ], colors.body),
      boxPart(
        'display',
        [-hx * 0.4, -hy - displayT, bodyZ * 0.25],
        [hx * 0.2, -hy, bodyZ * 0.8],
        colors.display,
      ),
      {
        part: 'post',
        geom: {
          type: 'cylinder',
          radiusM: 0.01,
          fromM: [0, panY, bodyZ],
          toM: [0, panY, panZ],
          rgba: colors.pan,
        },
      },
      {
        part: 'pan',
        geom: {
          type: 'cylinder',
          radiusM: panR,
          fromM: [0, panY, panZ],
          toM: [0, panY, panZ + panT],
          rgba: colors.pan,
        },
      },
    ],
    heightM: panZ + panT,
    footprintHalfM: [hx, hy + Math.max(displayT, button.protrudeM)],
    graspFrames: [button.frame],
    parts: [button.part],
    states: [button.state],
  };
};
