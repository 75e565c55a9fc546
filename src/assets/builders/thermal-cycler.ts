// Builder for a benchtop PCR thermal cycler: a body whose sample block sits in a recessed plate seat, a heated lid
// hinged behind the block carrying a pressure screw knob, and a start button under a front display.
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, frontButton, knob, topLid } from './instrument-parts.js';

/** The block stands this far above the body under it, so its colour, not the body's, shows on the seat floor. */
const BLOCK_PROUD_M = 0.002;
const BLOCK_THICKNESS_M = 0.01;

export const buildThermalCycler: AssetBuilder = (params, colors) => {
  const id = 'thermal-cycler';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const z = param(params, 'sizeZM', id);
  const lidT = param(params, 'lidThicknessM', id);
  const lidDepth = param(params, 'lidDepthM', id);
  const blockX = param(params, 'blockSizeXM', id);
  const blockY = param(params, 'blockSizeYM', id);
  const seatDepth = param(params, 'seatDepthM', id);
  const knobR = param(params, 'knobRadiusM', id);
  const knobH = param(params, 'knobHeightM', id);
  const [hx, hy] = [x / 2, y / 2];
  const [bx, by] = [blockX / 2, blockY / 2];
  if (bx >= hx || by >= hy) throw new Error(`asset ${id}: the block must fit inside the body`);
  // The heated lid covers the front of the top, block included, hinged where it ends; the body behind it is bare.
  const lidBackY = -hy + lidDepth;
  if (lidBackY <= by || lidBackY > hy)
    throw new Error(`asset ${id}: the lid must cover the block and fit on the body`);
  const top = z - lidT - knobH;
  // The plate seat: a pocket the size of the block, its floor the block's top, walled by the body's top rim.
  const seatFloor = top - seatDepth;
  const under = seatFloor - BLOCK_PROUD_M;
  const displayT = 0.004;
  const handleM = 0.012;
  const lid = topLid({
    xHalfM: hx,
    frontYM: -hy,
    backYM: lidBackY,
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
  const c = colors.body;
  return {
    geoms: [
      boxPart('body', [-hx, -hy, 0], [hx, hy, under], c),
      boxPart('rim', [-hx, -hy, under], [hx, -by, top], c),
      boxPart('rim', [-hx, by, under], [hx, hy, top], c),
      boxPart('rim', [-hx, -by, under], [-bx, by, top], c),
      boxPart('rim', [bx, -by, under], [hx, by, top], c),
      boxPart('block', [-bx, -by, seatFloor - BLOCK_THICKNESS_M], [bx, by, seatFloor], colors.block),
      boxPart('display', [-hx * 0.8, -hy - displayT, top * 0.5], [hx * 0.8, -hy, top * 0.9], colors.display),
    ],
    // The knob's ridge stands 2 mm proud of its cap.
    heightM: z + 0.002,
    footprintHalfM: [hx, hy + Math.max(handleM, displayT, button.protrudeM)],
    /*
     * The plate seat, open to the top while the lid is open: a plate set in it rests on the block, kept in
     * place by the rim, and (as deep as the tallest plate) lies under the closed lid.
     */
    container: { minM: [-bx, -by, seatFloor], maxM: [bx, by, top] },
    // The seat as slot 0, so a scene can start with a plate in it (`inSlotOf`), long side along x.
    slots: [[0, 0, seatFloor]],
    graspFrames: [lid.frame, screw.frame, button.frame],
    parts: [lid.part, screw.part, button.part],
    states: [lid.state, screw.state, button.state],
  };
};
