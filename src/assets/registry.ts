// Registry of asset builders, keyed by the `builder` field of an asset family file.
import type { AssetFamily } from '../schemas/asset.js';
import { buildBlock } from './builders/block.js';
import { buildBottle } from './builders/bottle.js';
import { buildFlask } from './builders/flask.js';
import { buildOpenContainer } from './builders/open-container.js';
import { buildRod } from './builders/rod.js';
import { buildRoundContainer } from './builders/round-container.js';
import { buildStopper } from './builders/stopper.js';
import { buildTube } from './builders/tube.js';
import { buildTubeRack } from './builders/tube-rack.js';
import type { AssetBuilder } from './built-asset.js';

export const assetBuilders = {
  block: buildBlock,
  'open-container': buildOpenContainer,
  tube: buildTube,
  'tube-rack': buildTubeRack,
  'round-container': buildRoundContainer,
  flask: buildFlask,
  bottle: buildBottle,
  stopper: buildStopper,
  rod: buildRod,
} as const satisfies Record<AssetFamily['builder'], AssetBuilder>;
