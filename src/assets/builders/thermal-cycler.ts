// Builder for a benchtop PCR thermal cycler: a body with a sample block, a heated lid hinged at the back
// carrying a pressure screw knob, and a start button under a front display.
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, frontButton, knob, topLid } from './instrument-parts.js';

export const buildThermalCycler: AssetBuilder = (params, colors) => {
  const id = 'thermal-cycler';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const z = param(params, 'sizeZM', id);
  const lidT = param(params, 'lidThicknessM', id);
  const blockX = param(params, 'blockSizeXM', id);
  const blockY = param(params, 'blockSizeYM', id);
  const knobR = param(params, 'knobRadiusM', id);
  const knobH = param(params, 'knobHeightM', id);
  const [hx, hy] = [x / 2, y / 2];
  const top = z - lidT - knobH;
  const displayT = 0.004;
  const handleM = 0.012;
  const lid = topLid({
    xHalfM: hx,
    frontYM: -hy,
    backYM: hy,
    bottomZM: top,
    thicknessM: lidT,
    handleM,
    openRad: 1.75,
    massKg: param(params, 'lidMassKg', id),
    rgba: colors.lid,
    handleRgba: colors.lid,
  });
  const screw = knob({
    name: 'knob',
    parent: 'lid',
    baseM: [0, 0, top + lidT],
    outward: [0, 0, 1],
    radiusM: knobR,
    heightM: knobH,
    // About two turns either way; the screw is stiffer to turn than a control knob.
    range: [-2 * Math.PI, 2 * Math.PI],
    frictionloss: 0.05,
    rgba: colors.knob,
    state: 'knobAngleRad',
  });
  const button = frontButton({
    name: 'start_button',
    xM: hx * 0.5,
    zM: top * 0.3,
    faceYM: -hy,
    radiusM: 0.008,
    rgba: colors.button,
    state: 'startButtonPressed',
  });
  return {
    geoms: [
      boxPart('body', [-hx, -hy, 0], [hx, hy, top], colors.body),
      // The sample block, flush with the top so tubes and plates sit on it under the lid.
      boxPart(
        'block',
        [-blockX / 2, -blockY / 2, top - 0.01],
        [blockX / 2, blockY / 2, top + 0.001],
        colors.block,
      ),
      boxPart('display', [-hx * 0.8, -hy - displayT, top * 0.5], [hx * 0.8, -hy, top * 0.9], colors.display),
    ],
    // The knob's ridge stands 2 mm proud of its cap.
    heightM: z + 0.002,
    footprintHalfM: [hx, hy + Math.max(handleM, displayT, button.protrudeM)],
    parts: [lid.part, screw.part, button.part],
    states: [lid.state, screw.state, button.state],
  };
};
