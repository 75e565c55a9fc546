// Builder for a benchtop microcentrifuge: a base with a walled rotor chamber, a rotor with six tube holes, a lid
// hinged on the back edge, a start button.
import { quatFromAxisAngle, type Vec3 } from '../../motion/math3d.js';
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, frontButton, topLid } from './instrument-parts.js';
import type { GeomPart } from './stave-ring.js';

/** Tube holes in the rotor: one at each point of the six-pointed star its walls form. */
export const ROTOR_SLOT_COUNT = 6;

/*
 * The rotor's holes are vertical, not at a fixed rotor's 45 degrees: the pick and place skills work top-down,
 * so a vertical hole is one they can load and unload, and an angled hole needs a tilted floor and walls per
 * slot (4-5 geoms each) where the star below costs one geom per slot.
 *
 * Six walls standing on the rotor deck, laid along the edges of two interleaved equilateral triangles (a
 * six-pointed star), close off six small equilateral cells at the star's points: each is a hole walled on
 * three sides, the cheapest closed hole primitives allow, and every wall serves two holes. A cell whose edge
 * lines are s apart has an inscribed circle of s / (2 sqrt 3), less half a wall on each face; the big
 * triangles' circumradius is sqrt 3 s. A hub fills the hexagon in the middle so nothing drops in there.
 */
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
  const deck = param(params, 'rotorDeckM', id);
  const slotR = param(params, 'slotRadiusM', id);
  const slotWall = param(params, 'slotWallM', id);
  const [hx, hy] = [x / 2, y / 2];
  const rim = z - lidT;
  const floor = rim - depth;
  const deckTop = floor + deck;
  const rotorTop = floor + rotorH;
  // Circumradius of the star's two triangles, from the hole's inscribed radius (see above).
  const starR = 6 * (slotR + slotWall / 2);
  if (starR + slotWall > rotorR) throw new Error(`asset ${id}: rotor tube holes do not fit the rotor`);
  if (rotorH <= deck) throw new Error(`asset ${id}: rotorHeightM must exceed rotorDeckM`);
  const c = colors.body;
  // Slot 0 faces the operator (-y); the rest follow counter-clockwise seen from above.
  const slotAngle = (k: number) => -Math.PI / 2 + (2 * Math.PI * k) / ROTOR_SLOT_COUNT;
  const wallH = rotorTop - deckTop;
  const starWalls: GeomPart[] = [];
  const slots: Vec3[] = [];
  for (let k = 0; k < ROTOR_SLOT_COUNT; k++) {
    // The wall closing hole k on its inner side lies on the other triangle's edge, square to hole k's direction;
    // it runs past the triangle's corners far enough to fill the corners' outer notch.
    const a = slotAngle(k);
    const [ca, sa] = [Math.cos(a), Math.sin(a)];
    starWalls.push({
      part: 'rotor',
      geom: {
        type: 'box',
        halfSizeM: [slotWall / 2, (Math.sqrt(3) / 2) * (starR + slotWall), wallH / 2],
        posM: [(starR / 2) * ca, (starR / 2) * sa, deckTop + wallH / 2],
        quat: quatFromAxisAngle([0, 0, 1], a),
        rgba: colors.rotor,
      },
    });
    slots.push([((2 * starR) / 3) * ca, ((2 * starR) / 3) * sa, deckTop]);
  }
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
        toM: [0, 0, deckTop],
        rgba: colors.rotor,
      },
    },
    ...starWalls,
    {
      part: 'rotor',
      geom: {
        type: 'cylinder',
        radiusM: starR / 2 - slotWall / 2,
        fromM: [0, 0, deckTop],
        toM: [0, 0, rotorTop],
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
    // The chamber above the rotor, under the closed lid.
    container: {
      minM: [-hx + wall, -hy + wall, rotorTop],
      maxM: [hx - wall, hy - wall, rim],
    },
    // Floors of the rotor's tube holes (on the deck); a tube stood there is below the closed lid.
    slots,
    graspFrames: [lid.frame, button.frame],
    parts: [lid.part, button.part],
    states: [lid.state, button.state],
  };
};
