// Registry of asset builders, keyed by the `builder` field of an asset family file.
import type { AssetFamily } from '../schemas/asset.js';
import { buildBalance } from './builders/balance.js';
import { buildBlock } from './builders/block.js';
import { buildBottle } from './builders/bottle.js';
import { buildCabinetDrawer } from './builders/cabinet-drawer.js';
import { buildCentrifuge } from './builders/centrifuge.js';
import { buildFlask } from './builders/flask.js';
import { buildIncubator } from './builders/incubator.js';
import { buildMagneticStirrer } from './builders/magnetic-stirrer.js';
import { buildOpenContainer } from './builders/open-container.js';
import { buildRod } from './builders/rod.js';
import { buildRoundContainer } from './builders/round-container.js';
import { buildStopper } from './builders/stopper.js';
import { buildThermalCycler } from './builders/thermal-cycler.js';
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
  centrifuge: buildCentrifuge,
  'thermal-cycler': buildThermalCycler,
  'magnetic-stirrer': buildMagneticStirrer,
  incubator: buildIncubator,
  'cabinet-drawer': buildCabinetDrawer,
  balance: buildBalance,
} as const satisfies Record<AssetFamily['builder'], AssetBuilder>;
