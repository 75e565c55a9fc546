// Builder for a benchtop microcentrifuge: a base with a walled rotor chamber, a lid hinged on the back edge, a start button.
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, frontButton, topLid } from './instrument-parts.js';
import type { GeomPart } from './stave-ring.js';

export const buildCentrifuge: AssetBuilder = (params, colors) => {
  const id = 'centrifuge';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const z = param(params, 'sizeZM', id);
  const wall = param(params, 'wallM', id);
  const lidT = param(params, 'lidThicknessM', id);
  const depth = param(params, 'chamberDepthM', id);
  const rotorR = param(params, 'rotorRadiusM', id);
  const rotorH = param(params, 'rotorHeightM', id);
  const [hx, hy] = [x / 2, y / 2];
  const rim = z - lidT;
  const floor = rim - depth;
  const c = colors.body;
  const geoms: GeomPart[] = [
    boxPart('base', [-hx, -hy, 0], [hx, hy, floor], c),
    boxPart('wall', [-hx, -hy, floor], [hx, -hy + wall, rim], c),
    boxPart('wall', [-hx, hy - wall, floor], [hx, hy, rim], c),
    boxPart('wall', [-hx, -hy + wall, floor], [-hx + wall, hy - wall, rim], c),
    boxPart('wall', [hx - wall, -hy + wall, floor], [hx, hy - wall, rim], c),
    {
      part: 'rotor',
      geom: {
        type: 'cylinder',
        radiusM: rotorR,
        fromM: [0, 0, floor],
        toM: [0, 0, floor + rotorH],
        rgba: colors.rotor,
      },
    },
  ];
  const handleM = 0.01;
  const lid = topLid({
    xHalfM: hx,
    frontYM: -hy,
    backYM: hy,
    bottomZM: rim,
    thicknessM: lidT,
    handleM,
    openRad: 1.9,
    massKg: param(params, 'lidMassKg', id),
    rgba: colors.lid,
    handleRgba: colors.lid,
  });
  const button = frontButton({
    name: 'start_button',
    xM: hx * 0.6,
    zM: floor / 2,
    faceYM: -hy,
    radiusM: 0.008,
    rgba: colors.button,
    state: 'startButtonPressed',
  });
  return {
    geoms,
    heightM: z,
    footprintHalfM: [hx, hy + Math.max(handleM, button.protrudeM)],
    // The chamber above the rotor, under the closed lid: where tubes go.
    container: {
      minM: [-hx + wall, -hy + wall, floor + rotorH],
      maxM: [hx - wall, hy - wall, rim],
    },
    parts: [lid.part, button.part],
    states: [lid.state, button.state],
  };
};
