// Registry of asset builders, keyed by the `builder` field of an asset family file.
import type { AssetFamily } from '../schemas/asset.js';
import { buildBlock } from './builders/block.js';
import { buildOpenContainer } from './builders/open-container.js';
import { buildTube } from './builders/tube.js';
import { buildTubeRack } from './builders/tube-rack.js';
import type { AssetBuilder } from './built-asset.js';

export const assetBuilders = {
  block: buildBlock,
  'open-container': buildOpenContainer,
  tube: buildTube,
  'tube-rack': buildTubeRack,
} as const satisfies Record<AssetFamily['builder'], AssetBuilder>;
