// Builder for a benchtop incubator: an insulated box with a shelf and a front door hinged on its left edge.
import { type AssetBuilder, param } from '../built-asset.js';
import { boxPart, PART_FLOOR_CLEARANCE_M } from './instrument-parts.js';

export const buildIncubator: AssetBuilder = (params, colors) => {
  const id = 'incubator';
  const x = param(params, 'sizeXM', id);
  const y = param(params, 'sizeYM', id);
  const z = param(params, 'sizeZM', id);
  const wall = param(params, 'wallM', id);
  const doorT = param(params, 'doorThicknessM', id);
  const shelfZ = param(params, 'shelfHeightM', id);
  const shelfT = 0.005;
  const [hx, hy] = [x / 2, y / 2];
  const c = colors.body;
  const handleM = 0.025;
  // The vertical handle bar near the door's free edge.
  const handle = { x0: hx - 0.05, x1: hx - 0.03 };
  const hinge = { x: -hx, y: -hy - doorT };
  return {
    geoms: [
      boxPart('floor', [-hx, -hy, 0], [hx, hy, wall], c),
      boxPart('roof', [-hx, -hy, z - wall], [hx, hy, z], c),
      boxPart('wall', [-hx, hy - wall, wall], [hx, hy, z - wall], c),
      boxPart('wall', [-hx, -hy, wall], [-hx + wall, hy - wall, z - wall], c),
      boxPart('wall', [hx - wall, -hy, wall], [hx, hy - wall, z - wall], c),
      boxPart('shelf', [-hx + wall, -hy, shelfZ - shelfT], [hx - wall, hy - wall, shelfZ], colors.shelf),
    ],
    heightM: z,
    footprintHalfM: [hx, hy + doorT + handleM],
    // The compartment above the shelf with the door shut; it is open to the front while the door is open.
    container: { minM: [-hx + wall, -hy, shelfZ], maxM: [hx - wall, hy - wall, z - wall] },
    parts: [
      {
        name: 'door',
        joint: {
          type: 'hinge',
          // About -z: positive angles swing the free (right) edge out towards the operator.
          axis: [0, 0, -1],
          posM: [hinge.x, hinge.y, 0],
          range: [0, 1.9],
          // The gasket's drag: the door stays wherever it is left.
          damping: 0.1,
          frictionloss: 0.3,
        },
        geoms: [
          boxPart('door', [-hx, -hy - doorT, PART_FLOOR_CLEARANCE_M], [hx, -hy, z], colors.door),
          boxPart(
            'door_handle',
            [handle.x0, -hy - doorT - handleM, z * 0.35],
            [handle.x1, -hy - doorT, z * 0.65],
            colors.handle,
          ),
        ],
        massKg: param(params, 'doorMassKg', id),
      },
    ],
    states: [{ name: 'doorAngleRad', joint: 'door', kind: 'angle' }],
    // The handle bar pinched from the sides by a hand coming from the front, then swung open.
    graspFrames: [
      {
        name: 'door_handle',
        part: 'door',
        kind: 'pinch',
        posM: [(handle.x0 + handle.x1) / 2, -hy - doorT - handleM / 2, z / 2],
        approach: [0, 1, 0],
        closingAxis: [1, 0, 0],
        widthM: handle.x1 - handle.x0,
      },
    ],
  };
};
