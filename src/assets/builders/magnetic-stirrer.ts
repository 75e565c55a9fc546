// Builder for a magnetic hotplate stirrer: a housing with a ceramic top plate and two front knobs (stir speed, heat).
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, knob } from './instrument-parts.js';

export const buildMagneticStirrer: AssetBuilder = (params, colors) => {
  const id = 'magnetic-stirrer';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const z = param(params, 'sizeZM', id);
  const plate = param(params, 'plateSizeM', id);
  const plateT = param(params, 'plateThicknessM', id);
  const knobR = param(params, 'knobRadiusM', id);
  const knobH = param(params, 'knobHeightM', id);
  const [hx, hy] = [x / 2, y / 2];
  const housing = z - plateT;
  // The plate sits towards the back; the front strip of the housing carries the knobs.
  const plateCy = hy - plate / 2 - 0.005;
  // Control knobs turn from off (0) to full scale at 300 degrees, as on the real dial.
  const dial = (name: string, xM: number, state: string) =>
    knob({
      name,
      baseM: [xM, -hy, housing / 2],
      outward: [0, -1, 0],
      radiusM: knobR,
      heightM: knobH,
      range: [0, (300 * Math.PI) / 180],
      frictionloss: 0.03,
      rgba: colors.knob,
      state,
    });
  const stir = dial('stir_knob', -hx / 2, 'stirKnobAngleRad');
  const heat = dial('heat_knob', hx / 2, 'heatKnobAngleRad');
  return {
    geoms: [
      boxPart('housing', [-hx, -hy, 0], [hx, hy, housing], colors.body),
      boxPart(
        'plate',
        [-plate / 2, plateCy - plate / 2, housing],
        [plate / 2, plateCy + plate / 2, z],
        colors.plate,
      ),
    ],
    heightM: z,
    surface: { minM: [-plate / 2, plateCy - plate / 2, z], maxM: [plate / 2, plateCy + plate / 2, z] },
    footprintHalfM: [hx, hy + knobH + 0.005],
    graspFrames: [stir.frame, heat.frame],
    parts: [stir.part, heat.part],
    states: [stir.state, heat.state],
  };
};
